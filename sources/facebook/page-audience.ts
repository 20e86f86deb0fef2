/**
 * Meta Business Suite's Page audience export, `Audience.csv`
 * (docs/formats.md#facebook-page-audience): UTF-16 LE, line 1 `sep=,`, then blocks stacked
 * one under another, each a title line and its own rows, with a blank line between them:
 *
 *     "Age & gender"                                 a table: a header row, then a row
 *     "","Men","Women"                               per age range, a column per gender
 *     "18-24","12.3","3.6"
 *
 *     "Top cities"                                   a ranking: a row of names across,
 *     "Quezon City, Philippines","Manila, Philippines"   and a row of values under them
 *     "6.4","3.2"
 *
 *     "Follows"                                      the Page's daily follows, the same
 *     "Date","Primary"                               series as `Follows (1).csv`
 *     "2025-08-01T00:00:00","20"
 *
 * (CORROBORATED: a catalogue of twelve months of real exports and a parser's tests written
 * against them; Top countries and Top pages are rankings too). Every block becomes long rows: `block` (its title in snake_case),
 * `dimension` (age range, city, country, Page, day), `dimension_2` (a table's column:
 * the gender), `value` and `value_kind`. Age & gender, Top cities and Top countries are
 * shares of the Page's followers written in per cent without a sign, stored as
 * fractions; Top pages is Meta's affinity score (above 100 when the followers like that
 * Page far more than people in general), kept as written. A block the adapter does not
 * know is loaded as written with `value_kind` `unknown` (a daily series: `count`), so
 * nothing of the file goes missing; what cannot be read (names without values) is a
 * rejected row with its line. The file carries no date of its own: a later export's
 * rows replace an earlier one's by block and dimensions.
 */
import { defineAdapter, normaliseHeader, type LocatedTable } from '../adapter.ts';
import { findSignatureRow, isBlank } from '../read/table.ts';
import type { Grid, GridRow } from '../read/grid.ts';
import { parseNumber } from '../read/values.ts';
import { facebookPageDaily } from './page-daily.ts';

type Layout = 'table' | 'ranking';
type ValueKind = 'share' | 'score' | 'count' | 'unknown';

const KNOWN_BLOCKS: readonly { title: string; layout: Layout; valueKind: ValueKind }[] = [
  { title: 'Age & gender', layout: 'table', valueKind: 'share' },
  { title: 'Top cities', layout: 'ranking', valueKind: 'share' },
  { title: 'Top countries', layout: 'ranking', valueKind: 'share' },
  { title: 'Top pages', layout: 'ranking', valueKind: 'score' },
];

/** The header of the table the blocks are turned into, one label per raw column. */
const HEADER = ['Block', 'Block title', 'Dimension', 'Dimension 2', 'Value', 'Value kind'];

export const facebookPageAudience = defineAdapter({
  name: 'facebook.page_audience',
  platform: 'facebook',
  title: 'Meta Business Suite Page audience export (Audience.csv)',
  signature: [KNOWN_BLOCKS.map((block) => block.title)],
  loader: 'papaparse',
  naturalKey: ['block', 'dimension', 'dimension_2'],
  columns: [
    { name: 'block', headers: ['Block'], type: 'text', required: true },
    { name: 'block_title', headers: ['Block title'], type: 'text', required: true },
    { name: 'dimension', headers: ['Dimension'], type: 'text', required: true },
    { name: 'dimension_2', headers: ['Dimension 2'], type: 'text' },
    { name: 'value', headers: ['Value'], type: 'number' },
    { name: 'value_kind', headers: ['Value kind'], type: 'text', required: true },
  ],
  // The daily series at the end of the file has the Page daily export's header.
  embeds: [facebookPageDaily],
  locateTable: locateAudienceBlocks,
  transformRow(row) {
    if (row.value_kind !== 'share' || typeof row.value !== 'number') return row;
    // 15 significant digits drop the binary remainder of the division (1.8 / 100 is 0.018000000000000002)
    return { ...row, value: Number((row.value / 100).toPrecision(15)) };
  },
});

/**
 * Splits the grid (all of it: the `sep=` line is gone already) into its blocks at blank
 * rows and turns each into long rows under `HEADER`, each on the line its value is on.
 * What cannot be read becomes rows with a `problem`, which the loader rejects with
 * their line.
 */
export function locateAudienceBlocks(grid: Grid): LocatedTable | null {
  if (findSignatureRow(grid, facebookPageAudience.signature) < 0) return null;
  const blocks: GridRow[][] = [];
  grid.rows.forEach((row, index) => {
    if (isBlank(row.cells)) return;
    if (index === 0 || isBlank(grid.rows[index - 1]!.cells)) blocks.push([]);
    blocks.at(-1)!.push(row);
  });
  return { header: HEADER, headerLine: grid.rows[0]!.line, rows: blocks.flatMap(blockRows), skipped: 0, preamble: [] };
}

function blockRows([titleRow, ...body]: GridRow[]): GridRow[] {
  const filled = filledCells(titleRow!);
  if (filled.length !== 1 || filled[0]!.index !== 0) {
    return [titleRow!, ...body].map((row) =>
      problem(
        row,
        `this row starts a block (it follows a blank line), but it is not a block title (one quoted name such as "Top cities"); the block cannot be read: check that the file is an unedited export`,
      ),
    );
  }
  const title = filled[0]!.text;
  const known = KNOWN_BLOCKS.find((block) => normaliseHeader(block.title) === normaliseHeader(title));
  const layout = known?.layout ?? guessLayout(body);
  const block = { key: snakeCase(title), title, valueKind: known?.valueKind ?? (isDailySeries(body[0]) ? 'count' : 'unknown') };
  return layout === 'ranking' ? rankingRows(block, body) : tableRows(block, body);
}

interface Block {
  key: string;
  title: string;
  valueKind: ValueKind;
}

/** A row of names, then a row of values under them: one row per name. */
function rankingRows(block: Block, body: GridRow[]): GridRow[] {
  const [names, values, ...extra] = body;
  if (!names) return [];
  if (!values) {
    return [
      problem(
        names,
        `"${block.title}" has a row of names on line ${names.line} and no row of values under it, so its values are unknown; export the file again`,
      ),
    ];
  }
  const width = Math.max(names.cells.length, values.cells.length);
  const read = Array.from({ length: width }, (_, index) => ({ name: (names.cells[index] ?? '').trim(), value: values.cells[index] ?? '' }))
    .filter(({ name, value }) => name !== '' || value.trim() !== '')
    .map(({ name, value }) =>
      name === ''
        ? problem(values, `the value "${value.trim()}" in "${block.title}" has no name above it on line ${names.line}`)
        : longRow(values.line, block, name, '', value),
    );
  return [...read, ...extra.map((row) => problem(row, `"${block.title}" is a row of names and a row of values; this further row is not part of it`))];
}

/** A header row, then one row per first-column value with a value per further column. */
function tableRows(block: Block, body: GridRow[]): GridRow[] {
  const [header, ...data] = body;
  if (!header) return [];
  const columns = header.cells.slice(1).map((label) => label.trim());
  if (data.length === 0) {
    return [problem(header, `"${block.title}" has a header row on line ${header.line} and no rows under it; export the file again`)];
  }
  return data.flatMap((row) => {
    const stray = row.cells.findIndex((cell, index) => index > 0 && cell.trim() !== '' && (columns[index - 1] ?? '') === '');
    if (stray >= 0)
      return [
        problem(row, `the value "${row.cells[stray]!.trim()}" in "${block.title}" is in column ${stray + 1}, which has no heading on line ${header.line}`),
      ];
    const dimension = (row.cells[0] ?? '').trim();
    return columns.flatMap((column, index) => (column === '' ? [] : [longRow(row.line, block, dimension, column, row.cells[index + 1] ?? '')]));
  });
}

/** An unknown block is a ranking when it is a row of names over a row of numbers, else a table. */
function guessLayout(body: readonly GridRow[]): Layout {
  if (body.length !== 2) return 'table';
  const numbers = filledCells(body[1]!).every(({ text }) => parseNumber(text) !== null);
  const names = filledCells(body[0]!).some(({ text }) => parseNumber(text) === null);
  return numbers && names ? 'ranking' : 'table';
}

function isDailySeries(header: GridRow | undefined): boolean {
  return header !== undefined && findSignatureRow({ rows: [header] }, facebookPageDaily.signature) === 0;
}

function longRow(line: number, block: Block, dimension: string, dimension2: string, value: string): GridRow {
  return { line, cells: [block.key, block.title, dimension, dimension2, value.trim(), block.valueKind] };
}

function problem(row: GridRow, reason: string): GridRow {
  return { ...row, problem: reason };
}

function filledCells(row: GridRow): { text: string; index: number }[] {
  return row.cells.flatMap((cell, index) => (cell.trim() === '' ? [] : [{ text: cell.trim(), index }]));
}

/** `Age & gender` → `age_gender`; letters of any script are kept (`Køn og alder` → `køn_og_alder`). */
function snakeCase(title: string): string {
  return normaliseHeader(title)
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}
