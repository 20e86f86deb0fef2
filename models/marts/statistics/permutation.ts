/**
 * A two-sided permutation test of the difference in means: the group labels are shuffled
 * (simple-statistics' `shuffleInPlace` with our seeded source) and the p-value is
 * (b + 1) / (m + 1), b the shuffles whose |difference| reaches the observed one, m the
 * shuffles (Phipson & Smyth 2010: a permutation p-value is never zero).
 * simple-statistics' own `permutationTest` returns b / m, which can be 0.
 */
import { mean, shuffleInPlace } from 'simple-statistics';
import type { RandomSource } from './random.ts';

export function permutationTestMeans(a: readonly number[], b: readonly number[], permutations: number, random: RandomSource): number | null {
  if (a.length === 0 || b.length === 0) return null;
  const observed = Math.abs(mean(a as number[]) - mean(b as number[]));
  // Differences equal up to rounding count as reaching the observed one.
  const tolerance = 1e-9 * Math.max(1, observed);
  const pooled = [...a, ...b];
  const total = pooled.reduce((sum, value) => sum + value, 0);
  let reached = 0;
  for (let permutation = 0; permutation < permutations; permutation += 1) {
    shuffleInPlace(pooled, random);
    let sumA = 0;
    for (let index = 0; index < a.length; index += 1) sumA += pooled[index] as number;
    const difference = Math.abs(sumA / a.length - (total - sumA) / b.length);
    if (difference >= observed - tolerance) reached += 1;
  }
  return (reached + 1) / (permutations + 1);
}
