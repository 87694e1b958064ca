import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// Tommy Ettinger's mulberry32 (gist tommyettinger/46a874533244883189143505d203312c, 2017):
//   z = (s += 0x6D2B79F5); z = (z ^ z>>15) * (z | 1); z ^= z + (z ^ z>>7) * (z | 61); return z ^ z>>14;
// all mod 2^32; the state s is the seed as a uint32.

const info: PrngInfo = {
  name: "mulberry32",
  aliases: [],
  wordBits: 32,
  outputBits: 32,
  seedBits: 32,
  description:
    "mulberry32: Weyl counter s += 0x6D2B79F5 through a multiply-xorshift mix; s = (uint32)seed (Ettinger, gist tommyettinger/46a874533244883189143505d203312c)",
};

export class Mulberry32 implements Prng {
  readonly info = info;
  private s = 1; // int32 bit pattern

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.s = Number(BigInt.asUintN(32, seed)) | 0;
  }

  nextWord(): number {
    let z = (this.s = (this.s + 0x6d2b79f5) | 0);
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  }

  fill(out: Uint32Array): void {
    let s = this.s;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      s = (s + 0x6d2b79f5) | 0;
      let z = Math.imul(s ^ (s >>> 15), s | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      out[i] = z ^ (z >>> 14);
    }
    this.s = s;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const mulberry32: PrngFactory = {
  info,
  create: (seed) => new Mulberry32(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
