/**
 * Parses a file for its adapter, the shared path of every adapter: bytes → grid →
 * located table (`read/table.ts`) → typed rows and rejected rows (`read/row-checks.ts`).
 * Pure apart from hashing: no warehouse, no file system.
 */
import { createHash } from 'node:crypto';
import { BadInputError } from '../pipelines/errors.ts';
import {
  isRejection,
  rejectRow,
  type Adapter,
  type ColumnSpec,
  type ColumnType,
  type FileFacts,
  type LocatedTable,
  type ParsedRow,
  type RowRejection,
} from './adapter.ts';
import { maskPersonalData, type HashEmail } from './read/personal.ts';
import { decimalMarksShown, disagreesWithFile, localeDecimalMark, type DecimalMark, type DecimalMarksShown } from './read/decimal-mark.ts';
import type { Grid, GridRow } from './read/grid.ts';
import { MONEY_SQL_TYPE, readMoney } from './read/money.ts';
import {
  afterTomorrowProblem,
  columnLabel,
  describeType,
  ISO_SHAPE,
  MAX_CELL_CHARS,
  MAX_REJECTED_RAW_CHARS,
  MAX_REJECTED_VALUE_CHARS,
  NO_ROWS_NOTE,
  noRowsNote,
  nulCharacterReason,
  overlongCellReason,
  pastLimit,
  pastLimits,
  recordsPastEvent,
  repeatedKeyReason,
  requiredValueReason,
  shorten,
  type PastLimits,
} from './read/row-checks.ts';
import { locateTable, mapColumns, missingHeaderError, pickGrid, readGrids } from './read/table.ts';
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
export function tooManyRejectedError(
  fileName: string,
  rejected: number,
  total: number,
  limit: RejectLimit,
  first: { line: number; reason: string },
): BadInputError {
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

/** Parses a file already known to be in the adapter's format. */
export function parseFile(bytes: Uint8Array, adapter: Adapter, options: LoadOptions): ParsedFile {
  const grids = readGrids(bytes, options.fileName);
  const grid = pickGrid(grids, adapter);
  const table = grid && (adapter.locateTable ?? ((g: Grid) => locateTable(g, adapter)))(grid);
  if (!grid || !table) throw missingHeaderError(options.fileName, adapter);
  const facts =
    adapter.fileFacts?.({
      fileName: options.fileName,
      folderName: options.folderName,
      preamble: table.preamble,
      timezone: options.timezone,
    }) ?? {};
  const where = grid.sheet ? `${options.fileName} (sheet ${grid.sheet})` : options.fileName;
  const positions = mapColumns(table, adapter, where);
  const dateFormats = resolveDateFormats(table, adapter, positions, options, where);
  const marks = decimalMarks(decimalMarksShown(numericCells(table.rows, adapter, positions)), grid.delimiter, options.locale);
  const reader = rowReader({ adapter, header: table.header, positions, facts, dateFormats, marks, limits: pastLimits(options.now ?? new Date()), options });

  const rows: ParsedFile['rows'] = [];
  const rejected: RejectedRow[] = [];
  const seenKeys = new Map<string, number>();
  for (const row of table.rows) {
    const read = reader.read(row);
    if (isRejection(read)) {
      rejected.push(reader.rejected(row, read));
      continue;
    }
    const key = adapter.naturalKey.map((name) => keyPart(read[name])).join('\u0001');
    const firstLine = seenKeys.get(key);
    if (firstLine !== undefined) {
      const value = adapter.naturalKey.map((name) => formatKeyPart(read[name])).join(', ');
      rejected.push(reader.rejected(row, rejectRow(repeatedKeyReason(adapter.naturalKey, firstLine), adapter.naturalKey.join(', '), value)));
      continue;
    }
    seenKeys.set(key, row.line);
    rows.push({ line: row.line, values: read });
  }
  const notes = [...dateFormats.entries()]
    .filter(([, format]) => format === 'dmy_slash' || format === 'mdy_slash')
    .map(([name, format]) => `${name} read as ${format === 'dmy_slash' ? 'D/M/YYYY' : 'M/D/YYYY'}`);
  if (table.rows.length === 0) notes.push(noRowsNote(table.headerLine));
  return { rows, rejected, skipped: table.skipped, facts, notes };
}

/** What reading a file's rows needs: its table's header and columns, its facts, and how its cells read. */
export interface RowReading {
  adapter: Adapter;
  header: readonly string[];
  positions: Map<string, number>;
  facts: FileFacts;
  dateFormats: ReadonlyMap<string, DateFormat>;
  marks: DecimalMarks;
  limits: PastLimits;
  options: LoadOptions;
}

/** Reads a file's rows one at a time, and words a row that cannot be loaded as `meta.rejected_rows` keeps it. */
export interface RowReader {
  /** One row of the table read, checked and transformed (`transformRow`), or why it cannot be loaded. */
  read(row: GridRow): ParsedRow | RowRejection;
  rejected(row: GridRow, rejection: RowRejection): RejectedRow;
}

/**
 * The papaparse path's rules for one row, for every path: the DuckDB `read_csv` path words
 * the rows it rejects with them too (`sources/read-csv.ts`).
 */
export function rowReader(file: RowReading): RowReader {
  const { adapter, header, positions, facts, dateFormats, marks, limits, options } = file;
  const declared = new Set([...positions.values()]);
  const personal = new Set(adapter.columns.flatMap((column) => (column.personal && positions.has(column.name) ? [positions.get(column.name)!] : [])));
  const extraPositions = header.map((label, index) => ({ label: label.trim(), index })).filter(({ label, index }) => label !== '' && !declared.has(index));
  const width = lastNonEmpty(header) + 1;
  const people = holdsPeople(adapter);
  const hashEmail: HashEmail = (address) => hashPersonal(address, options);
  // One context per column, its row's fields set for each cell: a file reads millions of cells.
  const cellContexts = new Map<ColumnSpec, CellContext>(
    adapter.columns.map((column) => [
      column,
      {
        dateFormat: dateFormats.get(column.name),
        timezone: column.timezone ?? options.timezone,
        marks,
        isWorkbookNumber: false,
        row: EMPTY_ROW,
        adapter,
        positions,
        currency: options.currency ?? null,
      },
    ]),
  );

  function read(row: GridRow): ParsedRow | RowRejection {
    if (row.problem) return rejectRow(row.problem);
    const { nul, long } = unreadableCells(row.cells);
    if (nul >= 0) return rejectRow(nulCharacterReason(columnLabel(header, nul)));
    if (long >= 0) return rejectRow(overlongCellReason(columnLabel(header, long), row.cells[long]!.length));
    if (lastNonEmpty(row.cells) + 1 > width) {
      return rejectRow(
        `the row has ${lastNonEmpty(row.cells) + 1} fields where the header has ${width}; a delimiter or quote inside a value is probably unescaped`,
      );
    }
    const values: ParsedRow = { ...(facts.values ?? {}) };
    for (const column of adapter.columns) {
      const position = positions.get(column.name);
      const text = position === undefined ? '' : (row.cells[position] ?? '').trim();
      if (text === '') {
        if (column.required) return rejectRow(requiredValueReason(column.headers[0]!), column.name, '');
        values[column.name] = null;
        continue;
      }
      const context = cellContexts.get(column)!;
      context.isWorkbookNumber = row.numbers?.has(position!) ?? false;
      context.row = row;
      const read = readCell(text, column, context);
      if ('problem' in read) return cellRejection(column, text, read.problem);
      const implausible = implausibleValue(column, read.value, limits);
      if (implausible) return cellRejection(column, text, implausible);
      values[column.name] = column.personal
        ? hashPersonal(String(read.value), options)
        : people && typeof read.value === 'string'
          ? maskPersonalData(read.value, hashEmail)
          : read.value;
    }
    if (adapter.keepExtraColumns) {
      const extra = Object.fromEntries(extraPositions.map(({ label, index }) => [label, row.cells[index] ?? '']).filter(([, value]) => value !== ''));
      values._extra = Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
    }
    return adapter.transformRow ? adapter.transformRow(values, facts) : values;
  }

  // The row's text is only written out for a rejected row.
  function rejected(row: GridRow, rejection: RowRejection): RejectedRow {
    return maskRejectedRow(
      {
        line: row.line,
        field: rejection.field,
        value: rejection.value === null ? null : shorten(rejection.value, MAX_REJECTED_VALUE_CHARS),
        reason: rejection.reason,
        raw: shorten(rawText(row.cells, personal, declared, people), MAX_REJECTED_RAW_CHARS),
      },
      options.salt,
    );
  }

  return { read, rejected };
}

/** A row rejected for one cell: the reason starts with the value (unless it is personal) and its column. */
function cellRejection(column: ColumnSpec, text: string, problem: string): RowRejection {
  return rejectRow(`${column.personal ? 'the value' : `"${text}"`} in ${column.headers[0]} ${problem}`, column.name, column.personal ? null : text);
}

/**
 * A CRM's or ATS's rows are leads and candidates: any text in them may name one, not only
 * the e-mail column (a thank-you page's URL, a note), so their text is scanned.
 */
export function holdsPeople(adapter: Adapter): boolean {
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
 * A readable value that cannot be true: a negative count, or a past event dated after
 * tomorrow. Returns the end of the reason, or null.
 */
function implausibleValue(column: ColumnSpec, value: unknown, limits: PastLimits): string | null {
  if (column.type === 'integer' && !column.signed && typeof value === 'number' && value < 0) {
    return 'is negative, and a count cannot be; correct the value or export the file again';
  }
  if ((column.type === 'date' || column.type === 'timestamp') && value instanceof Date && recordsPastEvent(column)) {
    const limit = pastLimit(column, limits);
    if (value.getTime() > limit) return afterTomorrowProblem(limit);
  }
  return null;
}

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
export interface DecimalMarks {
  shown: DecimalMarksShown;
  /** The decimal mark of amounts of money. */
  money: DecimalMark;
  /** The decimal mark of other numbers; `auto` reads each on its own, `1,234` as thousands and `12,5` as 12.5. */
  number: DecimalMark | 'auto';
}

export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'number', 'money', 'percent']);

/** The cells of the rows' numeric columns, whose decimal marks decide the file's (workbook cells that were numbers take no part). */
export function numericCells(rows: readonly GridRow[], adapter: Adapter, positions: Map<string, number>): string[] {
  const numeric = adapter.columns.flatMap((column) => (NUMERIC_TYPES.has(column.type) && positions.has(column.name) ? [positions.get(column.name)!] : []));
  return rows.flatMap((row) => numeric.filter((position) => !row.numbers?.has(position)).map((position) => row.cells[position] ?? ''));
}

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
export function decimalMarks(shown: DecimalMarksShown, delimiter: string | undefined, locale: string): DecimalMarks {
  const delimited = delimiter === ';' ? ',' : null;
  return { shown, money: shown.majority ?? delimited ?? localeDecimalMark(locale), number: shown.majority ?? delimited ?? 'auto' };
}

/** The row a cell context holds before its first cell. */
const EMPTY_ROW: GridRow = { line: 0, cells: [] };

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

function parseCell(
  text: string,
  type: Exclude<ColumnType, 'money'>,
  dateFormat: DateFormat | undefined,
  timezone: string,
  decimal: DecimalMark | 'auto',
): unknown {
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

/** The period a file's name or preamble states (`FileFacts`), as days; null when they state none. */
export function statedPeriod(facts: FileFacts): { periodStart: string | null; periodEnd: string | null } | null {
  return facts.periodStart || facts.periodEnd ? { periodStart: isoDay(facts.periodStart), periodEnd: isoDay(facts.periodEnd) } : null;
}

export function isoDay(date: Date | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

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

/** A value as the key that finds repeated rows compares it: a column holds one type, so a date's milliseconds cannot meet a text's. */
function keyPart(value: unknown): string {
  return value instanceof Date ? String(value.getTime()) : formatKeyPart(value);
}

/** The first cell holding a NUL character, and the first longer than a cell may be (-1: none). */
function unreadableCells(cells: readonly string[]): { nul: number; long: number } {
  let nul = -1;
  let long = -1;
  for (let index = 0; index < cells.length && nul < 0; index += 1) {
    const cell = cells[index]!;
    if (cell.includes('\u0000')) nul = index;
    else if (long < 0 && cell.length > MAX_CELL_CHARS) long = index;
  }
  return { nul, long };
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
