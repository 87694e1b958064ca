// Special functions for p-values: log-gamma, the regularized incomplete gamma functions (Cephes' igam/igamc:
// a power series below the mean, Legendre's continued fraction above it), erf/erfc through the identity
// erfc(x) = Q(1/2, x²), and the standard normal CDF. Accuracy is close to double precision (relative error
// around 1e-14 for moderate arguments); for a ≳ 1e5 the prefactor x^a e^-x / Γ(a) loses a few more digits.

const MACHEP = 1.11022302462515654042e-16; // 2^-53
const MAXLOG = 7.09782712893383996843e2; // ln(DBL_MAX)
const BIG = 4.503599627370496e15; // 2^52
const BIGINV = 2.22044604925031308085e-16; // 2^-52
const HALF_LN_2PI = 0.91893853320467274178; // ln(√(2π))

/** Stirling's correction ln Γ(x) − [(x − ½) ln x − x + ln √(2π)] for x ≥ 15 (error below 1e-17). */
function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
}

/**
 * ln Γ(x) for x > 0: Stirling's series after shifting x up to at least 15 (Γ(x) = Γ(x+k) / (x(x+1)…(x+k−1))).
 */
export function lgamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === 1 || x === 2) return 0;
  let shift = 0; // ln of the product x(x+1)…(x+k−1)
  let prod = 1;
  while (x < 15) {
    prod *= x;
    x += 1;
  }
  shift += Math.log(prod);
  return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + stirlingCorrection(x) - shift;
}

/**
 * ln(x^a e^-x / Γ(a)), the common prefactor of the incomplete gamma functions. For a ≥ 15 it is written as
 * a·(log1p(d) − d) + ½ ln a − ln √(2π) − stirling(a) with d = (x − a)/a, which keeps its digits when a and x
 * are large and close (a ln x and ln Γ(a) would each be ~1e7 for a = 1e6).
 */
function logPrefactor(a: number, x: number): number {
  if (a < 15) return a * Math.log(x) - x - lgamma(a);
  const d = (x - a) / a;
  return a * (Math.log1p(d) - d) + 0.5 * Math.log(a) - HALF_LN_2PI - stirlingCorrection(a);
}

/** Lower regularized incomplete gamma P(a, x) = γ(a, x) / Γ(a) (Cephes `igam`). */
export function igam(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return Number.NaN;
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x > 1 && x > a) return 1 - igamc(a, x);
  const ax = logPrefactor(a, x);
  if (ax < -MAXLOG) return 0;
  // Power series: P(a,x) = x^a e^-x / Γ(a+1) · Σ x^k / ((a+1)…(a+k)).
  let r = a;
  let c = 1;
  let ans = 1;
  do {
    r += 1;
    c *= x / r;
    ans += c;
  } while (c / ans > MACHEP);
  return (ans * Math.exp(ax)) / a;
}

/**
 * Upper regularized incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x) (Cephes `igamc`, NIST SP 800-22's
 * `igamc`). A chi-square statistic χ² with d degrees of freedom has upper-tail probability Q(d/2, χ²/2).
 */
export function igamc(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || a <= 0 || x < 0) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < 1 || x < a) return 1 - igam(a, x);
  const ax = logPrefactor(a, x);
  if (ax < -MAXLOG) return 0;
  // Continued fraction (Cephes' form of Legendre's fraction), with rescaling to avoid overflow.
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  let t: number;
  do {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    } else {
      t = 1;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > BIG) {
      pkm2 *= BIGINV;
      pkm1 *= BIGINV;
      qkm2 *= BIGINV;
      qkm1 *= BIGINV;
    }
  } while (t > MACHEP);
  return ans * Math.exp(ax);
}

/** Complementary error function, erfc(x) = 2/√π ∫ₓ^∞ e^(−t²) dt, via erfc(x) = Q(1/2, x²) for x ≥ 0. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  return igamc(0.5, x * x);
}

/** Error function, erf(x) = P(1/2, x²) · sign(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  return igam(0.5, x * x);
}

/** Standard normal CDF Φ(z) = erfc(−z/√2) / 2 (accurate in both tails). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Upper-tail probability of a chi-square statistic with `df` degrees of freedom: Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
  return igamc(df / 2, x / 2);
}

/** Poisson(λ) CDF P(X ≤ k) = Q(k+1, λ), for integer k ≥ 0 (0 for k < 0). */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  return igamc(Math.floor(k) + 1, lambda);
}

/** Poisson(λ) upper tail P(X ≥ k) = P(k, λ), for integer k (1 for k ≤ 0). */
export function poissonSurvivalAtLeast(k: number, lambda: number): number {
  if (k <= 0) return 1;
  return igam(Math.floor(k), lambda);
}

/** Poisson(λ) probability mass P(X = k). */
export function poissonPmf(k: number, lambda: number): number {
  if (k < 0 || !Number.isInteger(k)) return 0;
  if (lambda === 0) return k === 0 ? 1 : 0;
  return Math.exp(k * Math.log(lambda) - lambda - lgamma(k + 1));
}
