import { describe, expect, it } from 'vitest';
import { fitLine, predictionInterval, sumPredictionInterval } from '../../../../models/lib/statistics/regression.ts';

describe('models/lib/statistics/regression', () => {
  // Kutner, Nachtsheim, Neter & Li, Applied Linear Statistical Models (5th ed.), problems
  // 1.21 and 2.15 (airfreight breakage): X = transfers, Y = broken ampules. Published:
  // b0 = 10.2, b1 = 4.0, MSE = 2.2; at Xh = 2, s{pred} = 1.625 and the 99% prediction
  // interval 12.748 <= Yh(new) <= 23.652 (t(.995; 8) = 3.355).
  const transfers = [1, 0, 2, 0, 3, 1, 0, 1, 2, 0];
  const broken = [16, 9, 17, 12, 22, 13, 8, 15, 19, 11];
  const points = transfers.map((x, index) => [x, broken[index]!] as const);

  it('fits the published line and prediction interval', () => {
    const fit = fitLine(points)!;
    expect(fit.intercept).toBeCloseTo(10.2, 10);
    expect(fit.slope).toBeCloseTo(4.0, 10);
    expect(fit.residualStandardError ** 2).toBeCloseTo(2.2, 10);
    const prediction = predictionInterval(fit, 2, 0.99);
    expect(prediction.estimate).toBeCloseTo(18.2, 10);
    expect(prediction.standardError).toBeCloseTo(1.625, 3);
    expect(prediction.low).toBeCloseTo(12.748, 2);
    expect(prediction.high).toBeCloseTo(23.652, 2);
  });

  it('widens the interval of a sum of new observations as the formula says', () => {
    const fit = fitLine(points)!;
    const sum = sumPredictionInterval(fit, [2, 3], 0.9);
    expect(sum.estimate).toBeCloseTo(18.2 + 22.2, 10);
    // s² [m + m²/n + (Σ(x - x̄))²/Sxx] with m = 2, n = 10, x̄ = 1, Sxx = 10: 2.2 (2 + 0.4 + 0.9).
    expect(sum.standardError).toBeCloseTo(Math.sqrt(2.2 * 3.3), 10);
    expect(
      fitLine([
        [1, 2],
        [2, 3],
      ]),
    ).toBeNull();
    expect(
      fitLine([
        [1, 2],
        [1, 3],
        [1, 4],
      ]),
    ).toBeNull();
  });
});
