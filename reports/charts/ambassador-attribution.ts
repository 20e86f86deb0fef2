/**
 * Ambassadors under each attribution model: for the ten ambassadors with the most
 * credit under the default model, their credited outcomes under every model (one dot
 * per model, on one line per ambassador), from the attribution summary at ambassador
 * granularity. Names come from `marts.ambassador_totals` (pseudonyms when anonymised).
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat } from '../format.ts';
import { MODEL_NAMES, nameOf } from '../i18n.ts';
import type { AttributionSummaryRow } from '../marts.ts';
import { ambassadorModelTitle, type AmbassadorModelFacts } from '../narrative/attribution.ts';
import { modelRank, sortModels } from './outcomes-by-model.ts';
import { chartTheme, chartTitle, MODEL_COLORS, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export type AmbassadorAttributionOptions = ChartOptions & {
  /** The model that ranks the ambassadors. __Default value:__ `'last_touch'` */
  model?: string;
  /** How many ambassadors to show. __Default value:__ `10` */
  limit?: number;
};

export interface AmbassadorAttributionDatum {
  ambassador: string;
  model: string;
  model_name: string;
  credited: number;
  value: number;
}

/** Credit per ambassador (channel) and model, summed over outcome kinds. */
function credits(rows: readonly AttributionSummaryRow[]): Map<string, Map<string, { credited: number; value: number }>> {
  const byAmbassador = new Map<string, Map<string, { credited: number; value: number }>>();
  for (const row of rows) {
    if (row.granularity !== 'ambassador' || row.channel.startsWith('(') || !row.channel) continue;
    const models = byAmbassador.get(row.channel) ?? new Map();
    const cell = models.get(row.model) ?? { credited: 0, value: 0 };
    cell.credited += row.credited_outcomes;
    cell.value += row.credited_value;
    models.set(row.model, cell);
    byAmbassador.set(row.channel, models);
  }
  return byAmbassador;
}

/**
 * `names` maps an ambassador id to the name to show; channels that are not ambassadors
 * (GA4 groups such as "Organic Search") are left out: only names in `names` are shown.
 */
export function ambassadorAttributionData(
  rows: readonly AttributionSummaryRow[],
  names: ReadonlyMap<string, string>,
  options: AmbassadorAttributionOptions = {},
): AmbassadorAttributionDatum[] {
  const model = options.model ?? 'last_touch';
  const language = options.language ?? 'en';
  const byAmbassador = [...credits(rows)].filter(([id]) => names.has(id));
  const top = byAmbassador
    .sort(([a, am], [b, bm]) => (bm.get(model)?.credited ?? 0) - (am.get(model)?.credited ?? 0) || compareText(names.get(a) ?? a, names.get(b) ?? b))
    .slice(0, options.limit ?? 10);
  const shown = new Map<string, number>();
  for (const [id] of top) shown.set(names.get(id) ?? id, (shown.get(names.get(id) ?? id) ?? 0) + 1);
  return top.flatMap(([id, models]) => {
    const name = names.get(id) ?? id;
    const label = (shown.get(name) ?? 0) > 1 ? `${name} (${id})` : name;
    return sortModels(models.keys()).map((m) => ({
      ambassador: label,
      model: m,
      model_name: nameOf(MODEL_NAMES, m, { language }),
      credited: models.get(m)?.credited ?? 0,
      value: models.get(m)?.value ?? 0,
    }));
  });
}

export function ambassadorAttributionFacts(data: readonly AmbassadorAttributionDatum[]): AmbassadorModelFacts {
  const spread = new Map<string, { low: number; high: number }>();
  for (const datum of data) {
    const cell = spread.get(datum.ambassador) ?? { low: Infinity, high: -Infinity };
    cell.low = Math.min(cell.low, datum.credited);
    cell.high = Math.max(cell.high, datum.credited);
    spread.set(datum.ambassador, cell);
  }
  const most = [...spread].sort(([a, x], [b, y]) => y.high - y.low - (x.high - x.low) || compareText(a, b))[0];
  return { ambassadors: spread.size, mostSensitive: most && most[1].high > most[1].low ? { name: most[0], low: most[1].low, high: most[1].high } : null };
}

export function ambassadorAttributionChart(
  rows: readonly AttributionSummaryRow[],
  names: ReadonlyMap<string, string>,
  options: AmbassadorAttributionOptions = {},
): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const values = ambassadorAttributionData(rows, names, options);
  const models = sortModels(values.map((datum) => datum.model));
  const modelNames = models.map((model) => nameOf(MODEL_NAMES, model, format));
  const order = [...new Set(values.map((datum) => datum.ambassador))];
  const y = { field: 'ambassador', type: 'nominal', sort: order, title: null, axis: { labelLimit: 220 } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      ambassadorModelTitle(ambassadorAttributionFacts(values), format),
      t({
        en: 'Credited outcomes (all kinds) of the ten ambassadors with the most credit under the default model, one dot per model.',
        da: 'Krediterede resultater (alle typer) for de ti ambassadører med mest kredit efter standardmodellen, én prik pr. model.',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 160,
    height: { step: SIZES.barStep },
    data: { values },
    layer: [
      {
        mark: { type: 'rule', color: '#cccccc' },
        encoding: { y, x: { aggregate: 'min', field: 'credited', type: 'quantitative' }, x2: { aggregate: 'max', field: 'credited' } },
      },
      {
        mark: { type: 'point', size: 60, filled: true, opacity: 0.9 },
        encoding: {
          y,
          x: { field: 'credited', type: 'quantitative', title: t({ en: 'Credited outcomes', da: 'Krediterede resultater' }) },
          color: {
            field: 'model_name',
            type: 'nominal',
            title: t({ en: 'Attribution model', da: 'Attributionsmodel' }),
            sort: modelNames,
            scale: { domain: modelNames, range: models.map((model) => MODEL_COLORS[model] ?? PALETTE.grey) },
          },
          tooltip: [
            { field: 'ambassador', type: 'nominal', title: t({ en: 'Ambassador', da: 'Ambassadør' }) },
            { field: 'model_name', type: 'nominal', title: t({ en: 'Model', da: 'Model' }) },
            { field: 'credited', type: 'quantitative', format: ',.1f', title: t({ en: 'Credited', da: 'Krediteret' }) },
            { field: 'value', type: 'quantitative', format: ',.0f', title: t({ en: `Value (${format.currency})`, da: `Værdi (${format.currency})` }) },
          ],
        },
      },
    ],
  };
}

export { modelRank };
