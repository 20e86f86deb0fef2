/**
 * Percentile bootstrap intervals (Efron & Tibshirani 1993, ch. 13), with a seeded
 * random source so that a rebuild gives the same interval.
 */
import { quantileSorted } from 'simple-statistics';
import { stepped, uniformAt, type SeededStream } from './random.ts';

/** The central `level` share of the values (R's type-7 quantiles); null when there are none. */
export function percentileInterval(values: readonly number[], level: number): [number, number] | null {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return null;
  // a typed array sorts numbers natively, with no comparator call per comparison
  const sorted = Array.from(Float64Array.from(finite).sort());
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
  random: SeededStream,
  level = 0.95,
): [number, number] | null {
  if (a.length === 0 || b.length === 0) return null;
  const differences = new Array<number>(samples);
  for (let sample = 0; sample < samples; sample += 1) {
    differences[sample] = resampledMean(a, random) - resampledMean(b, random);
  }
  return percentileInterval(differences, level);
}

/**
 * The mean of one resample of `values` (as many draws, with replacement), drawn as
 * simple-statistics' `sampleWithReplacement` draws and summed as its `mean` sums
 * (Neumaier's compensated sum), so the result is the same to the last bit; but summed
 * while drawing, with no array per resample.
 */
function resampledMean(values: readonly number[], random: SeededStream): number {
  const n = values.length;
  let state = stepped(random.state);
  let sum = values[Math.floor(uniformAt(state) * n)]!;
  let correction = 0;
  for (let draw = 1; draw < n; draw += 1) {
    state = stepped(state);
    const value = values[Math.floor(uniformAt(state) * n)]!;
    const transition = sum + value;
    correction += Math.abs(sum) >= Math.abs(value) ? sum - transition + value : value - transition + sum;
    sum = transition;
  }
  random.state = state;
  return (sum + correction) / n;
}
