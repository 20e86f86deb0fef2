import { describe, expect, it } from 'vitest';
import { cohensD, hedgesCorrection, hedgesG } from '../../../../models/lib/statistics/effect-size.ts';

describe('models/lib/statistics/effect-size', () => {
  it("reproduces Lakens (2013)'s worked example: d_s = 1.13, g_s = 1.08", () => {
    // Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative
    // science: a practical primer for t-tests and ANOVAs. Frontiers in Psychology 4:863,
    // Table 1: two movies rated by two independent groups of ten.
    const movie1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9];
    const movie2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7];
    expect(cohensD(movie1, movie2)!).toBeCloseTo(1.13, 2);
    expect(hedgesG(movie1, movie2)!).toBeCloseTo(1.08, 2);
  });

  it("uses Hedges' exact correction, close to its 1 - 3/(4 df - 1) approximation", () => {
    for (const df of [10, 18, 58, 200]) expect(Math.abs(hedgesCorrection(df) - (1 - 3 / (4 * df - 1)))).toBeLessThan(5e-4);
    // J(2) = Γ(1) / (1 · Γ(1/2)) = 1/sqrt(pi).
    expect(hedgesCorrection(2)).toBeCloseTo(1 / Math.sqrt(Math.PI), 12);
    expect(hedgesG([1, 1], [1, 1])).toBeNull();
  });
});
