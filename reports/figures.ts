/**
 * The figures the reports state, read from `marts.figures` and worded from the metrics
 * layer (`models/metrics/figures.ts`): a tile, a sentence and the glossary that name a
 * figure show the same value, formatted one way.
 */
import { FIGURES, type FigureDefinition } from '../models/metrics/figures.ts';
import type { Format } from './format.ts';
import type { MartReads } from './marts.ts';

export interface FigureValue {
  definition: FigureDefinition;
  /** Null when the mart has no row for it (nothing to count yet). */
  value: number | null;
  periodStart: Date | null;
  periodEnd: Date | null;
}

/** Every figure of the registry, by id. */
export type Figures = ReadonlyMap<string, FigureValue>;

/** Reads `marts.figures` (an error naming the fix when the warehouse's is outdated); a figure the mart lacks reads as null. */
export async function readFigures(reads: MartReads): Promise<Figures> {
  return figuresFrom(await reads.read('figures'));
}

/** The figures from rows of `marts.figures` (pure). */
export function figuresFrom(rows: readonly { figure_id: string; value: number | null; period_start: Date | null; period_end: Date | null }[]): Figures {
  const byId = new Map(rows.map((row) => [row.figure_id, row]));
  return new Map(
    FIGURES.map((definition) => {
      const row = byId.get(definition.id);
      return [definition.id, { definition, value: row?.value ?? null, periodStart: row?.period_start ?? null, periodEnd: row?.period_end ?? null }];
    }),
  );
}

/** The figure named `id` (a programming error when the registry has none). */
export function figure(figures: Figures, id: string): FigureValue {
  const found = figures.get(id);
  if (!found) throw new Error(`the metrics layer defines no figure ${id}`);
  return found;
}

/** The figure's value as every report writes it; `–` when there is none. */
export function figureText(value: FigureValue, format: Format): string {
  if (value.value === null) return '–';
  switch (value.definition.unit) {
    case 'money':
      return format.money(value.value);
    case 'ratio':
      return format.percent(value.value);
    case 'count':
      return format.count(value.value);
  }
}

/** The value of the figure named `id`, or 0 when there is none (for arithmetic in sentences). */
export function figureNumber(figures: Figures, id: string): number {
  return figure(figures, id).value ?? 0;
}

/** The figure's label in the report's language. */
export function figureLabel(figures: Figures, id: string, format: Format): string {
  return format.t(figure(figures, id).definition.label);
}
