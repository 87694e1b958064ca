import { checkSeedRange, type Prng, type PrngFactory, type PrngInfo } from "../prng.js";

// Marsaglia's xorshift64 (G. Marsaglia, "Xorshift RNGs", Journal of Statistical Software 8(14), 2003), shifts
// (13, 7, 17): x ^= x << 13; x ^= x >> 7; x ^= x << 17; output x (64-bit). Seeding: x = seed; seed 0 is invalid
// (the all-zero state is a fixed point). The state runs as two 32-bit halves.

const info: PrngInfo = {
  name: "xorshift64",
  aliases: [],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description:
    "Marsaglia xorshift64 (13,7,17): x ^= x<<13, x ^= x>>7, x ^= x<<17; x = seed, 0 invalid (Marsaglia, 'Xorshift RNGs', J. Stat. Softw. 8(14), 2003)",
};

export class Xorshift64 implements Prng {
  readonly info = info;
  private xl = 1; // x as int32 halves
  private xh = 0;
  private hi = 0; // high half of the last output, still to be streamed when hasHi
  private hasHi = false;

  constructor(seed: bigint = 1n) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    const x = BigInt.asUintN(64, seed);
    this.xl = Number(x & 0xffffffffn) | 0;
    this.xh = Number(x >> 32n) | 0;
    this.hasHi = false;
  }

  nextWord(): number {
    if (this.hasHi) {
      this.hasHi = false;
      return this.hi >>> 0;
    }
    let l = this.xl;
    let h = this.xh;
    h ^= (h << 13) | (l >>> 19); // x ^= x << 13
    l ^= l << 13;
    l ^= (l >>> 7) | (h << 25); // x ^= x >> 7
    h ^= h >>> 7;
    h ^= (h << 17) | (l >>> 15); // x ^= x << 17
    l ^= l << 17;
    this.xl = l;
    this.xh = h;
    this.hi = h;
    this.hasHi = true;
    return l >>> 0;
  }

  fill(out: Uint32Array): void {
    const n = out.length;
    let i = 0;
    if (n === 0) return;
    if (this.hasHi) {
      out[0] = this.hi;
      this.hasHi = false;
      i = 1;
    }
    let l = this.xl | 0;
    let h = this.xh | 0;
    for (; i + 1 < n; i += 2) {
      h ^= (h << 13) | (l >>> 19);
      l ^= l << 13;
      l ^= (l >>> 7) | (h << 25);
      h ^= h >>> 7;
      h ^= (h << 17) | (l >>> 15);
      l ^= l << 17;
      out[i] = l;
      out[i + 1] = h;
    }
    this.xl = l;
    this.xh = h;
    if (i < n) out[i] = this.nextWord(); // odd tail: its high half stays pending
  }

  /** Next whole output. A high half left pending by nextWord() is dropped: outputs always start fresh. */
  nextOutput(): bigint {
    this.hasHi = false;
    const lo = this.nextWord();
    const hi = this.nextWord();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
}

export const xorshift64: PrngFactory = {
  info,
  create: (seed) => new Xorshift64(seed ?? 1n),
  checkSeed: (seed) =>
    checkSeedRange(info, seed) ??
    (seed === 0n ? "seed 0 is invalid for xorshift64 (the all-zero state is a fixed point)" : undefined),
};
