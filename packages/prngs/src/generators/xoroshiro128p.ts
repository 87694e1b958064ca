import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";
import { splitmix64Outputs } from "./splitmix64.js";

// xoroshiro128+ 1.0 with the 2018 constants (a, b, c) = (24, 16, 37) (D. Blackman & S. Vigna, "Scrambled linear
// pseudorandom number generators", ACM TOMS 47(4), 2021; reference code https://prng.di.unimi.it/xoroshiro128plus.c):
//   out = s0 + s1; s1 ^= s0; s0 = rotl(s0, 24) ^ s1 ^ (s1 << 16); s1 = rotl(s1, 37).
// Seeding: s0, s1 = 2 successive splitmix64 outputs from x = seed (never both zero: every seed is valid).
// Runs on 32-bit halves; rotl by 37 = swap halves, then rotl by 5.

const info: PrngInfo = {
  name: "xoroshiro128p",
  aliases: ["xoroshiro128+"],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description:
    "xoroshiro128+ 1.0 (24,16,37): s0+s1 over a 128-bit xor/rotate/shift state; s0, s1 = 2 splitmix64(seed) outputs (Blackman & Vigna, ACM TOMS 2021; prng.di.unimi.it)",
};

export class Xoroshiro128p implements Prng {
  readonly info = info;
  private l0 = 0; // s0, s1 as int32 halves
  private h0 = 0;
  private l1 = 0;
  private h1 = 0;
  private hi = 0; // high half of the last output, still to be streamed when hasHi
  private hasHi = false;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.setState(splitmix64Outputs(seed, 2));
  }

  /** Sets the reference code's s[0..1] (64-bit words) directly, e.g. to replay published vectors. */
  setState(s: readonly bigint[]): void {
    this.l0 = Number(BigInt.asUintN(32, s[0])) | 0;
    this.h0 = Number(BigInt.asUintN(32, s[0] >> 32n)) | 0;
    this.l1 = Number(BigInt.asUintN(32, s[1])) | 0;
    this.h1 = Number(BigInt.asUintN(32, s[1] >> 32n)) | 0;
    this.hasHi = false;
  }

  nextWord(): number {
    if (this.hasHi) {
      this.hasHi = false;
      return this.hi >>> 0;
    }
    const l0 = this.l0;
    const h0 = this.h0;
    let l1 = this.l1;
    let h1 = this.h1;
    const lo = (l0 + l1) | 0;
    this.hi = (h0 + h1 + (((l0 & l1) | ((l0 | l1) & ~lo)) >>> 31)) | 0;
    l1 ^= l0;
    h1 ^= h0;
    this.l0 = ((l0 << 24) | (h0 >>> 8)) ^ l1 ^ (l1 << 16);
    this.h0 = ((h0 << 24) | (l0 >>> 8)) ^ h1 ^ ((h1 << 16) | (l1 >>> 16));
    this.l1 = (h1 << 5) | (l1 >>> 27);
    this.h1 = (l1 << 5) | (h1 >>> 27);
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
    // Three outputs (six words) per iteration, then single outputs: unrolling amortizes V8's spills and loop checks.
    let j = i + 5;
    for (; j < n; j += 6) {
      {
        const lo = (l0 + l1) | 0;
        out[j - 5] = lo;
        out[j - 4] = h0 + h1 + (((l0 & l1) | ((l0 | l1) & ~lo)) >>> 31);
        l1 ^= l0;
        h1 ^= h0;
        const nl0 = ((l0 << 24) | (h0 >>> 8)) ^ l1 ^ (l1 << 16);
        h0 = ((h0 << 24) | (l0 >>> 8)) ^ h1 ^ ((h1 << 16) | (l1 >>> 16));
        l0 = nl0;
        const nl1 = (h1 << 5) | (l1 >>> 27);
        h1 = (l1 << 5) | (h1 >>> 27);
        l1 = nl1;
      }
      {
        const lo = (l0 + l1) | 0;
        out[j - 3] = lo;
        out[j - 2] = h0 + h1 + (((l0 & l1) | ((l0 | l1) & ~lo)) >>> 31);
        l1 ^= l0;
        h1 ^= h0;
        const nl0 = ((l0 << 24) | (h0 >>> 8)) ^ l1 ^ (l1 << 16);
        h0 = ((h0 << 24) | (l0 >>> 8)) ^ h1 ^ ((h1 << 16) | (l1 >>> 16));
        l0 = nl0;
        const nl1 = (h1 << 5) | (l1 >>> 27);
        h1 = (l1 << 5) | (h1 >>> 27);
        l1 = nl1;
      }
      {
        const lo = (l0 + l1) | 0;
        out[j - 1] = lo;
        out[j] = h0 + h1 + (((l0 & l1) | ((l0 | l1) & ~lo)) >>> 31);
        l1 ^= l0;
        h1 ^= h0;
        const nl0 = ((l0 << 24) | (h0 >>> 8)) ^ l1 ^ (l1 << 16);
        h0 = ((h0 << 24) | (l0 >>> 8)) ^ h1 ^ ((h1 << 16) | (l1 >>> 16));
        l0 = nl0;
        const nl1 = (h1 << 5) | (l1 >>> 27);
        h1 = (l1 << 5) | (h1 >>> 27);
        l1 = nl1;
      }
    }
    i = j - 5;
    for (; i + 1 < n; i += 2) {
      const lo = (l0 + l1) | 0;
      out[i] = lo;
      out[i + 1] = h0 + h1 + (((l0 & l1) | ((l0 | l1) & ~lo)) >>> 31);
      l1 ^= l0;
      h1 ^= h0;
      const nl0 = ((l0 << 24) | (h0 >>> 8)) ^ l1 ^ (l1 << 16);
      h0 = ((h0 << 24) | (l0 >>> 8)) ^ h1 ^ ((h1 << 16) | (l1 >>> 16));
      l0 = nl0;
      const nl1 = (h1 << 5) | (l1 >>> 27);
      h1 = (l1 << 5) | (h1 >>> 27);
      l1 = nl1;
    }
    this.l0 = l0;
    this.h0 = h0;
    this.l1 = l1;
    this.h1 = h1;
    if (i < n) out[i] = this.nextWord(); // odd tail: its high half stays pending
  }

  /** Next whole output. A high half left pending by nextWord() is dropped: outputs always start fresh. */
  nextOutput(): bigint {
    this.hasHi = false;
    const lo = this.nextWord();
    const hi = this.nextWord();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
}

export const xoroshiro128p: PrngFactory = {
  info,
  create: (seed) => new Xoroshiro128p(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
