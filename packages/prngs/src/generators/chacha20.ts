import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";
import { splitmix64Outputs } from "./splitmix64.js";

// ChaCha20 as a generator: the RFC 8439 §2.3 block function (20 rounds) with a 12-byte all-zero nonce and
// a 32-bit block counter from 0; the output stream is the 16 little-endian 32-bit words of each 64-byte
// keystream block, blocks in order (the counter wraps modulo 2^32 after 2^32 blocks, 256 GiB).
// Seeding: the 256-bit key is 4 successive splitmix64 outputs from x = seed, key word 2i = lo32(out i),
// 2i+1 = hi32(out i) (i.e. the little-endian bytes of the 4 outputs).

const info: PrngInfo = {
  name: "chacha20",
  aliases: ["chacha"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 64,
  description:
    "ChaCha20 keystream (RFC 8439 §2.3 block function, zero nonce, 32-bit block counter from 0); key = 4 splitmix64 outputs from x = seed, little-endian",
};

/**
 * The RFC 8439 §2.3 ChaCha20 block function: writes the 16 words of the keystream block for `key`
 * (8 words), `counter` and `nonce` (3 words) into out[0..15]. Words are the little-endian 32-bit values of
 * the serialized block.
 */
export function chacha20Block(key: Uint32Array, counter: number, nonce: Uint32Array, out: Uint32Array): void {
  const j0 = 0x61707865;
  const j1 = 0x3320646e;
  const j2 = 0x79622d32;
  const j3 = 0x6b206574;
  const j4 = key[0] | 0;
  const j5 = key[1] | 0;
  const j6 = key[2] | 0;
  const j7 = key[3] | 0;
  const j8 = key[4] | 0;
  const j9 = key[5] | 0;
  const j10 = key[6] | 0;
  const j11 = key[7] | 0;
  const j12 = counter | 0;
  const j13 = nonce[0] | 0;
  const j14 = nonce[1] | 0;
  const j15 = nonce[2] | 0;
  let x0 = j0;
  let x1 = j1;
  let x2 = j2;
  let x3 = j3;
  let x4 = j4;
  let x5 = j5;
  let x6 = j6;
  let x7 = j7;
  let x8 = j8;
  let x9 = j9;
  let x10 = j10;
  let x11 = j11;
  let x12 = j12;
  let x13 = j13;
  let x14 = j14;
  let x15 = j15;
  let t = 0;
  for (let r = 0; r < 10; r++) {
    // Column round: QR(0,4,8,12) QR(1,5,9,13) QR(2,6,10,14) QR(3,7,11,15).
    x0 = (x0 + x4) | 0; t = x12 ^ x0; x12 = (t << 16) | (t >>> 16);
    x8 = (x8 + x12) | 0; t = x4 ^ x8; x4 = (t << 12) | (t >>> 20);
    x0 = (x0 + x4) | 0; t = x12 ^ x0; x12 = (t << 8) | (t >>> 24);
    x8 = (x8 + x12) | 0; t = x4 ^ x8; x4 = (t << 7) | (t >>> 25);
    x1 = (x1 + x5) | 0; t = x13 ^ x1; x13 = (t << 16) | (t >>> 16);
    x9 = (x9 + x13) | 0; t = x5 ^ x9; x5 = (t << 12) | (t >>> 20);
    x1 = (x1 + x5) | 0; t = x13 ^ x1; x13 = (t << 8) | (t >>> 24);
    x9 = (x9 + x13) | 0; t = x5 ^ x9; x5 = (t << 7) | (t >>> 25);
    x2 = (x2 + x6) | 0; t = x14 ^ x2; x14 = (t << 16) | (t >>> 16);
    x10 = (x10 + x14) | 0; t = x6 ^ x10; x6 = (t << 12) | (t >>> 20);
    x2 = (x2 + x6) | 0; t = x14 ^ x2; x14 = (t << 8) | (t >>> 24);
    x10 = (x10 + x14) | 0; t = x6 ^ x10; x6 = (t << 7) | (t >>> 25);
    x3 = (x3 + x7) | 0; t = x15 ^ x3; x15 = (t << 16) | (t >>> 16);
    x11 = (x11 + x15) | 0; t = x7 ^ x11; x7 = (t << 12) | (t >>> 20);
    x3 = (x3 + x7) | 0; t = x15 ^ x3; x15 = (t << 8) | (t >>> 24);
    x11 = (x11 + x15) | 0; t = x7 ^ x11; x7 = (t << 7) | (t >>> 25);
    // Diagonal round: QR(0,5,10,15) QR(1,6,11,12) QR(2,7,8,13) QR(3,4,9,14).
    x0 = (x0 + x5) | 0; t = x15 ^ x0; x15 = (t << 16) | (t >>> 16);
    x10 = (x10 + x15) | 0; t = x5 ^ x10; x5 = (t << 12) | (t >>> 20);
    x0 = (x0 + x5) | 0; t = x15 ^ x0; x15 = (t << 8) | (t >>> 24);
    x10 = (x10 + x15) | 0; t = x5 ^ x10; x5 = (t << 7) | (t >>> 25);
    x1 = (x1 + x6) | 0; t = x12 ^ x1; x12 = (t << 16) | (t >>> 16);
    x11 = (x11 + x12) | 0; t = x6 ^ x11; x6 = (t << 12) | (t >>> 20);
    x1 = (x1 + x6) | 0; t = x12 ^ x1; x12 = (t << 8) | (t >>> 24);
    x11 = (x11 + x12) | 0; t = x6 ^ x11; x6 = (t << 7) | (t >>> 25);
    x2 = (x2 + x7) | 0; t = x13 ^ x2; x13 = (t << 16) | (t >>> 16);
    x8 = (x8 + x13) | 0; t = x7 ^ x8; x7 = (t << 12) | (t >>> 20);
    x2 = (x2 + x7) | 0; t = x13 ^ x2; x13 = (t << 8) | (t >>> 24);
    x8 = (x8 + x13) | 0; t = x7 ^ x8; x7 = (t << 7) | (t >>> 25);
    x3 = (x3 + x4) | 0; t = x14 ^ x3; x14 = (t << 16) | (t >>> 16);
    x9 = (x9 + x14) | 0; t = x4 ^ x9; x4 = (t << 12) | (t >>> 20);
    x3 = (x3 + x4) | 0; t = x14 ^ x3; x14 = (t << 8) | (t >>> 24);
    x9 = (x9 + x14) | 0; t = x4 ^ x9; x4 = (t << 7) | (t >>> 25);
  }
  out[0] = x0 + j0;
  out[1] = x1 + j1;
  out[2] = x2 + j2;
  out[3] = x3 + j3;
  out[4] = x4 + j4;
  out[5] = x5 + j5;
  out[6] = x6 + j6;
  out[7] = x7 + j7;
  out[8] = x8 + j8;
  out[9] = x9 + j9;
  out[10] = x10 + j10;
  out[11] = x11 + j11;
  out[12] = x12 + j12;
  out[13] = x13 + j13;
  out[14] = x14 + j14;
  out[15] = x15 + j15;
}

export class ChaCha20 implements Prng {
  readonly info = info;
  private readonly key = new Uint32Array(8);
  private readonly nonce = new Uint32Array(3); // always zero
  private counter = 0; // the next block's counter (mod 2^32, as an int32 bit pattern)
  private readonly block = new Uint32Array(16); // the current keystream block
  private pos = 16; // next unread word of block; 16 = none left

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  /** key = the little-endian bytes of splitmix64 outputs 1..4 from x = seed; counter = 0. */
  seed(seed: bigint): void {
    const outs = splitmix64Outputs(seed, 4);
    for (let i = 0; i < 4; i++) {
      this.key[2 * i] = Number(outs[i] & 0xffffffffn);
      this.key[2 * i + 1] = Number(outs[i] >> 32n);
    }
    this.counter = 0;
    this.pos = 16;
  }

  nextWord(): number {
    if (this.pos === 16) {
      chacha20Block(this.key, this.counter, this.nonce, this.block);
      this.counter = (this.counter + 1) | 0;
      this.pos = 0;
    }
    return this.block[this.pos++];
  }

  fill(out: Uint32Array): void {
    const n = out.length;
    const block = this.block;
    const key = this.key;
    const nonce = this.nonce;
    let pos = this.pos;
    let i = 0;
    while (pos < 16 && i < n) out[i++] = block[pos++];
    let counter = this.counter;
    while (n - i >= 16) {
      chacha20Block(key, counter, nonce, block);
      counter = (counter + 1) | 0;
      out.set(block, i);
      i += 16;
    }
    if (i < n) {
      chacha20Block(key, counter, nonce, block);
      counter = (counter + 1) | 0;
      pos = 0;
      while (i < n) out[i++] = block[pos++];
    }
    this.counter = counter;
    this.pos = pos;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const chacha20: PrngFactory = {
  info,
  create: (seed) => new ChaCha20(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
