import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  chiSquareSurvival,
  erf,
  erfc,
  igam,
  igamc,
  lgamma,
  normalCdf,
  poissonCdf,
  poissonPmf,
  poissonSurvivalAtLeast,
} from "./index.js";

/** Relative error |got − want| / |want| < tol. */
const rel = (got: number, want: number, tol: number) => expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(tol);

describe("erfc / erf / Φ against known values", () => {
  it("erfc at 0, ±0.5, ±1, 2, 3, 5 (relative error < 1e-13)", () => {
    expect(erfc(0)).toBe(1);
    rel(erfc(0.5), 0.4795001221869534524, 1e-13);
    rel(erfc(1), 0.1572992070502851307, 1e-13);
    rel(erfc(2), 0.004677734981047265838, 1e-13);
    rel(erfc(3), 2.209049699858544137e-5, 1e-13);
    rel(erfc(5), 1.537459794428034850e-12, 1e-13);
    rel(erfc(-1), 1.842700792949714869, 1e-14);
    rel(erfc(-0.5), 1.520499877813046548, 1e-14);
  });
  it("erf(1) = 0.8427007929497149, erf is odd", () => {
    rel(erf(1), 0.8427007929497148693, 1e-14);
    expect(erf(-0.3)).toBe(-erf(0.3));
  });
  it("Φ(1.96) = 0.9750021048517795, Φ(−1) = 0.15865525393145705, Φ(0) = 1/2, Φ(−8) ≈ 6.22e-16", () => {
    rel(normalCdf(1.96), 0.9750021048517795, 1e-14);
    rel(normalCdf(-1), 0.158655253931457051, 1e-13);
    expect(normalCdf(0)).toBe(0.5);
    rel(normalCdf(-8), 6.22096057427178e-16, 1e-10);
  });
});

describe("lgamma / igam / igamc against known values", () => {
  it("ln Γ: Γ(1/2) = √π, Γ(5) = 24, ln Γ(100) = 359.1342053695754", () => {
    rel(lgamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    rel(lgamma(5), Math.log(24), 1e-14);
    rel(lgamma(100), 359.1342053695753988, 1e-15);
  });
  it("closed forms: Q(1, x) = e^−x, Q(2, x) = e^−x (1 + x), Q(1/2, x) = erfc(√x)", () => {
    for (const x of [0.01, 0.4, 1, 2.5, 10, 50]) {
      rel(igamc(1, x), Math.exp(-x), 1e-13);
      rel(igamc(2, x), Math.exp(-x) * (1 + x), 1e-13);
      rel(igamc(0.5, x), erfc(Math.sqrt(x)), 1e-13);
    }
  });
  it("the igamc values used in NIST SP 800-22's examples", () => {
    expect(igamc(3 / 2, 1 / 2)).toBeCloseTo(0.801252, 6); // 2.2.4
    expect(igamc(3 / 2, 4.882605 / 2)).toBeCloseTo(0.180598, 6); // 2.4.4
    expect(igamc(1, 0.596953 / 2)).toBeCloseTo(0.741948, 6);
    expect(igamc(1, 2.133333 / 2)).toBeCloseTo(0.344154, 6);
    expect(igamc(5 / 2, 4.333033 / 2)).toBeCloseTo(0.502529, 6);
  });
  it("large equal arguments (SP 800-22 appendix E's checks): Q(a, a) for a = 600 … 10⁶", () => {
    const cases: [number, number][] = [
      [600, 0.4945710333],
      [800, 0.4952983876],
      [1000, 0.4957947559],
      [10_000, 0.4986701918],
      [100_000, 0.4995794779],
      [1_000_000, 0.4998670192],
    ];
    for (const [a, q] of cases) expect(igamc(a, a)).toBeCloseTo(q, 9);
  });
  it("Erlang tails: Q(2, 2.5) = 0.287297, Q(3, 1.7) = 0.757223, Q(20, 20) = 0.470257", () => {
    expect(igamc(2, 2.5)).toBeCloseTo(0.287297, 6);
    expect(igamc(3, 1.7)).toBeCloseTo(0.757223, 6);
    expect(igamc(20, 20)).toBeCloseTo(0.470257, 6);
  });
  it("chi-square: 255 df has mean 255, the median ≈ 254.33; tails underflow to 0, not NaN", () => {
    expect(chiSquareSurvival(254.3336, 255)).toBeCloseTo(0.5, 4);
    expect(igamc(1, 1000)).toBe(0);
    expect(igamc(1.5, 1000)).toBeLessThan(1e-300);
    expect(igamc(127.5, 1e6)).toBe(0);
  });
  it("domain: Q(a, 0) = 1, P(a, 0) = 0, NaN for a ≤ 0 or x < 0", () => {
    expect(igamc(3, 0)).toBe(1);
    expect(igam(3, 0)).toBe(0);
    expect(igamc(0, 1)).toBeNaN();
    expect(igamc(1, -1)).toBeNaN();
  });
  it("property: P(a, x) + Q(a, x) = 1 and both lie in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 10000, noNaN: true }),
        (a, x) => {
          const p = igam(a, x);
          const q = igamc(a, x);
          return p >= 0 && p <= 1 && q >= 0 && q <= 1 && Math.abs(p + q - 1) < 1e-9;
        },
      ),
    );
  });
});

describe("Poisson", () => {
  it("CDF, upper tail and pmf agree (λ = 2)", () => {
    let cdf = 0;
    for (let k = 0; k < 12; k++) {
      cdf += poissonPmf(k, 2);
      rel(poissonCdf(k, 2), cdf, 1e-12);
      expect(poissonSurvivalAtLeast(k + 1, 2) + poissonCdf(k, 2)).toBeCloseTo(1, 12);
    }
    rel(poissonPmf(0, 2), Math.exp(-2), 1e-14);
  });
});
