import { describe, expect, it } from "vitest";
import {
  approximateEntropyTest,
  bitsFromBytes,
  bitsFromString,
  bitsFromWords,
  blockFrequencyTest,
  cumulativeSumsTest,
  frequencyTest,
  igamc,
  longestRunOfOnesTest,
  longestRunParams,
  longestRunProbabilities,
  overlappingPatternCounts,
  runsTest,
  serialTest,
} from "./index.js";
import { eBits } from "./test-splitmix64.js";

// The worked examples of NIST SP 800-22 Rev 1a, section 2 (each test's "2.x.4 Test Description" small
// example and "2.x.8 Example"). The document prints p-values to 6 digits; `toBeCloseTo(v, 6)` checks
// |got − v| < 5e-7, i.e. agreement to the printed precision.

/** The 100-bit example sequence of sections 2.1.8, 2.2.8, 2.3.8, 2.12.8 and 2.13.8 (binary digits of π). */
const EPS100 = "1100100100001111110110101010001000100001011010001100001000110100110001001100011001100010100010111000";
/** The 128-bit example of sections 2.4.4 and 2.4.8. */
const EPS128 =
  "11001100000101010110110001001100111000000000001001001101010100010001001111010110100000001101011111001100111001101101100010110010";

const bits = bitsFromString;

describe("bit order", () => {
  it("bytes and words are read most significant bit first", () => {
    expect(Array.from(bitsFromBytes(Uint8Array.of(0xa0, 0x01)))).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const w = Array.from(bitsFromWords(Uint32Array.of(0x80000001)));
    expect(w[0]).toBe(1);
    expect(w[31]).toBe(1);
    expect(w.slice(1, 31).every((b) => b === 0)).toBe(true);
  });
});

describe("2.1 frequency (monobit)", () => {
  it("2.1.4: ε = 1011010101 gives S_n = 2, s_obs = 0.632455532, P-value = 0.527089", () => {
    const r = frequencyTest(bits("1011010101"));
    expect(r.details.Sn).toBe(2);
    expect(r.statistic).toBeCloseTo(0.632455532, 9);
    expect(r.pValue).toBeCloseTo(0.527089, 6);
    expect(r.pass).toBe(true);
  });
  it("2.1.8: the 100-bit example gives S_100 = −16, s_obs = 1.6, P-value = 0.109599", () => {
    const r = frequencyTest(bits(EPS100));
    expect(r.details.Sn).toBe(-16);
    expect(r.statistic).toBeCloseTo(1.6, 12);
    expect(r.pValue).toBeCloseTo(0.109599, 6);
    expect(r.pass).toBe(true);
  });
});

describe("2.2 frequency within a block", () => {
  it("2.2.4: ε = 0110011010, M = 3 gives χ² = 1, P-value = 0.801252", () => {
    const r = blockFrequencyTest(bits("0110011010"), 3);
    expect(r.details.N).toBe(3);
    expect(r.statistic).toBeCloseTo(1, 12);
    expect(r.pValue).toBeCloseTo(0.801252, 6);
  });
  it("2.2.8: the 100-bit example, M = 10 gives N = 10, χ² = 7.2, P-value = 0.706438", () => {
    const r = blockFrequencyTest(bits(EPS100), 10);
    expect(r.details.N).toBe(10);
    expect(r.statistic).toBeCloseTo(7.2, 12);
    expect(r.pValue).toBeCloseTo(0.706438, 6);
    expect(r.pass).toBe(true);
  });
});

describe("2.3 runs", () => {
  it("2.3.4: ε = 1001101011 gives π = 3/5, V_n(obs) = 7, P-value = 0.147232", () => {
    const r = runsTest(bits("1001101011"));
    expect(r.details.pi).toBeCloseTo(0.6, 12);
    expect(r.statistic).toBe(7);
    expect(r.pValue).toBeCloseTo(0.147232, 6);
  });
  it("2.3.8: the 100-bit example gives π = 0.42, V_n(obs) = 52, P-value = 0.500798", () => {
    const r = runsTest(bits(EPS100));
    expect(r.details.pi).toBeCloseTo(0.42, 12);
    expect(r.statistic).toBe(52);
    expect(r.pValue).toBeCloseTo(0.500798, 6);
    expect(r.pass).toBe(true);
  });
  it("the frequency prerequisite: |π − 1/2| ≥ 2/√n means the test is not run (P-value 0, fail)", () => {
    const r = runsTest(bits("1111111111111111111111111101"));
    expect(r.details.prerequisite).toBe(0);
    expect(r.pValue).toBe(0);
    expect(r.pass).toBe(false);
  });
});

describe("2.4 longest run of ones in a block", () => {
  it("NIST's table picks M = 8 / 128 / 10⁴ by n", () => {
    expect(() => longestRunParams(127)).toThrow(RangeError);
    expect(longestRunParams(128)).toEqual({ M: 8, K: 3, vMin: 1 });
    expect(longestRunParams(6271).M).toBe(8);
    expect(longestRunParams(6272)).toEqual({ M: 128, K: 5, vMin: 4 });
    expect(longestRunParams(749_999).M).toBe(128);
    expect(longestRunParams(750_000)).toEqual({ M: 10_000, K: 6, vMin: 10 });
  });
  it("the class probabilities match the document's (exact for M = 8; 4-digit table for M = 128)", () => {
    expect(longestRunProbabilities(longestRunParams(128))).toEqual([55 / 256, 94 / 256, 59 / 256, 48 / 256]);
    const doc128 = [0.1174, 0.243, 0.2493, 0.1752, 0.1027, 0.1124];
    longestRunProbabilities(longestRunParams(6272)).forEach((p, i) => expect(Math.abs(p - doc128[i])).toBeLessThan(1.5e-4));
    const s = longestRunProbabilities(longestRunParams(750_000)).reduce((a, b) => a + b, 0);
    expect(s).toBeCloseTo(1, 14);
  });
  it("2.4.4: the 128-bit example gives ν = (4, 9, 3, 0); the printed χ² = 4.882605 gives P-value 0.180598", () => {
    const r = longestRunOfOnesTest(bits(EPS128));
    expect(r.details.N).toBe(16);
    expect(r.details.nu).toEqual([4, 9, 3, 0]);
    // 2.4.4 computes χ² with π rounded to 4 digits (0.2148, 0.3672, 0.2305, 0.1875): 4.882605.
    const pis4 = [0.2148, 0.3672, 0.2305, 0.1875];
    const chi4 = [4, 9, 3, 0].reduce((s, v, i) => s + (v - 16 * pis4[i]) ** 2 / (16 * pis4[i]), 0);
    expect(chi4).toBeCloseTo(4.882605, 6);
    expect(igamc(3 / 2, 4.882605 / 2)).toBeCloseTo(0.180598, 6);
  });
  it("2.4.8: the 128-bit example gives P-value = 0.180609 (exact π, as NIST's code uses)", () => {
    const r = longestRunOfOnesTest(bits(EPS128));
    expect(r.statistic).toBeCloseTo(4.882457, 6);
    expect(r.pValue).toBeCloseTo(0.180609, 6);
    expect(r.pass).toBe(true);
  });
});

describe("2.11 serial", () => {
  it("2.11.4: ε = 0011011101, m = 3 gives the document's ψ² values and ∇ statistics", () => {
    const r = serialTest(bits("0011011101"), 3);
    expect(Array.from(overlappingPatternCounts(bits("0011011101"), 3))).toEqual([0, 1, 1, 2, 1, 2, 2, 1]);
    expect(r.details.psiSqM).toBeCloseTo(2.8, 12);
    expect(r.details.psiSqM1).toBeCloseTo(1.2, 12);
    expect(r.details.psiSqM2).toBeCloseTo(0.4, 12);
    expect(r.details.delPsiSq).toBeCloseTo(1.6, 12);
    expect(r.details.del2PsiSq).toBeCloseTo(0.8, 12);
  });
  it("2.11.4: P-values from those statistics are igamc(2, 0.8) = 0.808792 and igamc(1, 0.4) = 0.670320", () => {
    // The document prints 0.9057 and 0.8805 here, which its own formula does not give from its own
    // ∇ψ² = 1.6 and ∇²ψ² = 0.8; we check the formula's values (as other implementations do).
    const r = serialTest(bits("0011011101"), 3);
    expect(r.pValues[0]).toBeCloseTo(0.808792, 6);
    expect(r.pValues[1]).toBeCloseTo(0.67032, 6);
  });
  it("2.11.8: the first 10⁶ bits of e, m = 2 give P-value1 = 0.843764, P-value2 = 0.561915", () => {
    const e = eBits(1_000_000);
    expect(Array.from(e.slice(0, 12))).toEqual([1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1]); // e = 10.1011011111…₂
    expect(Array.from(overlappingPatternCounts(e, 2))).toEqual([250116, 249855, 249855, 250174]);
    const r = serialTest(e, 2);
    expect(r.pValues[0]).toBeCloseTo(0.843764, 6);
    expect(r.pValues[1]).toBeCloseTo(0.561915, 6);
    expect(r.pass).toBe(true);
  });
});

describe("2.12 approximate entropy", () => {
  it("2.12.4: ε = 0100110101, m = 3 gives ApEn = 0.190954, P-value = 0.261961", () => {
    const r = approximateEntropyTest(bits("0100110101"), 3);
    expect(r.details.phiM).toBeCloseTo(-1.643418, 6);
    expect(r.details.phiM1).toBeCloseTo(-1.834372, 6);
    expect(r.details.apEn).toBeCloseTo(0.190954, 6);
    expect(r.pValue).toBeCloseTo(0.261961, 6);
  });
  it("2.12.8: the 100-bit example, m = 2 gives ApEn = 0.665393, χ² = 5.550792, P-value = 0.235301", () => {
    const r = approximateEntropyTest(bits(EPS100), 2);
    expect(r.details.apEn).toBeCloseTo(0.665393, 6);
    expect(r.statistic).toBeCloseTo(5.550792, 6);
    expect(r.pValue).toBeCloseTo(0.235301, 6);
    expect(r.pass).toBe(true);
  });
});

describe("2.13 cumulative sums", () => {
  it("2.13.4: ε = 1011010111 gives z = 4, P-value = 0.4116588 (to 6 digits; see note)", () => {
    // The document prints 0.4116588; the formula with an exact Φ gives 0.41165862 (NIST's own normal
    // CDF approximation differs in the 7th digit), so we check 6 digits: 0.411659.
    const r = cumulativeSumsTest(bits("1011010111"));
    expect(r.details.zForward).toBe(4);
    expect(r.pValues[0]).toBeCloseTo(0.4116588, 6);
  });
  it("2.13.8: the 100-bit example gives z = 16, P = 0.219194 forward and z = 19, P = 0.114866 backward", () => {
    const r = cumulativeSumsTest(bits(EPS100));
    expect(r.details.zForward).toBe(16);
    expect(r.details.zBackward).toBe(19);
    expect(r.pValues[0]).toBeCloseTo(0.219194, 6);
    expect(r.pValues[1]).toBeCloseTo(0.114866, 6);
    expect(r.pass).toBe(true);
  });
});
