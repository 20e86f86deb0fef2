/**
 * `advocacy explain [FIGURE]`: where a number in the reports comes from. For one figure,
 * its definition, its value over its period, the components it adds up from with their
 * own values, and the query that reproduces it from the marts in DuckDB. Without a figure,
 * every figure with its value. The README's "How each number is defined" is written from
 * the same registry (`figuresMarkdown`).
 */
import { FIGURES, figureDefinition, figureQuery, figureSourceText } from '../models/metrics/figures.ts';
import { createFormat, isoDate, type Language } from '../reports/format.ts';
import { figureText, readFigures } from '../reports/figures.ts';
import { martReads } from '../reports/marts.ts';
import { UsageError } from './errors.ts';
import type { Warehouse } from './warehouse.ts';

/** The lines `advocacy explain` prints for one figure, or for all of them. */
export async function explainFigure(
  warehouse: Warehouse,
  id: string | undefined,
  options: { language?: Language; currency: string; warehousePath: string },
): Promise<string[]> {
  const format = createFormat({ language: options.language ?? 'en', currency: options.currency, locale: options.language === 'da' ? 'da-DK' : 'en-GB' });
  const figures = await readFigures(martReads(warehouse));
  if (id === undefined) {
    const width = Math.max(...FIGURES.map((figure) => figure.id.length));
    return [
      ...FIGURES.map((figure) => `${figure.id.padEnd(width)}  ${figureText(figures.get(figure.id)!, format).padStart(14)}  ${format.t(figure.label)}`),
      '',
      'Run "advocacy explain FIGURE" for a figure\'s definition, its components and the query that reproduces it.',
    ];
  }
  const figure = figureDefinition(id);
  if (!figure) throw new UsageError(`There is no figure "${id}"; the figures are ${FIGURES.map((known) => known.id).join(', ')}.`);
  const row = await warehouse.one<Record<string, number | Date | null>>(figureQuery(figure));
  const shown = figures.get(figure.id)!;
  const period =
    shown.periodStart && shown.periodEnd ? format.dateRange(shown.periodStart, shown.periodEnd) : format.t({ en: 'no period yet', da: 'ingen periode endnu' });
  const componentLines = (figure.components ?? []).map((component, index) => {
    const value = row?.[`component_${index + 1}`];
    const text = typeof value === 'number' ? figureText({ ...shown, value }, format) : '–';
    return `  ${format.t(component.label)}: ${text}   (${component.expression})`;
  });
  return [
    `${figure.id}: ${format.t(figure.label)}`,
    `  ${format.t(figure.definition)}`,
    '',
    `${format.t({ en: 'Value', da: 'Værdi' })}: ${figureText(shown, format)}   ${format.t({ en: 'raw', da: 'rå' })}: ${shown.value ?? 'null'}`,
    `${format.t({ en: 'Period', da: 'Periode' })}: ${period}${shown.periodStart ? ` (${isoDate(shown.periodStart)} – ${isoDate(shown.periodEnd)})` : ''}`,
    `${format.t({ en: 'Unit', da: 'Enhed' })}: ${figure.unit}`,
    `${format.t({ en: 'Source', da: 'Kilde' })}: ${figureSourceText(figure)}`,
    ...(componentLines.length > 0 ? ['', format.t({ en: 'Adds up from:', da: 'Består af:' }), ...componentLines] : []),
    '',
    format.t({ en: `Reproduce it in DuckDB (duckdb ${options.warehousePath}):`, da: `Genskab det i DuckDB (duckdb ${options.warehousePath}):` }),
    ...figureQuery(figure)
      .split('\n')
      .map((line) => `  ${line}`),
    '  ;',
  ];
}

/** The README's "How each number is defined" section, from the registry. */
export function figuresMarkdown(): string {
  return [
    'Every figure the reports state is defined once, in `models/metrics/figures.ts`; the reports, `out/latest/figures.csv` and `advocacy explain FIGURE` read it from there. Each covers the program to date, from its first day with data to its last.',
    '',
    '| Figure | Label | Unit | Definition | Read from |',
    '|---|---|---|---|---|',
    ...FIGURES.map(
      (figure) =>
        `| \`${figure.id}\` | ${figure.label.en} | ${figure.unit} | ${figure.definition.en.replaceAll('|', '\\|')} | \`${figure.source.mart}\`${figure.source.scope ? ` (${figure.source.scope})` : ''}: \`${figure.value}\` |`,
    ),
  ].join('\n');
}
