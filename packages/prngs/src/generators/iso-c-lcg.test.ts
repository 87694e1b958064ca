import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IsoCLcg, isoCLcg } from "./iso-c-lcg.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "iso-c-lcg") as VectorEntry;
const SEED_MAX = 0xffffffffn;
const validSeed = (_s: bigint): boolean => true;

describe("iso-c-lcg against vectors.json", () => {
  it("info matches vectors.json", () => {
    const g = (vectors.generators as { name: string; word_bits: number; output_bits: number; seed_bits: number }[]).find((v) => v.name === "iso-c-lcg");
    expect(g).toBeDefined();
    expect([isoCLcg.info.name, isoCLcg.info.wordBits, isoCLcg.info.outputBits, isoCLcg.info.seedBits]).toEqual([g?.name, g?.word_bits, g?.output_bits, g?.seed_bits]);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} outputs (nextWord, nextOutput and fill)`, () => {
      const a = new IsoCLcg(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(a.nextWord()))).toEqual(outputs);
      const b = isoCLcg.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(b.nextOutput()))).toEqual(outputs);
      const c = isoCLcg.create(BigInt(seed));
      const buf = new Uint32Array(outputs.length);
      c.fill(buf);
      expect(Array.from(buf, String)).toEqual(outputs);
    });
  }
  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      expect(isoCLcg.checkSeed(BigInt(seed))).toMatch(/invalid/);
    });
  }
});

describe("iso-c-lcg seeds and stream", () => {
  it("checkSeed accepts 0 … 2^seedBits-1 (except invalid seeds) and names the range otherwise", () => {
    expect(isoCLcg.checkSeed(1n)).toBeUndefined();
    expect(isoCLcg.checkSeed(SEED_MAX - (validSeed(SEED_MAX) ? 0n : 2n))).toBeUndefined();
    expect(isoCLcg.checkSeed(SEED_MAX + 1n)).toContain(`outside 0 … 2^${isoCLcg.info.seedBits}-1`);
    expect(isoCLcg.checkSeed(-1n)).toMatch(/outside/);
  });
  it("create() defaults to seed 1", () => {
    const a = isoCLcg.create();
    const b = isoCLcg.create(1n);
    for (let i = 0; i < 10; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("fill() yields exactly the nextWord() stream, for random seeds and chunk sizes", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed),
        fc.array(fc.integer({ min: 0, max: 1400 }), { maxLength: 8 }),
        (seed, chunks) => {
          const a = isoCLcg.create(seed);
          const b = isoCLcg.create(seed);
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
        const a = isoCLcg.create(seed);
        const b = isoCLcg.create(seed);
        const limit = 2 ** isoCLcg.info.outputBits;
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
    const g = isoCLcg.create(42n);
    const first = [g.nextWord(), g.nextWord(), g.nextWord()];
    g.nextWord();
    g.seed(42n);
    expect([g.nextWord(), g.nextWord(), g.nextWord()]).toEqual(first);
  });
});

describe("iso-c-lcg seeding rule (no published vector in the standard)", () => {
  it("agrees with the standard's code run on a 64-bit unsigned long (BigInt model), for random seeds", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), (seed) => {
        const g = new IsoCLcg(seed);
        let next = seed;
        for (let i = 0; i < 200; i++) {
          next = BigInt.asUintN(64, next * 1103515245n + 12345n);
          if (BigInt(g.nextWord()) !== (next / 65536n) % 32768n) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
