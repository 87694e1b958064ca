import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; Vigna's
// public-domain splitmix64.c at https://prng.di.unimi.it/splitmix64.c, also java.util.SplittableRandom):
//   x += 0x9e3779b97f4a7c15; z = x; z = (z ^ z>>30) * 0xbf58476d1ce4e5b9; z = (z ^ z>>27) * 0x94d049bb133111eb;
//   return z ^ z>>31;   (all mod 2^64). Seeding: x = seed.
// The word stream runs on 32-bit halves: 64×64-bit products (low 64 bits) from Math.imul plus the high half
// of one 32×32 product, itself built from 16-bit limbs.

const MASK64 = (1n << 64n) - 1n;

/**
 * The first `n` outputs of splitmix64 started from x = seed (taken mod 2^64). The seeding rules of xoshiro*,
 * xoroshiro128+, chacha20 and philox use successive outputs of this (Vigna's recommended way to seed them).
 */
export function splitmix64Outputs(seed: bigint, n: number): bigint[] {
  let x = BigInt.asUintN(64, seed);
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

// Constants as 32-bit halves.
const GAMMA_LO = 0x7f4a7c15;
const GAMMA_HI = 0x9e3779b9 | 0;
const M1_LO = 0x1ce4e5b9;
const M1_HI = 0xbf58476d | 0;
const M2_LO = 0x133111eb;
const M2_HI = 0x94d049bb | 0;

/** High 32 bits of the unsigned 32×32-bit product a·b (a, b given as int32 or uint32 bit patterns). */
export function mulHi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t = Math.imul(a0, b0) >>> 16;
  // Each partial sum below is < 2^32, so its int32 wrap-around still carries every bit.
  const u = (Math.imul(a1, b0) + t) | 0;
  const v = (Math.imul(a0, b1) + (u & 0xffff)) | 0;
  return (Math.imul(a1, b1) + (u >>> 16) + (v >>> 16)) | 0;
}

const info: PrngInfo = {
  name: "splitmix64",
  aliases: [],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description:
    "SplitMix64: Weyl sequence x += 0x9e3779b97f4a7c15 through a two-multiply mix; x = seed (Steele, Lea & Flood, OOPSLA 2014; prng.di.unimi.it/splitmix64.c)",
};

export class SplitMix64 implements Prng {
  readonly info = info;
  private xl = 0; // x as int32 halves
  private xh = 0;
  private hi = 0; // high half of the last output, still to be streamed when hasHi
  private hasHi = false;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    const x = BigInt.asUintN(64, seed);
    this.xl = Number(x & 0xffffffffn) | 0;
    this.xh = Number(x >> 32n) | 0;
    this.hasHi = false;
  }

  /** Steps once: returns the low half of the output and leaves the high half in `hi`. */
  private step(): number {
    const l = this.xl;
    let xl = (l + GAMMA_LO) | 0;
    // Carry out of the low half: bit 31 of the majority of (l, GAMMA_LO, ¬sum).
    let xh = (this.xh + GAMMA_HI + (((l & GAMMA_LO) | ((l | GAMMA_LO) & ~xl)) >>> 31)) | 0;
    this.xl = xl;
    this.xh = xh;
    // z ^= z >> 30
    xl ^= (xl >>> 30) | (xh << 2);
    xh ^= xh >>> 30;
    // z *= M1
    let zh = (mulHi32(xl, M1_LO) + Math.imul(xl, M1_HI) + Math.imul(xh, M1_LO)) | 0;
    let zl = Math.imul(xl, M1_LO);
    // z ^= z >> 27
    zl ^= (zl >>> 27) | (zh << 5);
    zh ^= zh >>> 27;
    // z *= M2
    const yh = (mulHi32(zl, M2_LO) + Math.imul(zl, M2_HI) + Math.imul(zh, M2_LO)) | 0;
    const yl = Math.imul(zl, M2_LO);
    // z ^ z >> 31
    this.hi = yh ^ (yh >>> 31);
    return yl ^ ((yl >>> 31) | (yh << 1));
  }

  nextWord(): number {
    if (this.hasHi) {
      this.hasHi = false;
      return this.hi >>> 0;
    }
    const lo = this.step();
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
    let xl = this.xl | 0;
    let xh = this.xh | 0;
    for (; i + 1 < n; i += 2) {
      const l = xl;
      xl = (l + GAMMA_LO) | 0;
      xh = (xh + GAMMA_HI + (((l & GAMMA_LO) | ((l | GAMMA_LO) & ~xl)) >>> 31)) | 0;
      const al = xl ^ ((xl >>> 30) | (xh << 2));
      const ah = xh ^ (xh >>> 30);
      let zh = (mulHi32(al, M1_LO) + Math.imul(al, M1_HI) + Math.imul(ah, M1_LO)) | 0;
      let zl = Math.imul(al, M1_LO);
      zl ^= (zl >>> 27) | (zh << 5);
      zh ^= zh >>> 27;
      const yh = (mulHi32(zl, M2_LO) + Math.imul(zl, M2_HI) + Math.imul(zh, M2_LO)) | 0;
      const yl = Math.imul(zl, M2_LO);
      out[i] = yl ^ ((yl >>> 31) | (yh << 1));
      out[i + 1] = yh ^ (yh >>> 31);
    }
    this.xl = xl;
    this.xh = xh;
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

export const splitmix64: PrngFactory = {
  info,
  create: (seed) => new SplitMix64(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
