// NIST SP 800-22 Rev 1a, tests 2.1–2.4: frequency (monobit), frequency within a block, runs, and the
// longest run of ones in a block. Input: a bit sequence (see bits.ts), one element 0/1 per bit.

import type { Bits } from "./bits.js";
import { ALPHA, makeResult, type TestResult } from "./result.js";
import { erfc, igamc } from "./special.js";

/**
 * 2.1 Frequency (monobit) test. S_n = Σ (2ε_i − 1), s_obs = |S_n| / √n, P-value = erfc(s_obs / √2).
 * Statistic: s_obs. NIST recommends n ≥ 100.
 */
export function frequencyTest(bits: Bits, alpha: number = ALPHA): TestResult {
  const n = bits.length;
  if (n === 0) throw new RangeError("frequency test: empty sequence");
  let ones = 0;
  for (let i = 0; i < n; i++) ones += bits[i];
  const sn = 2 * ones - n;
  const sObs = Math.abs(sn) / Math.sqrt(n);
  const p = erfc(sObs / Math.SQRT2);
  return makeResult("frequency", sObs, [p], { n, ones, Sn: sn, sObs }, alpha);
}

/**
 * 2.2 Frequency test within a block. N = ⌊n/M⌋ blocks of M bits (the rest is discarded), π_i = ones/M,
 * χ²(obs) = 4M Σ (π_i − 1/2)², P-value = igamc(N/2, χ²(obs)/2). Statistic: χ²(obs).
 */
export function blockFrequencyTest(bits: Bits, blockSize: number, alpha: number = ALPHA): TestResult {
  const m = blockSize;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`block frequency test: M must be a positive integer, got ${m}`);
  const blocks = Math.floor(bits.length / m);
  if (blocks < 1) throw new RangeError(`block frequency test: n = ${bits.length} < M = ${m}`);
  let sum = 0;
  for (let b = 0; b < blocks; b++) {
    let ones = 0;
    const o = b * m;
    for (let j = 0; j < m; j++) ones += bits[o + j];
    const d = ones / m - 0.5;
    sum += d * d;
  }
  const chi2 = 4 * m * sum;
  const p = igamc(blocks / 2, chi2 / 2);
  return makeResult(`block-frequency(M=${m})`, chi2, [p], { n: bits.length, M: m, N: blocks, chi2 }, alpha);
}

/**
 * 2.3 Runs test. π = ones/n; prerequisite |π − 1/2| < τ = 2/√n (otherwise the test is not run: P-value 0,
 * fail, details.prerequisite = 0). V_n(obs) = 1 + #{k : ε_k ≠ ε_(k+1)},
 * P-value = erfc(|V_n(obs) − 2nπ(1−π)| / (2√(2n) π(1−π))). Statistic: V_n(obs).
 */
export function runsTest(bits: Bits, alpha: number = ALPHA): TestResult {
  const n = bits.length;
  if (n < 2) throw new RangeError("runs test: need at least 2 bits");
  let ones = 0;
  for (let i = 0; i < n; i++) ones += bits[i];
  const pi = ones / n;
  const tau = 2 / Math.sqrt(n);
  let v = 1;
  for (let k = 0; k + 1 < n; k++) if (bits[k] !== bits[k + 1]) v++;
  if (Math.abs(pi - 0.5) >= tau) {
    return makeResult("runs", v, [0], { n, pi, tau, Vobs: v, prerequisite: 0 }, alpha, false);
  }
  const q = pi * (1 - pi);
  const p = erfc(Math.abs(v - 2 * n * q) / (2 * Math.sqrt(2 * n) * q));
  return makeResult("runs", v, [p], { n, pi, tau, Vobs: v, prerequisite: 1 }, alpha);
}

/** Parameters of the longest-run test for a block length M (SP 800-22 section 2.4.2 / 3.4). */
export interface LongestRunParams {
  /** Block length. */
  readonly M: number;
  /** Degrees of freedom (number of classes − 1). */
  readonly K: number;
  /** Longest runs ≤ vMin fall in the first class, ≥ vMin + K in the last; the others one class each. */
  readonly vMin: number;
}

/**
 * NIST's table: M = 8 for 128 ≤ n < 6272 (classes ≤1,2,3,≥4), M = 128 for 6272 ≤ n < 750 000
 * (≤4,5,6,7,8,≥9), M = 10⁴ for n ≥ 750 000 (≤10,11,…,15,≥16).
 */
export function longestRunParams(n: number): LongestRunParams {
  if (n < 128) throw new RangeError(`longest run test: n = ${n} < 128`);
  if (n < 6272) return { M: 8, K: 3, vMin: 1 };
  if (n < 750_000) return { M: 128, K: 5, vMin: 4 };
  return { M: 10_000, K: 6, vMin: 10 };
}

/** P(longest run of ones in M fair bits ≤ k), by dynamic programming over the current run length. */
function probLongestAtMost(m: number, k: number): number {
  // prob[r] = P(no run > k so far, current run of ones = r).
  let prob = new Float64Array(k + 1);
  let next = new Float64Array(k + 1);
  prob[0] = 1;
  for (let i = 0; i < m; i++) {
    let total = 0;
    for (let r = 0; r <= k; r++) total += prob[r];
    next.fill(0);
    next[0] = 0.5 * total;
    for (let r = 0; r < k; r++) next[r + 1] = 0.5 * prob[r];
    [prob, next] = [next, prob];
  }
  let s = 0;
  for (let r = 0; r <= k; r++) s += prob[r];
  return s;
}

const piCache = new Map<string, readonly number[]>();

/**
 * The class probabilities π_0 … π_K of the longest run of ones in a block of M bits, computed exactly (the
 * NIST document prints them rounded to 4 digits; for M = 8 they are 55/256, 94/256, 59/256, 48/256).
 */
export function longestRunProbabilities(params: LongestRunParams): readonly number[] {
  const key = `${params.M}/${params.K}/${params.vMin}`;
  const cached = piCache.get(key);
  if (cached) return cached;
  const { M, K, vMin } = params;
  const pis: number[] = [];
  let prev = 0;
  for (let i = 0; i < K; i++) {
    const cdf = probLongestAtMost(M, vMin + i);
    pis.push(cdf - prev);
    prev = cdf;
  }
  pis.push(1 - prev);
  piCache.set(key, pis);
  return pis;
}

/**
 * 2.4 Test for the longest run of ones in a block. N = ⌊n/M⌋ blocks; ν_i counts blocks whose longest run of
 * ones falls in class i; χ²(obs) = Σ (ν_i − Nπ_i)² / (Nπ_i), P-value = igamc(K/2, χ²(obs)/2).
 * M (and so K and the classes) come from n by NIST's table unless `params` is given. Statistic: χ²(obs).
 */
export function longestRunOfOnesTest(bits: Bits, alpha: number = ALPHA, params?: LongestRunParams): TestResult {
  const n = bits.length;
  const prm = params ?? longestRunParams(n);
  const { M, K, vMin } = prm;
  const blocks = Math.floor(n / M);
  if (blocks < 1) throw new RangeError(`longest run test: n = ${n} < M = ${M}`);
  const nu = new Array<number>(K + 1).fill(0);
  for (let b = 0; b < blocks; b++) {
    let run = 0;
    let longest = 0;
    const o = b * M;
    for (let j = 0; j < M; j++) {
      if (bits[o + j] === 1) {
        run++;
        if (run > longest) longest = run;
      } else {
        run = 0;
      }
    }
    const cls = Math.min(K, Math.max(0, longest - vMin));
    nu[cls]++;
  }
  const pis = longestRunProbabilities(prm);
  let chi2 = 0;
  for (let i = 0; i <= K; i++) {
    const e = blocks * pis[i];
    chi2 += ((nu[i] - e) * (nu[i] - e)) / e;
  }
  const p = igamc(K / 2, chi2 / 2);
  return makeResult(`longest-run(M=${M})`, chi2, [p], { n, M, K, N: blocks, nu, pi: pis, chi2 }, alpha);
}
