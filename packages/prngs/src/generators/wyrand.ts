import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// wyrand with the constants of wyhash.h up to final3 (_wyp[0], _wyp[1]), as also in the Go runtime (Wang Yi, https://github.com/wangyi-fudan/wyhash):
// s += 0xa0761d6478bd642f; out = _wymix(s, s ^ 0xe7037ed1a0b428db), i.e. the low 64 bits XOR the high 64 bits
// of the full 128-bit product s·(s ^ 0xe7037ed1a0b428db). Seeding: s = seed.
//
// The word stream uses no BigInt: s is two 32-bit halves; the 64×64→128 product is summed by 16-bit
// digit columns, each term a 32-bit half of s times a 16-bit limb of the other factor (< 2^48, so every
// column sum is an exact double), with the carries propagated digit by digit. s's halves are kept as doubles
// holding unsigned 32-bit integers and the digits and carries are taken with Math.floor (measured ~1.5×
// faster in V8 than taking them with `v & 0xffff` and integer halves).

const info: PrngInfo = {
  name: "wyrand",
  aliases: ["wyrand-final3"],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description: "wyrand (wyhash.h ≤ final3, Go runtime): s += 0xa0761d6478bd642f, out = lo64^hi64 of s·(s^0xe7037ed1a0b428db); s = seed (Wang Yi, github.com/wangyi-fudan/wyhash)",
};

const ADD_HI = 0xa0761d64;
const ADD_LO = 0x78bd642f;
const XOR_HI = 0xe7037ed1;
const XOR_LO = 0xa0b428db;
const TWO16 = 65536;
const INV16 = 1 / 65536;
const TWO32 = 4294967296;

/**
 * What both wyrand variants share: the state s (two 32-bit halves held as unsigned doubles), the pending high
 * half, seeding and nextOutput(). The hot paths (step, nextWord, fill) stay in each concrete class with its
 * constants as module literals: read from fields or passed to a shared function, the constants measured 7%
 * slower in fill() and 17–30% slower in nextWord() (V8 folds literal constants into the code).
 */
export abstract class WyrandBase implements Prng {
  abstract readonly info: PrngInfo;
  protected hi = 0; // s bits 63..32
  protected lo = 0; // s bits 31..0
  /**
   * The last output's halves (low, high), written by step(). When nextWord/fill has returned only the low
   * half, hasPending is set and half[1] is the next word of the stream. (A typed array, so step() neither
   * boxes a return value nor a double field: this made nextWord() 2–3× faster in V8.)
   */
  protected readonly half = new Uint32Array(2);
  protected hasPending = false;

  /** s = seed. */
  seed(seed: bigint): void {
    const s = BigInt.asUintN(64, seed);
    this.hi = Number(s >> 32n);
    this.lo = Number(s & 0xffffffffn);
    this.hasPending = false;
  }

  /** Steps s and writes the output's low and high halves to half[0], half[1]. */
  protected abstract step(): void;
  abstract nextWord(): number;
  abstract fill(out: Uint32Array): void;

  /** The next whole 64-bit output. A high half left pending by nextWord/fill is dropped first. */
  nextOutput(): bigint {
    this.hasPending = false;
    this.step();
    return (BigInt(this.half[1]) << 32n) | BigInt(this.half[0]);
  }
}

export class Wyrand extends WyrandBase {
  readonly info = info;

  constructor(seed: bigint = 1n) {
    super();
    this.seed(seed);
  }

  /** Steps s and writes the output's low and high halves to half[0], half[1]. */
  protected step(): void {
    let a0 = this.lo + ADD_LO;
    let a1 = this.hi + ADD_HI;
    if (a0 >= TWO32) {
      a0 -= TWO32;
      a1 += 1;
    }
    if (a1 >= TWO32) a1 -= TWO32;
    this.lo = a0;
    this.hi = a1;
    const b0 = a0 ^ XOR_LO;
    const b1 = a1 ^ XOR_HI;
    const g0 = b0 & 0xffff;
    const g1 = b0 >>> 16;
    const g2 = b1 & 0xffff;
    const g3 = b1 >>> 16;
    let v = a0 * g0;
    let q = Math.floor(v * INV16);
    const d0 = v - q * TWO16;
    v = a0 * g1 + q;
    q = Math.floor(v * INV16);
    const r0 = d0 + (v - q * TWO16) * TWO16;
    v = a0 * g2 + a1 * g0 + q;
    q = Math.floor(v * INV16);
    const d2 = v - q * TWO16;
    v = a0 * g3 + a1 * g1 + q;
    q = Math.floor(v * INV16);
    const r1 = d2 + (v - q * TWO16) * TWO16;
    v = a1 * g2 + q;
    q = Math.floor(v * INV16);
    const d4 = v - q * TWO16;
    v = a1 * g3 + q;
    q = Math.floor(v * INV16); // < 2^32: the product's top 32 bits
    this.half[0] = r0 ^ (d4 + (v - q * TWO16) * TWO16);
    this.half[1] = r1 ^ q;
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
    let a0 = this.lo;
    let a1 = this.hi;
    while (i < n) {
      a0 += ADD_LO;
      a1 += ADD_HI;
      if (a0 >= TWO32) {
        a0 -= TWO32;
        a1 += 1;
      }
      if (a1 >= TWO32) a1 -= TWO32;
      const b0 = a0 ^ XOR_LO;
      const b1 = a1 ^ XOR_HI;
      const g0 = b0 & 0xffff;
      const g1 = b0 >>> 16;
      const g2 = b1 & 0xffff;
      const g3 = b1 >>> 16;
      let v = a0 * g0;
      let q = Math.floor(v * INV16);
      const d0 = v - q * TWO16;
      v = a0 * g1 + q;
      q = Math.floor(v * INV16);
      const r0 = d0 + (v - q * TWO16) * TWO16;
      v = a0 * g2 + a1 * g0 + q;
      q = Math.floor(v * INV16);
      const d2 = v - q * TWO16;
      v = a0 * g3 + a1 * g1 + q;
      q = Math.floor(v * INV16);
      const r1 = d2 + (v - q * TWO16) * TWO16;
      v = a1 * g2 + q;
      q = Math.floor(v * INV16);
      const d4 = v - q * TWO16;
      v = a1 * g3 + q;
      q = Math.floor(v * INV16);
      out[i++] = r0 ^ (d4 + (v - q * TWO16) * TWO16);
      if (i === n) {
        this.half[1] = r1 ^ q;
        this.hasPending = true;
        break;
      }
      out[i++] = r1 ^ q;
    }
    this.lo = a0;
    this.hi = a1;
  }
}

export const wyrand: PrngFactory = {
  info,
  create: (seed) => new Wyrand(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
