import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// L'Ecuyer's combined Tausworthe generator lfsr113 (P. L'Ecuyer, "Tables of maximally equidistributed
// combined LFSR generators", Math. Comp. 68 (1999) 261–269), as Linux prandom_u32_state (lib/random32.c):
//   s1 = ((s1 & 0xFFFFFFFE) << 18) ^ (((s1 << 6) ^ s1) >> 13)
//   s2 = ((s2 & 0xFFFFFFF8) <<  2) ^ (((s2 << 2) ^ s2) >> 27)
//   s3 = ((s3 & 0xFFFFFFF0) <<  7) ^ (((s3 << 13) ^ s3) >> 21)
//   s4 = ((s4 & 0xFFFFFF80) << 13) ^ (((s4 << 3) ^ s4) >> 12)
//   return s1 ^ s2 ^ s3 ^ s4
// Seeding is Linux prandom_seed_state(state, u64 seed): i = (u32)((seed >> 32) ^ (seed << 10) ^ seed),
// s1 = __seed(i, 2), s2 = __seed(i, 8), s3 = __seed(i, 16), s4 = __seed(i, 128) with
// __seed(x, m) = x < m ? x + m : x (each component above its minimum), and no warm-up.

const info: PrngInfo = {
  name: "lfsr113",
  aliases: ["taus113", "prandom_u32_state"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 64,
  description:
    "L'Ecuyer lfsr113 (Math. Comp. 68, 1999) as Linux prandom_u32_state; prandom_seed_state: i=(u32)(seed>>32 ^ seed<<10 ^ seed), s_k = i < m_k ? i + m_k : i (m = 2, 8, 16, 128), no warm-up",
};

const seedMin = (x: number, m: number): number => (x >>> 0 < m ? x + m : x) | 0;

export class Lfsr113 implements Prng {
  readonly info = info;
  // The four components as int32 bit patterns.
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private s4 = 0;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  /** Linux prandom_seed_state(state, seed). */
  seed(seed: bigint): void {
    const s = BigInt.asUintN(64, seed);
    const i = Number(BigInt.asUintN(32, (s >> 32n) ^ (s << 10n) ^ s)) | 0;
    this.setState(seedMin(i, 2), seedMin(i, 8), seedMin(i, 16), seedMin(i, 128));
  }

  /** Sets the four components directly (uint32 values; each must be at least 2, 8, 16, 128). */
  setState(s1: number, s2: number, s3: number, s4: number): void {
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    this.s4 = s4 | 0;
  }

  nextWord(): number {
    const s1 = ((this.s1 & 0xfffffffe) << 18) ^ (((this.s1 << 6) ^ this.s1) >>> 13);
    const s2 = ((this.s2 & 0xfffffff8) << 2) ^ (((this.s2 << 2) ^ this.s2) >>> 27);
    const s3 = ((this.s3 & 0xfffffff0) << 7) ^ (((this.s3 << 13) ^ this.s3) >>> 21);
    const s4 = ((this.s4 & 0xffffff80) << 13) ^ (((this.s4 << 3) ^ this.s4) >>> 12);
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    this.s4 = s4;
    return (s1 ^ s2 ^ s3 ^ s4) >>> 0;
  }

  fill(out: Uint32Array): void {
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    let s4 = this.s4;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      s1 = ((s1 & 0xfffffffe) << 18) ^ (((s1 << 6) ^ s1) >>> 13);
      s2 = ((s2 & 0xfffffff8) << 2) ^ (((s2 << 2) ^ s2) >>> 27);
      s3 = ((s3 & 0xfffffff0) << 7) ^ (((s3 << 13) ^ s3) >>> 21);
      s4 = ((s4 & 0xffffff80) << 13) ^ (((s4 << 3) ^ s4) >>> 12);
      out[i] = s1 ^ s2 ^ s3 ^ s4;
    }
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    this.s4 = s4;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const lfsr113: PrngFactory = {
  info,
  create: (seed) => new Lfsr113(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
