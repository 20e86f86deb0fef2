/**
 * The training effect per metric: the estimate (dot) with its interval (whisker) and a
 * zero line, one row per metric and method (difference in differences first), from
 * `marts.training_effect` (see `trainingEffectData`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TrainingEffectDatum } from '../contracts.ts';
import { compareText, createFormat } from '../format.ts';
import { METRIC_NAMES, nameOf } from '../i18n.ts';
import { trainingEffectTitle, type TrainingEffectFacts } from '../narrative/program.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** Difference in differences first (the estimate the design trusts), then the plain before/after. */
function methodRank(method: string): number {
  if (/did|diff.*diff|difference_in/i.test(method)) return 0;
  if (method === '') return 1;
  return 2;
}

export function trainingEffectRows(rows: readonly TrainingEffectDatum[]): TrainingEffectDatum[] {
  return [...rows].sort((a, b) => methodRank(a.method) - methodRank(b.method) || compareText(a.metric, b.metric) || compareText(a.method, b.method));
}

export function trainingEffectFacts(rows: readonly TrainingEffectDatum[]): TrainingEffectFacts {
  const sorted = trainingEffectRows(rows);
  const best = methodRank(sorted[0]?.method ?? '');
  return {
    effects: sorted
      .filter((row) => methodRank(row.method) === best)
      .map((row) => ({ metric: row.metric, estimate: row.estimate, low: row.ci_low, high: row.ci_high })),
  };
}

export function trainingEffectChart(rows: readonly TrainingEffectDatum[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const methodsPerMetric = new Map<string, Set<string>>();
  for (const row of rows) methodsPerMetric.set(row.metric, (methodsPerMetric.get(row.metric) ?? new Set()).add(row.method));
  const values = trainingEffectRows(rows).map((row) => {
    const clear = row.ci_low !== null && row.ci_high !== null && (row.ci_low > 0 || row.ci_high < 0);
    return {
      ...row,
      // The method only where a metric has more than one.
      label: `${nameOf(METRIC_NAMES, row.metric, format)}${row.method && (methodsPerMetric.get(row.metric)?.size ?? 0) > 1 ? ` · ${row.method.replace(/_/g, ' ')}` : ''}`,
      reading: clear ? 'clear' : 'unclear',
    };
  });
  const y = { field: 'label', type: 'nominal', title: null, sort: values.map((datum) => datum.label), axis: { labelLimit: 280 } } as const;
  const color = { field: 'reading', type: 'nominal', legend: null, scale: { domain: ['clear', 'unclear'], range: [PALETTE.green, PALETTE.grey] } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      trainingEffectTitle(trainingEffectFacts(rows), format),
      t({
        en: 'Change in each metric per active week after training, against not-yet-trained ambassadors over the same weeks (difference in differences): dot, with its interval: whisker. Green: the interval excludes zero.',
        da: 'Ændring i hvert mål pr. aktiv uge efter træning, mod endnu ikke trænede ambassadører i de samme uger (forskel i forskelle): prik, med interval: streg. Grøn: intervallet udelukker nul.',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 200,
    height: { step: SIZES.barStep + 6 },
    data: { values },
    layer: [
      { mark: { type: 'rule', color: PALETTE.grey, strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      {
        transform: [{ filter: 'isValid(datum.ci_low) && isValid(datum.ci_high)' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y,
          x: { field: 'ci_low', type: 'quantitative', title: t({ en: 'Effect of training (per active week)', da: 'Effekt af træning (pr. aktiv uge)' }) },
          x2: { field: 'ci_high' },
          color,
        },
      },
      {
        mark: { type: 'point', size: 70, filled: true },
        encoding: {
          y,
          x: { field: 'estimate', type: 'quantitative', title: t({ en: 'Effect of training (per active week)', da: 'Effekt af træning (pr. aktiv uge)' }) },
          color,
          tooltip: [
            { field: 'label', type: 'nominal', title: t({ en: 'Metric', da: 'Mål' }) },
            { field: 'estimate', type: 'quantitative', format: ',.2f', title: t({ en: 'Estimate', da: 'Estimat' }) },
            { field: 'ci_low', type: 'quantitative', format: ',.2f', title: t({ en: 'Interval low', da: 'Interval, lav' }) },
            { field: 'ci_high', type: 'quantitative', format: ',.2f', title: t({ en: 'Interval high', da: 'Interval, høj' }) },
            { field: 'n_trained', type: 'quantitative', title: t({ en: 'Trained', da: 'Trænede' }) },
            { field: 'n_control', type: 'quantitative', title: t({ en: 'Not yet trained', da: 'Endnu ikke trænede' }) },
          ],
        },
      },
    ],
  };
}
