/**
 * The ten ambassadors with the most credited outcomes, as horizontal bars stacked by
 * outcome kind (lead, application, conversion, hire), from `marts.ambassador_totals`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, num } from '../format.ts';
import type { AmbassadorTotalsRow } from '../marts.ts';
import { PAGE_TEXT } from '../i18n.ts';
import { topAmbassadorsTitle, type TopAmbassadorsFacts } from '../narrative/sentences.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** The outcome kinds, in stacking order, with their labels and colours. */
export const OUTCOME_KIND_LABELS = [
  { column: 'leads', label: 'Lead', da: 'Lead', color: PALETTE.blue },
  { column: 'applications', label: 'Application', da: 'Ansøgning', color: PALETTE.orange },
  { column: 'conversions', label: 'Conversion', da: 'Konvertering', color: PALETTE.green },
  { column: 'hires', label: 'Hire', da: 'Ansættelse', color: PALETTE.purple },
] as const;

export type TopAmbassadorsOptions = ChartOptions & {
  /**
   * How many ambassadors to show.
   *
   * __Default value:__ `10`
   */
  limit?: number;
};

/** One bar segment: an ambassador's credited outcomes of one kind. */
export interface TopAmbassadorsDatum {
  ambassador_id: string;
  /** The name, with the id added when two shown ambassadors share a name. */
  ambassador: string;
  rank: number;
  kind: string;
  kind_order: number;
  /** The ambassador's cohort ('' without one), for the cohort menu. */
  cohort: string;
  credited: number;
  total: number;
}

/** Credited outcomes of all kinds. */
function outcomes(row: AmbassadorTotalsRow): number {
  return num(row.leads) + num(row.applications) + num(row.conversions) + num(row.hires);
}

/** The ambassadors with at least one credited outcome, most first (ties by name, then id). */
function ranked(rows: readonly AmbassadorTotalsRow[]): AmbassadorTotalsRow[] {
  return rows
    .filter((row) => outcomes(row) > 0)
    .sort((a, b) => outcomes(b) - outcomes(a) || compareText(a.ambassador_name, b.ambassador_name) || compareText(a.ambassador_id, b.ambassador_id));
}

/** The top ambassadors' bar segments, in rank order. */
export function topAmbassadorsData(rows: readonly AmbassadorTotalsRow[], limit = 10, language: 'en' | 'da' = 'en'): TopAmbassadorsDatum[] {
  const top = ranked(rows).slice(0, limit);
  const nameCounts = new Map<string, number>();
  for (const row of top) nameCounts.set(row.ambassador_name, (nameCounts.get(row.ambassador_name) ?? 0) + 1);
  return top.flatMap((row, index) => {
    const ambassador = (nameCounts.get(row.ambassador_name) ?? 0) > 1 ? `${row.ambassador_name} (${row.ambassador_id})` : row.ambassador_name;
    return OUTCOME_KIND_LABELS.filter((kind) => num(row[kind.column]) > 0).map((kind) => ({
      ambassador_id: row.ambassador_id,
      ambassador,
      rank: index + 1,
      kind: language === 'da' ? kind.da : kind.label,
      kind_order: OUTCOME_KIND_LABELS.indexOf(kind),
      cohort: row.cohort ?? '',
      credited: num(row[kind.column]),
      total: outcomes(row),
    }));
  });
}

/** The numbers the title and the narrative state. */
export function topAmbassadorsFacts(rows: readonly AmbassadorTotalsRow[], limit = 10): TopAmbassadorsFacts {
  const withOutcomes = ranked(rows);
  const top = withOutcomes.slice(0, limit);
  const leader = top[0];
  return {
    ambassadors: rows.length,
    ambassadorsWithOutcomes: withOutcomes.length,
    outcomes: withOutcomes.reduce((sum, row) => sum + outcomes(row), 0),
    shown: top.length,
    shownOutcomes: top.reduce((sum, row) => sum + outcomes(row), 0),
    topThreeOutcomes: withOutcomes.slice(0, 3).reduce((sum, row) => sum + outcomes(row), 0),
    leader: leader ? { name: leader.ambassador_name, outcomes: outcomes(leader) } : null,
  };
}

/** Top ambassadors by credited outcomes, stacked by outcome kind. */
export function topAmbassadorsChart(rows: readonly AmbassadorTotalsRow[], options: TopAmbassadorsOptions = {}): TopLevelSpec {
  const limit = options.limit ?? 10;
  const format = createFormat(options);
  const values = topAmbassadorsData(rows, limit, format.language);
  const order = [...new Set(values.map((datum) => datum.ambassador))];
  const all = PAGE_TEXT.all[format.language];
  const cohorts = [...new Set(values.map((datum) => datum.cohort))].filter((cohort) => cohort !== '').sort(compareText);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      topAmbassadorsTitle(topAmbassadorsFacts(rows, limit), format),
      format.t({
        en: `The ${limit} ambassadors with the most outcomes credited to their links, by kind of outcome.`,
        da: `De ${limit} ambassadører med flest resultater krediteret deres links, pr. type resultat.`,
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 140,
    height: { step: SIZES.barStep },
    data: { values },
    // A cohort menu filters the bars (interactive copies; the static chart shows all).
    params: [{ name: 'cohort_filter', value: all, bind: { input: 'select', options: [all, ...cohorts], name: PAGE_TEXT.cohortFilter[format.language] } }],
    transform: [{ filter: `cohort_filter == ${JSON.stringify(all)} || datum.cohort == cohort_filter` }],
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'ambassador', type: 'nominal', sort: order, title: format.t({ en: 'Ambassador', da: 'Ambassadør' }), axis: { labelLimit: 220 } },
      tooltip: [
        { field: 'ambassador', type: 'nominal', title: format.t({ en: 'Ambassador', da: 'Ambassadør' }) },
        { field: 'cohort', type: 'nominal', title: format.t({ en: 'Cohort', da: 'Kohorte' }) },
        { field: 'kind', type: 'nominal', title: format.t({ en: 'Outcome kind', da: 'Type resultat' }) },
        { field: 'credited', type: 'quantitative', format: ',.1f', title: format.t({ en: 'Credited', da: 'Krediteret' }) },
        { field: 'total', type: 'quantitative', format: ',.1f', title: format.t({ en: 'All kinds', da: 'Alle typer' }) },
      ],
      x: {
        field: 'credited',
        type: 'quantitative',
        stack: 'zero',
        title: format.t({ en: 'Credited outcomes (count)', da: 'Krediterede resultater (antal)' }),
        axis: { tickMinStep: 1 },
      },
      color: {
        field: 'kind',
        type: 'nominal',
        title: format.t({ en: 'Outcome kind', da: 'Type resultat' }),
        scale: {
          domain: OUTCOME_KIND_LABELS.map((kind) => (format.language === 'da' ? kind.da : kind.label)),
          range: OUTCOME_KIND_LABELS.map((kind) => kind.color),
        },
      },
      order: { field: 'kind_order', type: 'quantitative' },
    },
  };
}
