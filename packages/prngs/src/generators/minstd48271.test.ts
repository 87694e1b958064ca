import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Minstd48271, minstd48271 } from "./minstd48271.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "minstd48271") as VectorEntry;
const SEED_MAX = 0xffffffffn;
const validSeed = (s: bigint): boolean => s % 0x7fffffffn !== 0n;

describe("minstd48271 against vectors.json", () => {
  it("info matches vectors.json", () => {
    const g = (vectors.generators as { name: string; word_bits: number; output_bits: number; seed_bits: number }[]).find((v) => v.name === "minstd48271");
    expect(g).toBeDefined();
    expect([minstd48271.info.name, minstd48271.info.wordBits, minstd48271.info.outputBits, minstd48271.info.seedBits]).toEqual([g?.name, g?.word_bits, g?.output_bits, g?.seed_bits]);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} outputs (nextWord, nextOutput and fill)`, () => {
      const a = new Minstd48271(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(a.nextWord()))).toEqual(outputs);
      const b = minstd48271.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(b.nextOutput()))).toEqual(outputs);
      const c = minstd48271.create(BigInt(seed));
      const buf = new Uint32Array(outputs.length);
      c.fill(buf);
      expect(Array.from(buf, String)).toEqual(outputs);
    });
  }
  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      expect(minstd48271.checkSeed(BigInt(seed))).toMatch(/invalid/);
    });
  }
});

describe("minstd48271 seeds and stream", () => {
  it("checkSeed accepts 0 … 2^seedBits-1 (except invalid seeds) and names the range otherwise", () => {
    expect(minstd48271.checkSeed(1n)).toBeUndefined();
    expect(minstd48271.checkSeed(SEED_MAX - (validSeed(SEED_MAX) ? 0n : 2n))).toBeUndefined();
    expect(minstd48271.checkSeed(SEED_MAX + 1n)).toContain(`outside 0 … 2^${minstd48271.info.seedBits}-1`);
    expect(minstd48271.checkSeed(-1n)).toMatch(/outside/);
  });
  it("create() defaults to seed 1", () => {
    const a = minstd48271.create();
    const b = minstd48271.create(1n);
    for (let i = 0; i < 10; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("fill() yields exactly the nextWord() stream, for random seeds and chunk sizes", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed),
        fc.array(fc.integer({ min: 0, max: 1400 }), { maxLength: 8 }),
        (seed, chunks) => {
          const a = minstd48271.create(seed);
          const b = minstd48271.create(seed);
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
        const a = minstd48271.create(seed);
        const b = minstd48271.create(seed);
        const limit = 2 ** minstd48271.info.outputBits;
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
    const g = minstd48271.create(42n);
    const first = [g.nextWord(), g.nextWord(), g.nextWord()];
    g.nextWord();
    g.seed(42n);
    expect([g.nextWord(), g.nextWord(), g.nextWord()]).toEqual(first);
  });
});
describe("minstd48271 canonical check and seeding rule", () => {
  it("ISO C++ [rand.predef] minstd_rand check: seed 1, the 10000th output is 399268537", () => {
    const g = new Minstd48271(1n);
    const buf = new Uint32Array(10000);
    g.fill(buf);
    expect(buf[9999]).toBe(399268537);
  });
  it("rejects every seed ≡ 0 mod 2^31-1 (0, 2^31-1, 2^32-2) in checkSeed, and seed() throws on them", () => {
    for (const s of [0n, 0x7fffffffn, 0xfffffffen]) {
      expect(minstd48271.checkSeed(s)).toMatch(/invalid for minstd48271.*fixed point.*valid seeds: 1 … 2\^32-1/);
      expect(() => new Minstd48271(s)).toThrow(RangeError);
    }
    expect(minstd48271.checkSeed(0x7ffffffen)).toBeUndefined();
    expect(minstd48271.checkSeed(0x80000000n)).toBeUndefined();
  });
  it("x0 = seed mod (2^31-1): seed 2^31 gives seed 1's stream", () => {
    const a = new Minstd48271(0x80000000n);
    const b = new Minstd48271(1n);
    for (let i = 0; i < 100; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("agrees with a BigInt model of x = 48271·x mod (2^31-1) for random seeds", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed), (seed) => {
        const g = new Minstd48271(seed);
        let x = seed % 0x7fffffffn;
        for (let i = 0; i < 200; i++) {
          x = (x * 48271n) % 0x7fffffffn;
          if (BigInt(g.nextWord()) !== x) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
