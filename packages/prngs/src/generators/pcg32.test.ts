import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Pcg32, pcg32 } from "./pcg32.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

interface VectorEntry {
  name: string;
  word_bits: number;
  output_bits: number;
  seed_bits: number;
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}
const entry = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === "pcg32") as VectorEntry;

const M64 = (1n << 64n) - 1n;
/** A plain BigInt model of pcg-c's pcg32 (setseq_64_xsh_rr_32) and pcg32_srandom_r(seed, 54). */
function referencePcg32(seed: bigint, n: number): number[] {
  const mult = 6364136223846793005n;
  const inc = (54n << 1n) | 1n;
  let s = 0n;
  const step = (): number => {
    const old = s;
    s = (old * mult + inc) & M64;
    const xs = Number((((old >> 18n) ^ old) >> 27n) & 0xffffffffn);
    const rot = Number(old >> 59n);
    return ((xs >>> rot) | (xs << (-rot & 31))) >>> 0;
  };
  step();
  s = (s + seed) & M64;
  step();
  return Array.from({ length: n }, step);
}

describe("pcg32 against the reference vectors", () => {
  it("info matches vectors.json", () => {
    expect(pcg32.info.name).toBe("pcg32");
    expect(pcg32.info.wordBits).toBe(entry.word_bits);
    expect(pcg32.info.outputBits).toBe(entry.output_bits);
    expect(pcg32.info.seedBits).toBe(entry.seed_bits);
  });
  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    if (seed in entry.skipped_seeds) continue;
    it(`seed ${seed}: the first 1000 outputs (nextWord and nextOutput)`, () => {
      const g = pcg32.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(g.nextWord()))).toEqual(outputs);
      const h = new Pcg32(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(h.nextOutput()))).toEqual(outputs);
    });
  }
  it("canonical check: pcg-c pcg32-demo round 1 (pcg32_srandom_r(42, 54)) gives 0xa15c02b7 0x7b47f409 0xba1d3330 0x83d2f293 0xbfa4784b 0xcbed606e", () => {
    const g = pcg32.create(42n);
    expect(Array.from({ length: 6 }, () => g.nextWord())).toEqual([0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e]);
  });
  it("agrees with a BigInt model of the definition for any 64-bit seed", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), (seed) => {
        const g = new Pcg32(seed);
        const want = referencePcg32(seed, 40);
        return want.every((w) => g.nextWord() === w);
      }),
    );
  });
});

describe("pcg32 word stream and seeds", () => {
  it("fill() yields exactly the nextWord() stream, for any seed and chunking", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: M64 }), fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 6 }), (seed, chunks) => {
        const a = new Pcg32(seed);
        const b = new Pcg32(seed);
        for (const n of chunks) {
          const buf = new Uint32Array(n);
          a.fill(buf);
          for (let i = 0; i < n; i++) if (buf[i] !== b.nextWord()) return false;
        }
        return a.nextWord() === b.nextWord();
      }),
    );
  });
  it("create() without a seed is seed 1, and reseeding restarts the stream", () => {
    const a = pcg32.create();
    const b = new Pcg32(1n);
    expect(a.nextWord()).toBe(b.nextWord());
    a.seed(42n);
    expect(a.nextWord()).toBe(0xa15c02b7);
  });
  it("accepts 0 … 2^64-1 and rejects seeds outside it", () => {
    for (const s of Object.keys(entry.seeds)) expect(pcg32.checkSeed(BigInt(s))).toBeUndefined();
    expect(Object.keys(entry.skipped_seeds)).toEqual([]);
    expect(pcg32.checkSeed(M64)).toBeUndefined();
    expect(pcg32.checkSeed(M64 + 1n)).toMatch(/outside 0 … 2\^64-1/);
    expect(pcg32.checkSeed(-1n)).toMatch(/outside/);
  });
});
