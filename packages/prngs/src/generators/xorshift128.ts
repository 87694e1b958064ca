import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// Marsaglia's xor128 (G. Marsaglia, "Xorshift RNGs", Journal of Statistical Software 8(14), 2003):
//   t = x ^ (x << 11); x = y; y = z; z = w; w = (w ^ (w >> 19)) ^ (t ^ (t >> 8)); output w.
// Seeding: x = (uint32)seed, y, z, w = Marsaglia's defaults 362436069, 521288629, 88675123 (so seed 123456789
// reproduces his default state). y, z, w are never all zero, so every seed is valid.

const Y0 = 362436069;
const Z0 = 521288629;
const W0 = 88675123;

const info: PrngInfo = {
  name: "xorshift128",
  aliases: ["xor128"],
  wordBits: 32,
  outputBits: 32,
  seedBits: 32,
  description:
    "Marsaglia xor128: t=x^(x<<11), w=(w^(w>>19))^(t^(t>>8)); x = seed, y,z,w = his defaults 362436069, 521288629, 88675123 (Marsaglia, 'Xorshift RNGs', J. Stat. Softw. 8(14), 2003)",
};

export class Xorshift128 implements Prng {
  readonly info = info;
  private x = 0; // int32 bit patterns
  private y = Y0;
  private z = Z0;
  private w = W0;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.x = Number(BigInt.asUintN(32, seed)) | 0;
    this.y = Y0;
    this.z = Z0;
    this.w = W0;
  }

  nextWord(): number {
    const x = this.x;
    const t = x ^ (x << 11);
    const w = this.w;
    this.x = this.y;
    this.y = this.z;
    this.z = w;
    const nw = w ^ (w >>> 19) ^ t ^ (t >>> 8);
    this.w = nw;
    return nw >>> 0;
  }

  fill(out: Uint32Array): void {
    let x = this.x | 0;
    let y = this.y | 0;
    let z = this.z | 0;
    let w = this.w | 0;
    const n = out.length;
    let i = 0;
    // Four words per iteration with the roles of x, y, z, w rotating (the new word overwrites the oldest), so the
    // x = y; y = z; z = w shuffle costs nothing.
    for (; i + 3 < n; i += 4) {
      let t = x ^ (x << 11);
      x = w ^ (w >>> 19) ^ t ^ (t >>> 8);
      out[i] = x;
      t = y ^ (y << 11);
      y = x ^ (x >>> 19) ^ t ^ (t >>> 8);
      out[i + 1] = y;
      t = z ^ (z << 11);
      z = y ^ (y >>> 19) ^ t ^ (t >>> 8);
      out[i + 2] = z;
      t = w ^ (w << 11);
      w = z ^ (z >>> 19) ^ t ^ (t >>> 8);
      out[i + 3] = w;
    }
    for (; i < n; i++) {
      const t = x ^ (x << 11);
      x = y;
      y = z;
      z = w;
      w = w ^ (w >>> 19) ^ t ^ (t >>> 8);
      out[i] = w;
    }
    this.x = x;
    this.y = y;
    this.z = z;
    this.w = w;
  }

  nextOutput(): bigint {
    return BigInt(this.nextWord());
  }
}

export const xorshift128: PrngFactory = {
  info,
  create: (seed) => new Xorshift128(seed ?? 1n),
  checkSeed: (seed) => checkSeedRange(info, seed),
};
