import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outputBitsStream } from "@rng/lab";
import { PRNGS, findPrng, runBattery, streamFor, type PrngFactory } from "@rng/prngs";
import { shortDescription } from "./prng-page.js";
import {
  BITMAP_BYTES,
  FIRST_OUTPUTS,
  bitPositionCounts,
  byteCounts,
  computePrngReport,
  firstOutputs,
  isPrngError,
  type PrngReport,
} from "./prng-stats.js";

function prng(name: string): PrngFactory {
  const f = findPrng(name);
  if (!f) throw new Error(`no generator ${name}`);
  return f;
}

function report(gen: string, seed: string, bytes: number, register: boolean): PrngReport {
  const r = computePrngReport({ gen, seed, bytes, register });
  if (isPrngError(r)) throw new Error(r.error);
  return r;
}

describe("bit-position counts", () => {
  it("glibc-rand's bit 31 is never set over the register stream, and its other bits are", () => {
    const { bitOnes, words } = bitPositionCounts(streamFor(prng("glibc-rand").create(1n), 65536, { register: true }));
    expect(words).toBe(16384);
    expect(bitOnes[31]).toBe(0);
    for (let k = 0; k < 31; k++) expect(bitOnes[k], `bit ${k}`).toBeGreaterThan(0);
  });

  it("xoshiro256ss's 32 positions are each set in about half the words", () => {
    for (const seed of [1n, 42n, 0xdeadbeefcafebaben]) {
      const { bitOnes, words } = bitPositionCounts(streamFor(prng("xoshiro256ss").create(seed), 262144, { register: true }));
      // Binomial(words, 1/2): σ = √words / 2 = 128 for 65536 words; allow 6σ.
      const band = 6 * (Math.sqrt(words) / 2);
      for (let k = 0; k < 32; k++) expect(Math.abs(bitOnes[k] - words / 2), `seed ${seed} bit ${k}`).toBeLessThan(band);
    }
  });

  it("reads little-endian words and drops a trailing partial word", () => {
    const { bitOnes, words } = bitPositionCounts(Uint8Array.from([0x01, 0x00, 0x00, 0x80, 0xff, 0xff]));
    expect(words).toBe(1);
    expect(bitOnes.length).toBe(32);
    expect(bitOnes.reduce((a, b) => a + b, 0)).toBe(2);
    expect([bitOnes[0], bitOnes[31]]).toEqual([1, 1]);
  });
});

describe("byte counts", () => {
  it("has 256 counts that sum to the stream length", () => {
    const stream = streamFor(prng("mt19937").create(5489n), 10_001, { register: false });
    const counts = byteCounts(stream);
    expect(counts.length).toBe(256);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_001);
    expect(byteCounts(Uint8Array.from([0, 0, 255]))[0]).toBe(2);
  });

  it("holds for any generator, seed and length (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: PRNGS.length - 1 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.integer({ min: 0, max: 4096 }),
        fc.boolean(),
        (index, rawSeed, length, register) => {
          const f = PRNGS[index];
          const seed = rawSeed & ((1n << BigInt(f.info.seedBits)) - 1n);
          fc.pre(f.checkSeed(seed) === undefined);
          const stream = streamFor(f.create(seed), length, { register });
          const counts = byteCounts(stream);
          expect(counts.reduce((a, b) => a + b, 0)).toBe(length);
          const { bitOnes, words } = bitPositionCounts(stream);
          expect(words).toBe(Math.floor(length / 4));
          for (const c of bitOnes) {
            expect(c).toBeGreaterThanOrEqual(0);
            expect(c).toBeLessThanOrEqual(words);
          }
          if (f.info.outputBits === 31) expect(bitOnes[31]).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("first outputs", () => {
  it("match findPrng(name).create(seed).nextOutput() for every generator", () => {
    for (const f of PRNGS) {
      for (const seed of [1n, 12345n]) {
        const g = findPrng(f.info.name)?.create(seed);
        const expected = Array.from({ length: FIRST_OUTPUTS }, () => String(g?.nextOutput()));
        expect(firstOutputs(f, seed), `${f.info.name} seed ${seed}`).toEqual(expected);
      }
    }
  });

  it("glibc-rand seed 1 starts as glibc's rand() does", () => {
    expect(firstOutputs(prng("glibc-rand"), 1n, 3)).toEqual(["1804289383", "846930886", "1681692777"]);
  });
});

describe("the worker's report", () => {
  it("tests the register's words with `register`, as `rnglab quality --register` does", () => {
    const r = report("glibc-rand", "1", 65536, true);
    const words = streamFor(prng("glibc-rand").create(1n), 65536, { register: true });
    expect(r.gen).toBe("glibc-rand");
    expect(r.bitmapBytes).toEqual(words.slice(0, BITMAP_BYTES));
    expect(r.byteCounts).toEqual(byteCounts(words));
    expect(r.battery).toEqual(runBattery(words));
    expect(r.bitOnes[31]).toBe(0);
    expect(r.words).toBe(16384);
    expect(r.outputs).toEqual(firstOutputs(prng("glibc-rand"), 1n));
    expect(r.ms).toBeGreaterThanOrEqual(0);
    // Structured-cloneable (what postMessage needs).
    expect(structuredClone(r)).toEqual(r);
  });

  it("by default tests the outputs' own bits (31 per glibc rand output)", () => {
    const r = report("glibc-rand", "7", 65536, false);
    const bits = outputBitsStream(prng("glibc-rand").create(7n), 65536);
    expect(r.bitmapBytes).toEqual(bits.slice(0, BITMAP_BYTES));
    expect(r.byteCounts).toEqual(byteCounts(bits));
    expect(r.battery).toEqual(runBattery(bits));
    expect(r.outputBits).toBe(31);
    expect(r.bitOnes[31]).toBe(0);
  });

  it("accepts aliases and 0x-hex seeds", () => {
    const r = report("XOSHIRO256**", " 0x2a ", 65536, true);
    expect(r.gen).toBe("xoshiro256ss");
    expect(r.seed).toBe("42");
  });

  it("reports a bad generator, seed or length as an error, never by throwing", () => {
    expect(computePrngReport({ gen: "nope", seed: "1", bytes: 65536, register: true })).toMatchObject({ field: "gen" });
    expect(computePrngReport({ gen: "glibc-rand", seed: "12abc", bytes: 65536, register: true })).toMatchObject({ field: "seed" });
    expect(computePrngReport({ gen: "glibc-rand", seed: "-1", bytes: 65536, register: true })).toMatchObject({ field: "seed" });
    expect(computePrngReport({ gen: "glibc-rand", seed: String(2n ** 32n), bytes: 65536, register: true })).toMatchObject({ field: "seed" });
    expect(computePrngReport({ gen: "xorshift32", seed: "0", bytes: 65536, register: true })).toMatchObject({ field: "seed" });
    expect(computePrngReport({ gen: "glibc-rand", seed: "1", bytes: 64, register: true })).toMatchObject({ field: "bytes" });
    expect(computePrngReport({ gen: "glibc-rand", seed: "1", bytes: Number.NaN, register: true })).toMatchObject({ field: "bytes" });
  });
});

describe("generator labels", () => {
  it("shortens every description to a non-empty label of at most 48 characters", () => {
    for (const f of PRNGS) {
      const s = shortDescription(f.info.description);
      expect(s.length, f.info.name).toBeGreaterThan(0);
      expect(s.length, f.info.name).toBeLessThanOrEqual(48);
    }
    expect(shortDescription(prng("glibc-rand").info.description)).toBe("glibc rand()");
    expect(shortDescription(prng("xorshift32").info.description)).toBe("Marsaglia xorshift32 (13,17,5)");
  });
});
