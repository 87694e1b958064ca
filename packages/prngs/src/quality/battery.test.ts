import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GlibcRand } from "../glibc-rand.js";
import {
  approximateEntropyTest,
  bitsFromWords,
  blockFrequencyTest,
  byteChiSquareTest,
  bytesToWordsLE,
  cumulativeSumsTest,
  frequencyTest,
  longestRunOfOnesTest,
  runBattery,
  runsTest,
  serialTest,
  streamFor,
  wordsToBytesLE,
  type TestResult,
} from "./index.js";
import { SplitMix64 } from "./test-splitmix64.js";

/** A Math.imul-based good generator: murmur3's 32-bit finalizer over a Weyl sequence. */
function weylFmix(seed: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    out[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return out;
}

const byName = (rs: TestResult[], prefix: string): TestResult => {
  const r = rs.find((x) => x.test.startsWith(prefix));
  if (!r) throw new Error(`no ${prefix} result`);
  return r;
};

const WORDS = 1 << 16; // 256 KiB: 2 097 152 bits, 128 birthday repetitions

describe("bit 31 forced to 0", () => {
  const good = weylFmix(20240601, WORDS);
  const forced = good.map((w) => w & 0x7fffffff);

  it("the unforced stream passes monobit and byte chi-square (and every other test)", () => {
    const rs = runBattery(good);
    expect(byName(rs, "frequency").pass).toBe(true);
    expect(byName(rs, "byte-chi-square").pass).toBe(true);
    for (const r of rs) expect(r.pass, `${r.test}: p = ${r.pValues.join(", ")}`).toBe(true);
  });

  it("the same stream with bit 31 of every word forced to 0 fails monobit and byte chi-square", () => {
    const rs = runBattery(forced);
    const f = byName(rs, "frequency");
    const c = byName(rs, "byte-chi-square");
    expect(f.pass).toBe(false);
    expect(f.pValue).toBeLessThan(1e-10);
    expect(c.pass).toBe(false);
    expect(c.pValue).toBeLessThan(1e-10);
  });
});

describe("streamFor and the battery on generators", () => {
  it("register view packs nextWord() as 4 little-endian bytes; the plain view holds the same words", () => {
    const a = streamFor(new GlibcRand(1n), 16, { register: true });
    expect(Array.from(bytesToWordsLE(a))).toEqual([1804289383, 846930886, 1681692777, 1714636915]);
    const b = streamFor(new GlibcRand(1n), 16, { register: false });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(streamFor(new GlibcRand(1n), 6, { register: true })).toEqual(a.subarray(0, 6));
  });

  it("glibc-rand's register view (31-bit values, bit 31 always 0) fails monobit and byte chi-square", () => {
    const bytes = streamFor(new GlibcRand(1n), WORDS * 4, { register: true });
    for (let i = 3; i < bytes.length; i += 4) expect(bytes[i] & 0x80).toBe(0);
    const rs = runBattery(bytes);
    expect(byName(rs, "frequency").pass).toBe(false);
    expect(byName(rs, "byte-chi-square").pass).toBe(false);
    expect(byName(rs, "birthday-spacings").pass).toBe(false); // top 24 bits: only 2^23 days used
  });

  it("splitmix64's stream passes every test, in both views", () => {
    for (const register of [false, true]) {
      const rs = runBattery(streamFor(new SplitMix64(42n), WORDS * 4, { register }));
      expect(rs.map((r) => r.test.replace(/\(.*/, ""))).toEqual([
        "frequency",
        "block-frequency",
        "runs",
        "longest-run",
        "serial",
        "approximate-entropy",
        "cumulative-sums",
        "byte-chi-square",
        "birthday-spacings",
      ]);
      for (const r of rs) expect(r.pass, `${r.test}: p = ${r.pValues.join(", ")}`).toBe(true);
    }
  });

  it("words and their little-endian bytes give the same byte chi-square and birthday results", () => {
    const w = weylFmix(7, 1 << 14);
    const a = runBattery(w);
    const b = runBattery(wordsToBytesLE(w));
    expect(byName(b, "byte-chi-square").statistic).toBe(byName(a, "byte-chi-square").statistic);
    expect(byName(b, "birthday").statistic).toBe(byName(a, "birthday").statistic);
    expect(byName(b, "frequency").statistic).toBe(byName(a, "frequency").statistic);
  });
});

describe("p-values lie in [0, 1]", () => {
  const inUnit = (r: TestResult) => r.pValues.every((p) => p >= 0 && p <= 1);

  it("property: every NIST test on arbitrary bit sequences", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 300 }), fc.integer({ min: 2, max: 4 }), (bytes, m) => {
        const bits = bytes.map((b) => b & 1);
        const n = bits.length;
        const results = [
          frequencyTest(bits),
          blockFrequencyTest(bits, Math.max(1, Math.floor(n / 7))),
          runsTest(bits),
          serialTest(bits, m),
          approximateEntropyTest(bits, m),
          cumulativeSumsTest(bits),
          byteChiSquareTest(bytes),
        ];
        if (n >= 128) results.push(longestRunOfOnesTest(bits));
        return results.every(inUnit);
      }),
      { numRuns: 300 },
    );
  });

  it("property: biased and structured word streams through the whole battery", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (seed, andMask, orMask) => {
          const words = weylFmix(seed, 512 * 20).map((w) => (w & andMask) | (orMask & 0x0f0f0f0f & ~andMask));
          return runBattery(words).every(inUnit);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("degenerate streams: all zeros and all ones fail with p-values in [0, 1]", () => {
    for (const fill of [0, 0xffffffff]) {
      const rs = runBattery(new Uint32Array(512 * 20).fill(fill));
      expect(rs.every(inUnit)).toBe(true);
      expect(rs.every((r) => !r.pass)).toBe(true);
    }
  });

  it("bitsFromWords length and content of one word", () => {
    expect(bitsFromWords(new Uint32Array(3)).length).toBe(96);
  });
});
