/**
 * Standardised mean differences between two independent groups: Cohen's d with the
 * pooled standard deviation, and Hedges' g, the same corrected for its small-sample bias
 * with the exact factor J(df) = Γ(df/2) / (sqrt(df/2) Γ((df-1)/2)), df = n_a + n_b - 2
 * (Hedges 1981; 1 - 3/(4 df - 1) is its usual approximation).
 */
import { gammaln, mean, sampleVariance } from 'simple-statistics';

/** Cohen's d_s = (mean_a - mean_b) / pooled SD; null when it is undefined. */
export function cohensD(a: readonly number[], b: readonly number[]): number | null {
  if (a.length < 2 || b.length < 2) return null;
  const df = a.length + b.length - 2;
  const pooled = ((a.length - 1) * sampleVariance(a as number[]) + (b.length - 1) * sampleVariance(b as number[])) / df;
  if (!(pooled > 0)) return null;
  return (mean(a as number[]) - mean(b as number[])) / Math.sqrt(pooled);
}

/** Hedges' small-sample correction J(df). */
export function hedgesCorrection(df: number): number {
  return Math.exp(gammaln(df / 2) - gammaln((df - 1) / 2)) / Math.sqrt(df / 2);
}

/** Hedges' g_s; null when Cohen's d is undefined (a group too small or no spread at all). */
export function hedgesG(a: readonly number[], b: readonly number[]): number | null {
  const d = cohensD(a, b);
  if (d === null) return null;
  return d * hedgesCorrection(a.length + b.length - 2);
}
