// Marsaglia's birthday spacings test (diehard): m birthdays in a year of n = 2^dayBits days, taken from
// dayBits consecutive bits of m 32-bit words. Sort the birthdays, take the m−1 spacings between neighbours,
// sort those, and count j = #{i : s_i = s_(i−1)} (each value occurring r times adds r−1; Knuth's and
// TestU01's definition: diehard also counts the first birthday itself as a spacing, which changes nothing
// asymptotically). Under H0, j is asymptotically Poisson with λ = m³/(4n): λ = 2 for m = 512, n = 2^24.
//
// P-values, both documented as p-values of the same result:
//  1. chi-square (diehard's method): the k repetitions' j values are binned into Poisson classes (adjacent
//     values merged so every class expects at least 5), χ² with (classes − 1) degrees of freedom,
//     p = igamc(df/2, χ²/2). Left out when k is too small to form two classes.
//  2. sum (TestU01's method): T = Σ j over the k repetitions is Poisson(kλ); two-sided
//     p = min(1, 2·min(P(X ≤ T), P(X ≥ T))).

import { ALPHA, makeResult, type TestResult } from "./result.js";
import { chiSquareSurvival, poissonCdf, poissonPmf, poissonSurvivalAtLeast } from "./special.js";

export interface BirthdaySpacingsOptions {
  /** Birthdays per repetition (default 512). */
  readonly m?: number;
  /** The year has 2^dayBits days (default 24). */
  readonly dayBits?: number;
  /**
   * Which bits of each word make a birthday, counting from the left: offset 0 takes bits 1–24 (the top
   * dayBits bits, word >>> (32 − dayBits)); diehard runs offsets 0…8. Default 0.
   */
  readonly bitOffset?: number;
  /** Repetitions k (default: as many as the words allow). Each uses m consecutive words. */
  readonly repetitions?: number;
  readonly alpha?: number;
}

/** Minimum expected count per class of the chi-square. */
const MIN_EXPECTED = 5;

/** Poisson classes for k samples: [lo, hi] inclusive, the last open-ended (hi = Infinity). */
export function poissonClasses(lambda: number, k: number): { lo: number; hi: number; expected: number }[] {
  const classes: { lo: number; hi: number; expected: number }[] = [];
  let start = 0;
  let acc = 0;
  let cdf = 0;
  for (let i = 0; ; i++) {
    const e = k * poissonPmf(i, lambda);
    acc += e;
    cdf += poissonPmf(i, lambda);
    const tail = k * Math.max(0, 1 - cdf);
    if (tail < MIN_EXPECTED) {
      // Everything from `start` on is one open class.
      classes.push({ lo: start, hi: Number.POSITIVE_INFINITY, expected: acc + tail });
      break;
    }
    if (acc >= MIN_EXPECTED) {
      classes.push({ lo: start, hi: i, expected: acc });
      start = i + 1;
      acc = 0;
    }
    if (i > 10_000) break; // unreachable for sane λ, k
  }
  // A last class below the minimum joins its neighbour.
  while (classes.length >= 2 && classes[classes.length - 1].expected < MIN_EXPECTED) {
    const last = classes.pop() as { lo: number; hi: number; expected: number };
    const prev = classes[classes.length - 1];
    classes[classes.length - 1] = { lo: prev.lo, hi: last.hi, expected: prev.expected + last.expected };
  }
  return classes;
}

/** j for one repetition: duplicate spacings among the sorted birthdays `days` (sorted in place). */
export function duplicateSpacings(days: Uint32Array): number {
  days.sort();
  const m = days.length;
  if (m < 3) return 0;
  const spacings = new Uint32Array(m - 1);
  for (let i = 1; i < m; i++) spacings[i - 1] = days[i] - days[i - 1];
  spacings.sort();
  let j = 0;
  for (let i = 1; i < spacings.length; i++) if (spacings[i] === spacings[i - 1]) j++;
  return j;
}

/** Birthday spacings over 32-bit words. Statistic: T = Σ j. */
export function birthdaySpacingsTest(words: Uint32Array, opts: BirthdaySpacingsOptions = {}): TestResult {
  const m = opts.m ?? 512;
  const dayBits = opts.dayBits ?? 24;
  const offset = opts.bitOffset ?? 0;
  const alpha = opts.alpha ?? ALPHA;
  if (!Number.isInteger(m) || m < 3) throw new RangeError(`birthday spacings: m must be an integer ≥ 3, got ${m}`);
  if (!Number.isInteger(dayBits) || dayBits < 1 || dayBits > 32) {
    throw new RangeError(`birthday spacings: dayBits must be in 1…32, got ${dayBits}`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset + dayBits > 32) {
    throw new RangeError(`birthday spacings: bitOffset ${offset} + dayBits ${dayBits} exceeds 32`);
  }
  const available = Math.floor(words.length / m);
  const k = opts.repetitions ?? available;
  if (!Number.isInteger(k) || k < 1) throw new RangeError("birthday spacings: need at least one repetition");
  if (k > available) {
    throw new RangeError(`birthday spacings: ${k} repetitions need ${k * m} words, got ${words.length}`);
  }
  const shift = 32 - dayBits - offset;
  const mask = dayBits === 32 ? 0xffffffff : (1 << dayBits) - 1;
  const n = Math.pow(2, dayBits);
  const lambda = (m * m * m) / (4 * n);
  const js: number[] = [];
  const days = new Uint32Array(m);
  for (let r = 0; r < k; r++) {
    for (let i = 0; i < m; i++) days[i] = (words[r * m + i] >>> shift) & mask;
    js.push(duplicateSpacings(days));
  }
  const total = js.reduce((a, b) => a + b, 0);
  const mu = k * lambda;
  const pSum = Math.min(1, 2 * Math.min(poissonCdf(total, mu), poissonSurvivalAtLeast(total, mu)));

  const classes = poissonClasses(lambda, k);
  const pValues: number[] = [];
  let chi2 = Number.NaN;
  if (classes.length >= 2) {
    const observed = classes.map((c) => js.filter((j) => j >= c.lo && j <= c.hi).length);
    chi2 = 0;
    classes.forEach((c, i) => {
      const d = observed[i] - c.expected;
      chi2 += (d * d) / c.expected;
    });
    pValues.push(chiSquareSurvival(chi2, classes.length - 1));
  }
  pValues.push(pSum);
  return makeResult(
    `birthday-spacings(m=${m},n=2^${dayBits},k=${k})`,
    total,
    pValues,
    { m, dayBits, bitOffset: offset, k, lambda, total, chi2, df: classes.length - 1, pChiSquare: pValues.length === 2 ? pValues[0] : Number.NaN, pSum },
    alpha,
  );
}
