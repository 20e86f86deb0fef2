/**
 * The shared reading path for every adapter: bytes → grid → located table → typed
 * rows and rejected rows. Pure apart from hashing: no warehouse, no file system.
 */
import { createHash } from 'node:crypto';
import { BadInputError } from '../pipelines/errors.ts';
import {
  isRejection,
  normaliseHeader,
  type Adapter,
  type ColumnSpec,
  type ColumnType,
  type FileFacts,
  type LocatedTable,
  type ParsedRow,
  type SignatureLabel,
} from './adapter.ts';
import { decodeText, looksBinary } from './read/decode.ts';
import { LimitError } from './read/limits.ts';
import { maskPersonalData, type HashEmail } from './read/personal.ts';
import { decimalMarksShown, disagreesWithFile, localeDecimalMark, type DecimalMark, type DecimalMarksShown } from './read/decimal-mark.ts';
import { csvGrid, isWorkbook, workbookGrids, type Grid, type GridRow } from './read/grid.ts';
import { unreadableFileError } from './read/file-type.ts';
import { MONEY_SQL_TYPE, readMoney } from './read/money.ts';
import {
  candidateDateFormats,
  parseBoolean,
  parseDateParts,
  parseNumber,
  parsePercent,
  parseWebAddress,
  toCalendarDate,
  toInstant,
  type DateFormat,
} from './read/values.ts';

export interface LoadOptions {
  /** Base name of the file, for messages and for adapters that read it. */
  fileName: string;
  folderName: string;
  timezone: string;
  locale: string;
  /** Salt for personal columns; required only when a file has personal values. */
  salt: string | null;
  /**
   * The program's currency (config `currency`): the currency of an amount whose row
   * names none. __Default value:__ none: a currency written beside an amount is then
   * accepted only when the row's own currency column agrees with it
   */
  currency?: string;
  /**
   * The time the file is read, against which dates of past events are checked.
   * __Default value:__ the current time
   */
  now?: Date;
}

/** When a file is refused whole rather than loaded without its bad rows (config `ingest.*`). */
export interface RejectLimit {
  /** `ingest.max_rejected_share`: the share of rejected rows above which a file is refused. */
  maxShare: number;
  /** `ingest.min_rejected_rows`: fewer rejected rows than this never refuse a file. */
  minRows: number;
}

/** The file is refused whole: more than `maxShare` of its rows, and at least `minRows` rows, are rejected. */
export function exceedsRejectLimit(rejected: number, total: number, limit: RejectLimit): boolean {
  return total > 0 && rejected >= limit.minRows && rejected / total > limit.maxShare;
}

/** The error that refuses a file whole, naming its first rejected row. */
export function tooManyRejectedError(fileName: string, rejected: number, total: number, limit: RejectLimit, first: { line: number; reason: string }): BadInputError {
  return new BadInputError(
    `${fileName}: ${rejected} of ${total} rows cannot be loaded (more than the ${Math.round(limit.maxShare * 100)}% allowed by ingest.max_rejected_share), so the file was not loaded; the first is line ${first.line}: ${first.reason}. Correct the export or raise the threshold.`,
    fileName,
  );
}

export interface RejectedRow {
  line: number;
  field: string | null;
  value: string | null;
  reason: string;
  /** The row's cells as read, for a person to look at. */
  raw: string;
}

export interface ParsedFile {
  /** The rows as typed values, keyed by raw column name. */
  rows: { line: number; values: ParsedRow }[];
  rejected: RejectedRow[];
  /** Totals and footer rows that were skipped. */
  skipped: number;
  facts: FileFacts;
  /** Things a person should know that did not stop the load. */
  notes: string[];
}

/** Reads a file's bytes into grids: every sheet of a workbook, or the one table of a CSV. */
export function readGrids(bytes: Uint8Array, fileName: string): Grid[] {
  // A workbook is read once for its format and again for each of its tables: parse it once.
  let grids = parsedGrids.get(bytes);
  if (!grids) {
    grids = parseGrids(bytes, fileName);
    parsedGrids.set(bytes, grids);
  }
  return grids;
}

/** Grids are never changed after parsing (adapters copy rows they rework), so one file's bytes share one parse. */
const parsedGrids = new WeakMap<Uint8Array, Grid[]>();

function parseGrids(bytes: Uint8Array, fileName: string): Grid[] {
  if (bytes.length === 0) throw new BadInputError(`${fileName} is empty; export the file again and drop the new copy into the inbox.`, fileName);
  const unreadable = unreadableFileError(bytes, fileName);
  if (unreadable) throw unreadable;
  if (isWorkbook(bytes)) {
    try {
      return workbookGrids(bytes);
    } catch (error) {
      throw new BadInputError(`${fileName} looks like an Excel workbook but cannot be opened (${(error as Error).message}); open it in Excel and save it again, or export it as CSV.`, fileName);
    }
  }
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new LimitError(
      `${fileName} is ${Math.round(bytes.length / 2 ** 20).toLocaleString('en')} MB, more than a CSV read in JavaScript can be (${MAX_TEXT_BYTES / 2 ** 20} MB, the engine's longest text), so it was not loaded; export a shorter period per file (e.g. one month) and drop those files into the inbox.`,
      fileName,
    );
  }
  const decoded = decodeText(bytes);
  if (decoded.encoding === 'utf-8' || decoded.encoding === 'windows-1252') {
    if (looksBinary(bytes)) throw new BadInputError(`${fileName} is not a text or spreadsheet file; drop the CSV or Excel export itself into the inbox.`, fileName);
  }
  return [csvGrid(decoded.text)];
}

/**
 * A CSV DuckDB does not read is decoded into one JavaScript string, and V8's strings end
 * at about 2^29 characters; a longer text would end the process that reads it.
 */
const MAX_TEXT_BYTES = 500 * 2 ** 20;

/** The index of the first row, within the grid's first rows, that holds every label of the signature; -1 if none. */
export function findSignatureRow(grid: Grid, signature: readonly SignatureLabel[], searchRows = 40): number {
  const wanted = signature.map((label) => (typeof label === 'string' ? [label] : label).map(normaliseHeader));
  const rows = grid.rows.slice(0, searchRows);
  return rows.findIndex((row) => {
    const cells = new Set(row.cells.map(normaliseHeader));
    return wanted.every((labels) => labels.some((label) => cells.has(label)));
  });
}

/** The signature as a person reads it: `"Post URL", "Impressions" or "Views"`. */
export function describeSignature(signature: readonly SignatureLabel[]): string {
  return signature
    .map((label) => (typeof label === 'string' ? `"${label}"` : label.map((one) => `"${one}"`).join(' or ')))
    .join(', ');
}

/**
 * The shared rule for where a table is: its header is the first row holding the
 * signature; rows above it are the preamble; it ends at the end of the file or where a
 * blank row is followed by a new `#` block (GA4 stacks tables that way). Blank rows
 * inside are skipped; summary rows are counted and skipped.
 */
export function locateTable(grid: Grid, adapter: Adapter): LocatedTable | null {
  const headerIndex = findSignatureRow(grid, adapter.signature);
  if (headerIndex < 0) return null;
  const headerRow = grid.rows[headerIndex]!;
  const rows = [];
  let skipped = 0;
  for (let index = headerIndex + 1; index < grid.rows.length; index += 1) {
    const row = grid.rows[index]!;
    if (isBlank(row.cells)) {
      const next = grid.rows.slice(index + 1).find((candidate) => !isBlank(candidate.cells));
      if (next && next.cells[0]?.trimStart().startsWith('#')) break;
      continue;
    }
    if (adapter.isSummaryRow?.(row.cells)) {
      skipped += 1;
      continue;
    }
    rows.push(row);
  }
  return {
    header: headerRow.cells,
    headerLine: headerRow.line,
    rows,
    skipped,
    preamble: grid.rows.slice(0, headerIndex).map((row) => row.cells.filter((cell) => cell !== '').join(',')),
  };
}

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** One table a file was read into: its adapter's, or a companion's (another sheet of the same workbook). */
export interface ParsedPart {
  adapter: Adapter;
  parsed: ParsedFile;
}

/**
 * A file in the adapter's format, with the tables of its companions that the file has
 * (a companion sheet left out of this copy of the workbook is simply absent).
 */
export function parseFileWithCompanions(bytes: Uint8Array, adapter: Adapter, options: LoadOptions): ParsedPart[] {
  const parts = [{ adapter, parsed: parseFile(bytes, adapter, options) }];
  for (const companion of adapter.companions ?? []) {
    try {
      parts.push({ adapter: companion, parsed: parseFile(bytes, companion, options) });
    } catch (error) {
      if (!(error instanceof BadInputError && /has no header row/.test(error.message))) throw error;
    }
  }
  // An empty sheet is no news when the workbook loads rows from another one.
  if (parts.some((part) => part.parsed.rows.length > 0)) {
    for (const part of parts) part.parsed.notes = part.parsed.notes.filter((note) => !note.startsWith(NO_ROWS_NOTE));
  }
  return parts;
}

const NO_ROWS_NOTE = 'the file has a header and no rows under it';

/** Parses a file already known to be in the adapter's format. */
export function parseFile(bytes: Uint8Array, adapter: Adapter, options: LoadOptions): ParsedFile {
  const grids = readGrids(bytes, options.fileName);
  const grid = pickGrid(grids, adapter);
  const table = grid && (adapter.locateTable ?? ((g: Grid) => locateTable(g, adapter)))(grid);
  if (!grid || !table) {
    throw new BadInputError(
      `${options.fileName} has no header row with ${describeSignature(adapter.signature)}, which a ${adapter.title} file must have; check that it is that export, unedited.`,
      options.fileName,
    );
  }
  const facts = adapter.fileFacts?.({
    fileName: options.fileName,
    folderName: options.folderName,
    preamble: table.preamble,
    timezone: options.timezone,
  }) ?? {};
  const where = grid.sheet ? `${options.fileName} (sheet ${grid.sheet})` : options.fileName;
  const positions = mapColumns(table, adapter, where);
  const dateFormats = resolveDateFormats(table, adapter, positions, options, where);
  const marks = resolveDecimalMarks(table, adapter, positions, grid, options.locale);
  const declared = new Set([...positions.values()]);
  const personal = new Set(adapter.columns.flatMap((column) => (column.personal && positions.has(column.name) ? [positions.get(column.name)!] : [])));
  const extraPositions = table.header
    .map((label, index) => ({ label: label.trim(), index }))
    .filter(({ label, index }) => label !== '' && !declared.has(index));

  const rows: ParsedFile['rows'] = [];
  const rejected: RejectedRow[] = [];
  const seenKeys = new Map<string, number>();
  const width = lastNonEmpty(table.header) + 1;
  const limits = pastLimits(options.now ?? new Date());
  const people = holdsPeople(adapter);
  const hashEmail: HashEmail = (address) => hashPersonal(address, options);
  for (const row of table.rows) {
    // The row's text is only written out for a rejected row.
    const reject = (field: string | null, value: string | null, reason: string) =>
      rejected.push(maskRejectedRow(
        { line: row.line, field, value: value === null ? null : shorten(value, MAX_REJECTED_VALUE_CHARS), reason, raw: shorten(rawText(row.cells, personal, declared, people), 2000) },
        options.salt,
      ));
    if (row.problem) {
      reject(null, null, row.problem);
      continue;
    }
    const nul = row.cells.findIndex((cell) => cell.includes('\u0000'));
    if (nul >= 0) {
      const label = table.header[nul]?.trim() || `column ${nul + 1}`;
      reject(null, null, `${label} holds a NUL character (byte 0), which no export writes; the file is damaged or in an encoding that was not recognised: save it again as UTF-8 CSV`);
      continue;
    }
    const long = row.cells.findIndex((cell) => cell.length > MAX_CELL_CHARS);
    if (long >= 0) {
      const label = table.header[long]?.trim() || `column ${long + 1}`;
      reject(null, null, `${label} holds ${row.cells[long]!.length.toLocaleString('en')} characters, more than any export writes (${MAX_CELL_CHARS.toLocaleString('en')}); the file is probably damaged: check this line in a text editor`);
      continue;
    }
    if (lastNonEmpty(row.cells) + 1 > width) {
      reject(null, null, `the row has ${lastNonEmpty(row.cells) + 1} fields where the header has ${width}; a delimiter or quote inside a value is probably unescaped`);
      continue;
    }
    const values: ParsedRow = { ...(facts.values ?? {}) };
    let failure: { field: string; value: string | null; reason: string } | null = null;
    for (const column of adapter.columns) {
      const position = positions.get(column.name);
      const text = position === undefined ? '' : (row.cells[position] ?? '').trim();
      if (text === '') {
        if (column.required) {
          failure = { field: column.name, value: '', reason: `${column.headers[0]} is empty, and every row needs it` };
          break;
        }
        values[column.name] = null;
        continue;
      }
      const read = readCell(text, column, {
        dateFormat: dateFormats.get(column.name),
        timezone: column.timezone ?? options.timezone,
        marks,
        isWorkbookNumber: row.numbers?.has(position!) ?? false,
        row,
        adapter,
        positions,
        currency: options.currency ?? null,
      });
      if ('problem' in read) {
        const shown = column.personal ? 'the value' : `"${text}"`;
        failure = { field: column.name, value: column.personal ? null : text, reason: `${shown} in ${column.headers[0]} ${read.problem}` };
        break;
      }
      const parsed = read.value;
      const implausible = implausibleValue(column, parsed, limits);
      if (implausible) {
        failure = { field: column.name, value: text, reason: `"${text}" in ${column.headers[0]} ${implausible}` };
        break;
      }
      values[column.name] = column.personal
        ? hashPersonal(String(parsed), options)
        : people && typeof parsed === 'string' ? maskPersonalData(parsed, hashEmail) : parsed;
    }
    if (failure) {
      reject(failure.field, failure.value, failure.reason);
      continue;
    }
    if (adapter.keepExtraColumns) {
      const extra = Object.fromEntries(
        extraPositions.map(({ label, index }) => [label, row.cells[index] ?? '']).filter(([, value]) => value !== ''),
      );
      values._extra = Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
    }
    const transformed = adapter.transformRow ? adapter.transformRow(values, facts) : values;
    if (isRejection(transformed)) {
      reject(transformed.field, transformed.value, transformed.reason);
      continue;
    }
    const key = adapter.naturalKey.map((name) => formatKeyPart(transformed[name])).join('\u0001');
    const firstLine = seenKeys.get(key);
    if (firstLine !== undefined) {
      reject(adapter.naturalKey.join(', '), adapter.naturalKey.map((name) => formatKeyPart(transformed[name])).join(', '),
        `the same ${adapter.naturalKey.join(' + ')} is already on line ${firstLine} of this file; the first one is kept`);
      continue;
    }
    seenKeys.set(key, row.line);
    rows.push({ line: row.line, values: transformed });
  }
  const notes = [...dateFormats.entries()]
    .filter(([, format]) => format === 'dmy_slash' || format === 'mdy_slash')
    .map(([name, format]) => `${name} read as ${format === 'dmy_slash' ? 'D/M/YYYY' : 'M/D/YYYY'}`);
  if (table.rows.length === 0) notes.push(`${NO_ROWS_NOTE} (line ${table.headerLine}); nothing to load from it`);
  return { rows, rejected, skipped: table.skipped, facts, notes };
}

/**
 * A CRM's or ATS's rows are leads and candidates: any text in them may name one, not only
 * the e-mail column (a thank-you page's URL, a note), so their text is scanned.
 */
function holdsPeople(adapter: Adapter): boolean {
  return adapter.platform === 'crm' || adapter.platform === 'ats' || adapter.columns.some((column) => column.personal);
}

/**
 * A rejected row with e-mail addresses and phone numbers found in its text hashed and
 * masked, whatever column they were in (a shifted row moves them): e-mails are hashed
 * with the salt where one is set, else masked too.
 */
export function maskRejectedRow<Row extends Pick<RejectedRow, 'value' | 'reason' | 'raw'>>(row: Row, salt: string | null): Row {
  const hashEmail: HashEmail = salt ? (address) => hashPersonal(address, { salt, fileName: '' }) : () => MASKED_EMAIL;
  const mask = (text: string) => maskPersonalData(text, hashEmail);
  return { ...row, value: row.value === null ? null : mask(row.value), reason: mask(row.reason), raw: mask(row.raw) };
}

const MASKED_EMAIL = '[e-mail]';

/**
 * A rejected row's cells as a person will see them in `meta.rejected_rows`. In a file
 * that holds leads or candidates, personal cells and the columns the adapter does not
 * read (names, phone numbers) are masked, so no lead or candidate reaches the warehouse
 * in clear text through a rejected row either.
 */
function rawText(cells: readonly string[], personal: ReadonlySet<number>, declared: ReadonlySet<number>, people: boolean): string {
  if (!people) return cells.join(',');
  return cells
    .map((cell, index) => {
      if (cell.trim() === '') return cell;
      if (personal.has(index)) return '[personal]';
      return declared.has(index) ? cell : '[not kept]';
    })
    .join(',');
}

function pickGrid(grids: Grid[], adapter: Adapter): Grid | undefined {
  if (adapter.sheet) {
    const wanted = adapter.sheet.toLowerCase();
    const named = grids.find((grid) => grid.sheet?.toLowerCase() === wanted);
    if (named) return named;
  }
  return grids.find((grid) => findSignatureRow(grid, adapter.signature) >= 0) ?? grids[0];
}

/** Column name → position in the header; a missing required column stops the file. */
export function mapColumns(table: Pick<LocatedTable, 'header' | 'headerLine'>, adapter: Adapter, where: string): Map<string, number> {
  const header = table.header.map(normaliseHeader);
  const positions = new Map<string, number>();
  for (const column of adapter.columns) {
    const labels = column.headers.map(normaliseHeader);
    const matches = header.flatMap((label, index) => (labels.includes(label) ? [index] : []));
    if (matches.length === 0) {
      if (column.required) {
        throw new BadInputError(
          `${where} has no column "${column.headers[0]}" in its header on line ${table.headerLine}, and a ${adapter.title} file needs it; export the file again with that column, or add it.`,
          where,
        );
      }
      continue;
    }
    if (matches.length > 1) {
      throw new BadInputError(
        `${where} has ${matches.length} columns named "${table.header[matches[0]!]!.trim()}" in its header on line ${table.headerLine}; keep one of them and load the file again.`,
        where,
      );
    }
    positions.set(column.name, matches[0]!);
  }
  return positions;
}

/**
 * Chooses each date column's layout from all its values: the layouts that read every
 * value, then the platform's known order, then the locale (`en-US` is month first,
 * the rest day first). A column no layout reads takes the layout that reads most of
 * it; its other values are rejected row by row.
 */
function resolveDateFormats(
  table: LocatedTable,
  adapter: Adapter,
  positions: Map<string, number>,
  options: LoadOptions,
  where: string,
): Map<string, DateFormat> {
  const formats = new Map<string, DateFormat>();
  for (const column of adapter.columns) {
    if (column.type !== 'date' && column.type !== 'timestamp') continue;
    const position = positions.get(column.name);
    if (position === undefined) continue;
    const values = table.rows.map((row) => (row.cells[position] ?? '').trim()).filter((value) => value !== '');
    // ISO dates cannot be misread, so a column may mix them with one other layout (HubSpot does).
    const others = values.filter((value) => !ISO_SHAPE.test(value));
    let candidates = candidateDateFormats(others.length > 0 ? others : values);
    const slashOrder = adapter.dateOrder ?? (/-US$/i.test(options.locale) ? 'mdy' : 'dmy');
    if (candidates.length === 0) candidates = [mostReadFormat(values, slashOrder)];
    if (candidates.includes('mdy_slash') && candidates.includes('dmy_slash')) {
      candidates = candidates.filter((format) => format !== (slashOrder === 'mdy' ? 'dmy_slash' : 'mdy_slash'));
    }
    if (candidates.length > 1 && values.length > 0 && !candidates.every((format) => format === candidates[0])) {
      const distinct = candidates.filter((format) => format !== 'excel_serial');
      if (distinct.length > 1) {
        throw new BadInputError(
          `${where}: the dates in column "${column.headers[0]}" can be read as ${distinct.join(' or ')}; set "locale" in the config to the locale the file was exported in.`,
          where,
        );
      }
      candidates = distinct;
    }
    formats.set(column.name, candidates[0]!);
  }
  return formats;
}

/**
 * The longest cell read. Post texts are at most a few thousand characters on every
 * platform; a far longer cell is a damaged file (an unclosed quote swallowing the rest
 * of it) or not an export at all, and is rejected rather than loaded.
 */
export const MAX_CELL_CHARS = 100_000;
/** Values kept in `meta.rejected_rows.value` are cut to this length. */
const MAX_REJECTED_VALUE_CHARS = 500;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)`;
}

/**
 * Columns that record something that already happened: an export cannot hold such a
 * date after tomorrow (a day of slack for time zones). Timestamps ending in `_at` do,
 * but an open deal's expected `closed_at`; of the plain dates, the activity days and
 * the dates of steps taken (created, applied, hired, rejected, converted, trained).
 * Roster dates (`joined_on`, `left_on`), periods and publication dates (a content hub
 * lists scheduled items) may lie ahead. A column's `past` setting overrides the rule.
 */
export function recordsPastEvent(column: Pick<ColumnSpec, 'name' | 'type' | 'past'>): boolean {
  if (column.past !== undefined) return column.past;
  if (column.type === 'timestamp') return column.name.endsWith('_at') && !PLANNED_TIMESTAMPS.has(column.name);
  if (column.type === 'date') return PAST_EVENT_DATES.test(column.name);
  return false;
}
const PLANNED_TIMESTAMPS = new Set(['closed_at']);
const PAST_EVENT_DATES = /^(day|activity_on|(created|posted|shared|applied|hired|rejected|converted|trained|last_activity)_on)$/;

interface PastLimits {
  /** The latest instant a past-event timestamp may have: now plus one day. */
  instant: number;
  /** The latest calendar day (UTC midnight) a past-event date may have: tomorrow. */
  day: number;
}

function pastLimits(now: Date): PastLimits {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { instant: now.getTime() + 86_400_000, day: today + 86_400_000 };
}

/**
 * A readable value that cannot be true: a negative count, or a past event dated after
 * tomorrow. Returns the end of the reason, or null.
 */
function implausibleValue(column: ColumnSpec, value: unknown, limits: PastLimits): string | null {
  if (column.type === 'integer' && !column.signed && typeof value === 'number' && value < 0) {
    return 'is negative, and a count cannot be; correct the value or export the file again';
  }
  if ((column.type === 'date' || column.type === 'timestamp') && value instanceof Date && recordsPastEvent(column)) {
    const limit = column.type === 'date' ? limits.day : limits.instant;
    if (value.getTime() > limit) {
      return `is after tomorrow (${new Date(limit).toISOString().slice(0, 10)}), and an export only holds what already happened; check the date (and the clock of the computer that exported it)`;
    }
  }
  return null;
}

/** A value written year first (`2026-11-27`, `2026-11-27T14:03:00Z`): read as ISO whatever the column's layout. */
const ISO_SHAPE = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[T\s])/;

/** The layout that reads the most values; on a tie between the slash layouts, the platform's or locale's order. */
function mostReadFormat(values: string[], slashOrder: 'mdy' | 'dmy'): DateFormat {
  const sample = values.slice(0, 5000);
  let best: DateFormat = 'iso';
  let bestCount = -1;
  const slashes = slashOrder === 'mdy' ? (['mdy_slash', 'dmy_slash'] as const) : (['dmy_slash', 'mdy_slash'] as const);
  for (const format of ['iso', 'ymd_compact', 'dmy_dash', 'dmy_dot', ...slashes, 'excel_serial'] as const) {
    const count = sample.filter((value) => parseDateParts(value, format) !== null).length;
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  return best;
}

/** How a file's numbers are read. */
interface DecimalMarks {
  shown: DecimalMarksShown;
  /** The decimal mark of amounts of money. */
  money: DecimalMark;
  /** The decimal mark of other numbers; `auto` reads each on its own, `1,234` as thousands and `12,5` as 12.5. */
  number: DecimalMark | 'auto';
}

const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'number', 'money', 'percent']);

/**
 * The file's decimal mark, decided once from every numeric cell that shows one
 * (`3.000,00`, `12,5`, `1250.50`; see `decimalMarkShown`): cells that read either way
 * (`12.500`) follow the majority, and a cell that shows the other mark is rejected. When
 * no cell shows one, a `;`-separated file comes from a locale whose decimal mark is the
 * comma (Excel and GA4 in Danish, French, German). Otherwise amounts follow the config's
 * locale, while other numbers keep `1,234` as thousands: GA4 and LinkedIn write counts
 * that way in English exports, whatever the program's locale. Workbook cells that were
 * numbers take no part: their text always has `.`.
 */
function resolveDecimalMarks(table: LocatedTable, adapter: Adapter, positions: Map<string, number>, grid: Grid, locale: string): DecimalMarks {
  const numeric = adapter.columns.flatMap((column) => (NUMERIC_TYPES.has(column.type) && positions.has(column.name) ? [positions.get(column.name)!] : []));
  const shown = decimalMarksShown(
    table.rows.flatMap((row) => numeric.filter((position) => !row.numbers?.has(position)).map((position) => row.cells[position] ?? '')),
  );
  const delimited = grid.delimiter === ';' ? ',' : null;
  return { shown, money: shown.majority ?? delimited ?? localeDecimalMark(locale), number: shown.majority ?? delimited ?? 'auto' };
}

interface CellContext {
  dateFormat: DateFormat | undefined;
  timezone: string;
  marks: DecimalMarks;
  /** The cell was a number in a workbook, so its text has `.` as the decimal mark. */
  isWorkbookNumber: boolean;
  row: GridRow;
  adapter: Adapter;
  positions: Map<string, number>;
  /** The program's currency. */
  currency: string | null;
}

/** One non-empty cell as its column's type, or the end of a sentence saying why it cannot be. */
function readCell(text: string, column: ColumnSpec, context: CellContext): { value: unknown } | { problem: string } {
  if (column.type === 'money') {
    const position = column.currency === undefined ? undefined : context.positions.get(column.currency);
    const rowCurrency = position === undefined ? '' : (context.row.cells[position] ?? '').trim().toUpperCase();
    const currencyColumn = position === undefined ? undefined : context.adapter.columns.find((one) => one.name === column.currency);
    const reading = readMoney(text, {
      decimal: context.isWorkbookNumber ? '.' : context.marks.money,
      shown: context.marks.shown,
      currency: rowCurrency || (context.currency?.toUpperCase() ?? null),
      currencyColumn: currencyColumn?.headers[0] ?? null,
      currencyIsRows: rowCurrency !== '',
    });
    return 'amount' in reading ? { value: reading.amount } : reading;
  }
  const decimal = context.isWorkbookNumber ? '.' : context.marks.number;
  const value = parseCell(text, column.type, context.dateFormat, context.timezone, decimal);
  if (value !== null) return { value };
  const disagreement = decimal !== 'auto' && NUMERIC_TYPES.has(column.type) ? disagreesWithFile(text, decimal, context.marks.shown) : null;
  return { problem: disagreement ?? `is not ${describeType(column.type, ISO_SHAPE.test(text) ? 'iso' : context.dateFormat)}` };
}

function parseCell(text: string, type: Exclude<ColumnType, 'money'>, dateFormat: DateFormat | undefined, timezone: string, decimal: DecimalMark | 'auto'): unknown {
  switch (type) {
    case 'text':
      return text;
    case 'url':
      return parseWebAddress(text);
    case 'integer': {
      const number = parseNumber(text, decimal);
      return number !== null && Number.isInteger(number) ? number : null;
    }
    case 'number':
      return parseNumber(text, decimal);
    case 'percent':
      return parsePercent(text, decimal);
    case 'boolean':
      return parseBoolean(text);
    case 'date': {
      const parts = parseDateParts(text, ISO_SHAPE.test(text) ? 'iso' : (dateFormat ?? 'iso'));
      return parts && toCalendarDate(parts);
    }
    case 'timestamp': {
      const parts = parseDateParts(text, ISO_SHAPE.test(text) ? 'iso' : (dateFormat ?? 'iso'));
      return parts && toInstant(parts, timezone);
    }
  }
}

function describeType(type: ColumnType, dateFormat: DateFormat | undefined): string {
  switch (type) {
    case 'text':
      return 'text';
    case 'url':
      return 'a web address starting with https:// or http://';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'money':
      return 'an amount';
    case 'percent':
      return 'a percentage or fraction';
    case 'boolean':
      return 'true or false';
    case 'date':
      return `a valid date in the column's format (${DATE_FORMAT_LABELS[dateFormat ?? 'iso']})`;
    case 'timestamp':
      return `a valid date in the column's format (${DATE_FORMAT_LABELS[dateFormat ?? 'iso']}, with an optional time such as 14:03)`;
  }
}

const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD',
  ymd_compact: 'YYYYMMDD',
  dmy_dash: 'DD-MM-YYYY',
  dmy_dot: 'DD.MM.YYYY',
  mdy_slash: 'M/D/YYYY',
  dmy_slash: 'D/M/YYYY',
  excel_serial: 'an Excel date number',
};

/** A lead's or candidate's e-mail or name → salted SHA-256 of its normalised form. */
export function hashPersonal(value: string, options: Pick<LoadOptions, 'salt' | 'fileName'>): string {
  if (!options.salt) {
    throw new BadInputError(
      `${options.fileName} holds e-mails or names of leads or candidates, and no hashing salt is set; add "salt:" to the config or set ADVOCACY_SALT, then load it again.`,
      options.fileName,
    );
  }
  return createHash('sha256').update(`${options.salt}\u0000${value.trim().toLowerCase()}`).digest('hex');
}

function formatKeyPart(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? '' : String(value);
}

function lastNonEmpty(cells: readonly string[]): number {
  for (let index = cells.length - 1; index >= 0; index -= 1) if (cells[index]!.trim() !== '') return index;
  return -1;
}

/** The DuckDB type of a raw column. */
export function duckdbType(type: ColumnType): string {
  switch (type) {
    case 'text':
    case 'url':
      return 'varchar';
    case 'integer':
      return 'bigint';
    case 'number':
    case 'percent':
      return 'double';
    case 'money':
      return MONEY_SQL_TYPE;
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
  }
}

