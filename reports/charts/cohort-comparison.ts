/**
 * Cohort comparisons as an interval plot: for each pair of groups and metric, the
 * difference in means (dot) with its 95% bootstrap interval (whisker) and a zero line;
 * pairs with a group under the minimum size show the words "too few to compare" instead
 * of a dot. One panel per metric (their units differ); a menu filters by dimension.
 * From `marts.cohort_comparison`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat } from '../format.ts';
import { METRIC_NAMES, nameOf, PAGE_TEXT } from '../i18n.ts';
import type { CohortComparisonRow } from '../marts.ts';
import { cohortComparisonTitle, tooFewWords, type CohortComparisonFacts } from '../narrative/program.ts';
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
  p_adjusted: number | null;
  hedges_g: number | null;
  too_few: boolean;
  /** `clear` (interval excludes zero), `unclear`, or `too_few`. */
  reading: string;
  /** What the panel writes for a pair that is too few to compare (empty otherwise). */
  label: string;
}

export function isTooFew(row: CohortComparisonRow, minGroupSize = 5): boolean {
  if (row.verdict && /too.few|for få/i.test(row.verdict)) return true;
  return row.n_a < minGroupSize || row.n_b < minGroupSize || row.diff === null;
}

/**
 * A difference to act on: the mart's verdict when it has one (it applies the Holm
 * correction), else an interval that excludes zero.
 */
export function isClear(row: CohortComparisonRow): boolean {
  if (row.verdict) return !/no clear|no difference|unclear|too.few|inconclusive/i.test(row.verdict);
  return row.ci_low !== null && row.ci_high !== null && (row.ci_low > 0 || row.ci_high < 0);
}

export function cohortComparisonData(rows: readonly CohortComparisonRow[], options: CohortComparisonOptions = {}): CohortComparisonDatum[] {
  const format = createFormat(options);
  return [...rows]
    .sort((a, b) => compareText(a.metric, b.metric) || compareText(a.dimension, b.dimension) || compareText(a.group_a, b.group_a) || compareText(a.group_b, b.group_b))
    .map((row) => {
      const tooFew = isTooFew(row, options.minGroupSize);
      const clear = !tooFew && isClear(row);
      return {
        dimension: row.dimension,
        metric: row.metric,
        metric_name: nameOf(METRIC_NAMES, row.metric, format),
        pair: `${row.dimension}: ${row.group_a} − ${row.group_b}`,
        n_a: row.n_a,
        n_b: row.n_b,
        diff: tooFew ? null : row.diff,
        ci_low: tooFew ? null : row.ci_low,
        ci_high: tooFew ? null : row.ci_high,
        p_adjusted: row.p_adjusted,
        hedges_g: row.hedges_g,
        too_few: tooFew,
        reading: tooFew ? 'too_few' : clear ? 'clear' : 'unclear',
        label: tooFew ? `${tooFewWords(format)} (n = ${row.n_a}, ${row.n_b})` : '',
      };
    });
}

export function cohortComparisonFacts(rows: readonly CohortComparisonRow[], options: CohortComparisonOptions = {}): CohortComparisonFacts {
  // cohortComparisonData sorts the rows this same way, so index i of both is one comparison.
  const data = cohortComparisonData(rows, options);
  const sorted = [...rows].sort((a, b) => compareText(a.metric, b.metric) || compareText(a.dimension, b.dimension) || compareText(a.group_a, b.group_a) || compareText(a.group_b, b.group_b));
  const clear = sorted.filter((row, index) => data[index]?.reading === 'clear');
  const strongest = [...clear].sort((a, b) => Math.abs(b.hedges_g ?? 0) - Math.abs(a.hedges_g ?? 0) || compareText(a.metric, b.metric))[0];
  return {
    comparisons: rows.length,
    clear: clear.length,
    tooFew: data.filter((datum) => datum.too_few).length,
    strongest: strongest
      ? { metric: strongest.metric, groupA: strongest.group_a, groupB: strongest.group_b, diff: strongest.diff ?? 0, low: strongest.ci_low ?? 0, high: strongest.ci_high ?? 0 }
      : null,
    correction: rows.some((row) => row.p_adjusted !== null) ? 'Holm' : null,
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
        en: `Difference in means between two groups (first minus second) per active week: dot, with its 95% bootstrap interval: whisker. Blue: a clear difference (after the Holm correction); grey: none. Shown: ${initial === all ? 'every dimension' : initial}; the interactive chart’s menu picks another, and the table lists every comparison.`,
        da: `Forskel i gennemsnit mellem to grupper (første minus anden) pr. aktiv uge: prik, med 95 %-bootstrap-interval: streg. Blå: en tydelig forskel (efter Holm-korrektion); grå: ingen. Vist: ${initial === all ? 'alle dimensioner' : initial}; det interaktive diagrams menu vælger en anden, og tabellen viser alle sammenligninger.`,
      }),
    ),
    config: chartTheme(options),
    data: { values },
    params: [{ name: 'dimension_filter', value: initial, bind: { input: 'select', options: [all, ...dimensions], name: PAGE_TEXT.dimensionFilter[format.language] } }],
    transform: [{ filter: `dimension_filter == '${all.replace(/'/g, "\\'")}' || datum.dimension == dimension_filter` }],
    facet: { row: { field: 'metric_name', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
    spec: {
      width: SIZES.width - 200,
      height: { step: SIZES.barStep },
      layer: [
        { mark: { type: 'rule', color: PALETTE.grey, strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        {
          transform: [{ filter: 'datum.too_few == false' }],
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y,
            x: { field: 'ci_low', type: 'quantitative', title: t({ en: 'Difference (first − second)', da: 'Forskel (første − anden)' }) },
            x2: { field: 'ci_high' },
            color: { field: 'reading', type: 'nominal', legend: null, scale: { domain: ['clear', 'unclear', 'too_few'], range: [PALETTE.blue, PALETTE.grey, PALETTE.grey] } },
          },
        },
        {
          transform: [{ filter: 'datum.too_few == false' }],
          mark: { type: 'point', size: 60, filled: true },
          encoding: {
            y,
            x: { field: 'diff', type: 'quantitative' },
            color: { field: 'reading', type: 'nominal', legend: null, scale: { domain: ['clear', 'unclear', 'too_few'], range: [PALETTE.blue, PALETTE.grey, PALETTE.grey] } },
            tooltip: [
              { field: 'pair', type: 'nominal', title: t({ en: 'Groups', da: 'Grupper' }) },
              { field: 'diff', type: 'quantitative', format: ',.2f', title: t({ en: 'Difference', da: 'Forskel' }) },
              { field: 'ci_low', type: 'quantitative', format: ',.2f', title: t({ en: '95% low', da: '95 % lav' }) },
              { field: 'ci_high', type: 'quantitative', format: ',.2f', title: t({ en: '95% high', da: '95 % høj' }) },
              { field: 'p_adjusted', type: 'quantitative', format: '.3f', title: t({ en: 'p (Holm)', da: 'p (Holm)' }) },
              { field: 'hedges_g', type: 'quantitative', format: '.2f', title: 'Hedges’ g' },
              { field: 'n_a', type: 'quantitative', title: 'n₁' },
              { field: 'n_b', type: 'quantitative', title: 'n₂' },
            ],
          },
        },
        {
          transform: [{ filter: 'datum.too_few == true' }],
          mark: { type: 'text', align: 'left', dx: 4, fontStyle: 'italic', color: PALETTE.grey },
          encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
