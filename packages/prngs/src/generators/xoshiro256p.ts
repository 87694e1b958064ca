import { checkSeedRange, type PrngFactory, type PrngInfo } from "../prng.js";
import { Xoshiro256Base } from "./xoshiro256-base.js";

// xoshiro256+ 1.0 (D. Blackman & S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4),
// 2021; reference code https://prng.di.unimi.it/xoshiro256plus.c), on 64-bit words:
//   out = s0 + s3; t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45).
// Seeding: s0..s3 = 4 successive splitmix64 outputs from x = seed (never all zero: every seed is valid).
// Runs on 32-bit halves; the carry of the low-half sum is bit 31 of the majority of (a, b, ¬sum). rotl by 45 =
// rotl by 13 with the halves swapped, done in fill as two 32-bit rotations (single rotate instructions in V8) and
// an exchange of their low 13 bits.

const info: PrngInfo = {
  name: "xoshiro256p",
  aliases: ["xoshiro256+"],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description:
    "xoshiro256+ 1.0: s0+s3 over a 256-bit xor/shift/rotate state; s0..s3 = 4 splitmix64(seed) outputs (Blackman & Vigna, ACM TOMS 2021; prng.di.unimi.it)",
};

export class Xoshiro256p extends Xoshiro256Base {
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
    const lo = (l0 + this.l3) | 0;
    this.hi = (h0 + this.h3 + (((l0 & this.l3) | ((l0 | this.l3) & ~lo)) >>> 31)) | 0;
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
    // Three outputs (six words) per iteration, then single outputs: unrolling amortizes V8's spills and loop checks.
    let j = i + 5;
    for (; j < n; j += 6) {
      {
        const lo = (l0 + l3) | 0;
        out[j - 5] = lo;
        out[j - 4] = h0 + h3 + (((l0 & l3) | ((l0 | l3) & ~lo)) >>> 31);
        const tl = l1 << 17;
        const th = (h1 << 17) | (l1 >>> 15);
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
        const d = (l3 ^ h3) & 0x1fff;
        const nl = h3 ^ d;
        h3 = l3 ^ d;
        l3 = nl;
      }
      {
        const lo = (l0 + l3) | 0;
        out[j - 3] = lo;
        out[j - 2] = h0 + h3 + (((l0 & l3) | ((l0 | l3) & ~lo)) >>> 31);
        const tl = l1 << 17;
        const th = (h1 << 17) | (l1 >>> 15);
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
        const d = (l3 ^ h3) & 0x1fff;
        const nl = h3 ^ d;
        h3 = l3 ^ d;
        l3 = nl;
      }
      {
        const lo = (l0 + l3) | 0;
        out[j - 1] = lo;
        out[j] = h0 + h3 + (((l0 & l3) | ((l0 | l3) & ~lo)) >>> 31);
        const tl = l1 << 17;
        const th = (h1 << 17) | (l1 >>> 15);
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
        const d = (l3 ^ h3) & 0x1fff;
        const nl = h3 ^ d;
        h3 = l3 ^ d;
        l3 = nl;
      }
    }
    i = j - 5;
    for (; i + 1 < n; i += 2) {
      const lo = (l0 + l3) | 0;
      out[i] = lo;
      out[i + 1] = h0 + h3 + (((l0 & l3) | ((l0 | l3) & ~lo)) >>> 31);
      const tl = l1 << 17;
      const th = (h1 << 17) | (l1 >>> 15);
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
      const d = (l3 ^ h3) & 0x1fff;
      const nl = h3 ^ d;
      h3 = l3 ^ d;
      l3 = nl;
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

export const xoshiro256p: PrngFactory = {
  info,
  create: (seed) => new Xoshiro256p(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
