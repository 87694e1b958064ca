import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "./prng.js";

// glibc rand_r(&state) (stdlib/rand_r.c): three steps of the LCG state = state * 1103515245 + 12345
// (mod 2^32) per output; bits 16.. of each step give 11, then 10, then 10 bits of a 31-bit result.

const info: PrngInfo = {
  name: "glibc-rand_r",
  aliases: ["rand_r"],
  wordBits: 32,
  outputBits: 31,
  seedBits: 32,
  description: "glibc rand_r(): three LCG steps (×1103515245 + 12345) combined into 11+10+10 bits; state = seed",
};

export class GlibcRandR implements Prng {
  readonly info = info;
  private s = 1;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.s = Number(BigInt.asUintN(32, seed));
  }

  nextWord(): number {
    let next = this.s;
    next = (Math.imul(next, 1103515245) + 12345) >>> 0;
    let result = (next >>> 16) & 2047;
    next = (Math.imul(next, 1103515245) + 12345) >>> 0;
    result = (result << 10) ^ ((next >>> 16) & 1023);
    next = (Math.imul(next, 1103515245) + 12345) >>> 0;
    result = (result << 10) ^ ((next >>> 16) & 1023);
    this.s = next;
    return result >>> 0;
  }

  fill(out: Uint32Array): void {
    let next = this.s;
    for (let i = 0; i < out.length; i++) {
      next = (Math.imul(next, 1103515245) + 12345) >>> 0;
      let result = (next >>> 16) & 2047;
      next = (Math.imul(next, 1103515245) + 12345) >>> 0;
      result = (result << 10) ^ ((next >>> 16) & 1023);
      next = (Math.imul(next, 1103515245) + 12345) >>> 0;
      out[i] = ((result << 10) ^ ((next >>> 16) & 1023)) >>> 0;
    }
    this.s = next;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const glibcRandR: PrngFactory = {
  info,
  create: (seed) => new GlibcRandR(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
