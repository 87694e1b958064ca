// Shared test cases for the xorshift / splitmix64 / xoshiro / sfc64 generators (test-only: excluded from the
// build by tsconfig.build.json's "src/**/test-*.ts").
import { expect, it } from "vitest";
import fc from "fast-check";
import type { PrngFactory } from "../prng.js";
import vectors from "../../test/fixtures/vectors.json" with { type: "json" };

export interface VectorEntry {
  name: string;
  word_bits: number;
  output_bits: number;
  seed_bits: number;
  definition: string;
  seeding: string;
  canonical_check: { source: string; matched: boolean | string };
  seeds: Record<string, string[]>;
  skipped_seeds: Record<string, string>;
}

export function vectorEntry(name: string): VectorEntry {
  const e = (vectors.generators as unknown as VectorEntry[]).find((g) => g.name === name);
  if (e === undefined) throw new Error(`no vectors for ${name}`);
  return e;
}

/** Splits 64-bit outputs into the word stream: low half, then high half. */
function wordsOf(outputs: readonly bigint[], wordBits: number): number[] {
  if (wordBits === 32) return outputs.map(Number);
  return outputs.flatMap((v) => [Number(v & 0xffffffffn), Number(v >> 32n)]);
}

/**
 * The cases every generator of this group gets: info against vectors.json, the first 1000 outputs of each
 * vector seed (by nextOutput and by the fill() word stream), skipped seeds rejected, the seed range, fill ≡
 * nextWord under any chunking, nextOutput ≡ (hi << 32 | lo) of two nextWord calls, reseeding.
 */
export function standardCases(factory: PrngFactory, vectorName: string = factory.info.name): void {
  const entry = vectorEntry(vectorName);
  const { info } = factory;
  const maxSeed = (1n << BigInt(info.seedBits)) - 1n;
  const validSeed = fc.bigInt({ min: 0n, max: maxSeed }).filter((s) => factory.checkSeed(s) === undefined);

  it(`info matches vectors.json (${entry.word_bits}-bit words, ${entry.output_bits} output bits, ${entry.seed_bits}-bit seeds)`, () => {
    expect(info.wordBits).toBe(entry.word_bits);
    expect(info.outputBits).toBe(entry.output_bits);
    expect(info.seedBits).toBe(entry.seed_bits);
    if (vectorName !== info.name) expect(info.aliases).toContain(vectorName);
    expect(info.description.length).toBeGreaterThan(20);
  });

  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} reference outputs (nextOutput)`, () => {
      expect(factory.checkSeed(BigInt(seed))).toBeUndefined();
      const g = factory.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => g.nextOutput().toString())).toEqual(outputs);
    });
    it(`seed ${seed}: the same outputs as the fill() word stream${info.wordBits === 64 ? " (low half first)" : ""}`, () => {
      const g = factory.create(BigInt(seed));
      const words = new Uint32Array((outputs.length * info.wordBits) / 32);
      g.fill(words);
      expect(Array.from(words)).toEqual(wordsOf(outputs.map(BigInt), info.wordBits));
    });
  }

  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      const msg = factory.checkSeed(BigInt(seed));
      expect(msg).toMatch(new RegExp(`seed ${seed} is invalid for ${info.name}`));
    });
  }

  it(`checkSeed accepts 0 … 2^${info.seedBits}-1 (less the skipped seeds) and names the range otherwise`, () => {
    expect(factory.checkSeed(maxSeed)).toBeUndefined();
    expect(factory.checkSeed(1n)).toBeUndefined();
    expect(factory.checkSeed(maxSeed + 1n)).toMatch(`0 … 2^${info.seedBits}-1`);
    expect(factory.checkSeed(-1n)).toMatch(/outside/);
    expect(factory.create().nextOutput()).toBe(factory.create(1n).nextOutput());
  });

  it("fill() in random chunk sizes yields exactly the nextWord() stream, for random seeds", () => {
    fc.assert(
      fc.property(validSeed, fc.array(fc.integer({ min: 0, max: 67 }), { maxLength: 8 }), (seed, chunks) => {
        const a = factory.create(seed);
        const b = factory.create(seed);
        for (const n of chunks) {
          const buf = new Uint32Array(n);
          a.fill(buf);
          for (let i = 0; i < n; i++) if (buf[i] !== b.nextWord()) return false;
        }
        return a.nextWord() === b.nextWord();
      }),
    );
  });

  it("nextWord() returns unsigned 32-bit integers", () => {
    fc.assert(
      fc.property(validSeed, (seed) => {
        const g = factory.create(seed);
        for (let i = 0; i < 64; i++) {
          const w = g.nextWord();
          if (!Number.isInteger(w) || w < 0 || w > 0xffffffff) return false;
        }
        return true;
      }),
    );
  });

  if (info.wordBits === 64) {
    it("nextOutput() equals (hi << 32 | lo) of two nextWord() calls from the same state", () => {
      fc.assert(
        fc.property(validSeed, fc.integer({ min: 0, max: 9 }), (seed, skip) => {
          const a = factory.create(seed);
          const b = factory.create(seed);
          for (let i = 0; i < skip; i++) {
            a.nextOutput();
            b.nextOutput();
          }
          const lo = BigInt(b.nextWord());
          const hi = BigInt(b.nextWord());
          return a.nextOutput() === ((hi << 32n) | lo);
        }),
      );
    });
    it("nextOutput() drops a high half left pending by nextWord()", () => {
      fc.assert(
        fc.property(validSeed, (seed) => {
          const a = factory.create(seed);
          const b = factory.create(seed);
          a.nextWord(); // low half of output 0; its high half is pending
          b.nextOutput(); // output 0
          return a.nextOutput() === b.nextOutput(); // both output 1
        }),
      );
    });
  } else {
    it("nextOutput() is the next word", () => {
      fc.assert(
        fc.property(validSeed, (seed) => {
          const a = factory.create(seed);
          const b = factory.create(seed);
          return a.nextOutput() === BigInt(b.nextWord()) && a.nextOutput() === BigInt(b.nextWord());
        }),
      );
    });
  }

  it("seed() restarts the stream", () => {
    fc.assert(
      fc.property(validSeed, fc.integer({ min: 0, max: 5 }), (seed, k) => {
        const g = factory.create(seed);
        const first = [g.nextWord(), g.nextWord(), g.nextWord()];
        for (let i = 0; i < k; i++) g.nextWord();
        g.seed(seed);
        return [g.nextWord(), g.nextWord(), g.nextWord()].every((w, i) => w === first[i]);
      }),
    );
  });
}

export const M64 = (1n << 64n) - 1n;
export const rotl64 = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & M64;
export const rotl32 = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * A property against an independent model (a BigInt transcription of the reference C code): for random valid
 * seeds, the first outputs by nextOutput() and the fill() word stream (in one call, so unrolled loops run) agree.
 */
export function modelCase(factory: PrngFactory, model: (seed: bigint, n: number) => bigint[], what: string): void {
  const { info } = factory;
  const maxSeed = (1n << BigInt(info.seedBits)) - 1n;
  it(`agrees with ${what} for random seeds (nextOutput and fill)`, () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: maxSeed }).filter((s) => factory.checkSeed(s) === undefined),
        (seed) => {
          const expected = model(seed, 40);
          const g = factory.create(seed);
          if (!expected.every((v) => g.nextOutput() === v)) return false;
          const words = new Uint32Array((40 * info.wordBits) / 32);
          factory.create(seed).fill(words);
          const want = wordsOf(expected, info.wordBits);
          return want.every((w, i) => words[i] === w);
        },
      ),
    );
  });
}
