import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Jsf32, jsf32 } from "./jsf32.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "jsf32") as VectorEntry;
const SEED_MAX = 0xffffffffn;
const validSeed = (_s: bigint): boolean => true;

describe("jsf32 against vectors.json", () => {
  it("info matches vectors.json", () => {
    const g = (vectors.generators as { name: string; word_bits: number; output_bits: number; seed_bits: number }[]).find((v) => v.name === "jsf32");
    expect(g).toBeDefined();
    expect([jsf32.info.name, jsf32.info.wordBits, jsf32.info.outputBits, jsf32.info.seedBits]).toEqual([g?.name, g?.word_bits, g?.output_bits, g?.seed_bits]);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} outputs (nextWord, nextOutput and fill)`, () => {
      const a = new Jsf32(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(a.nextWord()))).toEqual(outputs);
      const b = jsf32.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(b.nextOutput()))).toEqual(outputs);
      const c = jsf32.create(BigInt(seed));
      const buf = new Uint32Array(outputs.length);
      c.fill(buf);
      expect(Array.from(buf, String)).toEqual(outputs);
    });
  }
  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      expect(jsf32.checkSeed(BigInt(seed))).toMatch(/invalid/);
    });
  }
});

describe("jsf32 seeds and stream", () => {
  it("checkSeed accepts 0 … 2^seedBits-1 (except invalid seeds) and names the range otherwise", () => {
    expect(jsf32.checkSeed(1n)).toBeUndefined();
    expect(jsf32.checkSeed(SEED_MAX - (validSeed(SEED_MAX) ? 0n : 2n))).toBeUndefined();
    expect(jsf32.checkSeed(SEED_MAX + 1n)).toContain(`outside 0 … 2^${jsf32.info.seedBits}-1`);
    expect(jsf32.checkSeed(-1n)).toMatch(/outside/);
  });
  it("create() defaults to seed 1", () => {
    const a = jsf32.create();
    const b = jsf32.create(1n);
    for (let i = 0; i < 10; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("fill() yields exactly the nextWord() stream, for random seeds and chunk sizes", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed),
        fc.array(fc.integer({ min: 0, max: 1400 }), { maxLength: 8 }),
        (seed, chunks) => {
          const a = jsf32.create(seed);
          const b = jsf32.create(seed);
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
        const a = jsf32.create(seed);
        const b = jsf32.create(seed);
        const limit = 2 ** jsf32.info.outputBits;
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
    const g = jsf32.create(42n);
    const first = [g.nextWord(), g.nextWord(), g.nextWord()];
    g.nextWord();
    g.seed(42n);
    expect([g.nextWord(), g.nextWord(), g.nextWord()]).toEqual(first);
  });
});

describe("jsf32 seeding rule (no published vector: Jenkins' page gives code only)", () => {
  it("agrees with a BigInt model of raninit(seed) + ranval(), for random seeds", () => {
    const u = (x: bigint): bigint => BigInt.asUintN(32, x);
    const rot = (x: bigint, k: bigint): bigint => u((x << k) | (x >> (32n - k)));
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), (seed) => {
        let a = 0xf1ea5eedn;
        let b = seed;
        let c = seed;
        let d = seed;
        const ranval = (): bigint => {
          const e = u(a - rot(b, 27n));
          a = b ^ rot(c, 17n);
          b = u(c + d);
          c = u(d + e);
          d = u(e + a);
          return d;
        };
        for (let i = 0; i < 20; i++) ranval();
        const g = new Jsf32(seed);
        for (let i = 0; i < 100; i++) if (BigInt(g.nextWord()) !== ranval()) return false;
        return true;
      }),
      { numRuns: 100 },
    );
  });
});
