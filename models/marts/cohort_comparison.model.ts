/**
 * marts.cohort_comparison: every pair of groups of every configured roster dimension
 * (`statistics.cohort_dimensions`: cohort, department, location, trained vs untrained,
 * leader vs staff, lead's team), compared on each per-ambassador rate of
 * marts.ambassador_rates.
 *
 * Groups are the roster's own values (its cohort, department, location, lead_id);
 * `trained` is trained/untrained (any training in core.trainings), `leader` is
 * leader/staff (is_leader). An ambassador with no value for a dimension is left out of
 * it. Within a pair, group_a is the first in alphabetical order and diff = mean_a - mean_b.
 *
 * Per pair and metric: n, mean and median per group; the difference with a 95%
 * percentile-bootstrap interval (each group resampled within itself); a permutation-test
 * p (two-sided, (b + 1) / (m + 1), with its draws m in `permutations` and its Monte-Carlo
 * standard error in `p_permutation_se`); Welch's t-test p (two-sided), a second opinion
 * only; Hedges' g. Resampling is seeded from `statistics.seed` and the row, so a rebuild
 * gives identical numbers.
 *
 * Verdicts:
 * - "too few to compare" when either group has fewer than `statistics.min_group_size`
 *   ambassadors (default 5);
 * - "too uniform to compare" when either group has fewer than two distinct values, or at
 *   least 80% of its values at one bound of the metric (posts per active week at 1, the
 *   least an active week has; a rate at 0, or the engagement rate at 1): the mean
 *   difference of such a group says how many sit at the bound, which no test of means
 *   is fit to judge;
 * - for both, only n, means, medians and diff are given, no interval, test or effect size;
 * - otherwise the permutation p-values of all the rows with a test are corrected together
 *   with Holm's method (column `correction` = holm; `comparisons` = how many were
 *   corrected together), and the verdict is "higher in group_a" or "higher in group_b"
 *   when p_adjusted < 0.05, else "no clear difference". The permutation tests start with
 *   `statistics.permutations` draws (default 10,000); a test whose 99% Monte-Carlo
 *   interval still holds its Holm threshold draws more, up to 200,000.
 */
import { mean, median } from 'simple-statistics';
import type { TsModelDefinition } from '../runner.ts';
import type { ContractRow } from './contracts.ts';
import { mapInParallel } from '../lib/parallel.ts';
import { MILLISECONDS_PER_DRAW, type GroupComparison, type GroupComparisonInput } from '../lib/parallel-tasks.ts';
import { RememberedResults, resultKey } from '../lib/remembered.ts';
import { hedgesG } from '../lib/statistics/effect-size.ts';
import { CORRECTION, holmAdjust } from '../lib/statistics/holm.ts';
import { PermutationTest, settleHolmDecisions } from '../lib/statistics/permutation.ts';
import { mulberry32 } from '../lib/statistics/random.ts';
import { writeRows, type Column } from '../lib/table.ts';
import { welchTTest } from '../lib/statistics/welch.ts';

export const RATE_METRICS = [
  'posts_per_active_week',
  'impressions_per_post',
  'engagement_rate',
  'sessions_per_active_week',
  'leads_per_active_week',
  'applications_per_active_week',
] as const;

export const VERDICTS = ['higher in group_a', 'higher in group_b', 'no clear difference', 'too few to compare', 'too uniform to compare'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Significance level of the Holm-adjusted p-value behind a verdict. */
export const ALPHA = 0.05;
export const DIFFERENCE_INTERVAL_LEVEL = 0.95;
/** The most draws a permutation test makes to settle its Holm decision. */
export const MAX_PERMUTATIONS = 200_000;

/**
 * The bounds each rate can sit at: an active week has at least one post; counts per
 * active week, impressions per post and the engagement rate are at least 0, and the
 * engagement rate at most 1.
 */
const METRIC_BOUNDS: Record<string, readonly number[]> = {
  posts_per_active_week: [1],
  impressions_per_post: [0],
  engagement_rate: [0, 1],
  sessions_per_active_week: [0],
  leads_per_active_week: [0],
  applications_per_active_week: [0],
};

/** A group with at least this share of its values at one bound of the metric is too uniform to compare. */
export const UNIFORM_SHARE = 0.8;

/** Fewer than two distinct values, or at least UNIFORM_SHARE of them at one of `bounds`. */
export function isTooUniform(values: readonly number[], bounds: readonly number[]): boolean {
  if (new Set(values).size < 2) return true;
  return bounds.some(
    (bound) => values.filter((value) => Math.abs(value - bound) <= 1e-9 * Math.max(1, Math.abs(bound))).length >= UNIFORM_SHARE * values.length,
  );
}

const MEMBERSHIPS = `
with ambassadors as (
  select * from core.ambassadors
),

trained as (
  select distinct ambassador_id from core.trainings where is_on_roster
),

memberships as (
  select ambassador_id, 'cohort' as dimension, cohort as group_name from ambassadors
  union all
  select ambassador_id, 'department', department from ambassadors
  union all
  select ambassador_id, 'location', location from ambassadors
  union all
  select ambassador_id, 'trained', case when ambassador_id in (select ambassador_id from trained) then 'trained' else 'untrained' end from ambassadors
  union all
  select ambassador_id, 'leader', case when is_leader then 'leader' else 'staff' end from ambassadors
  union all
  select ambassador_id, 'lead', lead_id from ambassadors
)

select m.dimension, trim(m.group_name) as group_name, r.metric, r.ambassador_id, r.value
from memberships as m
inner join marts.ambassador_rates as r using (ambassador_id)
where nullif(trim(m.group_name), '') is not null
order by m.dimension, group_name, r.metric, r.ambassador_id`;

/** A row of marts.cohort_comparison as its contract declares it, with the verdict one of VERDICTS. */
export type ComparisonRow = Omit<ContractRow<'cohort_comparison'>, 'verdict'> & { verdict: Verdict };

export interface ComparisonOptions {
  dimensions: readonly string[];
  minGroupSize: number;
  bootstrapSamples: number;
  /** Draws every permutation test starts with, and the most it makes. */
  permutations: number;
  maxPermutations: number;
  seed: number;
}

/**
 * All pairwise comparisons, Holm-corrected together: values in, rows out. Each pair's
 * bootstrap and first permutation draws run on worker threads when they are many, or
 * come from `remembered` when the model's last build made them (see `costlyParts`).
 */
export async function compareGroups(
  values: readonly { dimension: string; group_name: string; metric: string; value: number }[],
  options: ComparisonOptions,
  remembered?: RememberedResults<GroupComparison>,
): Promise<ComparisonRow[]> {
  // dimension -> metric -> group -> values (in the query's stable order)
  const byDimension = new Map<string, Map<string, Map<string, number[]>>>();
  for (const row of values) {
    if (!Number.isFinite(row.value)) continue;
    const metrics = byDimension.get(row.dimension) ?? new Map<string, Map<string, number[]>>();
    byDimension.set(row.dimension, metrics);
    const groups = metrics.get(row.metric) ?? new Map<string, number[]>();
    metrics.set(row.metric, groups);
    const list = groups.get(row.group_name) ?? [];
    groups.set(row.group_name, list);
    list.push(row.value);
  }
  const rows: (Omit<
    ComparisonRow,
    'diff' | 'ci_low' | 'ci_high' | 'p_permutation' | 'permutations' | 'p_permutation_se' | 'p_adjusted' | 'verdict' | 'correction' | 'comparisons'
  > & {
    diff: number;
    untested: 'too few to compare' | 'too uniform to compare' | null;
    /** Its place among the pairs compared with a test. */
    tested: number | null;
  })[] = [];
  const comparisons: { a: number[]; b: number[]; key: string }[] = [];
  for (const dimension of options.dimensions) {
    const metrics = byDimension.get(dimension);
    if (!metrics) continue;
    for (const metric of [...new Set([...RATE_METRICS, ...metrics.keys()])]) {
      const groups = metrics.get(metric);
      if (!groups) continue;
      const names = [...groups.keys()].sort((a, b) => a.localeCompare(b));
      for (let i = 0; i < names.length; i += 1) {
        for (let j = i + 1; j < names.length; j += 1) {
          const groupA = names[i]!;
          const groupB = names[j]!;
          const a = groups.get(groupA)!;
          const b = groups.get(groupB)!;
          const bounds = METRIC_BOUNDS[metric] ?? [];
          const untested =
            a.length < options.minGroupSize || b.length < options.minGroupSize
              ? 'too few to compare'
              : isTooUniform(a, bounds) || isTooUniform(b, bounds)
                ? 'too uniform to compare'
                : null;
          const comparable = untested === null;
          if (comparable) comparisons.push({ a, b, key: `cohort|${dimension}|${metric}|${groupA}|${groupB}` });
          rows.push({
            dimension,
            metric,
            group_a: groupA,
            group_b: groupB,
            n_a: a.length,
            n_b: b.length,
            mean_a: mean(a),
            mean_b: mean(b),
            median_a: median(a),
            median_b: median(b),
            diff: mean(a) - mean(b),
            p_welch: comparable ? (welchTTest(a, b)?.p ?? null) : null,
            hedges_g: comparable ? hedgesG(a, b) : null,
            untested,
            tested: comparable ? comparisons.length - 1 : null,
          });
        }
      }
    }
  }
  const { bootstrapSamples, permutations, seed } = options;
  const computed = await costlyParts(
    comparisons.map(({ a, b, key }) => ({ a, b, key, seed, bootstrapSamples, level: DIFFERENCE_INTERVAL_LEVEL, permutations })),
    remembered,
  );
  const tests = comparisons.map(({ a, b }, index) => {
    const { permutation } = computed[index]!;
    return PermutationTest.resume(a, b, permutation, mulberry32(permutation.state));
  });
  settleHolmDecisions(tests, { cap: options.maxPermutations, alpha: ALPHA });
  const adjusted = holmAdjust(rows.map((row) => (row.tested === null ? null : tests[row.tested]!.p)));
  const corrected = adjusted.filter((p) => p !== null).length;
  return rows.map(({ untested, tested, ...row }, index) => {
    const test = tested === null ? null : tests[tested]!;
    const interval = tested === null ? null : computed[tested]!.interval;
    const pAdjusted = adjusted[index] ?? null;
    let verdict: Verdict;
    if (untested !== null) verdict = untested;
    else if (pAdjusted !== null && pAdjusted < ALPHA && row.diff !== 0) verdict = row.diff > 0 ? 'higher in group_a' : 'higher in group_b';
    else verdict = 'no clear difference';
    return {
      ...row,
      ci_low: interval?.[0] ?? null,
      ci_high: interval?.[1] ?? null,
      p_permutation: test?.p ?? null,
      permutations: test?.draws ?? null,
      p_permutation_se: test?.standardError ?? null,
      p_adjusted: pAdjusted,
      verdict,
      correction: CORRECTION,
      comparisons: corrected,
    };
  });
}

/**
 * The bootstrap and first permutation draws of each pair, on worker threads when they are
 * many. They depend on the pair's values and streams alone, so those of a pair whose
 * groups' values are as they were at the model's last build (`remembered`: after a day of
 * new data, the rates the day did not move) are looked up, not drawn again.
 */
async function costlyParts(inputs: readonly GroupComparisonInput[], remembered: RememberedResults<GroupComparison> | undefined): Promise<GroupComparison[]> {
  const compute = (missing: number[]) => {
    const chosen = missing.map((index) => inputs[index]!);
    // A bootstrap draws each group's values once per sample; a permutation draw, the smaller group's.
    const draws = chosen.reduce(
      (sum, { a, b, bootstrapSamples, permutations }) => sum + bootstrapSamples * (a.length + b.length) + permutations * Math.min(a.length, b.length),
      0,
    );
    return mapInParallel('groupComparison', chosen, draws * MILLISECONDS_PER_DRAW);
  };
  if (!remembered) return compute(inputs.map((_, index) => index));
  const keys = inputs.map(({ a, b, ...streams }) => resultKey({ ...streams, sizes: [a.length, b.length] }, Float64Array.from([...a, ...b])));
  return remembered.resultsFor(keys, compute);
}

const COLUMNS: Column<ComparisonRow>[] = [
  { name: 'dimension', type: 'varchar', value: (row) => row.dimension },
  { name: 'metric', type: 'varchar', value: (row) => row.metric },
  { name: 'group_a', type: 'varchar', value: (row) => row.group_a },
  { name: 'group_b', type: 'varchar', value: (row) => row.group_b },
  { name: 'n_a', type: 'integer', value: (row) => row.n_a },
  { name: 'n_b', type: 'integer', value: (row) => row.n_b },
  { name: 'mean_a', type: 'double', value: (row) => row.mean_a },
  { name: 'mean_b', type: 'double', value: (row) => row.mean_b },
  { name: 'median_a', type: 'double', value: (row) => row.median_a },
  { name: 'median_b', type: 'double', value: (row) => row.median_b },
  { name: 'diff', type: 'double', value: (row) => row.diff },
  { name: 'ci_low', type: 'double', value: (row) => row.ci_low },
  { name: 'ci_high', type: 'double', value: (row) => row.ci_high },
  { name: 'p_welch', type: 'double', value: (row) => row.p_welch },
  { name: 'p_permutation', type: 'double', value: (row) => row.p_permutation },
  { name: 'permutations', type: 'integer', value: (row) => row.permutations },
  { name: 'p_permutation_se', type: 'double', value: (row) => row.p_permutation_se },
  { name: 'p_adjusted', type: 'double', value: (row) => row.p_adjusted },
  { name: 'hedges_g', type: 'double', value: (row) => row.hedges_g },
  { name: 'verdict', type: 'varchar', value: (row) => row.verdict },
  { name: 'correction', type: 'varchar', value: (row) => row.correction },
  { name: 'comparisons', type: 'integer', value: (row) => row.comparisons },
];

export const model: TsModelDefinition = {
  grain: 'one row per roster dimension, metric and pair of its groups',
  key: ['dimension', 'metric', 'group_a', 'group_b'],
  dependsOn: ['marts.ambassador_rates', 'core.ambassadors', 'core.trainings'],
  tests: [
    { kind: 'accepted_values', column: 'verdict', values: [...VERDICTS] },
    { kind: 'not_null', column: 'correction' },
  ],
  async build({ warehouse, config }, table) {
    const values = await warehouse.all<{ dimension: string; group_name: string; metric: string; value: number }>(MEMBERSHIPS);
    const rows = await compareGroups(
      values,
      {
        dimensions: config.statistics.cohort_dimensions,
        minGroupSize: config.statistics.min_group_size,
        bootstrapSamples: config.statistics.bootstrap_samples,
        permutations: config.statistics.permutations,
        maxPermutations: MAX_PERMUTATIONS,
        seed: config.statistics.seed,
      },
      await RememberedResults.open<GroupComparison>(warehouse, table.qualified),
    );
    await writeRows(warehouse, table, COLUMNS, rows);
  },
};
