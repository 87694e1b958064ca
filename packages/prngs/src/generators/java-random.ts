import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// java.util.Random (Java SE API; Knuth, TAOCP vol. 2 §3.2.1): the 48-bit LCG
//   s = (s * 0x5DEECE66D + 0xB) mod 2^48, nextInt() = (int)(s >>> 16)
// new Random(seed): s = (seed ^ 0x5DEECE66D) mod 2^48, seed a Java long (the 64-bit seed's bit pattern:
// 2^64 − 1 is -1L). Outputs are nextInt()'s unsigned bit patterns.
//
// Hot path: the state is three 16-bit limbs (s2:s1:s0) and the multiplier 0x5:DEEC:E66D; every partial
// product is a 16×16-bit Math.imul (exact as a uint32 bit pattern), carries are propagated by hand, and the
// top limb only needs its low 16 bits. All 32-bit integer arithmetic: no doubles, no BigInt.

const M0 = 0xe66d; // 0x5DEECE66D = M2·2^32 + M1·2^16 + M0
const M1 = 0xdeec;
const M2 = 0x5;

const info: PrngInfo = {
  name: "java-random",
  aliases: ["java.util.Random", "java"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 64,
  description:
    "java.util.Random nextInt(): s = s*0x5DEECE66D + 0xB mod 2^48, output s>>16; s = (seed ^ 0x5DEECE66D) mod 2^48, seed a Java long (Java SE API java.util.Random)",
};

export class JavaRandom implements Prng {
  readonly info = info;
  private s0 = 0; // state bits 0..15
  private s1 = 0; // state bits 16..31
  private s2 = 0; // state bits 32..47

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  /** new Random(seed): the scrambled seed's low 48 bits. */
  seed(seed: bigint): void {
    const s = BigInt.asUintN(48, seed ^ 0x5deece66dn);
    this.s0 = Number(s & 0xffffn);
    this.s1 = Number((s >> 16n) & 0xffffn);
    this.s2 = Number(s >> 32n);
  }

  nextWord(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const t0 = Math.imul(s0, M0) + 0xb; // s0·M0 + 11 < 2^32: its uint32 bit pattern is exact
    const u = Math.imul(s0, M1);
    const v = Math.imul(s1, M0);
    const t1 = (t0 >>> 16) + (u & 0xffff) + (v & 0xffff);
    const c1 = (t1 >>> 16) + (u >>> 16) + (v >>> 16);
    const s2 = (c1 + Math.imul(s0, M2) + Math.imul(s1, M1) + Math.imul(this.s2, M0)) & 0xffff;
    this.s0 = t0 & 0xffff;
    this.s1 = t1 & 0xffff;
    this.s2 = s2;
    return ((s2 << 16) | (t1 & 0xffff)) >>> 0; // nextInt() = (int)(s >>> 16)
  }

  fill(out: Uint32Array): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const t0 = Math.imul(s0, M0) + 0xb;
      const u = Math.imul(s0, M1);
      const v = Math.imul(s1, M0);
      const t1 = (t0 >>> 16) + (u & 0xffff) + (v & 0xffff);
      const c1 = (t1 >>> 16) + (u >>> 16) + (v >>> 16);
      s2 = (c1 + Math.imul(s0, M2) + Math.imul(s1, M1) + Math.imul(s2, M0)) & 0xffff;
      s1 = t1 & 0xffff;
      s0 = t0 & 0xffff;
      out[i] = (s2 << 16) | s1;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const javaRandom: PrngFactory = {
  info,
  create: (seed) => new JavaRandom(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
