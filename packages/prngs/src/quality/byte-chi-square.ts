// Chi-square goodness of fit of byte values to the uniform distribution: 256 bins, 255 degrees of freedom.

import { ALPHA, makeResult, type TestResult } from "./result.js";
import { chiSquareSurvival } from "./special.js";

/**
 * χ² = Σ (c_v − N/256)² / (N/256) over the counts c_v of each byte value v in N bytes;
 * P-value = igamc(255/2, χ²/2). Statistic: χ². Needs N ≥ 256·5 for the chi-square approximation to hold
 * (fewer bytes are still computed).
 */
export function byteChiSquareTest(bytes: Uint8Array, alpha: number = ALPHA): TestResult {
  const n = bytes.length;
  if (n === 0) throw new RangeError("byte chi-square test: empty input");
  const counts = new Float64Array(256);
  for (let i = 0; i < n; i++) counts[bytes[i]]++;
  const e = n / 256;
  let chi2 = 0;
  for (let v = 0; v < 256; v++) {
    const d = counts[v] - e;
    chi2 += (d * d) / e;
  }
  const p = chiSquareSurvival(chi2, 255);
  return makeResult("byte-chi-square", chi2, [p], { N: n, df: 255, expected: e, chi2 }, alpha);
}
