// NIST SP 800-22 Rev 1a, tests 2.11 (serial), 2.12 (approximate entropy) and 2.13 (cumulative sums).
// Input: a bit sequence (see bits.ts), one element 0/1 per bit.

import type { Bits } from "./bits.js";
import { ALPHA, makeResult, type TestResult } from "./result.js";
import { igamc, normalCdf } from "./special.js";

/** Largest pattern length the counting tables accept (2^24 counters). */
const MAX_PATTERN_BITS = 24;

/**
 * Counts of the n overlapping m-bit patterns of the sequence extended by its first m−1 bits (wrapping
 * around, as NIST's serial and approximate entropy tests do). Pattern value: first bit most significant.
 */
export function overlappingPatternCounts(bits: Bits, m: number): Uint32Array {
  const n = bits.length;
  if (!Number.isInteger(m) || m < 0 || m > MAX_PATTERN_BITS) {
    throw new RangeError(`pattern length must be an integer in 0…${MAX_PATTERN_BITS}, got ${m}`);
  }
  const counts = new Uint32Array(1 << m);
  if (m === 0) {
    counts[0] = n;
    return counts;
  }
  if (n === 0) return counts;
  const mask = (1 << m) - 1;
  let w = 0;
  for (let j = 0; j < m - 1; j++) w = (w << 1) | bits[j % n];
  for (let i = 0; i < n; i++) {
    w = ((w << 1) | bits[(i + m - 1) % n]) & mask;
    counts[w]++;
  }
  return counts;
}

/** A_m = Σ ν² over the wrapped overlapping m-bit pattern counts (A_0 = n²), so ψ²_m = 2^m A_m / n − n. */
function sumSquaredCounts(bits: Bits, m: number): number {
  const n = bits.length;
  if (m <= 0) return n * n;
  const counts = overlappingPatternCounts(bits, m);
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i] * counts[i];
  return sum;
}

/**
 * 2.11 Serial test with block length m ≥ 2. ∇ψ²_m = ψ²_m − ψ²_(m−1), ∇²ψ²_m = ψ²_m − 2ψ²_(m−1) + ψ²_(m−2);
 * P-value1 = igamc(2^(m−2), ∇ψ²_m / 2), P-value2 = igamc(2^(m−3), ∇²ψ²_m / 2). pValues = [P1, P2].
 * Statistic: ∇ψ²_m. NIST asks for m < ⌊log₂ n⌋ − 2.
 */
export function serialTest(bits: Bits, m: number, alpha: number = ALPHA): TestResult {
  const n = bits.length;
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`serial test: m must be an integer ≥ 2, got ${m}`);
  if (n === 0) throw new RangeError("serial test: empty sequence");
  // ψ²_m = 2^m A_m / n − n. The differences are formed from the integers A_m first, so that equal
  // ψ² values give exactly 0 rather than a rounding error of either sign (for n ≤ 2^25, 4A_m < 2^53).
  const a0 = sumSquaredCounts(bits, m);
  const a1 = sumSquaredCounts(bits, m - 1);
  const a2 = sumSquaredCounts(bits, m - 2);
  const psim0 = (Math.pow(2, m) * a0) / n - n;
  const psim1 = (Math.pow(2, m - 1) * a1) / n - n;
  const psim2 = m - 2 === 0 ? 0 : (Math.pow(2, m - 2) * a2) / n - n;
  const del1 = (Math.pow(2, m - 1) * (2 * a0 - a1)) / n;
  const del2 = (Math.pow(2, m - 2) * (4 * a0 - 4 * a1 + a2)) / n;
  const p1 = igamc(Math.pow(2, m - 2), del1 / 2);
  const p2 = igamc(Math.pow(2, m - 3), del2 / 2);
  return makeResult(
    `serial(m=${m})`,
    del1,
    [p1, p2],
    { n, m, psiSqM: psim0, psiSqM1: psim1, psiSqM2: psim2, delPsiSq: del1, del2PsiSq: del2 },
    alpha,
  );
}

/** φ^(m) = Σ π_i ln π_i over the wrapped overlapping m-bit pattern frequencies π_i = C_i^m (0 for m = 0). */
function phi(bits: Bits, m: number): number {
  if (m === 0) return 0;
  const counts = overlappingPatternCounts(bits, m);
  const n = bits.length;
  let s = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) s += (c / n) * Math.log(c / n);
  }
  return s;
}

/**
 * 2.12 Approximate entropy test with block length m ≥ 1. ApEn(m) = φ^(m) − φ^(m+1),
 * χ² = 2n(ln 2 − ApEn(m)), P-value = igamc(2^(m−1), χ²/2). Statistic: χ². NIST asks for m < ⌊log₂ n⌋ − 5.
 */
export function approximateEntropyTest(bits: Bits, m: number, alpha: number = ALPHA): TestResult {
  const n = bits.length;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`approximate entropy test: m must be an integer ≥ 1, got ${m}`);
  if (n === 0) throw new RangeError("approximate entropy test: empty sequence");
  const phiM = phi(bits, m);
  const phiM1 = phi(bits, m + 1);
  const apEn = phiM - phiM1;
  // ApEn(m) is a conditional entropy of the wrapped sequence, so ApEn ≤ ln 2 and χ² ≥ 0; a rounding
  // error below 0 is taken as 0.
  const chi2 = Math.max(0, 2 * n * (Math.LN2 - apEn));
  const p = igamc(Math.pow(2, m - 1), chi2 / 2);
  return makeResult(`approximate-entropy(m=${m})`, chi2, [p], { n, m, phiM, phiM1, apEn, chi2 }, alpha);
}

/** z = max_k |S_k| of the ±1 random walk, over the bits forward (mode 0) or backward (mode 1). */
function maxExcursion(bits: Bits, backward: boolean): number {
  const n = bits.length;
  let s = 0;
  let z = 0;
  for (let i = 0; i < n; i++) {
    const b = backward ? bits[n - 1 - i] : bits[i];
    s += b === 1 ? 1 : -1;
    const a = s < 0 ? -s : s;
    if (a > z) z = a;
  }
  return z;
}

/**
 * The cumulative sums p-value for maximal excursion z over n steps (SP 800-22 section 2.13.4 step 4):
 * P = 1 − Σ_k [Φ((4k+1)z/√n) − Φ((4k−1)z/√n)] + Σ_k [Φ((4k+3)z/√n) − Φ((4k+1)z/√n)], the first sum over
 * k from (−n/z+1)/4 to (n/z−1)/4, the second from (−n/z−3)/4 to (n/z−1)/4, each bound truncated towards
 * zero as NIST's reference code does.
 */
export function cumulativeSumsPValue(n: number, z: number): number {
  if (z <= 0) return 1;
  const sq = Math.sqrt(n);
  let sum1 = 0;
  for (let k = Math.trunc((-n / z + 1) / 4); k <= Math.trunc((n / z - 1) / 4); k++) {
    sum1 += normalCdf(((4 * k + 1) * z) / sq) - normalCdf(((4 * k - 1) * z) / sq);
  }
  let sum2 = 0;
  for (let k = Math.trunc((-n / z - 3) / 4); k <= Math.trunc((n / z - 1) / 4); k++) {
    sum2 += normalCdf(((4 * k + 3) * z) / sq) - normalCdf(((4 * k + 1) * z) / sq);
  }
  const p = 1 - sum1 + sum2;
  return Math.min(1, Math.max(0, p));
}

/**
 * 2.13 Cumulative sums (cusum) test, forward and backward: z = max_k |S_k| of the walk X_i = 2ε_i − 1
 * (backward: from ε_n down to ε_1). pValues = [forward, backward]; statistic: the forward z
 * (details.zForward, details.zBackward).
 */
export function cumulativeSumsTest(bits: Bits, alpha: number = ALPHA): TestResult {
  const n = bits.length;
  if (n === 0) throw new RangeError("cumulative sums test: empty sequence");
  const zf = maxExcursion(bits, false);
  const zb = maxExcursion(bits, true);
  const pf = cumulativeSumsPValue(n, zf);
  const pb = cumulativeSumsPValue(n, zb);
  return makeResult("cumulative-sums", zf, [pf, pb], { n, zForward: zf, zBackward: zb }, alpha);
}
