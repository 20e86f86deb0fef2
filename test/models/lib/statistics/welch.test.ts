import { describe, expect, it } from 'vitest';
import { welchInterval, welchTTest } from '../../../../models/lib/statistics/welch.ts';

describe('models/lib/statistics/welch', () => {
  it("reproduces R's Welch test on Student's sleep data (Cushny & Peebles 1905)", () => {
    // R: t.test(extra ~ group, data = sleep) prints "t = -1.8608, df = 17.776, p-value = 0.07939"
    // (also quoted in the afex package's compare.2.vectors example: -1.861, 17.78, 0.07939).
    const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const result = welchTTest(drug1, drug2)!;
    expect(result.t).toBeCloseTo(-1.8608, 4);
    expect(result.df).toBeCloseTo(17.776, 3);
    expect(result.p).toBeCloseTo(0.07939, 5);
  });

  it('reproduces a published R Welch output with its 95% interval', () => {
    // R: t.test(c(11,9,10,11,10,12,9,11,12,9), c(11,13,10,13,12,9,11,12,12,11)) prints
    // "t = -1.8325, df = 17.9, p-value = 0.08356" and the interval -2.1469104 0.1469104.
    const result = welchTTest([11, 9, 10, 11, 10, 12, 9, 11, 12, 9], [11, 13, 10, 13, 12, 9, 11, 12, 12, 11])!;
    expect(result.t).toBeCloseTo(-1.8325, 4);
    expect(result.df).toBeCloseTo(17.9, 1);
    expect(result.p).toBeCloseTo(0.08356, 5);
    const [low, high] = welchInterval(result, 0.95);
    expect(low).toBeCloseTo(-2.1469104, 5);
    expect(high).toBeCloseTo(0.1469104, 5);
  });

  it('differs from the pooled test when variances and sizes differ, and needs two values per group', () => {
    const result = welchTTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 200])!;
    // R: t.test(1:10, y = c(7:20, 200)) prints "t = -1.6329, df = 14.165, p-value = 0.1245".
    expect(result.t).toBeCloseTo(-1.6329, 4);
    expect(result.df).toBeCloseTo(14.165, 3);
    expect(result.p).toBeCloseTo(0.1245, 4);
    expect(welchTTest([1], [2, 3])).toBeNull();
    expect(welchTTest([2, 2], [2, 2])?.p).toBe(1);
  });
});
