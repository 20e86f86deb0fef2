/**
 * Least-squares line (simple-statistics' `linearRegression`) with the classical
 * prediction interval for new observations (e.g. Kutner, Nachtsheim, Neter & Li,
 * Applied Linear Statistical Models, 5th ed., section 2.5):
 *   y_new(x0) in ŷ(x0) ± t(1 - α/2; n - 2) · s · sqrt(1 + 1/n + (x0 - x̄)² / Sxx).
 * For a goal's forecast we need the sum of the m new observations at x_1..x_m; its
 * prediction error variance is s² [m + m²/n + (Σ (x_i - x̄))² / Sxx], which is the
 * formula above when m = 1.
 */
import { linearRegression } from 'simple-statistics';
import { studentTQuantile } from './student-t.ts';

export interface LineFit {
  slope: number;
  intercept: number;
  n: number;
  meanX: number;
  /** Σ (x - x̄)². */
  sxx: number;
  /** s, the residual standard error, sqrt(SSE / (n - 2)). */
  residualStandardError: number;
}

export interface Prediction {
  estimate: number;
  low: number;
  high: number;
  standardError: number;
}

/** The least-squares line through the points; null with fewer than 3 points or one x. */
export function fitLine(points: readonly (readonly [number, number])[]): LineFit | null {
  const n = points.length;
  if (n < 3) return null;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const { m: slope, b: intercept } = linearRegression(points.map(([x, y]) => [x, y]));
  const sse = points.reduce((sum, [x, y]) => sum + (y - (intercept + slope * x)) ** 2, 0);
  return { slope, intercept, n, meanX, sxx, residualStandardError: Math.sqrt(sse / (n - 2)) };
}

/** Prediction interval for one new observation at x0. */
export function predictionInterval(fit: LineFit, x0: number, level: number): Prediction {
  return sumPredictionInterval(fit, [x0], level);
}

/** Prediction interval for the sum of new observations, one at each of `xs`. */
export function sumPredictionInterval(fit: LineFit, xs: readonly number[], level: number): Prediction {
  const m = xs.length;
  const estimate = xs.reduce((sum, x) => sum + fit.intercept + fit.slope * x, 0);
  const spread = xs.reduce((sum, x) => sum + (x - fit.meanX), 0);
  const variance = fit.residualStandardError ** 2 * (m + (m * m) / fit.n + (spread * spread) / fit.sxx);
  const standardError = Math.sqrt(variance);
  const margin = m === 0 ? 0 : studentTQuantile(1 - (1 - level) / 2, fit.n - 2) * standardError;
  return { estimate, low: estimate - margin, high: estimate + margin, standardError };
}
