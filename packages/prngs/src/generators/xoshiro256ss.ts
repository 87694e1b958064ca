import { checkSeedRange, type PrngFactory, type PrngInfo } from "../prng.js";
import { Xoshiro256Base } from "./xoshiro256-base.js";

// xoshiro256** 1.0 (D. Blackman & S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4),
// 2021; reference code https://prng.di.unimi.it/xoshiro256starstar.c), on 64-bit words:
//   out = rotl(s1 * 5, 7) * 9; t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45).
// Seeding: s0..s3 = 4 successive splitmix64 outputs from x = seed (never all zero: every seed is valid).
//
// Everything runs on 32-bit halves (l = low, h = high, as int32 bit patterns). For x·5 and x·9 the low half is
// Math.imul(l, k) and the high half Math.imul(h, k) plus the carry floor(l·k / 2^32), exact in a double
// (l·k < 2^36). rotl by 45 = swap halves, then rotl by 13.

const TWO32 = 4294967296;
const C5 = 5 / TWO32; // floor(l·5 / 2^32) = (l * C5) | 0 for l < 2^32: one exact multiply
const C9 = 9 / TWO32; // likewise floor(l·9 / 2^32)

const info: PrngInfo = {
  name: "xoshiro256ss",
  aliases: ["xoshiro256**"],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description:
    "xoshiro256** 1.0: rotl(s1*5,7)*9 over a 256-bit xor/shift/rotate state; s0..s3 = 4 splitmix64(seed) outputs (Blackman & Vigna, ACM TOMS 2021; prng.di.unimi.it)",
};

export class Xoshiro256ss extends Xoshiro256Base {
  readonly info = info;

  constructor(seed: bigint = 1n) {
    super();
    this.seed(seed);
  }

  nextWord(): number {
    if (this.hasHi) {
      this.hasHi = false;
      return this.hi >>> 0;
    }
    const l0 = this.l0;
    const h0 = this.h0;
    const l1 = this.l1;
    const h1 = this.h1;
    // rotl(s1 * 5, 7) * 9
    const ml = Math.imul(l1, 5);
    const mh = (Math.imul(h1, 5) + (((l1 >>> 0) * C5) | 0)) | 0;
    const rl = (ml << 7) | (mh >>> 25);
    const rh = (mh << 7) | (ml >>> 25);
    this.hi = (Math.imul(rh, 9) + (((rl >>> 0) * C9) | 0)) | 0;
    const lo = Math.imul(rl, 9);
    // state update
    const l2 = this.l2 ^ l0;
    const h2 = this.h2 ^ h0;
    const l3 = this.l3 ^ l1;
    const h3 = this.h3 ^ h1;
    this.l1 = l1 ^ l2;
    this.h1 = h1 ^ h2;
    this.l0 = l0 ^ l3;
    this.h0 = h0 ^ h3;
    this.l2 = l2 ^ (l1 << 17);
    this.h2 = h2 ^ ((h1 << 17) | (l1 >>> 15));
    this.l3 = (h3 << 13) | (l3 >>> 19);
    this.h3 = (l3 << 13) | (h3 >>> 19);
    this.hasHi = true;
    return lo >>> 0;
  }

  fill(out: Uint32Array): void {
    const n = out.length;
    let i = 0;
    if (n === 0) return;
    if (this.hasHi) {
      out[0] = this.hi;
      this.hasHi = false;
      i = 1;
    }
    let l0 = this.l0 | 0;
    let h0 = this.h0 | 0;
    let l1 = this.l1 | 0;
    let h1 = this.h1 | 0;
    let l2 = this.l2 | 0;
    let h2 = this.h2 | 0;
    let l3 = this.l3 | 0;
    let h3 = this.h3 | 0;
    let ml = 0;
    let mh = 0;
    let tl = 0;
    let th = 0;
    let d = 0;
    // One step: rotl(s1 * 5, 7) * 9, then the state update. A 64-bit rotation by k < 32 of (h, l) is done as two
    // 32-bit rotations (which V8 compiles to single rotate instructions) and a swap of their low k bits:
    //   A = rotl32(h, k), B = rotl32(l, k), d = (A ^ B) & (2^k - 1); hi = A ^ d, lo = B ^ d
    // (rotl by 45 = rotl by 13, halves swapped). Three steps (six words) per iteration: V8 cannot keep the state,
    // the temporaries and the array in registers, and unrolling amortizes the spills and the loop's checks.
    let j = i + 5;
    for (; j < n; j += 6) {
      ml = Math.imul(l1, 5);
      mh = (Math.imul(h1, 5) + (((l1 >>> 0) * C5) | 0)) | 0;
      ml = (ml << 7) | (ml >>> 25);
      mh = (mh << 7) | (mh >>> 25);
      d = (ml ^ mh) & 0x7f;
      ml ^= d;
      mh ^= d;
      out[j - 5] = Math.imul(ml, 9);
      out[j - 4] = (Math.imul(mh, 9) + (((ml >>> 0) * C9) | 0)) | 0;
      tl = l1 << 17;
      th = (h1 << 17) | (l1 >>> 15);
      l2 ^= l0;
      h2 ^= h0;
      l3 ^= l1;
      h3 ^= h1;
      l1 ^= l2;
      h1 ^= h2;
      l0 ^= l3;
      h0 ^= h3;
      l2 ^= tl;
      h2 ^= th;
      l3 = (l3 << 13) | (l3 >>> 19);
      h3 = (h3 << 13) | (h3 >>> 19);
      d = (l3 ^ h3) & 0x1fff;
      tl = h3 ^ d;
      h3 = l3 ^ d;
      l3 = tl;
      ml = Math.imul(l1, 5);
      mh = (Math.imul(h1, 5) + (((l1 >>> 0) * C5) | 0)) | 0;
      ml = (ml << 7) | (ml >>> 25);
      mh = (mh << 7) | (mh >>> 25);
      d = (ml ^ mh) & 0x7f;
      ml ^= d;
      mh ^= d;
      out[j - 3] = Math.imul(ml, 9);
      out[j - 2] = (Math.imul(mh, 9) + (((ml >>> 0) * C9) | 0)) | 0;
      tl = l1 << 17;
      th = (h1 << 17) | (l1 >>> 15);
      l2 ^= l0;
      h2 ^= h0;
      l3 ^= l1;
      h3 ^= h1;
      l1 ^= l2;
      h1 ^= h2;
      l0 ^= l3;
      h0 ^= h3;
      l2 ^= tl;
      h2 ^= th;
      l3 = (l3 << 13) | (l3 >>> 19);
      h3 = (h3 << 13) | (h3 >>> 19);
      d = (l3 ^ h3) & 0x1fff;
      tl = h3 ^ d;
      h3 = l3 ^ d;
      l3 = tl;
      ml = Math.imul(l1, 5);
      mh = (Math.imul(h1, 5) + (((l1 >>> 0) * C5) | 0)) | 0;
      ml = (ml << 7) | (ml >>> 25);
      mh = (mh << 7) | (mh >>> 25);
      d = (ml ^ mh) & 0x7f;
      ml ^= d;
      mh ^= d;
      out[j - 1] = Math.imul(ml, 9);
      out[j] = (Math.imul(mh, 9) + (((ml >>> 0) * C9) | 0)) | 0;
      tl = l1 << 17;
      th = (h1 << 17) | (l1 >>> 15);
      l2 ^= l0;
      h2 ^= h0;
      l3 ^= l1;
      h3 ^= h1;
      l1 ^= l2;
      h1 ^= h2;
      l0 ^= l3;
      h0 ^= h3;
      l2 ^= tl;
      h2 ^= th;
      l3 = (l3 << 13) | (l3 >>> 19);
      h3 = (h3 << 13) | (h3 >>> 19);
      d = (l3 ^ h3) & 0x1fff;
      tl = h3 ^ d;
      h3 = l3 ^ d;
      l3 = tl;
    }
    i = j - 5;
    for (; i + 1 < n; i += 2) {
      ml = Math.imul(l1, 5);
      mh = (Math.imul(h1, 5) + (((l1 >>> 0) * C5) | 0)) | 0;
      ml = (ml << 7) | (ml >>> 25);
      mh = (mh << 7) | (mh >>> 25);
      d = (ml ^ mh) & 0x7f;
      ml ^= d;
      mh ^= d;
      out[i] = Math.imul(ml, 9);
      out[i + 1] = (Math.imul(mh, 9) + (((ml >>> 0) * C9) | 0)) | 0;
      tl = l1 << 17;
      th = (h1 << 17) | (l1 >>> 15);
      l2 ^= l0;
      h2 ^= h0;
      l3 ^= l1;
      h3 ^= h1;
      l1 ^= l2;
      h1 ^= h2;
      l0 ^= l3;
      h0 ^= h3;
      l2 ^= tl;
      h2 ^= th;
      l3 = (l3 << 13) | (l3 >>> 19);
      h3 = (h3 << 13) | (h3 >>> 19);
      d = (l3 ^ h3) & 0x1fff;
      tl = h3 ^ d;
      h3 = l3 ^ d;
      l3 = tl;
    }
    this.l0 = l0;
    this.h0 = h0;
    this.l1 = l1;
    this.h1 = h1;
    this.l2 = l2;
    this.h2 = h2;
    this.l3 = l3;
    this.h3 = h3;
    if (i < n) out[i] = this.nextWord(); // odd tail: its high half stays pending
  }
}

export const xoshiro256ss: PrngFactory = {
  info,
  create: (seed) => new Xoshiro256ss(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
