import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// PCG32 (O'Neill, pcg-c's pcg32 = pcg_setseq_64_xsh_rr_32, https://www.pcg-random.org/):
// a 64-bit LCG s = s*6364136223846793005 + inc, output XSH-RR of the OLD state:
// rotr32(((old >> 18) ^ old) >> 27, old >> 59). Seeding is pcg32_srandom_r(seed, 54): s = 0,
// inc = (54 << 1) | 1, step, s += seed, step — so seed 42 gives pcg-c's pcg32-demo stream.
// The 64-bit state lives in two 32-bit halves; the multiply is done with Math.imul and a 16-bit-limb
// high product, so the word stream uses no BigInt (seeding does).

const info: PrngInfo = {
  name: "pcg32",
  aliases: ["pcg32_xsh_rr", "pcg_setseq_64_xsh_rr_32"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 64,
  description:
    "PCG32 XSH-RR: 64-bit LCG ×6364136223846793005 + inc, output rotr32(((s>>18)^s)>>27, s>>59); pcg32_srandom_r(seed, 54) (O'Neill, pcg-random.org, pcg-c)",
};

/** The multiplier 6364136223846793005 = 0x5851f42d_4c957f2d, as 32-bit halves and 16-bit limbs of the low half. */
const MUL_HI = 0x5851f42d;
const MUL_LO = 0x4c957f2d;
const MUL_LO_0 = 0x7f2d; // low 16 bits of MUL_LO
const MUL_LO_1 = 0x4c95; // high 16 bits of MUL_LO
/** inc = (54 << 1) | 1 = 109 (the stream selected by initseq 54; its high half is 0). */
const INC_LO = 109;

export class Pcg32 implements Prng {
  readonly info = info;
  // The state's halves as int32 bit patterns (V8 truncates int32-range numbers to 32 bits cheaply).
  private hi = 0; // state bits 63..32
  private lo = 0; // state bits 31..0

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  /** pcg32_srandom_r(initstate = seed, initseq = 54). */
  seed(seed: bigint): void {
    const mask = (1n << 64n) - 1n;
    const mult = (BigInt(MUL_HI) << 32n) | BigInt(MUL_LO);
    let s = BigInt(INC_LO); // s = 0, then one step: 0 * mult + inc
    s = (s + BigInt.asUintN(64, seed)) & mask;
    s = (s * mult + BigInt(INC_LO)) & mask; // the second step (its output is discarded)
    this.hi = Number(s >> 32n) | 0;
    this.lo = Number(s & 0xffffffffn) | 0;
  }

  nextWord(): number {
    const hi = this.hi;
    const lo = this.lo;
    // s*MUL mod 2^64: low half by imul; high half = mulhi(lo, MUL_LO) + lo*MUL_HI + hi*MUL_LO (mod 2^32),
    // mulhi built from 16-bit halves with Math.imul only (every partial sum fits 32 bits).
    const l0 = lo & 0xffff;
    const l1 = lo >>> 16;
    const t = (Math.imul(l1, MUL_LO_0) + (Math.imul(l0, MUL_LO_0) >>> 16)) | 0;
    const w1 = (Math.imul(l0, MUL_LO_1) + (t & 0xffff)) | 0;
    const mh = Math.imul(l1, MUL_LO_1) + (t >>> 16) + (w1 >>> 16);
    const pl = Math.imul(lo, MUL_LO);
    const nl = (pl + INC_LO) | 0;
    this.lo = nl;
    this.hi = (mh + Math.imul(lo, MUL_HI) + Math.imul(hi, MUL_LO) + ((nl >>> 0) < (pl >>> 0) ? 1 : 0)) | 0;
    // XSH-RR on the old state: x = old ^ (old >> 18); xs = low 32 bits of x >> 27; rotate right by old >> 59.
    const xh = hi ^ (hi >>> 18);
    const xl = lo ^ ((lo >>> 18) | (hi << 14));
    const xs = (xl >>> 27) | (xh << 5);
    const rot = hi >>> 27;
    return ((xs >>> rot) | (xs << (-rot & 31))) >>> 0;
  }

  fill(out: Uint32Array): void {
    let hi = this.hi;
    let lo = this.lo;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      // mulhi(lo, MUL_LO) from 16-bit halves with Math.imul only (every partial sum fits 32 bits).
      const l0 = lo & 0xffff;
      const l1 = lo >>> 16;
      const t = (Math.imul(l1, MUL_LO_0) + (Math.imul(l0, MUL_LO_0) >>> 16)) | 0;
      const w1 = (Math.imul(l0, MUL_LO_1) + (t & 0xffff)) | 0;
      const mh = Math.imul(l1, MUL_LO_1) + (t >>> 16) + (w1 >>> 16);
      const pl = Math.imul(lo, MUL_LO);
      const nl = (pl + INC_LO) | 0;
      const nh = (mh + Math.imul(lo, MUL_HI) + Math.imul(hi, MUL_LO) + ((nl >>> 0) < (pl >>> 0) ? 1 : 0)) | 0;
      const xh = hi ^ (hi >>> 18);
      const xl = lo ^ ((lo >>> 18) | (hi << 14));
      const xs = (xl >>> 27) | (xh << 5);
      const rot = hi >>> 27;
      out[i] = (xs >>> rot) | (xs << (-rot & 31));
      hi = nh;
      lo = nl;
    }
    this.hi = hi;
    this.lo = lo;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const pcg32: PrngFactory = {
  info,
  create: (seed) => new Pcg32(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
