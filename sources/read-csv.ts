/**
 * The DuckDB `read_csv` loader, for adapters that declare `loader: 'read_csv'`: big,
 * clean files (the touchpoints file, GA4's reports) that DuckDB reads far faster than
 * papaparse and JS can. The result is the same as `sources/parse.ts` gives for the same
 * file: the same raw rows (trimmed text, numbers and amounts read in the file's decimal
 * mark, UTC timestamps, `_extra` JSON, the adapter's derived columns, lineage), the same
 * rejected rows with the same line numbers and reasons, and the same skipped summary rows.
 *
 * How:
 * 1. `planReadCsv` sniffs the file's start in JS (the shared `readGrids` and
 *    `findSignatureRow`): the header line, the delimiter, each adapter column's position
 *    (by name, without regard to case, like `mapColumns`), the preamble above the header,
 *    and the decimal mark its first rows' numbers show. It declines, and the papaparse
 *    path takes the file, when DuckDB would read it differently from papaparse (not
 *    UTF-8: UTF-16, Windows-1252; an Excel `sep=` line; a quote above the header, which
 *    DuckDB's `skip` may not skip as papaparse's lines), or when the adapter needs JS:
 *    row hooks without their SQL equivalents (`sqlHooks`), people's data to hash, a
 *    column type the SQL does not read.
 * 2. `read_csv` reads every file column as VARCHAR (`columns = {c0: VARCHAR, ...}`,
 *    `store_rejects = true`) into a temp table. DuckDB gives no line numbers for good
 *    rows (its `reject_errors.line` counts rows, not lines, once a quoted value spans
 *    lines), so a row's line is the header line + its position (the temp table's
 *    `rowid`, insertion order) + the line breaks inside the quoted values of the rows
 *    before it. That is exact when DuckDB skipped nothing; the loader checks it by
 *    counting the file's line breaks, and when the count does not reconcile (blank
 *    lines, or rows DuckDB rejected for their structure: a wrong number of fields, an
 *    unclosed quote) the file goes through papaparse, which names those lines.
 * 3. Typing, the checks of `read/row-checks.ts` (NUL, overlong cell, empty required
 *    value, a value that is not one, a past event after tomorrow, a negative count), the
 *    time zone (`timezone()`), the adapter's SQL hooks (summary rows, `transformRow`) and
 *    the first-wins natural key are set work in SQL, built by `read/read-csv-sql.ts`, with
 *    the file's facts (`fileFacts` on the preamble, in JS) as literals. The numbers are
 *    typed in the decimal mark the first rows show; the same pass counts the marks of
 *    every numeric cell, and a file whose marks come out otherwise, or whose dates need a
 *    layout resolved from all of them (D/M/YYYY ...), goes through papaparse.
 * 4. Only the rejected rows come to JS: the papaparse path's row reader (`rowReader`)
 *    reads each again from its cells and gives its reason. Should it read a row the SQL
 *    rejected, the file goes through papaparse.
 */
import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import { quotedIdentifier, quotedString, type Warehouse } from '../pipelines/warehouse.ts';
import { isRejection, rawTableName, rejectRow, type Adapter, type ColumnSpec, type ColumnType, type FileFacts } from './adapter.ts';
import {
  decimalMarks,
  exceedsRejectLimit,
  holdsPeople,
  numericCells,
  rowReader,
  statedPeriod,
  tooManyRejectedError,
  type LoadOptions,
  type RejectedRow,
  type RejectLimit,
  type RowReader,
} from './parse.ts';
import { decimalMarksShown, majorityMark, type DecimalMark, type DecimalMarksShown } from './read/decimal-mark.ts';
import { cellList, checkedRowsQuery, DATE_LAYOUT, datedColumns, readCsv, readCsvMacros, REJECTS, SCANS } from './read/read-csv-sql.ts';
import { noRowsNote, pastLimits, repeatedKeyReason } from './read/row-checks.ts';
import { findSignatureRow, isBlank, mapColumns, missingHeaderError, preambleLines, readGrids } from './read/table.ts';
import type { DateFormat } from './read/values.ts';
import { detectionBytes } from './index.ts';
import { isWorkbook } from './read/grid.ts';

export interface ReadCsvPlan {
  ok: true;
  header: string[];
  /** 1-based line of the header row. */
  headerLine: number;
  delimiter: string;
  /** Adapter column name → position in the header. */
  positions: Map<string, number>;
  /** The rows above the header, as `locateTable` gives them to the adapter's `fileFacts`. */
  preamble: string[];
  /** The decimal mark most numeric cells of the first rows show (`decimalMarksShown`), in which the file is typed. */
  firstRowsDecimalMark: DecimalMark | null;
  /**
   * What the loader checks DuckDB's reading against, taken from the bytes as the file is
   * planned, so that they need not be held while DuckDB reads the file: its lines as
   * papaparse numbers them, whether it holds a quote, and whether a row under the header
   * starts with `#` after a line break (`hashRowAfter`).
   */
  file: { lines: number; hasQuote: boolean; hashRowUnderHeader: boolean };
}

export type ReadCsvDecision = ReadCsvPlan | { ok: false; reason: string };

/** Whether `read_csv` can take this file for this adapter, and how; else why not. */
export function planReadCsv(bytes: Uint8Array, adapter: Adapter, fileName: string): ReadCsvDecision {
  const unfit = adapterUnfit(adapter);
  if (unfit) return { ok: false, reason: unfit };
  if (isWorkbook(bytes)) return { ok: false, reason: 'it is a workbook' };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, reason: 'it is UTF-16' };
  if (bytes.subarray(0, 4096).includes(0)) return { ok: false, reason: 'it holds NUL bytes (UTF-16 without a byte-order mark, or damaged)' };
  if (!isUtf8(bytes)) return { ok: false, reason: 'it is not valid UTF-8 (Windows-1252 from older Excel?)' };
  const grid = readGrids(detectionBytes(bytes), fileName)[0]!;
  const headerIndex = findSignatureRow(grid, adapter.signature);
  if (headerIndex < 0) throw missingHeaderError(fileName, adapter);
  const headerRow = grid.rows[headerIndex]!;
  const preamble = grid.rows.slice(0, headerIndex);
  if (/^"?sep=/i.test(new TextDecoder().decode(bytes.subarray(0, 8).filter((byte) => byte !== 0xef && byte !== 0xbb && byte !== 0xbf)))) {
    return { ok: false, reason: 'it starts with an Excel "sep=" line' };
  }
  // DuckDB's `skip` skips lines; papaparse's rows above the header are those lines only when no quote joins them.
  const headerStart = lineStart(bytes, headerRow.line);
  if (preamble.some((row, index) => row.line !== index + 1) || bytes.subarray(0, headerStart).includes(0x22)) {
    return { ok: false, reason: 'a line above the header holds a quote' };
  }
  const header = headerRow.cells;
  const positions = mapColumns({ header, headerLine: headerRow.line }, adapter, fileName);
  const firstRows = grid.rows
    .slice(headerIndex + 1)
    .filter((row) => !isBlank(row.cells) && !adapter.isSummaryRow?.(row.cells))
    .slice(0, FIRST_ROWS);
  return {
    ok: true,
    header,
    headerLine: headerRow.line,
    delimiter: grid.delimiter ?? ',',
    positions,
    preamble: preambleLines(preamble),
    firstRowsDecimalMark: decimalMarksShown(numericCells(firstRows, adapter, positions)).majority,
    file: { lines: countLines(bytes), hasQuote: bytes.includes(0x22), hashRowUnderHeader: hashRowAfter(bytes, headerStart) },
  };
}

/** The rows whose numbers give the decimal mark the file is typed in; the whole file's is checked after. */
const FIRST_ROWS = 100;

function adapterUnfit(adapter: Adapter): string | null {
  const jsOnly =
    adapter.locateTable ||
    adapter.companions?.length ||
    adapter.sheet ||
    (adapter.isSummaryRow && !adapter.sqlHooks?.isSummaryRow) ||
    (adapter.transformRow && !adapter.sqlHooks?.transformRow);
  if (jsOnly) return `the ${adapter.name} adapter has hooks that run in JS only`;
  if (holdsPeople(adapter)) return `the ${adapter.name} adapter's rows hold people's data, which the JS reader hashes and masks`;
  const column = adapter.columns.find((one) => !SQL_TYPES.has(one.type) || (one.type === 'money' && one.currency !== undefined));
  return column ? `column ${column.name} needs the JS reader (${column.type === 'money' ? "money in the row's currency" : column.type})` : null;
}

const SQL_TYPES: ReadonlySet<ColumnType> = new Set(['text', 'url', 'date', 'timestamp', 'integer', 'number', 'percent', 'money']);

export interface ReadCsvOptions extends LoadOptions {
  /** When the whole file is rejected. */
  rejectLimit: RejectLimit;
}

export type ReadCsvLanded =
  | {
      status: 'landed';
      rows: StagedRows;
      rowsLoaded: number;
      rowsRejected: number;
      rowsSkipped: number;
      notes: string[];
      periodStart: string | null;
      periodEnd: string | null;
    }
  | { status: 'fallback'; reason: string };

const CHECKED = 'temp._read_csv_checked';

/**
 * Step 1, outside any transaction: reads the file, types and checks every row in one
 * pass into a temp table, and reads the rejected rows again in JS; or says why the file
 * needs the papaparse path after all. Throws when too many rows are bad.
 */
export async function stageReadCsv(warehouse: Warehouse, path: string, adapter: Adapter, plan: ReadCsvPlan, options: ReadCsvOptions): Promise<ReadCsvLanded> {
  const width = plan.header.length;
  const limits = pastLimits(options.now ?? new Date());
  const facts: FileFacts =
    adapter.fileFacts?.({ fileName: options.fileName, folderName: options.folderName, preamble: plan.preamble, timezone: options.timezone }) ?? {};
  const reading = {
    timezone: options.timezone,
    marks: decimalMarks({ majority: plan.firstRowsDecimalMark, examples: {} }, plan.delimiter, options.locale),
    currency: options.currency ?? null,
  };
  // Rows are kept in the file's order (DuckDB preserves insertion order), so a row's position is its rowid.
  await warehouse.run(
    `${DROP_TABLES} ${readCsvMacros()}
     create temp table _read_csv_repeats (_rowid bigint, _first_line integer, _cells varchar[]);
     create temp table _read_csv_checked as ${checkedRowsQuery(path, adapter, plan, { reading, facts, limits, fileHasQuote: plan.file.hasQuote })}`,
  );
  const dated = datedColumns(adapter, plan);
  const inTable = 'not _blank and not _summary';
  const key = adapter.naturalKey
    .map((name) => (adapter.columns.find((one) => one.name === name)?.type === 'text' ? `coalesce(${quotedIdentifier(name)}, '')` : quotedIdentifier(name)))
    .join(', ');
  const counts = await warehouse.one<FileCounts>(
    `select count(*)::integer as read, coalesce(sum(_newlines), 0)::integer as newlines, count(*) filter (where _blank)::integer as blank,
       count(*) filter (where _summary)::integer as skipped, count(*) filter (where ${inTable})::integer as rows, count(*) filter (where _failed)::integer as failed,
       coalesce(sum(_dots) filter (where ${inTable}), 0)::integer as dots, coalesce(sum(_commas) filter (where ${inTable}), 0)::integer as commas,
       arg_min(_dot_example, rowid) filter (where ${inTable} and _dot_example is not null) as dot_example,
       arg_min(_comma_example, rowid) filter (where ${inTable} and _comma_example is not null) as comma_example,
       [${dated.map((index) => `bool_or(_layout${index} = ${DATE_LAYOUT.compact}) filter (where ${inTable}) is true`).join(', ')}]::boolean[] as compact,
       [${dated.map((index) => `bool_or(_layout${index} = ${DATE_LAYOUT.notADate}) filter (where ${inTable}) is true`).join(', ')}]::boolean[] as not_a_date,
       [${dated.map((index) => `bool_or(_layout${index} = ${DATE_LAYOUT.other}) filter (where ${inTable}) is true`).join(', ')}]::boolean[] as other_layout,
       (select count(*) from temp.${REJECTS})::integer as structural, (select min(line) from temp.${REJECTS})::integer as structural_line,
       (select min(error_type)::varchar from temp.${REJECTS}) as structural_kind,
       (select coalesce(sum(n - 1), 0) from (select count(*) as n from ${CHECKED} where ${inTable} and not _failed group by ${key} having count(*) > 1))::integer as repeats
     from ${CHECKED}`,
  );
  if (!counts) throw new Error('the read_csv counts query returned no row');
  if (counts.structural > 0) {
    return {
      status: 'fallback',
      reason: `DuckDB found ${counts.structural} rows it cannot split into the header's ${width} fields (first near row ${counts.structural_line}: ${counts.structural_kind})`,
    };
  }
  const fallback = whyPapaparse(
    counts,
    plan,
    dated.map((index) => adapter.columns[index]!),
  );
  if (fallback) return { status: 'fallback', reason: fallback };

  // Each row's line; the first of rows with the same natural key wins, the others are rejected.
  const rows: StagedRows = {
    lined:
      counts.newlines === 0
        ? `(select *, rowid as _rowid, (${plan.headerLine + 1} + rowid)::integer as _line from ${CHECKED})`
        : `(select *, rowid as _rowid, (${plan.headerLine + 1} + rowid + coalesce(sum(_newlines) over (order by rowid rows between unbounded preceding and 1 preceding), 0))::integer as _line from ${CHECKED})`,
    rejected: [],
  };
  // Rare, so their cells are read again from the file rather than kept for every row.
  if (counts.repeats > 0) {
    await warehouse.run(
      `create temp table _read_csv_again as select * from ${readCsv(path, plan)};
       insert into _read_csv_repeats select repeats._rowid, _first_line, ${cellList(width)}
       from (
         select _rowid, _line, min(_line) over (partition by ${key}) as _first_line from ${rows.lined} where ${inTable} and not _failed
       ) repeats join (select rowid as _rowid, * from _read_csv_again) again on again._rowid = repeats._rowid
       where _first_line <> _line`,
    );
  }
  if (counts.failed + counts.repeats > 0) {
    const reader = rowReader({
      adapter,
      header: plan.header,
      positions: plan.positions,
      facts,
      dateFormats: new Map(dated.map((index, at) => [adapter.columns[index]!.name, counts.compact[at] ? 'ymd_compact' : 'iso'] as [string, DateFormat])),
      marks: decimalMarks(fileMarksShown(counts), plan.delimiter, options.locale),
      limits,
      options,
    });
    const worded = await rejectedRows(warehouse, adapter, rows, reader);
    if (!Array.isArray(worded)) return { status: 'fallback', reason: worded.disagreement };
    rows.rejected = worded;
  }
  const rejected = rows.rejected.length;
  if (exceedsRejectLimit(rejected, counts.rows, options.rejectLimit)) {
    throw tooManyRejectedError(options.fileName, rejected, counts.rows, options.rejectLimit, rows.rejected[0]!);
  }
  const notes = counts.rows === 0 ? [noRowsNote(plan.headerLine)] : [];
  const dateColumn = adapter.columns.find((column) => column.type === 'date' || column.type === 'timestamp');
  const period =
    statedPeriod(facts) ??
    (dateColumn
      ? await warehouse.one<{ periodStart: string | null; periodEnd: string | null }>(
          `select strftime(min(${localDay(dateColumn, options.timezone)}), '%Y-%m-%d') as "periodStart", strftime(max(${localDay(dateColumn, options.timezone)}), '%Y-%m-%d') as "periodEnd"
           from ${loadedRows(rows)}`,
        )
      : undefined);
  return {
    status: 'landed',
    rows,
    rowsLoaded: counts.rows - rejected,
    rowsRejected: rejected,
    rowsSkipped: counts.skipped,
    notes,
    periodStart: period?.periodStart ?? null,
    periodEnd: period?.periodEnd ?? null,
  };
}

/** What the loader counts of a staged file, to check that DuckDB read it as papaparse would. */
interface FileCounts {
  read: number;
  newlines: number;
  blank: number;
  skipped: number;
  rows: number;
  failed: number;
  dots: number;
  commas: number;
  dot_example: string | null;
  comma_example: string | null;
  /** For each date column the file has (`datedColumns`): whether it holds a `YYYYMMDD`, a value that is not a date, another layout. */
  compact: boolean[];
  not_a_date: boolean[];
  other_layout: boolean[];
  structural: number;
  structural_line: number | null;
  structural_kind: string | null;
  /** Rows whose natural key a row above them has. */
  repeats: number;
}

/** Why the staged file needs the papaparse path after all: something in it DuckDB read, or the SQL typed, otherwise than papaparse would. */
function whyPapaparse(counts: FileCounts, plan: ReadCsvPlan, dated: readonly ColumnSpec[]): string | null {
  if (plan.headerLine + counts.read + counts.newlines !== plan.file.lines)
    return 'blank lines or lines DuckDB skipped, so its row positions are not line numbers';
  // papaparse ends the table at a blank row followed by a row that starts with `#` (GA4 stacks tables so).
  if (counts.blank > 0 && plan.file.hashRowUnderHeader) return 'it has blank rows and a row starting with # under the header';
  const other = dated.find((_, at) => counts.other_layout[at]);
  if (other) return `${other.name} holds dates in a layout other than YYYY-MM-DD and YYYYMMDD`;
  const mixed = dated.find((_, at) => counts.compact[at] && counts.not_a_date[at]);
  if (mixed) return `${mixed.name} holds YYYYMMDD dates and values that are not dates, whose layout papaparse chooses from all of them`;
  if (fileMarksShown(counts).majority !== plan.firstRowsDecimalMark) return 'the decimal mark of its numbers is not the one its first rows show';
  return null;
}

/** The decimal marks the file's numeric cells show (`decimalMarksShown`), from its counts. */
function fileMarksShown(counts: FileCounts): DecimalMarksShown {
  return {
    majority: majorityMark({ '.': counts.dots, ',': counts.commas }),
    examples: { ...(counts.dot_example === null ? {} : { '.': counts.dot_example }), ...(counts.comma_example === null ? {} : { ',': counts.comma_example }) },
  };
}

/** A date or timestamp column's value as the program's calendar day (timestamps are UTC instants). */
function localDay(column: ColumnSpec, timezone: string): string {
  const value = quotedIdentifier(column.name);
  return column.type === 'timestamp' ? `timezone(${quotedString(timezone)}, ${value} at time zone 'UTC')::date` : value;
}

/** The staged rows with their lines (a subquery over the temp table), and the rejected ones as `meta.rejected_rows` keeps them. */
export interface StagedRows {
  lined: string;
  rejected: RejectedRow[];
}

/** The rows that load: in the table, not failed, the first with their natural key; in the file's order. */
function loadedRows(rows: StagedRows): string {
  return `(select k.* from ${rows.lined} k anti join temp._read_csv_repeats r on r._rowid = k._rowid where not k._blank and not k._summary and not k._failed)`;
}

/** Step 2, inside the file's transaction: the good rows into the raw table, the bad ones into `meta.rejected_rows`. */
export async function landReadCsv(
  warehouse: Warehouse,
  fileId: number,
  path: string,
  adapter: Adapter,
  plan: ReadCsvPlan,
  rows: StagedRows,
  dataColumns: readonly string[],
): Promise<void> {
  const fileName = basename(path);
  const filled = new Set([
    ...adapter.columns.map((column) => column.name),
    ...(adapter.derivedColumns ?? []).map((column) => column.name),
    ...(adapter.keepExtraColumns ? ['_extra'] : []),
  ]);
  const hasExtra = adapter.keepExtraColumns && plan.header.some((label, index) => label.trim() !== '' && ![...plan.positions.values()].includes(index));
  const select = dataColumns.map((name) => (filled.has(name) && (name !== '_extra' || hasExtra) ? quotedIdentifier(name) : 'null'));
  await warehouse.run(
    `insert into raw.${quotedIdentifier(rawTableName(adapter))}
     select $fileId, $fileName, _line, $loadedAt::timestamp, ${select.join(', ')}
     from ${loadedRows(rows)}`,
    { fileId, fileName, loadedAt: new Date().toISOString().replace('T', ' ').replace('Z', '') },
  );
  await warehouse.append(
    'meta',
    'rejected_rows',
    rows.rejected.map((row) => [fileId, fileName, row.line, row.field, row.value, row.reason, row.raw]),
  );
}

export async function dropReadCsvTables(warehouse: Warehouse): Promise<void> {
  await warehouse.run(DROP_TABLES);
}

const DROP_TABLES = `drop table if exists ${CHECKED}; drop table if exists temp._read_csv_repeats; drop table if exists temp._read_csv_again;
  drop table if exists temp.${REJECTS}; drop table if exists temp.${SCANS};`;

/**
 * The rejected rows, in line order: each row the SQL failed read again by the papaparse
 * path's row reader, which words it; a repeated natural key as that path words it. Should
 * the reader read a failed row, the two paths disagree, and the file goes through papaparse.
 */
async function rejectedRows(warehouse: Warehouse, adapter: Adapter, staged: StagedRows, reader: RowReader): Promise<RejectedRow[] | { disagreement: string }> {
  const key = adapter.naturalKey.map((name) => {
    const column = adapter.columns.find((one) => one.name === name);
    return column?.type === 'timestamp'
      ? `coalesce(strftime(k.${quotedIdentifier(name)}, '%Y-%m-%dT%H:%M:%S.%gZ'), '')`
      : column?.type === 'date'
        ? `coalesce(strftime(k.${quotedIdentifier(name)}, '%Y-%m-%dT00:00:00.000Z'), '')`
        : `coalesce(k.${quotedIdentifier(name)}::varchar, '')`;
  });
  const rows = await warehouse.all<{ line: number; failed: boolean; first_line: number | null; cells: string[]; key: string }>(
    `select k._line as line, k._failed as failed, r._first_line as first_line, coalesce(k._cells, r._cells) as cells, concat_ws(', ', ${key}) as key
     from ${staged.lined} k left join temp._read_csv_repeats r on r._rowid = k._rowid
     where k._failed or r._rowid is not null order by k._line`,
  );
  const rejected: RejectedRow[] = [];
  for (const { line, failed, first_line, cells, key: value } of rows) {
    const row = { line, cells };
    const rejection = failed ? reader.read(row) : rejectRow(repeatedKeyReason(adapter.naturalKey, first_line), adapter.naturalKey.join(', '), value);
    if (!isRejection(rejection)) return { disagreement: `DuckDB rejected line ${line}, which the JS reader reads` };
    rejected.push(reader.rejected(row, rejection));
  }
  return rejected;
}

/** Lines as papaparse's grid numbers them: line breaks, plus one when the last line has none. */
function countLines(bytes: Uint8Array): number {
  let count = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) count += 1;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) count += 1;
  return count;
}

/**
 * Whether a line break at or after `from` is followed by an optional quote, white space and
 * `#`: what `/\n"?\s*#/` finds in the text from `from` on, found in its UTF-8 bytes without
 * decoding them (white space as JS's `\s`, line breaks included).
 */
export function hashRowAfter(bytes: Uint8Array, from: number): boolean {
  for (let hash = bytes.indexOf(0x23, from); hash !== -1; hash = bytes.indexOf(0x23, hash + 1)) {
    let start = hash;
    for (let width = whiteSpaceEndingAt(bytes, start); width > 0; width = whiteSpaceEndingAt(bytes, start)) {
      start -= width;
      // The nearest line break in the white space before `#` starts a match, if any does.
      if (bytes[start] === 0x0a) {
        if (start >= from) return true;
        break;
      }
    }
    if (bytes[start] !== 0x0a && start - 2 >= from && bytes[start - 1] === 0x22 && bytes[start - 2] === 0x0a) return true;
  }
  return false;
}

/** The UTF-8 length of the white-space character (JS's `\s`) that ends just before `end`, or 0. */
function whiteSpaceEndingAt(bytes: Uint8Array, end: number): number {
  const last = bytes[end - 1];
  if (last === undefined) return 0;
  if (last === 0x20 || (last >= 0x09 && last <= 0x0d)) return 1;
  if (end >= 2 && bytes[end - 2] === 0xc2 && last === 0xa0) return 2;
  if (end < 3) return 0;
  const [lead, middle] = [bytes[end - 3]!, bytes[end - 2]!];
  const threeByte =
    (lead === 0xe1 && middle === 0x9a && last === 0x80) || // U+1680
    (lead === 0xe2 && middle === 0x80 && ((last >= 0x80 && last <= 0x8a) || last === 0xa8 || last === 0xa9 || last === 0xaf)) || // U+2000-200A, 2028, 2029, 202F
    (lead === 0xe2 && middle === 0x81 && last === 0x9f) || // U+205F
    (lead === 0xe3 && middle === 0x80 && last === 0x80) || // U+3000
    (lead === 0xef && middle === 0xbb && last === 0xbf); // U+FEFF
  return threeByte ? 3 : 0;
}

/** The offset of the first byte of a 1-based line (the end of the bytes when there are fewer lines). */
function lineStart(bytes: Uint8Array, line: number): number {
  let offset = 0;
  for (let passed = 1; passed < line; passed += 1) {
    const end = bytes.indexOf(0x0a, offset);
    if (end === -1) return bytes.length;
    offset = end + 1;
  }
  return offset;
}
