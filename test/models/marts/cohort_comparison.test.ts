import { describe, expect, it } from 'vitest';
import { compareGroups } from '../../../models/marts/cohort_comparison.model.ts';
import { welchTTest } from '../../../models/marts/statistics/welch.ts';

const OPTIONS = { dimensions: ['cohort', 'leader'], minGroupSize: 5, bootstrapSamples: 500, permutations: 500, seed: 20260501 };

function values(dimension: string, group: string, metric: string, numbers: number[]) {
  return numbers.map((value) => ({ dimension, group_name: group, metric, value }));
}

const INPUT = [
  ...values('cohort', 'pilot', 'posts_per_active_week', [1.0, 1.2, 0.9, 1.1, 1.3, 1.0, 0.8]),
  ...values('cohort', 'wave-2', 'posts_per_active_week', [3.1, 2.8, 3.5, 2.9, 3.3, 3.0]),
  ...values('cohort', 'wave-3', 'posts_per_active_week', [1.1, 0.7, 1.4]),
  ...values('leader', 'leader', 'posts_per_active_week', [1.0, 1.1]),
  ...values('leader', 'staff', 'posts_per_active_week', [2.0, 2.1, 2.2, 1.9, 2.3]),
  // A dimension that is not configured is left out.
  ...values('location', 'Aarhus', 'posts_per_active_week', [1, 2, 3, 4, 5]),
  ...values('location', 'Odense', 'posts_per_active_week', [1, 2, 3, 4, 5]),
];

describe('models/marts/cohort_comparison', () => {
  it('compares every pair of groups, says "too few to compare" under the minimum size, and corrects with Holm', () => {
    const rows = compareGroups(INPUT, OPTIONS);
    expect(rows.map((row) => [row.dimension, row.group_a, row.group_b, row.verdict])).toEqual([
      ['cohort', 'pilot', 'wave-2', 'higher in group_b'],
      ['cohort', 'pilot', 'wave-3', 'too few to compare'],
      ['cohort', 'wave-2', 'wave-3', 'too few to compare'],
      ['leader', 'leader', 'staff', 'too few to compare'],
    ]);
    const [tested, tooFew] = rows as [(typeof rows)[number], (typeof rows)[number]];
    expect([tooFew.n_a, tooFew.n_b, tooFew.p_welch, tooFew.ci_low, tooFew.hedges_g, tooFew.p_adjusted]).toEqual([7, 3, null, null, null, null]);
    expect(tooFew.mean_b).toBeCloseTo(16 / 15, 12);
    // One test in the family: Holm leaves its p-value as it is.
    expect(tested.comparisons).toBe(1);
    expect(tested.correction).toBe('holm');
    expect(tested.p_welch).toBeCloseTo(welchTTest([1.0, 1.2, 0.9, 1.1, 1.3, 1.0, 0.8], [3.1, 2.8, 3.5, 2.9, 3.3, 3.0])!.p, 15);
    expect(tested.p_adjusted).toBe(tested.p_welch);
    expect(tested.diff).toBeCloseTo(1.0428571 - 3.1, 6);
    expect(tested.ci_high!).toBeLessThan(0);
    expect(tested.p_permutation!).toBeLessThan(0.01);
    expect(tested.hedges_g!).toBeLessThan(-3);
    expect(tested.median_a).toBe(1.0);
  });

  it('adjusts every tested p-value together and is identical on a second run', () => {
    const input = [
      ...INPUT,
      ...values('cohort', 'pilot', 'leads_per_active_week', [0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.2]),
      ...values('cohort', 'wave-2', 'leads_per_active_week', [0.2, 0.1, 0.3, 0.2, 0.1, 0.2]),
    ];
    const rows = compareGroups(input, OPTIONS);
    const tested = rows.filter((row) => row.p_welch !== null);
    expect(tested.length).toBe(2);
    expect(tested.every((row) => row.comparisons === 2)).toBe(true);
    const smallest = Math.min(...tested.map((row) => row.p_welch!));
    const adjustedOfSmallest = tested.find((row) => row.p_welch === smallest)!.p_adjusted!;
    expect(adjustedOfSmallest).toBeCloseTo(Math.min(1, 2 * smallest), 15);
    expect(tested.find((row) => row.metric === 'leads_per_active_week')!.verdict).toBe('no clear difference');
    expect(compareGroups(input, OPTIONS)).toEqual(rows);
  });
});
