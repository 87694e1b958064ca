/** The significance level of NIST SP 800-22 (section 1.1.5): a p-value below it fails the test. */
export const ALPHA = 0.01;

/** What every test of the battery returns. */
export interface TestResult {
  /** The test's name, with its parameters, e.g. "block-frequency(M=128)". */
  readonly test: string;
  /** The test's main statistic (e.g. s_obs, χ²(obs), V_n(obs), z). */
  readonly statistic: number;
  /** Every p-value the test gives (serial and cumulative sums give two), in the order the test documents. */
  readonly pValues: readonly number[];
  /** The smallest of `pValues` (NaN when the test gave none). */
  readonly pValue: number;
  /** Every p-value ≥ α (and the test's prerequisites held). */
  readonly pass: boolean;
  /** The α the decision used. */
  readonly alpha: number;
  /** Intermediate values (counts, sub-statistics) as the NIST document names them. */
  readonly details: Readonly<Record<string, number | readonly number[]>>;
}

/** Builds a result: pValue = min of pValues, pass = every p ≥ α and `ok`. */
export function makeResult(
  test: string,
  statistic: number,
  pValues: readonly number[],
  details: Readonly<Record<string, number | readonly number[]>>,
  alpha: number = ALPHA,
  ok = true,
): TestResult {
  const pValue = pValues.length === 0 ? Number.NaN : Math.min(...pValues);
  const pass = ok && pValues.length > 0 && pValues.every((p) => p >= alpha);
  return { test, statistic, pValues, pValue, pass, alpha, details };
}
