import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// PCG64 (O'Neill, pcg-c's pcg64 = pcg_setseq_128_xsl_rr_64, https://www.pcg-random.org/): a 128-bit LCG
// s = s*M + inc with M = 2549297995355413924·2^64 + 4865540595714422341, output XSL-RR of the NEW state:
// rotr64(hi64(s) ^ lo64(s), s >> 122). Seeding is pcg64_srandom_r((u128)seed, 54): s = 0,
// inc = (54 << 1) | 1, step, s += seed, step — so seed 42 gives pcg-c's pcg64 demo stream.
//
// The word stream uses no BigInt: the state is four 32-bit limbs a0..a3 (a0 least significant), and
// the product a·M mod 2^128 is summed by 16-bit digit columns, each term a 32-bit limb times a 16-bit limb
// of M (< 2^48, so every column sum is an exact double), with the carries propagated digit by digit.
// The limbs are kept as doubles holding unsigned 32-bit integers and the digits and carries are taken with
// Math.floor (measured ~1.5× faster in V8 than taking them with `v & 0xffff` and integer limbs).

const info: PrngInfo = {
  name: "pcg64",
  aliases: ["pcg64_xsl_rr", "pcg_setseq_128_xsl_rr_64"],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description:
    "PCG64 XSL-RR: 128-bit LCG, output rotr64(hi64(s)^lo64(s), s>>122) of the new state; pcg64_srandom_r(seed, 54) (O'Neill, pcg-random.org, pcg-c)",
};

const MULT = (2549297995355413924n << 64n) + 4865540595714422341n;
const INC = (54n << 1n) | 1n; // 109
const M128 = (1n << 128n) - 1n;

// 16-bit limbs of the multiplier 0x2360ed051fc65da4_4385df649fccf645, least significant first.
const H0 = 0xf645;
const H1 = 0x9fcc;
const H2 = 0xdf64;
const H3 = 0x4385;
const H4 = 0x5da4;
const H5 = 0x1fc6;
const H6 = 0xed05;
const H7 = 0x2360;
const INC_LO = 109;
const TWO16 = 65536;
const INV16 = 1 / 65536;
const INV26 = 1 / 67108864; // 2^-26: floor(a3 / 2^26) = the state's top 6 bits

export class Pcg64 implements Prng {
  readonly info = info;
  // State limbs, least significant first (unsigned 32-bit values).
  private a0 = 0;
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  /**
   * The last output's halves (low, high), written by step(). When nextWord/fill has returned only the low
   * half, hasPending is set and half[1] is the next word of the stream. (A typed array, so step() neither
   * boxes a return value nor a double field: this made nextWord() 2–3× faster in V8.)
   */
  private readonly half = new Uint32Array(2);
  private hasPending = false;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  /** pcg64_srandom_r(initstate = seed, initseq = 54). */
  seed(seed: bigint): void {
    let s = (0n * MULT + INC) & M128;
    s = (s + BigInt.asUintN(64, seed)) & M128;
    s = (s * MULT + INC) & M128;
    this.a0 = Number(s & 0xffffffffn);
    this.a1 = Number((s >> 32n) & 0xffffffffn);
    this.a2 = Number((s >> 64n) & 0xffffffffn);
    this.a3 = Number(s >> 96n);
    this.hasPending = false;
  }

  /** Steps the LCG and writes the output's low and high halves to half[0], half[1]. */
  private step(): void {
    const a0 = this.a0;
    const a1 = this.a1;
    const a2 = this.a2;
    const a3 = this.a3;
    let v = a0 * H0 + INC_LO;
    let q = Math.floor(v * INV16);
    const n0 = v - q * TWO16;
    v = a0 * H1 + q;
    q = Math.floor(v * INV16);
    const b0 = n0 + (v - q * TWO16) * TWO16;
    v = a0 * H2 + a1 * H0 + q;
    q = Math.floor(v * INV16);
    const n2 = v - q * TWO16;
    v = a0 * H3 + a1 * H1 + q;
    q = Math.floor(v * INV16);
    const b1 = n2 + (v - q * TWO16) * TWO16;
    v = a0 * H4 + a1 * H2 + a2 * H0 + q;
    q = Math.floor(v * INV16);
    const n4 = v - q * TWO16;
    v = a0 * H5 + a1 * H3 + a2 * H1 + q;
    q = Math.floor(v * INV16);
    const b2 = n4 + (v - q * TWO16) * TWO16;
    v = a0 * H6 + a1 * H4 + a2 * H2 + a3 * H0 + q;
    q = Math.floor(v * INV16);
    const n6 = v - q * TWO16;
    v = a0 * H7 + a1 * H5 + a2 * H3 + a3 * H1 + q;
    q = Math.floor(v * INV16);
    const b3 = n6 + (v - q * TWO16) * TWO16;
    this.a0 = b0;
    this.a1 = b1;
    this.a2 = b2;
    this.a3 = b3;
    // XSL-RR: x = hi64 ^ lo64, rotated right by the top 6 bits of the new state (branch-free: the
    // rotation's bit 5 swaps the halves through a mask, then both halves rotate by rot & 31).
    let xl = b0 ^ b2;
    let xh = b1 ^ b3;
    let rot = Math.floor(b3 * INV26);
    const t = (xl ^ xh) & -(rot >>> 5);
    xl ^= t;
    xh ^= t;
    rot &= 31;
    // (x << 1) << (31 - rot) is x << (32 - rot), and 0 for rot = 0 (a shift by 32 would be a no-op in JS).
    this.half[0] = (xl >>> rot) | ((xh << 1) << (31 - rot));
    this.half[1] = (xh >>> rot) | ((xl << 1) << (31 - rot));
  }

  nextWord(): number {
    if (this.hasPending) {
      this.hasPending = false;
      return this.half[1];
    }
    this.step();
    this.hasPending = true;
    return this.half[0];
  }

  fill(out: Uint32Array): void {
    const n = out.length;
    let i = 0;
    if (n === 0) return;
    if (this.hasPending) {
      out[i++] = this.half[1];
      this.hasPending = false;
    }
    let a0 = this.a0;
    let a1 = this.a1;
    let a2 = this.a2;
    let a3 = this.a3;
    while (i < n) {
      let v = a0 * H0 + INC_LO;
      let q = Math.floor(v * INV16);
      const n0 = v - q * TWO16;
      v = a0 * H1 + q;
      q = Math.floor(v * INV16);
      const b0 = n0 + (v - q * TWO16) * TWO16;
      v = a0 * H2 + a1 * H0 + q;
      q = Math.floor(v * INV16);
      const n2 = v - q * TWO16;
      v = a0 * H3 + a1 * H1 + q;
      q = Math.floor(v * INV16);
      const b1 = n2 + (v - q * TWO16) * TWO16;
      v = a0 * H4 + a1 * H2 + a2 * H0 + q;
      q = Math.floor(v * INV16);
      const n4 = v - q * TWO16;
      v = a0 * H5 + a1 * H3 + a2 * H1 + q;
      q = Math.floor(v * INV16);
      const b2 = n4 + (v - q * TWO16) * TWO16;
      v = a0 * H6 + a1 * H4 + a2 * H2 + a3 * H0 + q;
      q = Math.floor(v * INV16);
      const n6 = v - q * TWO16;
      v = a0 * H7 + a1 * H5 + a2 * H3 + a3 * H1 + q;
      q = Math.floor(v * INV16);
      const b3 = n6 + (v - q * TWO16) * TWO16;
      a0 = b0;
      a1 = b1;
      a2 = b2;
      a3 = b3;
      let xl = b0 ^ b2;
      let xh = b1 ^ b3;
      let rot = Math.floor(b3 * INV26);
      const t = (xl ^ xh) & -(rot >>> 5);
      xl ^= t;
      xh ^= t;
      rot &= 31;
      out[i++] = (xl >>> rot) | ((xh << 1) << (31 - rot));
      xh = (xh >>> rot) | ((xl << 1) << (31 - rot));
      if (i === n) {
        this.half[1] = xh;
        this.hasPending = true;
        break;
      }
      out[i++] = xh;
    }
    this.a0 = a0;
    this.a1 = a1;
    this.a2 = a2;
    this.a3 = a3;
  }

  /** The next whole 64-bit output. A high half left pending by nextWord/fill is dropped first. */
  nextOutput(): bigint {
    this.hasPending = false;
    this.step();
    return (BigInt(this.half[1]) << 32n) | BigInt(this.half[0]);
  }
}

export const pcg64: PrngFactory = {
  info,
  create: (seed) => new Pcg64(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
