/**
 * Percentile bootstrap intervals (Efron & Tibshirani 1993, ch. 13), with a seeded
 * random source so that a rebuild gives the same interval.
 */
import { mean, numericSort, quantileSorted, sampleWithReplacement } from 'simple-statistics';
import type { RandomSource } from './random.ts';

/** The central `level` share of the values (R's type-7 quantiles); null when there are none. */
export function percentileInterval(values: readonly number[], level: number): [number, number] | null {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return null;
  const sorted = numericSort(finite);
  const tail = (1 - level) / 2;
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}

/**
 * Interval of mean(a) - mean(b), resampling each group with replacement within itself
 * (the groups are independent samples of ambassadors).
 */
export function bootstrapMeanDifference(
  a: readonly number[],
  b: readonly number[],
  samples: number,
  random: RandomSource,
  level = 0.95,
): [number, number] | null {
  if (a.length === 0 || b.length === 0) return null;
  const differences = new Array<number>(samples);
  for (let sample = 0; sample < samples; sample += 1) {
    differences[sample] = mean(sampleWithReplacement(a as number[], a.length, random)) - mean(sampleWithReplacement(b as number[], b.length, random));
  }
  return percentileInterval(differences, level);
}
