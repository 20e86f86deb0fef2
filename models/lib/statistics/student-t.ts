/**
 * Student's t distribution, which simple-statistics does not have (its `tTest` and
 * `tTestTwoSample` return only the statistic). The CDF goes through the regularized
 * incomplete beta function, evaluated by its continued fraction with the modified Lentz
 * method (Press et al., Numerical Recipes, 3rd ed., section 6.4); the log-gamma is
 * simple-statistics' `gammaln`. Degrees of freedom may be fractional (Welch).
 */
import { gammaln } from 'simple-statistics';

const TINY = 1e-300;
const EPSILON = 1e-15;
const MAX_ITERATIONS = 10_000;

/** I_x(a, b), the regularized incomplete beta function, for 0 <= x <= 1 and a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const sum = a + b;
  const plusOne = a + 1;
  const minusOne = a - 1;
  let c = 1;
  let d = 1 - (sum * x) / plusOne;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m += 1) {
    const m2 = 2 * m;
    // Even step.
    let coefficient = (m * (b - m) * x) / ((minusOne + m2) * (a + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    coefficient = (-(a + m) * (sum + m) * x) / ((a + m2) * (plusOne + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  return h;
}

/** P(|T| >= |t|) for T with `df` degrees of freedom: the two-sided p-value of a t statistic. */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** P(T <= t) for T with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedP(t, df) / 2;
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T <= t) = p (0 < p < 1), found by bisection on the CDF. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // Upper tail probability, computed without the cancellation of 1 - cdf.
  const upper = 1 - p;
  let low = 0;
  let high = 1;
  while (studentTTwoSidedP(high, df) / 2 > upper) {
    low = high;
    high *= 2;
    if (high > 1e12) return Number.POSITIVE_INFINITY;
  }
  for (let step = 0; step < 200 && high - low > 1e-13 * Math.max(1, high); step += 1) {
    const middle = (low + high) / 2;
    if (studentTTwoSidedP(middle, df) / 2 > upper) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
