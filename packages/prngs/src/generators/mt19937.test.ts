import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Mt19937, mt19937 } from "./mt19937.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "mt19937") as VectorEntry;
const SEED_MAX = 0xffffffffn;
const validSeed = (_s: bigint): boolean => true;

describe("mt19937 against vectors.json", () => {
  it("info matches vectors.json", () => {
    const g = (vectors.generators as { name: string; word_bits: number; output_bits: number; seed_bits: number }[]).find((v) => v.name === "mt19937");
    expect(g).toBeDefined();
    expect([mt19937.info.name, mt19937.info.wordBits, mt19937.info.outputBits, mt19937.info.seedBits]).toEqual([g?.name, g?.word_bits, g?.output_bits, g?.seed_bits]);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} outputs (nextWord, nextOutput and fill)`, () => {
      const a = new Mt19937(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(a.nextWord()))).toEqual(outputs);
      const b = mt19937.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(b.nextOutput()))).toEqual(outputs);
      const c = mt19937.create(BigInt(seed));
      const buf = new Uint32Array(outputs.length);
      c.fill(buf);
      expect(Array.from(buf, String)).toEqual(outputs);
    });
  }
  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      expect(mt19937.checkSeed(BigInt(seed))).toMatch(/invalid/);
    });
  }
});

describe("mt19937 seeds and stream", () => {
  it("checkSeed accepts 0 … 2^seedBits-1 (except invalid seeds) and names the range otherwise", () => {
    expect(mt19937.checkSeed(1n)).toBeUndefined();
    expect(mt19937.checkSeed(SEED_MAX - (validSeed(SEED_MAX) ? 0n : 2n))).toBeUndefined();
    expect(mt19937.checkSeed(SEED_MAX + 1n)).toContain(`outside 0 … 2^${mt19937.info.seedBits}-1`);
    expect(mt19937.checkSeed(-1n)).toMatch(/outside/);
  });
  it("create() defaults to seed 1", () => {
    const a = mt19937.create();
    const b = mt19937.create(1n);
    for (let i = 0; i < 10; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("fill() yields exactly the nextWord() stream, for random seeds and chunk sizes", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed),
        fc.array(fc.integer({ min: 0, max: 1400 }), { maxLength: 8 }),
        (seed, chunks) => {
          const a = mt19937.create(seed);
          const b = mt19937.create(seed);
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
        const a = mt19937.create(seed);
        const b = mt19937.create(seed);
        const limit = 2 ** mt19937.info.outputBits;
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
    const g = mt19937.create(42n);
    const first = [g.nextWord(), g.nextWord(), g.nextWord()];
    g.nextWord();
    g.seed(42n);
    expect([g.nextWord(), g.nextWord(), g.nextWord()]).toEqual(first);
  });
});

describe("mt19937 canonical checks", () => {
  it("mt19937ar.out check: init_by_array({0x123, 0x234, 0x345, 0x456}) first outputs 1067595299 955945823 477289528 4107218783 4228976476", () => {
    const g = new Mt19937();
    g.initByArray([0x123, 0x234, 0x345, 0x456]);
    expect(Array.from({ length: 5 }, () => g.nextWord())).toEqual([1067595299, 955945823, 477289528, 4107218783, 4228976476]);
  });
  it("ISO C++ [rand.predef] mt19937 check: init_genrand(5489), the 10000th output is 4123659995", () => {
    const g = new Mt19937(5489n);
    const buf = new Uint32Array(10000);
    g.fill(buf);
    expect(buf[9999]).toBe(4123659995);
  });
});
