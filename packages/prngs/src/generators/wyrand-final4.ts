import { checkSeedRange, type PrngFactory, type PrngInfo } from "../prng.js";
import { WyrandBase } from "./wyrand.js";

// wyrand with the constants of wyhash.h final4 (_wyp[0], _wyp[1]) (Wang Yi, https://github.com/wangyi-fudan/wyhash):
// s += 0x2d358dccaa6c78a5; out = _wymix(s, s ^ 0x8bb84b93962eacc9), i.e. the low 64 bits XOR the high 64 bits
// of the full 128-bit product s·(s ^ 0x8bb84b93962eacc9). Seeding: s = seed. State, seeding and nextOutput() are
// WyrandBase's (wyrand.ts, where the word stream's arithmetic is explained).


const info: PrngInfo = {
  name: "wyrand-final4",
  aliases: ["wyrand4"],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description: "wyrand (wyhash.h final4 constants): s += 0x2d358dccaa6c78a5, out = lo64^hi64 of s·(s^0x8bb84b93962eacc9); s = seed (Wang Yi, github.com/wangyi-fudan/wyhash)",
};

const ADD_HI = 0x2d358dcc;
const ADD_LO = 0xaa6c78a5;
const XOR_HI = 0x8bb84b93;
const XOR_LO = 0x962eacc9;
const TWO16 = 65536;
const INV16 = 1 / 65536;
const TWO32 = 4294967296;

export class WyrandFinal4 extends WyrandBase {
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

export const wyrandFinal4: PrngFactory = {
  info,
  create: (seed) => new WyrandFinal4(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
