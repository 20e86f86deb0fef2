/**
 * The metrics layer's figures for fixture marts: each registry expression (a column, or
 * columns added and subtracted) evaluated on the fixture's program summary or its
 * program-to-date ROI row under last touch, as `marts.figures` would give them.
 */
import { FIGURES, figureSourceText } from '../../models/metrics/figures.ts';
import { figuresFrom, type Figures } from '../../reports/figures.ts';
import type { ProgramSummaryRow, RoiByPeriodRow } from '../../reports/marts.ts';

function evaluate(expression: string, row: Record<string, unknown>): number | null {
  const terms = expression.split(/\s*([+-])\s*/);
  let total = 0;
  for (let index = 0; index < terms.length; index += 2) {
    const value = row[terms[index] as string];
    if (value === null || value === undefined) return null;
    total += (terms[index - 1] === '-' ? -1 : 1) * Number(value);
  }
  return total;
}

export function fixtureFigureRows(summary: ProgramSummaryRow | undefined, roiRows: readonly RoiByPeriodRow[] = []) {
  const toDate = roiRows.find((row) => row.period === 'program' && row.model === 'last_touch');
  return FIGURES.map((figure, index) => {
    const row = (figure.source.mart === 'marts.program_summary' ? summary : toDate) as Record<string, unknown> | undefined;
    return {
      position: index + 1,
      figure_id: figure.id,
      label: figure.label.en,
      value: row ? evaluate(figure.value, row) : null,
      unit: figure.unit,
      period_start: (row?.period_start as Date | undefined) ?? null,
      period_end: (row?.period_end as Date | undefined) ?? null,
      definition: figure.definition.en,
      source: figureSourceText(figure),
    };
  });
}

export function fixtureFigures(summary: ProgramSummaryRow | undefined, roiRows: readonly RoiByPeriodRow[] = []): Figures {
  return figuresFrom(fixtureFigureRows(summary, roiRows));
}
