/**
 * Outcomes credited to the program (all ambassadors as one channel, "Employee
 * advocacy") by attribution model and outcome kind: grouped bars, from the attribution
 * summary (program granularity).
 */
import type { TopLevelSpec } from 'vega-lite';
import { createFormat } from '../format.ts';
import { MODEL_NAMES, MODEL_ORDER, nameOf, OUTCOME_KIND_NAMES } from '../i18n.ts';
import type { AttributionSummaryRow } from '../marts.ts';
import { outcomesByModelTitle, type OutcomesByModelFacts } from '../narrative/leadership.ts';
import { barChartSpec, chartTitle, MODEL_COLORS, PALETTE, type ChartOptions } from './theme.ts';

/** The program's own channel at program granularity. */
export const PROGRAM_CHANNEL = 'Employee advocacy';

export type OutcomesByModelOptions = ChartOptions & {
  /**
   * The model the title leads with.
   *
   * __Default value:__ `'last_touch'`
   */
  model?: string;
};

export interface OutcomesByModelDatum {
  model: string;
  model_name: string;
  outcome_kind: string;
  kind_name: string;
  credited: number;
  value: number;
}

/** Models in the reports' order, then any others by name. */
export function modelRank(model: string): number {
  const index = MODEL_ORDER.indexOf(model);
  return index === -1 ? MODEL_ORDER.length : index;
}

export function sortModels(models: Iterable<string>): string[] {
  return [...new Set(models)].sort((a, b) => modelRank(a) - modelRank(b) || a.localeCompare(b));
}

export function outcomesByModelData(rows: readonly AttributionSummaryRow[], language: 'en' | 'da' = 'en'): OutcomesByModelDatum[] {
  const format = { language };
  return rows
    .filter((row) => row.granularity === 'program' && row.channel === PROGRAM_CHANNEL)
    .map((row) => ({
      model: row.model,
      model_name: nameOf(MODEL_NAMES, row.model, format),
      outcome_kind: row.outcome_kind,
      kind_name: nameOf(OUTCOME_KIND_NAMES, row.outcome_kind, format),
      credited: row.credited_outcomes,
      value: row.credited_value,
    }))
    .sort((a, b) => modelRank(a.model) - modelRank(b.model) || a.outcome_kind.localeCompare(b.outcome_kind));
}

export function outcomesByModelFacts(rows: readonly AttributionSummaryRow[], model = 'last_touch'): OutcomesByModelFacts {
  const totals = new Map<string, number>();
  for (const datum of outcomesByModelData(rows)) totals.set(datum.model, (totals.get(datum.model) ?? 0) + datum.credited);
  const models = [...totals]
    .map(([name, credited]) => ({ model: name, credited }))
    .sort((a, b) => b.credited - a.credited || modelRank(a.model) - modelRank(b.model));
  return { model, credited: totals.get(model) ?? 0, models };
}

export function outcomesByModelChart(rows: readonly AttributionSummaryRow[], options: OutcomesByModelOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const values = outcomesByModelData(rows, format.language);
  const models = sortModels(values.map((datum) => datum.model));
  return {
    ...barChartSpec(
      chartTitle(
        outcomesByModelTitle(outcomesByModelFacts(rows, options.model), format),
        t({
          en: 'Outcomes credited to employee advocacy (all ambassadors as one channel) under each attribution model, by kind of outcome.',
          da: 'Resultater krediteret medarbejderambassadører (alle ambassadører som én kanal) efter hver attributionsmodel, pr. type resultat.',
        }),
      ),
      values,
      options,
    ),
    encoding: {
      x: { field: 'kind_name', type: 'nominal', title: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'model_name', type: 'nominal', sort: models.map((model) => nameOf(MODEL_NAMES, model, format)) },
      y: { field: 'credited', type: 'quantitative', title: t({ en: 'Credited outcomes (count)', da: 'Krediterede resultater (antal)' }) },
      color: {
        field: 'model_name',
        type: 'nominal',
        title: t({ en: 'Attribution model', da: 'Attributionsmodel' }),
        sort: models.map((model) => nameOf(MODEL_NAMES, model, format)),
        scale: { domain: models.map((model) => nameOf(MODEL_NAMES, model, format)), range: models.map((model) => MODEL_COLORS[model] ?? PALETTE.grey) },
      },
      tooltip: [
        { field: 'model_name', type: 'nominal', title: t({ en: 'Model', da: 'Model' }) },
        { field: 'kind_name', type: 'nominal', title: t({ en: 'Outcome', da: 'Resultat' }) },
        { field: 'credited', type: 'quantitative', format: ',.1f', title: t({ en: 'Credited', da: 'Krediteret' }) },
        { field: 'value', type: 'quantitative', format: ',.0f', title: t({ en: `Value (${format.currency})`, da: `Værdi (${format.currency})` }) },
      ],
    },
  };
}
