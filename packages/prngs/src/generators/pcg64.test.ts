import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Pcg64, pcg64 } from "./pcg64.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  word_bits: number;
  output_bits: number;
  seed_bits: number;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "pcg64") as VectorEntry;

const M64 = (1n << 64n) - 1n;
const M128 = (1n << 128n) - 1n;
/** A plain BigInt model of pcg-c's pcg64 (setseq_128_xsl_rr_64) and pcg64_srandom_r(seed, 54). */
function referencePcg64(seed: bigint, n: number): bigint[] {
  const mult = (2549297995355413924n << 64n) + 4865540595714422341n;
  const inc = 109n;
  let s = 0n;
  const step = (): bigint => {
    s = (s * mult + inc) & M128;
    const x = ((s >> 64n) ^ s) & M64;
    const rot = s >> 122n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & M64;
  };
  step();
  s = (s + seed) & M128;
  step();
  return Array.from({ length: n }, step);
}

describe("pcg64 against the reference vectors", () => {
  it("info matches vectors.json", () => {
    expect(pcg64.info.name).toBe("pcg64");
    expect(pcg64.info.wordBits).toBe(entry.word_bits);
    expect(pcg64.info.outputBits).toBe(entry.output_bits);
    expect(pcg64.info.seedBits).toBe(entry.seed_bits);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    if (seed in entry.skipped_seeds) continue;
    it(`seed ${seed}: the first 1000 outputs, by nextOutput and as low/high word pairs`, () => {
      const g = pcg64.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(g.nextOutput()))).toEqual(outputs);
      const h = new Pcg64(BigInt(seed));
      const words = new Uint32Array(2 * outputs.length);
      h.fill(words);
      const got = Array.from({ length: outputs.length }, (_, i) => String((BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i])));
      expect(got).toEqual(outputs);
    });
  }
  it("canonical check: pcg-c pcg64 demo (pcg64_srandom_r(42, 54)) gives 0x86b1da1d72062b68 0x1304aa46c9853d39 0xa3670e9e0dd50358 0xf9090e529a7dae00 0xc85b9fd837996f2c 0x606121f8e3919196", () => {
    const g = pcg64.create(42n);
    expect(Array.from({ length: 6 }, () => g.nextOutput())).toEqual([
      0x86b1da1d72062b68n,
      0x1304aa46c9853d39n,
      0xa3670e9e0dd50358n,
      0xf9090e529a7dae00n,
      0xc85b9fd837996f2cn,
      0x606121f8e3919196n,
    ]);
  });
  it("agrees with a BigInt model of the definition for any 64-bit seed", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), (seed) => {
        const g = new Pcg64(seed);
        return referencePcg64(seed, 40).every((w) => g.nextOutput() === w);
      }),
    );
  });
});

describe("pcg64 word stream and seeds", () => {
  it("fill() yields exactly the nextWord() stream, for any seed and chunking (odd chunks leave a high half pending)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 8 }), (seed, chunks) => {
        const a = new Pcg64(seed);
        const b = new Pcg64(seed);
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
        const a = new Pcg64(seed);
        const b = new Pcg64(seed);
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
    const a = new Pcg64(7n);
    const b = new Pcg64(7n);
    a.nextWord(); // low half of output 0; its high half is pending
    b.nextOutput();
    expect(a.nextOutput()).toBe(b.nextOutput());
  });
  it("create() without a seed is seed 1, and reseeding restarts the stream", () => {
    const a = pcg64.create();
    expect(String(a.nextOutput())).toBe(entry.seeds["1"][0]);
    a.nextWord();
    a.seed(42n);
    expect(a.nextOutput()).toBe(0x86b1da1d72062b68n);
  });
  it("accepts 0 … 2^64-1 and rejects seeds outside it", () => {
    for (const s of Object.keys(entry.seeds)) expect(pcg64.checkSeed(BigInt(s))).toBeUndefined();
    expect(Object.keys(entry.skipped_seeds)).toEqual([]);
    expect(pcg64.checkSeed(M64)).toBeUndefined();
    expect(pcg64.checkSeed(M64 + 1n)).toMatch(/outside 0 … 2\^64-1/);
    expect(pcg64.checkSeed(-1n)).toMatch(/outside/);
  });
});
