// Test helper (excluded from the build by the `test-*.ts` pattern): a known-good generator, Vigna's
// splitmix64, written with BigInt, as a Prng whose 32-bit word stream gives each output low half first.

import type { Prng, PrngInfo } from "../prng.js";

const GOLDEN = 0x9e3779b97f4a7c15n;
const M64 = (1n << 64n) - 1n;

const info: PrngInfo = {
  name: "test-splitmix64",
  aliases: [],
  wordBits: 64,
  outputBits: 64,
  seedBits: 64,
  description: "splitmix64 (test helper)",
};

export class SplitMix64 implements Prng {
  readonly info = info;
  private state = 0n;
  private pendingHigh: number | undefined;

  constructor(seed: bigint) {
    this.seed(seed);
  }

  seed(seed: bigint): void {
    this.state = BigInt.asUintN(64, seed);
    this.pendingHigh = undefined;
  }

  nextOutput(): bigint {
    this.state = (this.state + GOLDEN) & M64;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
    return z ^ (z >> 31n);
  }

  nextWord(): number {
    if (this.pendingHigh !== undefined) {
      const h = this.pendingHigh;
      this.pendingHigh = undefined;
      return h;
    }
    const v = this.nextOutput();
    this.pendingHigh = Number(v >> 32n);
    return Number(v & 0xffffffffn);
  }

  fill(out: Uint32Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.nextWord();
  }
}

/** The first `count` bits of e's binary expansion (10.1011011111…: the integer part's "10" first). */
export function eBits(count: number): Uint8Array {
  // Σ_{k≥0} 1/k! by binary splitting: P(a,b)/Q(a,b) = Σ_{k=a+1}^{b} 1/((a+1)…k).
  const split = (a: number, b: number): [bigint, bigint] => {
    if (b - a === 1) return [1n, BigInt(b)];
    const mid = (a + b) >> 1;
    const [p1, q1] = split(a, mid);
    const [p2, q2] = split(mid, b);
    return [p1 * q2 + p2, q1 * q2];
  };
  const extra = 64;
  let terms = 1;
  for (let lg = 0; lg < count + extra + 8; ) lg += Math.log2(++terms);
  const [p, q] = split(0, terms);
  const fixed = ((p + q) << BigInt(count + extra)) / q; // e · 2^(count+extra)
  const text = fixed.toString(2).slice(0, count);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = text.charCodeAt(i) - 48;
  return out;
}
