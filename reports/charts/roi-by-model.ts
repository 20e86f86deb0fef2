/**
 * How the choice of attribution model moves the ROI: program-to-date ROI per model with
 * its 90% interval, from `marts.roi_by_period`; where no model has an ROI to date (no
 * cost yet), the value of the outcomes credited to employee advocacy per model, from the
 * attribution summary.
 */
import type { TopLevelSpec } from 'vega-lite';
import { roiPeriods } from '../contracts.ts';
import { createFormat } from '../format.ts';
import { MODEL_NAMES, nameOf } from '../i18n.ts';
import type { AttributionSummaryRow, RoiByPeriodRow } from '../marts.ts';
import { roiByModelTitle, type RoiByModelFacts } from '../narrative/attribution.ts';
import { modelRank, PROGRAM_CHANNEL, sortModels } from './outcomes-by-model.ts';
import { chartTheme, chartTitle, MODEL_COLORS, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export interface RoiByModelDatum {
  model: string;
  model_name: string;
  /** ROI (a ratio) or value (money), as `measure` says. */
  amount: number;
  low: number | null;
  high: number | null;
}

export function roiByModelData(
  roiRows: readonly RoiByPeriodRow[],
  summary: readonly AttributionSummaryRow[],
  language: 'en' | 'da' = 'en',
): { measure: 'roi' | 'value'; values: RoiByModelDatum[] } {
  const toDate = roiPeriods(roiRows).filter((period) => period.kind === 'to_date' && period.roi !== null);
  if (toDate.length > 0) {
    return {
      measure: 'roi',
      values: toDate
        .sort((a, b) => modelRank(a.model) - modelRank(b.model) || a.model.localeCompare(b.model))
        .map((period) => ({
          model: period.model,
          model_name: nameOf(MODEL_NAMES, period.model, { language }),
          amount: period.roi ?? 0,
          low: period.low,
          high: period.high,
        })),
    };
  }
  const values = new Map<string, number>();
  for (const row of summary)
    if (row.granularity === 'program' && row.channel === PROGRAM_CHANNEL) values.set(row.model, (values.get(row.model) ?? 0) + row.credited_value);
  return {
    measure: 'value',
    values: sortModels(values.keys()).map((model) => ({
      model,
      model_name: nameOf(MODEL_NAMES, model, { language }),
      amount: values.get(model) ?? 0,
      low: null,
      high: null,
    })),
  };
}

export function roiByModelFacts(data: { measure: 'roi' | 'value'; values: readonly RoiByModelDatum[] }): RoiByModelFacts {
  const sorted = [...data.values].sort((a, b) => a.amount - b.amount || modelRank(a.model) - modelRank(b.model));
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  return { measure: data.measure, low: low ? { model: low.model, amount: low.amount } : null, high: high ? { model: high.model, amount: high.amount } : null };
}

export function roiByModelChart(roiRows: readonly RoiByPeriodRow[], summary: readonly AttributionSummaryRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const data = roiByModelData(roiRows, summary, format.language);
  const names = data.values.map((datum) => datum.model_name);
  const isRoi = data.measure === 'roi';
  const xTitle = isRoi
    ? t({ en: 'ROI, program to date', da: 'ROI, programmet til dato' })
    : t({ en: `Value credited to ambassadors (${format.currency})`, da: `Værdi krediteret ambassadørerne (${format.currency})` });
  const y = { field: 'model_name', type: 'nominal', sort: names, title: null } as const;
  const color = {
    field: 'model_name',
    type: 'nominal',
    legend: null,
    sort: names,
    scale: { domain: names, range: sortModels(data.values.map((d) => d.model)).map((model) => MODEL_COLORS[model] ?? PALETTE.grey) },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      roiByModelTitle(roiByModelFacts(data), format),
      isRoi
        ? t({
            en: 'Program-to-date ROI under each attribution model: dot, with its 90% interval: whisker.',
            da: 'ROI for programmet til dato efter hver attributionsmodel: prik, med 90 %-interval: streg.',
          })
        : t({
            en: 'Value of the outcomes credited to employee advocacy under each model, program to date.',
            da: 'Værdien af resultater krediteret medarbejderambassadører efter hver model, programmet til dato.',
          }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 160,
    height: { step: SIZES.barStep + 4 },
    data: { values: data.values },
    layer: isRoi
      ? [
          { mark: { type: 'rule', color: PALETTE.grey, strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
          {
            transform: [{ filter: 'isValid(datum.low) && isValid(datum.high)' }],
            mark: { type: 'rule', strokeWidth: 2 },
            encoding: { y, x: { field: 'low', type: 'quantitative', title: xTitle, axis: { format: '.0%' } }, x2: { field: 'high' }, color },
          },
          {
            mark: { type: 'point', size: 80, filled: true },
            encoding: {
              y,
              x: { field: 'amount', type: 'quantitative', title: xTitle, axis: { format: '.0%' } },
              color,
              tooltip: [
                { field: 'model_name', type: 'nominal', title: t({ en: 'Model', da: 'Model' }) },
                { field: 'amount', type: 'quantitative', format: '.0%', title: 'ROI' },
                { field: 'low', type: 'quantitative', format: '.0%', title: t({ en: 'Interval low', da: 'Interval, lav' }) },
                { field: 'high', type: 'quantitative', format: '.0%', title: t({ en: 'Interval high', da: 'Interval, høj' }) },
              ],
            },
          },
        ]
      : [
          {
            mark: { type: 'bar' },
            encoding: {
              y,
              x: { field: 'amount', type: 'quantitative', title: xTitle, axis: { format: ',.0f' } },
              color,
              tooltip: [
                { field: 'model_name', type: 'nominal', title: t({ en: 'Model', da: 'Model' }) },
                { field: 'amount', type: 'quantitative', format: ',.0f', title: xTitle },
              ],
            },
          },
        ],
  };
}
