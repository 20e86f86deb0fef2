/**
 * Welch's unequal-variances t-test (Welch 1947): t = (mean_a - mean_b) / sqrt(s_a²/n_a
 * + s_b²/n_b), with the Welch–Satterthwaite degrees of freedom. simple-statistics'
 * `tTestTwoSample` pools the variances (Student's test), so Welch's is computed here from
 * its `mean` and `sampleVariance`, with the p-value from our Student-t CDF.
 */
import { mean, sampleVariance } from 'simple-statistics';
import { studentTQuantile, studentTTwoSidedP } from './student-t.ts';

export interface WelchResult {
  /** mean(a) - mean(b). */
  difference: number;
  standardError: number;
  t: number;
  df: number;
  /** Two-sided. */
  p: number;
}

/** Welch's test of equal means; null when a group has fewer than two values. */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult | null {
  if (a.length < 2 || b.length < 2) return null;
  const varianceA = sampleVariance(a as number[]) / a.length;
  const varianceB = sampleVariance(b as number[]) / b.length;
  const difference = mean(a as number[]) - mean(b as number[]);
  const squaredError = varianceA + varianceB;
  if (squaredError === 0) {
    // Both groups are constant: the means are either equal or certainly different.
    return {
      difference,
      standardError: 0,
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity,
      df: a.length + b.length - 2,
      p: difference === 0 ? 1 : 0,
    };
  }
  const df = (squaredError * squaredError) / ((varianceA * varianceA) / (a.length - 1) + (varianceB * varianceB) / (b.length - 1));
  const standardError = Math.sqrt(squaredError);
  const t = difference / standardError;
  return { difference, standardError, t, df, p: studentTTwoSidedP(t, df) };
}

/** The confidence interval of mean(a) - mean(b) that goes with Welch's test. */
export function welchInterval(result: WelchResult, level = 0.95): [number, number] {
  if (result.standardError === 0) return [result.difference, result.difference];
  const margin = studentTQuantile(1 - (1 - level) / 2, result.df) * result.standardError;
  return [result.difference - margin, result.difference + margin];
}
