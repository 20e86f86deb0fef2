/**
 * The ten ambassadors with the most credited outcomes, as horizontal bars stacked by
 * outcome kind (lead, application, conversion, hire), from `marts.ambassador_totals`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, num } from '../format.ts';
import type { AmbassadorTotalsRow } from '../marts.ts';
import { topAmbassadorsTitle, type TopAmbassadorsFacts } from '../narrative/sentences.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** The outcome kinds, in stacking order, with their labels and colours. */
export const OUTCOME_KIND_LABELS = [
  { column: 'leads', label: 'Lead', color: PALETTE.blue },
  { column: 'applications', label: 'Application', color: PALETTE.orange },
  { column: 'conversions', label: 'Conversion', color: PALETTE.green },
  { column: 'hires', label: 'Hire', color: PALETTE.purple },
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
export function topAmbassadorsData(rows: readonly AmbassadorTotalsRow[], limit = 10): TopAmbassadorsDatum[] {
  const top = ranked(rows).slice(0, limit);
  const nameCounts = new Map<string, number>();
  for (const row of top) nameCounts.set(row.ambassador_name, (nameCounts.get(row.ambassador_name) ?? 0) + 1);
  return top.flatMap((row, index) => {
    const ambassador = (nameCounts.get(row.ambassador_name) ?? 0) > 1 ? `${row.ambassador_name} (${row.ambassador_id})` : row.ambassador_name;
    return OUTCOME_KIND_LABELS.filter((kind) => num(row[kind.column]) > 0).map((kind) => ({
      ambassador_id: row.ambassador_id,
      ambassador,
      rank: index + 1,
      kind: kind.label,
      kind_order: OUTCOME_KIND_LABELS.indexOf(kind),
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
  const values = topAmbassadorsData(rows, limit);
  const order = [...new Set(values.map((datum) => datum.ambassador))];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      topAmbassadorsTitle(topAmbassadorsFacts(rows, limit), format),
      `The ${limit} ambassadors with the most outcomes credited to their links, by kind of outcome.`,
    ),
    config: chartTheme(options),
    width: SIZES.width - 140,
    height: { step: SIZES.barStep },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'ambassador', type: 'nominal', sort: order, title: 'Ambassador', axis: { labelLimit: 220 } },
      x: {
        field: 'credited',
        type: 'quantitative',
        stack: 'zero',
        title: 'Credited outcomes (count)',
        axis: { tickMinStep: 1 },
      },
      color: {
        field: 'kind',
        type: 'nominal',
        title: 'Outcome kind',
        scale: { domain: OUTCOME_KIND_LABELS.map((kind) => kind.label), range: OUTCOME_KIND_LABELS.map((kind) => kind.color) },
      },
      order: { field: 'kind_order', type: 'quantitative' },
    },
  };
}
