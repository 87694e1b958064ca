import { describe, expect, it } from "vitest";
import { birthdaySpacingsTest, byteChiSquareTest, duplicateSpacings, poissonClasses } from "./index.js";
import { SplitMix64 } from "./test-splitmix64.js";

const words = (seed: bigint, n: number): Uint32Array => {
  const g = new SplitMix64(seed);
  const out = new Uint32Array(n);
  g.fill(out);
  return out;
};

describe("birthday spacings (Marsaglia, diehard)", () => {
  it("j counts repeated values among the sorted spacings", () => {
    // birthdays 0, 3, 6, 9, 10, 20: spacings 3, 3, 3, 1, 10 → sorted 1, 3, 3, 3, 10 → j = 2
    expect(duplicateSpacings(Uint32Array.of(20, 9, 0, 6, 3, 10))).toBe(2);
    expect(duplicateSpacings(Uint32Array.of(1, 2, 4, 8))).toBe(0);
  });

  it("chi-square classes for λ = 2 each expect at least 5 and cover everything", () => {
    const cls = poissonClasses(2, 500);
    expect(cls[0].lo).toBe(0);
    expect(cls[cls.length - 1].hi).toBe(Number.POSITIVE_INFINITY);
    for (const c of cls) expect(c.expected).toBeGreaterThanOrEqual(5);
    expect(cls.reduce((s, c) => s + c.expected, 0)).toBeCloseTo(500, 9);
    for (let i = 1; i < cls.length; i++) expect(cls[i].lo).toBe(cls[i - 1].hi + 1);
  });

  it("m = 512, n = 2^24: λ = 2, and a good generator passes (500 repetitions, both p-values)", () => {
    const r = birthdaySpacingsTest(words(1n, 512 * 500));
    expect(r.details.lambda).toBe(2);
    expect(r.details.k).toBe(500);
    expect(r.pValues).toHaveLength(2);
    // ≈ kλ = 1000 collisions in all
    expect(Math.abs(r.statistic - 1000)).toBeLessThan(200);
    expect(r.pass).toBe(true);
  });

  it("every bit offset 0…8 of a good generator passes", () => {
    const w = words(2n, 512 * 200);
    for (let off = 0; off <= 8; off++) expect(birthdaySpacingsTest(w, { bitOffset: off }).pass).toBe(true);
  });

  it("a lattice (birthdays in arithmetic progression) fails", () => {
    const w = new Uint32Array(512 * 50);
    for (let i = 0; i < w.length; i++) w[i] = Math.imul(i, 0x01000193) >>> 0;
    const r = birthdaySpacingsTest(w);
    expect(r.pass).toBe(false);
  });

  it("few repetitions: only the Poisson-sum p-value", () => {
    const r = birthdaySpacingsTest(words(3n, 512 * 2));
    expect(r.pValues).toHaveLength(1);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
  });

  it("rejects bad parameters", () => {
    expect(() => birthdaySpacingsTest(new Uint32Array(100))).toThrow(RangeError);
    expect(() => birthdaySpacingsTest(new Uint32Array(4096), { bitOffset: 9 })).toThrow(RangeError);
  });
});

describe("byte chi-square (256 bins, 255 df)", () => {
  it("a perfectly flat histogram gives χ² = 0, P = 1", () => {
    const b = new Uint8Array(256 * 10).map((_, i) => i & 0xff);
    const r = byteChiSquareTest(b);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
  });
  it("a good generator passes; bytes limited to 0…127 fail", () => {
    const w = words(9n, 1 << 14);
    const b = new Uint8Array(w.buffer);
    expect(byteChiSquareTest(b).pass).toBe(true);
    const r = byteChiSquareTest(b.map((x) => x & 0x7f));
    expect(r.pass).toBe(false);
    expect(r.pValue).toBe(0);
  });
});
