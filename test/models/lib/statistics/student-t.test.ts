import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta, studentTCdf, studentTQuantile, studentTTwoSidedP } from '../../../../models/lib/statistics/student-t.ts';

describe('models/lib/statistics/student-t', () => {
  // NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.2, "Critical values of
  // the Student's t distribution" (upper-tail probabilities, three decimals).
  it.each([
    [0.975, 1, 12.706],
    [0.975, 10, 2.228],
    [0.975, 30, 2.042],
    [0.975, 100, 1.984],
    [0.95, 23, 1.714],
    [0.995, 8, 3.355],
    [0.9, 5, 1.476],
  ])('gives the published critical value t(%s; %s) = %s', (p, df, published) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(published, 3);
    expect(studentTCdf(published, df)).toBeCloseTo(p, 3);
  });

  it('is symmetric and exact where the distribution has a closed form', () => {
    // df = 1 is the Cauchy distribution: P(T <= t) = 1/2 + atan(t)/pi.
    for (const t of [-3, -0.5, 0, 0.7, 12]) expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
    // df = 2: P(T <= t) = 1/2 + t / (2 sqrt(t² + 2)).
    for (const t of [-4, 0.3, 2.5]) expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(t * t + 2)), 12);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-studentTQuantile(0.975, 10), 12);
    expect(studentTTwoSidedP(0, 7)).toBe(1);
  });

  it('keeps small tail probabilities accurate', () => {
    // I_x(a, 1) = x^a.
    expect(regularizedIncompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 14);
    // Far in the tail of df = 1: P(|T| >= t) = 1 - 2 atan(t)/pi ≈ 2/(pi t).
    expect(studentTTwoSidedP(1e6, 1) / (2 / (Math.PI * 1e6))).toBeCloseTo(1, 6);
  });
});
