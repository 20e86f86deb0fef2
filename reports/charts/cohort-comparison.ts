/**
 * Cohort comparisons as an interval plot: for each pair of groups and metric, the
 * difference in means (dot) with its 95% bootstrap interval (whisker) and a zero line,
 * blue where the mart's verdict (a permutation test, Holm-corrected) finds a clear
 * difference; pairs with a group under the minimum size, or too uniform to test, show
 * those words instead of a dot. One panel per metric (their units differ); a menu filters by dimension.
 * From `marts.cohort_comparison`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat } from '../format.ts';
import { DIMENSION_NAMES, groupName, METRIC_NAMES, nameOf, PAGE_TEXT } from '../i18n.ts';
import type { CohortComparisonRow } from '../marts.ts';
import { cohortComparisonTitle, tooFewWords, tooUniformWords, type CohortComparisonFacts } from '../narrative/program.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export type CohortComparisonOptions = ChartOptions & {
  /**
   * The smallest group that gets a verdict (the mart's own verdict wins when it says "too few").
   *
   * __Default value:__ `5`
   */
  minGroupSize?: number;
};

export interface CohortComparisonDatum {
  dimension: string;
  metric: string;
  metric_name: string;
  /** `Pilot − Bølge 2`. */
  pair: string;
  n_a: number;
  n_b: number;
  diff: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_permutation: number | null;
  p_permutation_se: number | null;
  p_adjusted: number | null;
  hedges_g: number | null;
  /** False for a pair too few or too uniform to compare. */
  compared: boolean;
  /** `clear` (the mart's verdict names a higher group), `unclear`, `too_few` or `too_uniform`. */
  reading: 'clear' | 'unclear' | 'too_few' | 'too_uniform';
  /** What the panel writes for a pair it does not compare (empty otherwise). */
  label: string;
}

export function isTooFew(row: CohortComparisonRow, minGroupSize = 5): boolean {
  if (row.verdict && /too.few|for få/i.test(row.verdict)) return true;
  return row.n_a < minGroupSize || row.n_b < minGroupSize || row.diff === null;
}

/** A group too uniform for a test of means (most values at a bound of the metric): the mart says so. */
export function isTooUniform(row: CohortComparisonRow): boolean {
  return row.verdict === 'too uniform to compare';
}

/** A difference to act on: only the mart's verdict says so (its permutation test, Holm-corrected), never the interval alone. */
export function isClear(row: CohortComparisonRow): boolean {
  return row.verdict === 'higher in group_a' || row.verdict === 'higher in group_b';
}

/** The order the chart and its facts list comparisons in: by metric, then dimension, then pair. */
function byMetricAndPair(a: CohortComparisonRow, b: CohortComparisonRow): number {
  return compareText(a.metric, b.metric) || compareText(a.dimension, b.dimension) || compareText(a.group_a, b.group_a) || compareText(a.group_b, b.group_b);
}

export function cohortComparisonData(rows: readonly CohortComparisonRow[], options: CohortComparisonOptions = {}): CohortComparisonDatum[] {
  const format = createFormat(options);
  return [...rows].sort(byMetricAndPair).map((row) => {
    const tooFew = isTooFew(row, options.minGroupSize);
    const tooUniform = !tooFew && isTooUniform(row);
    const compared = !tooFew && !tooUniform;
    const reading = tooFew ? 'too_few' : tooUniform ? 'too_uniform' : isClear(row) ? 'clear' : 'unclear';
    const n = `(n = ${row.n_a}, ${row.n_b})`;
    return {
      dimension: row.dimension,
      metric: row.metric,
      metric_name: nameOf(METRIC_NAMES, row.metric, format),
      pair: `${nameOf(DIMENSION_NAMES, row.dimension, format)}: ${groupName(row.dimension, row.group_a, format)} − ${groupName(row.dimension, row.group_b, format)}`,
      n_a: row.n_a,
      n_b: row.n_b,
      diff: compared ? row.diff : null,
      ci_low: compared ? row.ci_low : null,
      ci_high: compared ? row.ci_high : null,
      p_permutation: row.p_permutation,
      p_permutation_se: row.p_permutation_se,
      p_adjusted: row.p_adjusted,
      hedges_g: row.hedges_g,
      compared,
      reading,
      label: tooFew ? `${tooFewWords(format)} ${n}` : tooUniform ? `${tooUniformWords(format)} ${n}` : '',
    };
  });
}

export function cohortComparisonFacts(rows: readonly CohortComparisonRow[], options: CohortComparisonOptions = {}): CohortComparisonFacts {
  // cohortComparisonData sorts the rows this same way, so index i of both is one comparison.
  const data = cohortComparisonData(rows, options);
  const sorted = [...rows].sort(byMetricAndPair);
  const clear = sorted.filter((_, index) => data[index]?.reading === 'clear');
  const strongest = [...clear].sort((a, b) => Math.abs(b.hedges_g ?? 0) - Math.abs(a.hedges_g ?? 0) || compareText(a.metric, b.metric))[0];
  return {
    comparisons: rows.length,
    clear: clear.length,
    notCompared: data.filter((datum) => !datum.compared).length,
    tested: rows.filter((row) => row.p_adjusted !== null).length,
    strongest: strongest
      ? {
          metric: strongest.metric,
          dimension: strongest.dimension,
          groupA: strongest.group_a,
          groupB: strongest.group_b,
          diff: strongest.diff ?? 0,
          low: strongest.ci_low ?? 0,
          high: strongest.ci_high ?? 0,
          p: strongest.p_permutation,
          pError: strongest.p_permutation_se,
          pAdjusted: strongest.p_adjusted,
        }
      : null,
  };
}

export function cohortComparisonChart(rows: readonly CohortComparisonRow[], options: CohortComparisonOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const values = cohortComparisonData(rows, options);
  const dimensions = [...new Set(values.map((datum) => datum.dimension))].sort(compareText);
  const all = PAGE_TEXT.all[format.language];
  // The static chart shows one dimension (cohort when there is one); the menu picks another, or all.
  const initial = dimensions.includes('cohort') ? 'cohort' : dimensions.length > 1 ? (dimensions[0] as string) : all;
  const y = { field: 'pair', type: 'nominal', title: null, sort: [...new Set(values.map((datum) => datum.pair))], axis: { labelLimit: 260 } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      cohortComparisonTitle(cohortComparisonFacts(rows, options), format),
      t({
        en: `Difference in means between two groups (first minus second) per active week: dot, with its 95% bootstrap interval: whisker. Blue: a clear difference (a permutation test, after the Holm correction); grey: none. Pairs too few or too uniform to compare are named in words. Shown: ${initial === all ? 'every dimension' : nameOf(DIMENSION_NAMES, initial, format).toLowerCase()}; the interactive chart’s menu picks another, and the table lists every comparison.`,
        da: `Forskel i gennemsnit mellem to grupper (første minus anden) pr. aktiv uge: prik, med 95 %-bootstrap-interval: streg. Blå: en tydelig forskel (en permutationstest, efter Holm-korrektion); grå: ingen. Par med for få eller for ensartede værdier til at sammenligne står med ord. Vist: ${initial === all ? 'alle dimensioner' : nameOf(DIMENSION_NAMES, initial, format).toLowerCase()}; det interaktive diagrams menu vælger en anden, og tabellen viser alle sammenligninger.`,
      }),
    ),
    config: chartTheme(options),
    data: { values },
    params: [
      {
        name: 'dimension_filter',
        value: initial,
        bind: {
          input: 'select',
          options: [all, ...dimensions],
          labels: [all, ...dimensions.map((dimension) => nameOf(DIMENSION_NAMES, dimension, format))],
          name: PAGE_TEXT.dimensionFilter[format.language],
        },
      },
    ],
    transform: [{ filter: `dimension_filter == '${all.replace(/'/g, "\\'")}' || datum.dimension == dimension_filter` }],
    facet: {
      row: { field: 'metric_name', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } },
    },
    spec: {
      width: SIZES.width - 200,
      height: { step: SIZES.barStep },
      layer: [
        { mark: { type: 'rule', color: PALETTE.grey, strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        {
          transform: [{ filter: 'datum.compared' }],
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y,
            x: { field: 'ci_low', type: 'quantitative', title: t({ en: 'Difference (first − second)', da: 'Forskel (første − anden)' }) },
            x2: { field: 'ci_high' },
            color: { field: 'reading', type: 'nominal', legend: null, scale: { domain: ['clear', 'unclear'], range: [PALETTE.blue, PALETTE.grey] } },
          },
        },
        {
          transform: [{ filter: 'datum.compared' }],
          mark: { type: 'point', size: 60, filled: true },
          encoding: {
            y,
            x: { field: 'diff', type: 'quantitative' },
            color: { field: 'reading', type: 'nominal', legend: null, scale: { domain: ['clear', 'unclear'], range: [PALETTE.blue, PALETTE.grey] } },
            tooltip: [
              { field: 'pair', type: 'nominal', title: t({ en: 'Groups', da: 'Grupper' }) },
              { field: 'diff', type: 'quantitative', format: ',.2f', title: t({ en: 'Difference', da: 'Forskel' }) },
              { field: 'ci_low', type: 'quantitative', format: ',.2f', title: t({ en: '95% low', da: '95 % lav' }) },
              { field: 'ci_high', type: 'quantitative', format: ',.2f', title: t({ en: '95% high', da: '95 % høj' }) },
              { field: 'p_permutation', type: 'quantitative', format: '.4f', title: t({ en: 'p (permutation)', da: 'p (permutation)' }) },
              { field: 'p_permutation_se', type: 'quantitative', format: '.4f', title: t({ en: '± (Monte Carlo)', da: '± (Monte Carlo)' }) },
              { field: 'p_adjusted', type: 'quantitative', format: '.4f', title: t({ en: 'p (Holm)', da: 'p (Holm)' }) },
              { field: 'hedges_g', type: 'quantitative', format: '.2f', title: 'Hedges’ g' },
              { field: 'n_a', type: 'quantitative', title: 'n₁' },
              { field: 'n_b', type: 'quantitative', title: 'n₂' },
            ],
          },
        },
        {
          transform: [{ filter: '!datum.compared' }],
          mark: { type: 'text', align: 'left', dx: 4, fontStyle: 'italic', color: PALETTE.grey },
          encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
