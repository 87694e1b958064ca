import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GlibcRand, GlibcRandR, findPrng, glibcRand, parseSeed } from "./index.js";
import vectors from "../test/fixtures/vectors.json" with { type: "json" };
import extra from "../test/fixtures/glibc-extra.json" with { type: "json" };

interface VectorEntry {
  name: string;
  seeds: Record<string, string[]>;
}
const entry = (name: string): VectorEntry =>
  (vectors.generators as VectorEntry[]).find((g) => g.name === name) as VectorEntry;

describe("glibc rand (TYPE_3) against real glibc 2.36 outputs", () => {
  for (const [seed, outputs] of Object.entries(entry("glibc-rand").seeds)) {
    it(`srand(${seed}) gives glibc's first 1000 outputs`, () => {
      const g = new GlibcRand(BigInt(seed));
      const got = Array.from({ length: outputs.length }, () => String(g.nextWord()));
      expect(got).toEqual(outputs);
    });
  }
  for (const [seed, outputs] of Object.entries(extra.rand)) {
    it(`srand(${seed}) matches glibc (seed ≥ 2^31 runs the seeding on a negative int32)`, () => {
      const g = new GlibcRand(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => g.nextWord())).toEqual(outputs);
    });
  }
  it("unseeded state is srand(1): 1804289383, 846930886 (glibc's well-known sequence)", () => {
    const g = glibcRand.create();
    expect([g.nextWord(), g.nextWord()]).toEqual([1804289383, 846930886]);
  });
  it("srand(0) is srand(1), as glibc maps seed 0 to 1", () => {
    const a = new GlibcRand(0n);
    const b = new GlibcRand(1n);
    for (let i = 0; i < 100; i++) expect(a.nextWord()).toBe(b.nextWord());
  });
  it("bit 31 is always zero (RAND_MAX = 2^31 - 1)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 0xffffffffn }), (seed) => {
        const g = new GlibcRand(seed);
        for (let i = 0; i < 64; i++) if (g.nextWord() > 0x7fffffff) return false;
        return true;
      }),
    );
  });
  it("fill() yields exactly the nextWord() stream, for any seed and chunking", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 0xffffffffn }), fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 6 }), (seed, chunks) => {
        const a = new GlibcRand(seed);
        const b = new GlibcRand(seed);
        for (const n of chunks) {
          const buf = new Uint32Array(n);
          a.fill(buf);
          for (let i = 0; i < n; i++) if (buf[i] !== b.nextWord()) return false;
        }
        return a.nextWord() === b.nextWord();
      }),
    );
  });
  it("reseeding restarts the stream", () => {
    const g = new GlibcRand(42n);
    const first = [g.nextWord(), g.nextWord()];
    g.nextWord();
    g.seed(42n);
    expect([g.nextWord(), g.nextWord()]).toEqual(first);
  });
});

describe("glibc rand_r against real glibc 2.36 outputs", () => {
  for (const [seed, outputs] of Object.entries(entry("glibc-rand_r").seeds)) {
    it(`rand_r from state ${seed} gives glibc's first 1000 outputs`, () => {
      const g = new GlibcRandR(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(g.nextWord()))).toEqual(outputs);
    });
  }
  for (const [seed, outputs] of Object.entries(extra.rand_r)) {
    it(`rand_r from state ${seed} matches glibc`, () => {
      const g = new GlibcRandR(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => g.nextWord())).toEqual(outputs);
    });
  }
  it("seed 0 is a valid, distinct state for rand_r (unlike srand)", () => {
    expect(new GlibcRandR(0n).nextWord()).not.toBe(new GlibcRandR(1n).nextWord());
  });
});

describe("registry and seeds", () => {
  it("finds generators by name and alias", () => {
    expect(findPrng("glibc-rand")?.info.name).toBe("glibc-rand");
    expect(findPrng("RAND_R")?.info.name).toBe("glibc-rand_r");
    expect(findPrng("nope")).toBeUndefined();
  });
  it("rejects seeds outside 0 … 2^32-1", () => {
    expect(glibcRand.checkSeed(0n)).toBeUndefined();
    expect(glibcRand.checkSeed(0xffffffffn)).toBeUndefined();
    expect(glibcRand.checkSeed(0x100000000n)).toMatch(/outside/);
    expect(glibcRand.checkSeed(-1n)).toMatch(/outside/);
  });
  it("parseSeed reads decimal and 0x-hex exactly, and nothing else", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 80n) - 1n }), (n) => {
        return parseSeed(n.toString()) === n && parseSeed("0x" + n.toString(16)) === n && parseSeed("0X" + n.toString(16).toUpperCase()) === n;
      }),
    );
    for (const bad of ["", "-1", "1.5", "0x", "12a", " 1", "1e3", "0b101"]) expect(parseSeed(bad)).toBeUndefined();
  });
});
