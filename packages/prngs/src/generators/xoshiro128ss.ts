import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";
import { splitmix64Outputs } from "./splitmix64.js";

// xoshiro128** 1.1 (D. Blackman & S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4),
// 2021; reference code https://prng.di.unimi.it/xoshiro128starstar.c), on 32-bit words:
//   out = rotl(s1 * 5, 7) * 9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11).
// Seeding: a, b = the first two splitmix64 outputs from x = seed; s0 = lo32(a), s1 = hi32(a), s2 = lo32(b),
// s3 = hi32(b). splitmix64 is a bijection with mix(0) = 0, so a and b are never both 0: every seed is valid.

const info: PrngInfo = {
  name: "xoshiro128ss",
  aliases: ["xoshiro128**"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 64,
  description:
    "xoshiro128** 1.1: rotl(s1*5,7)*9 over a 128-bit xor/shift/rotate state; s0..s3 = lo/hi halves of 2 splitmix64(seed) outputs (Blackman & Vigna, ACM TOMS 2021; prng.di.unimi.it)",
};

export class Xoshiro128ss implements Prng {
  readonly info = info;
  private s0 = 0; // int32 bit patterns
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    const [a, b] = splitmix64Outputs(seed, 2);
    this.setState([a & 0xffffffffn, a >> 32n, b & 0xffffffffn, b >> 32n]);
  }

  /** Sets the reference code's s[0..3] (32-bit words) directly, e.g. to replay published vectors. */
  setState(s: readonly bigint[]): void {
    this.s0 = Number(BigInt.asUintN(32, s[0])) | 0;
    this.s1 = Number(BigInt.asUintN(32, s[1])) | 0;
    this.s2 = Number(BigInt.asUintN(32, s[2])) | 0;
    this.s3 = Number(BigInt.asUintN(32, s[3])) | 0;
  }

  nextWord(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ (s1 << 9);
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  }

  fill(out: Uint32Array): void {
    let s0 = this.s0 | 0;
    let s1 = this.s1 | 0;
    let s2 = this.s2 | 0;
    let s3 = this.s3 | 0;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const m = Math.imul(s1, 5);
      out[i] = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const xoshiro128ss: PrngFactory = {
  info,
  create: (seed) => new Xoshiro128ss(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
