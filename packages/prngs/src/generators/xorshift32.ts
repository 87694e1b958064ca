import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// Marsaglia's xorshift32 (G. Marsaglia, "Xorshift RNGs", Journal of Statistical Software 8(14), 2003), shifts
// (13, 17, 5): y ^= y << 13; y ^= y >> 17; y ^= y << 5; output y. Seeding: y = (uint32)seed; seed 0 is invalid
// (the all-zero state is a fixed point).

const info: PrngInfo = {
  name: "xorshift32",
  aliases: [],
  wordBits: 32,
  outputBits: 32,
  seedBits: 32,
  description:
    "Marsaglia xorshift32 (13,17,5): y ^= y<<13, y ^= y>>17, y ^= y<<5; y = seed, 0 invalid (Marsaglia, 'Xorshift RNGs', J. Stat. Softw. 8(14), 2003)",
};

export class Xorshift32 implements Prng {
  readonly info = info;
  private y = 1; // int32 bit pattern

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.y = Number(BigInt.asUintN(32, seed)) | 0;
  }

  nextWord(): number {
    let y = this.y;
    y ^= y << 13;
    y ^= y >>> 17;
    y ^= y << 5;
    this.y = y;
    return y >>> 0;
  }

  fill(out: Uint32Array): void {
    let y = this.y | 0;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      y ^= y << 13;
      y ^= y >>> 17;
      y ^= y << 5;
      out[i] = y;
    }
    this.y = y;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const xorshift32: PrngFactory = {
  info,
  create: (seed) => new Xorshift32(seed ?? 1n),
  checkSeed: (seed) =>
    checkSeedRange(info, seed) ??
    (seed === 0n ? "seed 0 is invalid for xorshift32 (the all-zero state is a fixed point)" : undefined),
};
