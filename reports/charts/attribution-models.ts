/**
 * Attribution models side by side at program granularity: credited outcomes per
 * channel (employee advocacy beside GA4's channel groups) under each model, one panel per
 * outcome kind, from the attribution summary.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat } from '../format.ts';
import { MODEL_NAMES, nameOf, OUTCOME_KIND_NAMES } from '../i18n.ts';
import type { AttributionSummaryRow } from '../marts.ts';
import { modelSpreadTitle, type ModelSpreadFacts } from '../narrative/attribution.ts';
import { modelRank, sortModels } from './outcomes-by-model.ts';
import { chartTheme, chartTitle, MODEL_COLORS, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export interface AttributionModelsDatum {
  outcome_kind: string;
  kind_name: string;
  channel: string;
  model: string;
  model_name: string;
  credited: number;
  value: number;
}

export function attributionModelsData(rows: readonly AttributionSummaryRow[], language: 'en' | 'da' = 'en'): AttributionModelsDatum[] {
  return rows
    .filter((row) => row.granularity === 'program')
    .map((row) => ({
      outcome_kind: row.outcome_kind,
      kind_name: nameOf(OUTCOME_KIND_NAMES, row.outcome_kind, { language }),
      channel: row.channel,
      model: row.model,
      model_name: nameOf(MODEL_NAMES, row.model, { language }),
      credited: row.credited_outcomes,
      value: row.credited_value,
    }))
    .sort((a, b) => compareText(a.outcome_kind, b.outcome_kind) || compareText(a.channel, b.channel) || modelRank(a.model) - modelRank(b.model));
}

export function attributionModelsFacts(rows: readonly AttributionSummaryRow[]): ModelSpreadFacts {
  const data = attributionModelsData(rows);
  const byChannel = new Map<string, Map<string, number>>();
  for (const datum of data) {
    const models = byChannel.get(datum.channel) ?? new Map<string, number>();
    models.set(datum.model, (models.get(datum.model) ?? 0) + datum.credited);
    byChannel.set(datum.channel, models);
  }
  let best: ModelSpreadFacts = { channel: null, low: null, high: null, models: 0, outcomes: 0 };
  let spread = -1;
  for (const [channel, models] of [...byChannel].sort(([a], [b]) => compareText(a, b))) {
    const sorted = [...models].sort((a, b) => a[1] - b[1] || modelRank(a[0]) - modelRank(b[0]));
    const low = sorted[0];
    const high = sorted[sorted.length - 1];
    if (!low || !high) continue;
    if (high[1] - low[1] > spread + 1e-9) {
      spread = high[1] - low[1];
      best = { ...best, channel, low: { model: low[0], credited: low[1] }, high: { model: high[0], credited: high[1] } };
    }
  }
  const models = sortModels(data.map((datum) => datum.model));
  const first = models[0];
  const outcomes = data.filter((datum) => datum.model === first).reduce((sum, datum) => sum + datum.credited, 0);
  return { ...best, models: models.length, outcomes };
}

export function attributionModelsChart(rows: readonly AttributionSummaryRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const values = attributionModelsData(rows, format.language);
  const models = sortModels(values.map((datum) => datum.model));
  const names = models.map((model) => nameOf(MODEL_NAMES, model, format));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      modelSpreadTitle(attributionModelsFacts(rows), format),
      t({
        en: 'Credited outcomes per channel under each attribution model, one panel per kind of outcome; all ambassadors together are the channel “Employee advocacy”.',
        da: 'Krediterede resultater pr. kanal efter hver attributionsmodel, ét panel pr. type resultat; alle ambassadører tilsammen er kanalen “Employee advocacy”.',
      }),
    ),
    config: chartTheme(options),
    data: { values },
    columns: 2,
    facet: { field: 'kind_name', type: 'nominal', title: null, header: { labelAnchor: 'start' } },
    spec: {
      width: SIZES.facetWidth,
      height: { step: 9 },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'channel', type: 'nominal', title: null, axis: { labelLimit: 160 } },
        yOffset: { field: 'model_name', type: 'nominal', sort: names },
        x: { field: 'credited', type: 'quantitative', title: t({ en: 'Credited outcomes', da: 'Krediterede resultater' }) },
        color: {
          field: 'model_name',
          type: 'nominal',
          title: t({ en: 'Attribution model', da: 'Attributionsmodel' }),
          sort: names,
          scale: { domain: names, range: models.map((model) => MODEL_COLORS[model] ?? PALETTE.grey) },
        },
        tooltip: [
          { field: 'channel', type: 'nominal', title: t({ en: 'Channel', da: 'Kanal' }) },
          { field: 'model_name', type: 'nominal', title: t({ en: 'Model', da: 'Model' }) },
          { field: 'kind_name', type: 'nominal', title: t({ en: 'Outcome', da: 'Resultat' }) },
          { field: 'credited', type: 'quantitative', format: ',.1f', title: t({ en: 'Credited', da: 'Krediteret' }) },
          { field: 'value', type: 'quantitative', format: ',.0f', title: t({ en: `Value (${format.currency})`, da: `Værdi (${format.currency})` }) },
        ],
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
