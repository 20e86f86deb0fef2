/**
 * ROI per month with its 90% interval (point and whisker), a zero line, under one
 * attribution model, from `marts.roi_by_period` (program-wide month rows).
 */
import type { TopLevelSpec } from 'vega-lite';
import { roiPeriods, type RoiPeriod } from '../contracts.ts';
import { createFormat } from '../format.ts';
import type { RoiByPeriodRow } from '../marts.ts';
import { roiByPeriodTitle, type RoiByPeriodFacts } from '../narrative/roi.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export type RoiChartOptions = ChartOptions & {
  /**
   * The attribution model whose ROI is drawn.
   *
   * __Default value:__ `'last_touch'`
   */
  model?: string;
};

export interface RoiByPeriodDatum {
  month: string;
  roi: number | null;
  roi_low: number | null;
  roi_high: number | null;
  value: number;
  cost: number;
}

/** The model's months (oldest first) and its program-to-date row. */
export function roiByPeriodFacts(rows: readonly RoiByPeriodRow[], model = 'last_touch'): RoiByPeriodFacts {
  const periods = roiPeriods(rows).filter((period) => period.model === model);
  return {
    model,
    // A month without an ROI (no cost yet, e.g. the month just begun) is left out.
    months: periods.filter((period) => period.kind === 'month' && period.roi !== null).sort((a, b) => a.start.localeCompare(b.start)),
    toDate: periods.find((period) => period.kind === 'to_date') ?? null,
  };
}

export function roiByPeriodData(months: readonly RoiPeriod[]): RoiByPeriodDatum[] {
  return months.map((period) => ({ month: period.start, roi: period.roi, roi_low: period.low, roi_high: period.high, value: period.value, cost: period.cost }));
}

export function roiByPeriodChart(rows: readonly RoiByPeriodRow[], options: RoiChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const facts = roiByPeriodFacts(rows, options.model);
  const values = roiByPeriodData(facts.months);
  const t = format.t;
  const x = {
    field: 'month',
    type: 'temporal',
    timeUnit: 'utcyearmonth',
    title: t({ en: 'Month', da: 'Måned' }),
    scale: { padding: 24 },
    axis: { format: '%b %Y', labelAngle: 0, tickCount: { interval: 'month', step: 1 } },
  } as const;
  const roiTitle = t({ en: 'ROI (value − cost) / cost', da: 'ROI (værdi − omkostning) / omkostning' });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      roiByPeriodTitle(facts, format),
      t({
        en: 'ROI per month: dot, with its 90% bootstrap interval over ambassadors: whisker. The line marks zero (value equals cost).',
        da: 'ROI pr. måned: prik, med 90 %-bootstrap-interval over ambassadører: streg. Linjen markerer nul (værdi lig omkostning).',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width,
    height: SIZES.height,
    data: { values },
    layer: [
      { mark: { type: 'rule', color: PALETTE.grey, strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: 'quantitative' } } },
      {
        mark: { type: 'rule', color: PALETTE.blue, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'roi_low', type: 'quantitative', title: roiTitle, axis: { format: '.0%' } },
          y2: { field: 'roi_high' },
        },
      },
      {
        mark: { type: 'point', color: PALETTE.blue, size: 70 },
        encoding: {
          x,
          y: { field: 'roi', type: 'quantitative', title: roiTitle, axis: { format: '.0%' } },
          tooltip: [
            { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: t({ en: 'Month', da: 'Måned' }), format: '%B %Y' },
            { field: 'roi', type: 'quantitative', format: '.0%', title: 'ROI' },
            { field: 'roi_low', type: 'quantitative', format: '.0%', title: t({ en: 'Interval low', da: 'Interval, lav' }) },
            { field: 'roi_high', type: 'quantitative', format: '.0%', title: t({ en: 'Interval high', da: 'Interval, høj' }) },
            { field: 'value', type: 'quantitative', format: ',.0f', title: t({ en: `Value (${format.currency})`, da: `Værdi (${format.currency})` }) },
            { field: 'cost', type: 'quantitative', format: ',.0f', title: t({ en: `Cost (${format.currency})`, da: `Omkostning (${format.currency})` }) },
          ],
        },
      },
    ],
  };
}
