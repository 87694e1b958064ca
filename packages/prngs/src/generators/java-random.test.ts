import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JavaRandom, javaRandom } from "./java-random.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "java-random") as VectorEntry;
const SEED_MAX = 0xffffffffffffffffn;
const validSeed = (_s: bigint): boolean => true;

describe("java-random against vectors.json", () => {
  it("info matches vectors.json", () => {
    const g = (vectors.generators as { name: string; word_bits: number; output_bits: number; seed_bits: number }[]).find((v) => v.name === "java-random");
    expect(g).toBeDefined();
    expect([javaRandom.info.name, javaRandom.info.wordBits, javaRandom.info.outputBits, javaRandom.info.seedBits]).toEqual([g?.name, g?.word_bits, g?.output_bits, g?.seed_bits]);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} outputs (nextWord, nextOutput and fill)`, () => {
      const a = new JavaRandom(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(a.nextWord()))).toEqual(outputs);
      const b = javaRandom.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(b.nextOutput()))).toEqual(outputs);
      const c = javaRandom.create(BigInt(seed));
      const buf = new Uint32Array(outputs.length);
      c.fill(buf);
      expect(Array.from(buf, String)).toEqual(outputs);
    });
  }
  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      expect(javaRandom.checkSeed(BigInt(seed))).toMatch(/invalid/);
    });
  }
});

describe("java-random seeds and stream", () => {
  it("checkSeed accepts 0 … 2^seedBits-1 (except invalid seeds) and names the range otherwise", () => {
    expect(javaRandom.checkSeed(1n)).toBeUndefined();
    expect(javaRandom.checkSeed(SEED_MAX - (validSeed(SEED_MAX) ? 0n : 2n))).toBeUndefined();
    expect(javaRandom.checkSeed(SEED_MAX + 1n)).toContain(`outside 0 … 2^${javaRandom.info.seedBits}-1`);
    expect(javaRandom.checkSeed(-1n)).toMatch(/outside/);
  });
  it("create() defaults to seed 1", () => {
    const a = javaRandom.create();
    const b = javaRandom.create(1n);
    for (let i = 0; i < 10; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("fill() yields exactly the nextWord() stream, for random seeds and chunk sizes", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: SEED_MAX }).filter(validSeed),
        fc.array(fc.integer({ min: 0, max: 1400 }), { maxLength: 8 }),
        (seed, chunks) => {
          const a = javaRandom.create(seed);
          const b = javaRandom.create(seed);
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
        const a = javaRandom.create(seed);
        const b = javaRandom.create(seed);
        const limit = 2 ** javaRandom.info.outputBits;
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
    const g = javaRandom.create(42n);
    const first = [g.nextWord(), g.nextWord(), g.nextWord()];
    g.nextWord();
    g.seed(42n);
    expect([g.nextWord(), g.nextWord(), g.nextWord()]).toEqual(first);
  });
});

describe("java-random canonical check and seeding rule", () => {
  it("java.util.Random check: new Random(42).nextInt() == -1170105035 (bit pattern 3124862261)", () => {
    const g = new JavaRandom(42n);
    expect(g.nextWord() | 0).toBe(-1170105035);
  });
  it("agrees with a BigInt model of new Random(seed) / nextInt() for random 64-bit seeds (seed as a Java long)", () => {
    const mask48 = (1n << 48n) - 1n;
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: SEED_MAX }), (seed) => {
        const g = new JavaRandom(seed);
        let s = (BigInt.asIntN(64, seed) ^ 0x5deece66dn) & mask48;
        for (let i = 0; i < 200; i++) {
          s = (s * 0x5deece66dn + 0xbn) & mask48;
          if (BigInt(g.nextWord()) !== s >> 16n) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
  it("seed 2^64-1 is -1L: only the low 48 bits of the scrambled seed matter", () => {
    const a = new JavaRandom(0xffffffffffffffffn);
    const b = new JavaRandom(0xffffffffffffn);
    for (let i = 0; i < 20; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
});
