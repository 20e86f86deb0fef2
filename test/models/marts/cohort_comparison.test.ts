import { describe, expect, it } from 'vitest';
import { compareGroups } from '../../../models/marts/cohort_comparison.model.ts';
import { welchTTest } from '../../../models/lib/statistics/welch.ts';
import type { GroupComparison } from '../../../models/lib/parallel-tasks.ts';
import { RememberedResults } from '../../../models/lib/remembered.ts';
import { withWarehouse } from '../../helpers/warehouse.ts';

const OPTIONS = { dimensions: ['cohort', 'leader'], minGroupSize: 5, bootstrapSamples: 500, permutations: 10_000, maxPermutations: 200_000, seed: 20260501 };

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
  it('compares every pair of groups, says "too few to compare" under the minimum size, and corrects with Holm', async () => {
    const rows = await compareGroups(INPUT, OPTIONS);
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
    expect(tested.p_adjusted).toBe(tested.p_permutation);
    expect(tested.diff).toBeCloseTo(1.0428571 - 3.1, 6);
    expect(tested.ci_high!).toBeLessThan(0);
    expect(tested.p_permutation!).toBeLessThan(0.01);
    expect(tested.hedges_g!).toBeLessThan(-3);
    expect(tested.median_a).toBe(1.0);
  });

  it('adjusts every tested p-value together and is identical on a second run', async () => {
    const input = [
      ...INPUT,
      ...values('cohort', 'pilot', 'leads_per_active_week', [0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.2]),
      ...values('cohort', 'wave-2', 'leads_per_active_week', [0.2, 0.1, 0.3, 0.2, 0.1, 0.2]),
    ];
    const rows = await compareGroups(input, OPTIONS);
    const tested = rows.filter((row) => row.p_permutation !== null);
    expect(tested.length).toBe(2);
    expect(tested.every((row) => row.comparisons === 2)).toBe(true);
    const smallest = Math.min(...tested.map((row) => row.p_permutation!));
    const adjustedOfSmallest = tested.find((row) => row.p_permutation === smallest)!.p_adjusted!;
    expect(adjustedOfSmallest).toBeCloseTo(Math.min(1, 2 * smallest), 15);
    expect(tested.find((row) => row.metric === 'leads_per_active_week')!.verdict).toBe('no clear difference');
    expect(await compareGroups(input, OPTIONS)).toEqual(rows);
  });

  it('does not declare a clear difference where a group sits at the bound of its metric: 5 of 6 leaders at exactly 1.0 post per active week against a spread staff', async () => {
    // Staff spread from 1.0 to 3.6 posts per active week; leaders all at the lowest value
    // an active week can have but one. Welch's p is tiny, the permutation test's is not.
    const staff = Array.from({ length: 46 }, (_, index) => 1 + ((index * 7) % 27) / 10);
    const leaders = [1, 1, 1, 1, 1, 4 / 3];
    const input = [...values('leader', 'leader', 'posts_per_active_week', leaders), ...values('leader', 'staff', 'posts_per_active_week', staff)];
    const [row] = await compareGroups(input, OPTIONS);
    expect(welchTTest(leaders, staff)!.p).toBeLessThan(0.001);
    expect(row).toMatchObject({
      group_a: 'leader',
      group_b: 'staff',
      n_a: 6,
      n_b: 46,
      verdict: 'too uniform to compare',
      p_adjusted: null,
      p_permutation: null,
      comparisons: 0,
    });
    expect(row!.mean_a).toBeCloseTo(19 / 18, 12);
    // Fewer than two distinct values is too uniform too, at no bound.
    const constant = [
      ...values('cohort', 'pilot', 'impressions_per_post', [40, 40, 40, 40, 40]),
      ...values('cohort', 'wave-2', 'impressions_per_post', [10, 60, 80, 90, 120]),
    ];
    expect((await compareGroups(constant, OPTIONS))[0]!.verdict).toBe('too uniform to compare');
  });

  it('calls a genuinely different pair clear on the permutation test corrected with Holm, with Welch as a second opinion only', async () => {
    const [row] = await compareGroups(INPUT, OPTIONS);
    expect(row!.verdict).toBe('higher in group_b');
    // One comparison: Holm leaves the permutation p-value as it is; the exact one is 2 of the 1,716 splits of 13 values.
    expect(row!.p_adjusted).toBe(row!.p_permutation);
    expect(row!.p_permutation!).toBeCloseTo(2 / 1716, 3);
    expect(row!.p_welch!).toBeLessThan(row!.p_permutation!);
  });

  it('reports the Monte-Carlo error of every permutation p-value, drawing more only where it could flip the Holm decision', async () => {
    const nearThreshold = [
      ...values('cohort', 'pilot', 'sessions_per_active_week', [1.2, 1.8, 2.4, 3.1, 3.3, 4.0, 4.6]),
      ...values('cohort', 'wave-2', 'sessions_per_active_week', [2.7, 3.1, 3.8, 4.4, 5.1, 5.5, 6.3]),
    ];
    const rows = await compareGroups([...INPUT, ...nearThreshold], OPTIONS);
    const clear = rows.find((row) => row.metric === 'posts_per_active_week' && row.group_b === 'wave-2')!;
    const near = rows.find((row) => row.metric === 'sessions_per_active_week')!;
    expect(clear.permutations).toBe(10_000);
    // Exactly, 169 of the 3,432 splits of 14 values reach the observed difference: 0.0492, next to its Holm threshold of 0.05.
    expect(near.permutations).toBe(200_000);
    expect(near.p_permutation!).toBeCloseTo(169 / 3432, 2);
    for (const row of [clear, near]) {
      const p = row.p_permutation!;
      expect(row.p_permutation_se).toBeCloseTo(Math.sqrt((p * (1 - p)) / row.permutations!), 15);
    }
    expect(near.p_permutation_se!).toBeLessThan(0.0005);
    expect(rows.find((row) => row.verdict === 'too few to compare')).toMatchObject({ permutations: null, p_permutation_se: null });
  });

  it('is deterministic with the seed: the same seed gives identical rows, another seed other draws and the same verdicts', async () => {
    const first = await compareGroups(INPUT, OPTIONS);
    expect(await compareGroups(INPUT, OPTIONS)).toEqual(first);
    const other = await compareGroups(INPUT, { ...OPTIONS, seed: 42 });
    expect(other[0]!.p_permutation).not.toBe(first[0]!.p_permutation);
    expect(other.map((row) => row.verdict)).toEqual(first.map((row) => row.verdict));
  });

  it('gives the same rows when it looks up the draws of pairs whose values did not change, and draws those whose values did', async () => {
    // The pilot cohort on a second metric, with a near-threshold difference that takes the adaptive draws.
    const input = [
      ...INPUT,
      ...values('cohort', 'pilot', 'sessions_per_active_week', [2.0, 2.4, 1.9, 2.6, 2.2, 2.1, 2.5]),
      ...values('cohort', 'wave-2', 'sessions_per_active_week', [2.5, 2.9, 2.3, 2.8, 2.6, 2.4]),
    ];
    const nextDay = input.map((row, index) => (index === input.length - 1 ? { ...row, value: 2.7 } : row));
    await withWarehouse(async (warehouse) => {
      const open = () => RememberedResults.open<GroupComparison>(warehouse, 'marts.cohort_comparison');
      const first = await compareGroups(input, OPTIONS, await open());
      expect(first).toEqual(await compareGroups(input, OPTIONS));
      // One kept per pair with a test: pilot and wave-2 on both metrics.
      expect(await warehouse.one(`select count(*)::integer as kept from meta.remembered_results where owner = 'marts.cohort_comparison'`)).toEqual({ kept: 2 });
      const kept = await open();
      expect(await compareGroups(input, OPTIONS, kept)).toEqual(first);
      // The next day moves one value of wave-2's sessions: that pair is drawn again, the other looked up.
      const next = await compareGroups(nextDay, OPTIONS, await open());
      expect(next).toEqual(await compareGroups(nextDay, OPTIONS));
      expect(next.find((row) => row.metric === 'sessions_per_active_week')!.ci_low).not.toBe(
        first.find((row) => row.metric === 'sessions_per_active_week')!.ci_low,
      );
    });
  });
});
