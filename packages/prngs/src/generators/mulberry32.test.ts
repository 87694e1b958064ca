import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Mulberry32, mulberry32 } from "./mulberry32.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "mulberry32") as VectorEntry;
const SEED_MAX = 0xffffffffn;
const validSeed = (_s: bigint): boolean => true;

describe("mulberry32 against vectors.json", () => {
  it("info matches vectors.json", () => {
    const g = (vectors.generators as { name: string; word_bits: number; output_bits: number; seed_bits: number }[]).find((v) => v.name === "mulberry32");
    expect(g).toBeDefined();
    expect([mulberry32.info.name, mulberry32.info.wordBits, mulberry32.info.outputBits, mulberry32.info.seedBits]).toEqual([g?.name, g?.word_bits, g?.output_bits, g?.seed_bits]);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} outputs (nextWord, nextOutput and fill)`, () => {
      const a = new Mulberry32(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(a.nextWord()))).toEqual(outputs);
      const b = mulberry32.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(b.nextOutput()))).toEqual(outputs);
      const c = mulberry32.create(BigInt(seed));
      const buf = new Uint32Array(outputs.length);
      c.fill(buf);
      expect(Array.from(buf, String)).toEqual(outputs);
    });
  }
  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      expect(mulberry32.checkSeed(BigInt(seed))).toMatch(/invalid/);
    });
  }
});

describe("mulberry32 seeds and stream", () => {
  it("checkSeed accepts 0 … 2^seedBits-1 (except invalid seeds) and names the range otherwise", () => {
    expect(mulberry32.checkSeed(1n)).toBeUndefined();
    expect(mulberry32.checkSeed(SEED_MAX - (validSeed(SEED_MAX) ? 0n : 2n))).toBeUndefined();
    expect(mulberry32.checkSeed(SEED_MAX + 1n)).toContain(`outside 0 … 2^${mulberry32.info.seedBits}-1`);
    expect(mulberry32.checkSeed(-1n)).toMatch(/outside/);
  });
  it("create() defaults to seed 1", () => {
    const a = mulberry32.create();
    const b = mulberry32.create(1n);
    for (let i = 0; i < 10; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("fill() yields exactly the nextWord() stream, for random seeds and chunk sizes", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed),
        fc.array(fc.integer({ min: 0, max: 1400 }), { maxLength: 8 }),
        (seed, chunks) => {
          const a = mulberry32.create(seed);
          const b = mulberry32.create(seed);
          for (const n of chunks) {
            const buf = new Uint32Array(n);
            a.fill(buf);
            for (let i = 0; i < n; i++) if (buf[i] !== b.nextWord()) return false;
          }
          return a.nextWord() === b.nextWord();
        },
      ),
      { numRuns: 60 },
    );
  });
  it("nextWord() is an unsigned 32-bit integer below 2^outputBits, and nextOutput() is the same value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed), (seed) => {
        const a = mulberry32.create(seed);
        const b = mulberry32.create(seed);
        const limit = 2 ** mulberry32.info.outputBits;
        for (let i = 0; i < 50; i++) {
          const w = a.nextWord();
          if (!Number.isInteger(w) || w < 0 || w >= limit || BigInt(w) !== b.nextOutput()) return false;
        }
        return true;
      }),
      { numRuns: 50 },
    );
  });
  it("reseeding restarts the stream", () => {
    const g = mulberry32.create(42n);
    const first = [g.nextWord(), g.nextWord(), g.nextWord()];
    g.nextWord();
    g.seed(42n);
    expect([g.nextWord(), g.nextWord(), g.nextWord()]).toEqual(first);
  });
});

describe("mulberry32 seeding rule (no published vector: Ettinger's gist gives code only)", () => {
  it("agrees with a BigInt model of the gist's code, for random seeds", () => {
    const u = (x: bigint): bigint => BigInt.asUintN(32, x);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), (seed) => {
        let s = seed;
        const g = new Mulberry32(seed);
        for (let i = 0; i < 100; i++) {
          s = u(s + 0x6d2b79f5n);
          let z = s;
          z = u((z ^ (z >> 15n)) * (z | 1n));
          z ^= u(z + u((z ^ (z >> 7n)) * (z | 61n)));
          if (BigInt(g.nextWord()) !== (z ^ (z >> 14n))) return false;
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });
});
