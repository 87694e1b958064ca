import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { WyrandFinal4, wyrandFinal4 } from "./wyrand-final4.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  word_bits: number;
  output_bits: number;
  seed_bits: number;
  canonical_check: { matched: boolean | string };
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "wyrand-final4") as VectorEntry;

const M64 = (1n << 64n) - 1n;
/** A plain BigInt model of the definition: s += 0x2d358dccaa6c78a5; lo64 ^ hi64 of s·(s ^ 0x8bb84b93962eacc9). */
function reference(seed: bigint, n: number): bigint[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s + 0x2d358dccaa6c78a5n) & M64;
    const p = s * (s ^ 0x8bb84b93962eacc9n);
    return (p & M64) ^ (p >> 64n);
  });
}

describe("wyrand-final4 against the reference vectors", () => {
  it("info matches vectors.json", () => {
    expect(wyrandFinal4.info.name).toBe("wyrand-final4");
    expect(wyrandFinal4.info.wordBits).toBe(entry.word_bits);
    expect(wyrandFinal4.info.outputBits).toBe(entry.output_bits);
    expect(wyrandFinal4.info.seedBits).toBe(entry.seed_bits);
    // No published wyrand output exists to check against (vectors.json says "unverified").
    expect(entry.canonical_check.matched).toBe("unverified");
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    if (seed in entry.skipped_seeds) continue;
    it(`seed ${seed}: the first 1000 outputs, by nextOutput and as low/high word pairs`, () => {
      const g = wyrandFinal4.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(g.nextOutput()))).toEqual(outputs);
      const h = new WyrandFinal4(BigInt(seed));
      const words = new Uint32Array(2 * outputs.length);
      h.fill(words);
      const got = Array.from({ length: outputs.length }, (_, i) => String((BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i])));
      expect(got).toEqual(outputs);
    });
  }
  it("agrees with a BigInt model of the definition for any 64-bit seed", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), (seed) => {
        const g = new WyrandFinal4(seed);
        return reference(seed, 40).every((w) => g.nextOutput() === w);
      }),
    );
  });
  it("the 128-bit product is exact at the carry extremes (s near 0 and near 2^64)", () => {
    for (const seed of [0n, 1n, M64, M64 - 0x2d358dccaa6c78a5n, M64 - 0x2d358dccaa6c78a5n + 1n, (1n << 63n) - 1n, 0xffffffffn, 0x100000000n]) {
      const g = new WyrandFinal4(seed);
      expect(Array.from({ length: 8 }, () => g.nextOutput())).toEqual(reference(seed, 8));
    }
  });
});

describe("wyrand-final4 word stream and seeds", () => {
  it("fill() yields exactly the nextWord() stream, for any seed and chunking (odd chunks leave a high half pending)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 8 }), (seed, chunks) => {
        const a = new WyrandFinal4(seed);
        const b = new WyrandFinal4(seed);
        for (const n of chunks) {
          const buf = new Uint32Array(n);
          a.fill(buf);
          for (let i = 0; i < n; i++) if (buf[i] !== b.nextWord()) return false;
        }
        return a.nextWord() === b.nextWord() && a.nextWord() === b.nextWord();
      }),
    );
  });
  it("nextOutput() is (hi << 32) | lo of the next two nextWord() calls from the same state", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), fc.nat({ max: 20 }), (seed, skip) => {
        const a = new WyrandFinal4(seed);
        const b = new WyrandFinal4(seed);
        for (let i = 0; i < skip; i++) {
          a.nextOutput();
          b.nextWord();
          b.nextWord();
        }
        const lo = BigInt(b.nextWord());
        const hi = BigInt(b.nextWord());
        return a.nextOutput() === ((hi << 32n) | lo);
      }),
    );
  });
  it("nextOutput() drops a high half left pending by nextWord()", () => {
    const a = new WyrandFinal4(7n);
    const b = new WyrandFinal4(7n);
    a.nextWord();
    b.nextOutput();
    expect(a.nextOutput()).toBe(b.nextOutput());
  });
  it("create() without a seed is seed 1, and reseeding restarts the stream", () => {
    const a = wyrandFinal4.create();
    expect(String(a.nextOutput())).toBe(entry.seeds["1"][0]);
    a.nextWord();
    a.seed(42n);
    expect(String(a.nextOutput())).toBe(entry.seeds["42"][0]);
  });
  it("accepts 0 … 2^64-1 and rejects seeds outside it", () => {
    for (const s of Object.keys(entry.seeds)) expect(wyrandFinal4.checkSeed(BigInt(s))).toBeUndefined();
    expect(Object.keys(entry.skipped_seeds)).toEqual([]);
    expect(wyrandFinal4.checkSeed(M64)).toBeUndefined();
    expect(wyrandFinal4.checkSeed(M64 + 1n)).toMatch(/outside 0 … 2\^64-1/);
    expect(wyrandFinal4.checkSeed(-1n)).toMatch(/outside/);
  });
});
