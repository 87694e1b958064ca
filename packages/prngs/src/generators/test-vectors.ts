// Shared test cases for every generator checked against test/fixtures/vectors.json (test-only: excluded from
// the build by tsconfig.build.json's "src/**/test-*.ts").
import { expect, it } from "vitest";
import fc from "fast-check";
import type { Prng, PrngFactory } from "../prng.js";
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

export const M64 = (1n << 64n) - 1n;
export const rotl64 = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & M64;
export const rotl32 = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Splits outputs into the word stream: 32-bit outputs as they are, 64-bit ones as low half, then high half. */
export function wordsOf(outputs: readonly bigint[], wordBits: number): number[] {
  if (wordBits === 32) return outputs.map(Number);
  return outputs.flatMap((v) => [Number(v & 0xffffffffn), Number(v >> 32n)]);
}

const take = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

export interface VectorCaseOptions {
  /** The generator's name in vectors.json when it is an alias (e.g. "xoshiro256**"); default info.name. */
  vectorName?: string;
  /** Largest chunk in the fill() ≡ nextWord() property (default 70). */
  maxChunk?: number;
  /** fast-check runs of the stream properties (default fast-check's 100). */
  numRuns?: number;
  /** 64-bit words: most outputs skipped before the (hi << 32 | lo) property (default 20). */
  maxSkip?: number;
  /** More checks of vectors.json's entry, run in the info case. */
  entryChecks?: (entry: VectorEntry) => void;
}

/**
 * The cases every generator gets: info against vectors.json; for each vector seed, the reference outputs by
 * nextOutput(), by the nextWord() stream and by one fill() (64-bit outputs as low half, then high half);
 * skipped seeds rejected by checkSeed; the seed range and create()'s default seed 1; fill() ≡ nextWord()
 * under any chunking, with words unsigned below 2^outputBits; 64-bit: nextOutput() ≡ (hi << 32 | lo) of two
 * nextWord() calls and a pending high half dropped; 32-bit: nextOutput() is the next word; reseeding.
 */
export function vectorCases(factory: PrngFactory, options: VectorCaseOptions = {}): void {
  const { info } = factory;
  const vectorName = options.vectorName ?? info.name;
  const entry = vectorEntry(vectorName);
  const wide = info.wordBits === 64;
  const maxSeed = (1n << BigInt(info.seedBits)) - 1n;
  const validSeed = fc.bigInt({ min: 0n, max: maxSeed }).filter((s) => factory.checkSeed(s) === undefined);
  const runs = options.numRuns === undefined ? {} : { numRuns: options.numRuns };
  const wordLimit = wide ? 2 ** 32 : 2 ** info.outputBits;
  const seedWords = (seed: string): number[] => wordsOf(entry.seeds[seed].map(BigInt), info.wordBits);

  it(`info matches vectors.json (${entry.word_bits}-bit words, ${entry.output_bits} output bits, ${entry.seed_bits}-bit seeds)`, () => {
    if (vectorName !== info.name) expect(info.aliases).toContain(vectorName);
    expect([info.wordBits, info.outputBits, info.seedBits]).toEqual([entry.word_bits, entry.output_bits, entry.seed_bits]);
    expect(info.description.length).toBeGreaterThan(20);
    options.entryChecks?.(entry);
  });

  for (const [seed, outputs] of Object.entries(entry.seeds)) {
    it(`seed ${seed}: the first ${outputs.length} reference outputs (nextOutput, nextWord${wide ? " pairs low-then-high" : ""} and fill)`, () => {
      expect(factory.checkSeed(BigInt(seed))).toBeUndefined();
      const a = factory.create(BigInt(seed));
      expect(Array.from({ length: outputs.length }, () => String(a.nextOutput()))).toEqual(outputs);
      const words = seedWords(seed);
      const b = factory.create(BigInt(seed));
      expect(take(words.length, () => b.nextWord())).toEqual(words);
      const buf = new Uint32Array(words.length);
      factory.create(BigInt(seed)).fill(buf);
      expect(Array.from(buf)).toEqual(words);
    });
  }

  for (const [seed, reason] of Object.entries(entry.skipped_seeds)) {
    it(`seed ${seed} is rejected by checkSeed (${reason})`, () => {
      expect(factory.checkSeed(BigInt(seed))).toMatch(new RegExp(`seed ${seed} is invalid for ${info.name}`));
    });
  }

  it(`checkSeed accepts 0 … 2^${info.seedBits}-1 (less invalid seeds) and names the range otherwise; create() is seed 1`, () => {
    expect(factory.checkSeed(1n)).toBeUndefined();
    expect(factory.checkSeed(maxSeed)).toBeUndefined();
    expect(factory.checkSeed(maxSeed + 1n)).toContain(`outside 0 … 2^${info.seedBits}-1`);
    expect(factory.checkSeed(-1n)).toMatch(/outside/);
    const [a, b] = [factory.create(), factory.create(1n)];
    for (let i = 0; i < 10; i++) expect(a.nextWord()).toBe(b.nextWord());
    const [c, d] = [factory.create(), factory.create(1n)];
    for (let i = 0; i < 10; i++) expect(c.nextOutput()).toBe(d.nextOutput());
    if ("1" in entry.seeds) {
      expect(factory.create().nextWord()).toBe(seedWords("1")[0]);
      expect(String(factory.create().nextOutput())).toBe(entry.seeds["1"][0]);
    }
  });

  it(`fill() in random chunk sizes yields exactly the nextWord() stream of unsigned words below 2^${wide ? 32 : info.outputBits}${wide ? "" : ", and nextOutput() is the next word"}`, () => {
    fc.assert(
      fc.property(validSeed, fc.array(fc.integer({ min: 0, max: options.maxChunk ?? 70 }), { maxLength: 8 }), (seed, chunks) => {
        const a = factory.create(seed);
        const b = factory.create(seed);
        for (const n of chunks) {
          const buf = new Uint32Array(n);
          a.fill(buf);
          for (let i = 0; i < n; i++) if (buf[i] !== b.nextWord()) return false;
        }
        if (a.nextWord() !== b.nextWord() || a.nextWord() !== b.nextWord()) return false;
        const c = factory.create(seed);
        const d = factory.create(seed);
        for (let i = 0; i < 64; i++) {
          const w = c.nextWord();
          if (!Number.isInteger(w) || w < 0 || w >= wordLimit) return false;
          if (!wide && BigInt(w) !== d.nextOutput()) return false;
        }
        return true;
      }),
      runs,
    );
  });

  if (wide) {
    it("nextOutput() equals (hi << 32 | lo) of two nextWord() calls from the same state", () => {
      fc.assert(
        fc.property(validSeed, fc.integer({ min: 0, max: options.maxSkip ?? 20 }), (seed, skip) => {
          const a = factory.create(seed);
          const b = factory.create(seed); // skips by nextOutput()
          const c = factory.create(seed); // skips by nextWord() pairs
          for (let i = 0; i < skip; i++) {
            a.nextOutput();
            b.nextOutput();
            c.nextWord();
            c.nextWord();
          }
          const pair = (g: Prng): bigint => {
            const lo = BigInt(g.nextWord());
            return (BigInt(g.nextWord()) << 32n) | lo;
          };
          for (let i = 0; i < 20; i++) {
            const want = a.nextOutput();
            if (pair(b) !== want || pair(c) !== want) return false;
          }
          return true;
        }),
        runs,
      );
    });
    it("nextOutput() drops a high half left pending by nextWord() or an odd fill()", () => {
      fc.assert(
        fc.property(validSeed, (seed) => {
          const ref = factory.create(seed);
          const o = [ref.nextOutput(), ref.nextOutput(), ref.nextOutput()];
          const a = factory.create(seed);
          if (BigInt(a.nextWord()) !== (o[0] & 0xffffffffn) || a.nextOutput() !== o[1]) return false;
          const b = factory.create(seed);
          b.fill(new Uint32Array(3)); // output 0, and the low half of output 1
          return b.nextOutput() === o[2];
        }),
        { ...runs, examples: [[7n]] },
      );
    });
  }

  it("seed() restarts the stream (clearing a pending half)", () => {
    fc.assert(
      fc.property(validSeed, fc.integer({ min: 0, max: 5 }), (seed, k) => {
        const g = factory.create(seed);
        const first = [g.nextWord(), g.nextWord(), g.nextWord()];
        for (let i = 0; i < k; i++) g.nextWord();
        g.seed(seed);
        return [g.nextWord(), g.nextWord(), g.nextWord()].every((w, i) => w === first[i]);
      }),
      { ...runs, examples: [[42n, 0], [42n, 1]] },
    );
    for (const [seed, outputs] of Object.entries(entry.seeds)) {
      const g = factory.create();
      g.nextWord();
      g.seed(BigInt(seed));
      expect(String(g.nextOutput())).toBe(outputs[0]);
      const h = factory.create();
      h.nextWord();
      h.seed(BigInt(seed));
      expect(h.nextWord()).toBe(seedWords(seed)[0]);
    }
  });
}

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
