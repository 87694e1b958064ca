import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";
import { splitmix64Outputs } from "./splitmix64.js";

// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11;
// the Random123 library's philox4x32_R(10, ctr, key)), used as a counter-mode generator: block i is
// philox4x32-10(ctr = i as a 128-bit counter with c0 least significant, key), and the stream is the 4 words
// of each block in order. Seeding: key = (lo32, hi32) of the first splitmix64 output from x = seed.
// One round: (c0,c1,c2,c3) -> (hi(M1·c2)^c1^k0, lo(M1·c2), hi(M0·c0)^c3^k1, lo(M0·c0)), and the key is
// bumped by (0x9E3779B9, 0xBB67AE85) between rounds.

const info: PrngInfo = {
  name: "philox4x32-10",
  aliases: ["philox4x32", "philox"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 64,
  description:
    "Philox4x32-10 counter mode (Random123, Salmon et al. SC'11): 128-bit counter 0,1,2,…, 4 words per block; key = lo32, hi32 of splitmix64(seed)'s first output",
};

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
// 16-bit halves of the multipliers, for the high halves of the 32×32 products.
const M0_HI = 0xd251;
const M0_LO = 0x1f53;
const M1_HI = 0xcd9e;
const M1_LO = 0x8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/**
 * Random123's philox4x32_R(10, {c0,c1,c2,c3}, {k0,k1}): writes the 4 output words to out[off..off+3].
 * Inputs may be int32 or uint32 bit patterns. hi(M·c) is built from 16-bit halves with Math.imul only
 * (Hacker's Delight mulhu; every partial sum fits 32 bits), lo(M·c) is Math.imul: all int32 arithmetic.
 */
export function philox4x32_10Block(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array, off: number): void {
  for (let r = 0; r < 10; r++) {
    let a0 = c2 & 0xffff;
    let a1 = c2 >>> 16;
    let t = Math.imul(a0, M1_LO) >>> 16;
    let u = (Math.imul(a1, M1_LO) + t) | 0;
    let v = (Math.imul(a0, M1_HI) + (u & 0xffff)) | 0;
    const hi1 = (Math.imul(a1, M1_HI) + (u >>> 16) + (v >>> 16)) | 0;
    const lo1 = Math.imul(c2, M1);
    a0 = c0 & 0xffff;
    a1 = c0 >>> 16;
    t = Math.imul(a0, M0_LO) >>> 16;
    u = (Math.imul(a1, M0_LO) + t) | 0;
    v = (Math.imul(a0, M0_HI) + (u & 0xffff)) | 0;
    const hi0 = (Math.imul(a1, M0_HI) + (u >>> 16) + (v >>> 16)) | 0;
    const lo0 = Math.imul(c0, M0);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    k0 = (k0 + W0) | 0;
    k1 = (k1 + W1) | 0;
  }
  out[off] = c0;
  out[off + 1] = c1;
  out[off + 2] = c2;
  out[off + 3] = c3;
}

/**
 * Two blocks at once, for counters (c0, c1, c2, c3) and (c0 + 1, c1, c2, c3) (c0 must not be 0xffffffff, i.e. -1 as int32), to
 * out[off..off+7]: the same rounds as philox4x32_10Block, interleaved so the CPU overlaps the two chains.
 */
function philox4x32_10Block2(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array, off: number): void {
  let e0 = (c0 + 1) | 0;
  let e1 = c1;
  let e2 = c2;
  let e3 = c3;
  for (let r = 0; r < 10; r++) {
    let a0 = c2 & 0xffff;
    let a1 = c2 >>> 16;
    let t = Math.imul(a0, M1_LO) >>> 16;
    let u = (Math.imul(a1, M1_LO) + t) | 0;
    let v = (Math.imul(a0, M1_HI) + (u & 0xffff)) | 0;
    const hi1 = (Math.imul(a1, M1_HI) + (u >>> 16) + (v >>> 16)) | 0;
    const lo1 = Math.imul(c2, M1);
    a0 = c0 & 0xffff;
    a1 = c0 >>> 16;
    t = Math.imul(a0, M0_LO) >>> 16;
    u = (Math.imul(a1, M0_LO) + t) | 0;
    v = (Math.imul(a0, M0_HI) + (u & 0xffff)) | 0;
    const hi0 = (Math.imul(a1, M0_HI) + (u >>> 16) + (v >>> 16)) | 0;
    const lo0 = Math.imul(c0, M0);
    let b0 = e2 & 0xffff;
    let b1 = e2 >>> 16;
    let tt = Math.imul(b0, M1_LO) >>> 16;
    let uu = (Math.imul(b1, M1_LO) + tt) | 0;
    let vv = (Math.imul(b0, M1_HI) + (uu & 0xffff)) | 0;
    const ehi1 = (Math.imul(b1, M1_HI) + (uu >>> 16) + (vv >>> 16)) | 0;
    const elo1 = Math.imul(e2, M1);
    b0 = e0 & 0xffff;
    b1 = e0 >>> 16;
    tt = Math.imul(b0, M0_LO) >>> 16;
    uu = (Math.imul(b1, M0_LO) + tt) | 0;
    vv = (Math.imul(b0, M0_HI) + (uu & 0xffff)) | 0;
    const ehi0 = (Math.imul(b1, M0_HI) + (uu >>> 16) + (vv >>> 16)) | 0;
    const elo0 = Math.imul(e0, M0);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    e0 = ehi1 ^ e1 ^ k0;
    e1 = elo1;
    e2 = ehi0 ^ e3 ^ k1;
    e3 = elo0;
    k0 = (k0 + W0) | 0;
    k1 = (k1 + W1) | 0;
  }
  out[off] = c0;
  out[off + 1] = c1;
  out[off + 2] = c2;
  out[off + 3] = c3;
  out[off + 4] = e0;
  out[off + 5] = e1;
  out[off + 6] = e2;
  out[off + 7] = e3;
}

export class Philox4x32_10 implements Prng {
  readonly info = info;
  // The key and the next block's 128-bit counter (c0 least significant), as int32 bit patterns: V8 truncates
  // int32-range numbers to 32 bits cheaply.
  private k0 = 0;
  private k1 = 0;
  private c0 = 0;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private readonly block = new Uint32Array(4); // the current block
  private pos = 4; // next unread word of block; 4 = none left

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  /** key = (lo32, hi32) of splitmix64's first output from x = seed; counter = 0. */
  seed(seed: bigint): void {
    const z = splitmix64Outputs(seed, 1)[0];
    this.k0 = Number(z & 0xffffffffn) | 0;
    this.k1 = Number(z >> 32n) | 0;
    this.c0 = 0;
    this.c1 = 0;
    this.c2 = 0;
    this.c3 = 0;
    this.pos = 4;
  }

  /** Advances the 128-bit counter by one. */
  private increment(): void {
    this.c0 = (this.c0 + 1) | 0;
    if (this.c0 === 0) this.carry();
  }

  /** The carry out of c0: adds one to the counter's upper 96 bits. */
  private carry(): void {
    this.c1 = (this.c1 + 1) | 0;
    if (this.c1 === 0) {
      this.c2 = (this.c2 + 1) | 0;
      if (this.c2 === 0) this.c3 = (this.c3 + 1) | 0;
    }
  }

  nextWord(): number {
    if (this.pos === 4) {
      philox4x32_10Block(this.c0, this.c1, this.c2, this.c3, this.k0, this.k1, this.block, 0);
      this.increment();
      this.pos = 0;
    }
    return this.block[this.pos++];
  }

  fill(out: Uint32Array): void {
    const n = out.length;
    const block = this.block;
    let pos = this.pos;
    let i = 0;
    while (pos < 4 && i < n) out[i++] = block[pos++];
    const k0 = this.k0;
    const k1 = this.k1;
    let c0 = this.c0;
    while (n - i >= 4) {
      if (n - i >= 8 && c0 !== -1) {
        philox4x32_10Block2(c0, this.c1, this.c2, this.c3, k0, k1, out, i);
        i += 8;
        c0 = (c0 + 2) | 0;
      } else {
        philox4x32_10Block(c0, this.c1, this.c2, this.c3, k0, k1, out, i);
        i += 4;
        c0 = (c0 + 1) | 0;
      }
      if (c0 === 0) this.carry();
    }
    this.c0 = c0;
    if (i < n) {
      philox4x32_10Block(c0, this.c1, this.c2, this.c3, k0, k1, block, 0);
      this.increment();
      pos = 0;
      while (i < n) out[i++] = block[pos++];
    }
    this.pos = pos;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const philox4x32_10: PrngFactory = {
  info,
  create: (seed) => new Philox4x32_10(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
