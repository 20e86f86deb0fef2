/**
 * The DuckDB `read_csv` loader, for adapters that declare `loader: 'read_csv'`: big,
 * clean files (the touchpoints file) that DuckDB reads far faster than papaparse and
 * JS can. The result is the same as `sources/parse.ts` gives for the same file: the
 * same raw rows (trimmed text, UTC timestamps, `_extra` JSON, lineage) and the same
 * rejected rows with the same line numbers and reasons.
 *
 * How:
 * 1. `planReadCsv` sniffs the file's start in JS (the shared `readGrids` and
 *    `findSignatureRow`): the header line, the delimiter, and each adapter column's
 *    position (by name, without regard to case, like `mapColumns`). It declines, and
 *    the papaparse path takes the file, when DuckDB would read it differently from
 *    papaparse: not UTF-8 (UTF-16, Windows-1252), or an adapter with hooks, personal
 *    columns or column types other than text, date and timestamp.
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
 *    value, a date that is not one, a past event after tomorrow), the time zone
 *    (`timezone()`), and the first-wins natural key are set work in SQL, built by
 *    `read/read-csv-sql.ts`. Only rejected rows come to JS, to word their reasons.
 */
import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import { quotedIdentifier, quotedString, type Warehouse } from '../pipelines/warehouse.ts';
import { rawTableName, type Adapter, type ColumnSpec } from './adapter.ts';
import { exceedsRejectLimit, maskRejectedRow, tooManyRejectedError, type RejectLimit } from './parse.ts';
import { checkedRowsQuery, jsTrimMacro, rawText, readCsv, REJECTS, SCANS } from './read/read-csv-sql.ts';
import {
  afterTomorrowProblem,
  columnLabel,
  describeType,
  MAX_CELL_CHARS,
  MAX_REJECTED_RAW_CHARS,
  MAX_REJECTED_VALUE_CHARS,
  noRowsNote,
  nulCharacterReason,
  overlongCellReason,
  pastLimit,
  pastLimits,
  repeatedKeyReason,
  requiredValueReason,
  shorten,
  type PastLimits,
} from './read/row-checks.ts';
import { findSignatureRow, mapColumns, missingHeaderError, readGrids } from './read/table.ts';
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
  if (grid.rows.slice(0, headerIndex).some((row) => row.cells.length > 1 || row.line !== grid.rows.indexOf(row) + 1)) {
    return { ok: false, reason: 'it has a preamble above the header' };
  }
  if (/^"?sep=/i.test(new TextDecoder().decode(bytes.subarray(0, 8).filter((byte) => byte !== 0xef && byte !== 0xbb && byte !== 0xbf)))) {
    return { ok: false, reason: 'it starts with an Excel "sep=" line' };
  }
  const header = headerRow.cells;
  const positions = mapColumns({ header, headerLine: headerRow.line }, adapter, fileName);
  return { ok: true, header, headerLine: headerRow.line, delimiter: grid.delimiter ?? ',', positions };
}

function adapterUnfit(adapter: Adapter): string | null {
  if (adapter.transformRow || adapter.fileFacts || adapter.locateTable || adapter.isSummaryRow || adapter.companions?.length || adapter.sheet) {
    return `the ${adapter.name} adapter has hooks that run in JS`;
  }
  if (adapter.derivedColumns?.length) return `the ${adapter.name} adapter has derived columns`;
  const column = adapter.columns.find((one) => one.personal || !['text', 'date', 'timestamp'].includes(one.type));
  return column ? `column ${column.name} needs the JS reader (${column.personal ? 'personal' : column.type})` : null;
}

export interface ReadCsvOptions {
  fileName: string;
  timezone: string;
  /** When the whole file is rejected. */
  rejectLimit: RejectLimit;
  /** Hashes e-mail addresses found in rejected rows (`maskRejectedRow`). */
  salt: string | null;
  /**
   * The time the file is read, against which dates of past events are checked.
   * __Default value:__ the current time
   */
  now?: Date;
}

export type ReadCsvLanded =
  | { status: 'landed'; rows: StagedRows; rowsLoaded: number; rowsRejected: number; notes: string[]; periodStart: string | null; periodEnd: string | null }
  | { status: 'fallback'; reason: string };

const CHECKED = 'temp._read_csv_checked';

/**
 * Step 1, outside any transaction: reads the file, types and checks every row in one
 * pass into a temp table. Returns `fallback` when the papaparse path must take the file.
 * Throws `BadInputError` when too many rows are bad. Call `landReadCsv` next, inside
 * the file's transaction, then `dropReadCsvTables`.
 */
export async function stageReadCsv(
  warehouse: Warehouse,
  path: string,
  bytes: Uint8Array,
  adapter: Adapter,
  plan: ReadCsvPlan,
  options: ReadCsvOptions,
): Promise<ReadCsvLanded> {
  const width = plan.header.length;
  await dropReadCsvTables(warehouse);
  const limits = pastLimits(options.now ?? new Date());
  // Rows are kept in the file's order (DuckDB preserves insertion order), so a row's position is its rowid.
  await warehouse.run(
    `create temp table _read_csv_checked as ${checkedRowsQuery(path, adapter, plan, { timezone: options.timezone, limits, fileHasQuote: bytes.includes(0x22) })}`,
  );
  const structural = await warehouse.one<{ n: number; line: number | null; kind: string | null }>(
    `select count(*)::integer as n, min(line)::integer as line, min(error_type)::varchar as kind from temp.${REJECTS}`,
  );
  if (structural && structural.n > 0) {
    return {
      status: 'fallback',
      reason: `DuckDB found ${structural.n} rows it cannot split into the header's ${width} fields (first near row ${structural.line}: ${structural.kind})`,
    };
  }
  const counts = await warehouse.one<{ read: number; newlines: number; other_layout: number; rows: number; failed: number }>(
    `select count(*)::integer as read, coalesce(sum(_newlines), 0)::integer as newlines, count(*) filter (where _other_layout)::integer as other_layout,
       count(*) filter (where not _blank)::integer as rows, count(_failure)::integer as failed
     from ${CHECKED}`,
  );
  if (!counts || plan.headerLine + counts.read + counts.newlines !== countLines(bytes)) {
    return { status: 'fallback', reason: 'blank lines or lines DuckDB skipped, so its row positions are not line numbers' };
  }
  if (counts.other_layout > 0) return { status: 'fallback', reason: 'a date column holds dates in a layout other than YYYY-MM-DD' };

  // Each row's line; the first of rows with the same natural key wins, the others are rejected.
  const rows: StagedRows = {
    limits,
    lined:
      counts.newlines === 0
        ? `(select *, rowid as _rowid, (${plan.headerLine + 1} + rowid)::integer as _line from ${CHECKED})`
        : `(select *, rowid as _rowid, (${plan.headerLine + 1} + rowid + coalesce(sum(_newlines) over (order by rowid rows between unbounded preceding and 1 preceding), 0))::integer as _line from ${CHECKED})`,
  };
  const key = adapter.naturalKey
    .map((name) => (adapter.columns.find((one) => one.name === name)?.type === 'text' ? `coalesce(${quotedIdentifier(name)}, '')` : quotedIdentifier(name)))
    .join(', ');
  const repeated = await warehouse.one<{ n: number }>(
    `select count(*)::integer as n from (select 1 from ${CHECKED} where _failure is null and not _blank group by ${key} having count(*) > 1)`,
  );
  // Rare, so their text is read again from the file rather than kept for every row.
  await warehouse.run(
    repeated && repeated.n > 0
      ? `create temp table _read_csv_again as select * from ${readCsv(path, plan)};
         create temp table _read_csv_repeats as select repeats._rowid, _first_line, ${rawText(width)} as _raw
         from (
           select _rowid, _line, min(_line) over (partition by ${key}) as _first_line from ${rows.lined} where _failure is null and not _blank
         ) repeats join (select rowid as _rowid, * from _read_csv_again) again on again._rowid = repeats._rowid
         where _first_line <> _line`
      : `create temp table _read_csv_repeats (_rowid bigint, _first_line integer, _raw varchar)`,
  );
  const loaded = (await warehouse.one<{ n: number }>(`select count(*)::integer as n from ${loadedRows(rows)}`))?.n ?? 0;
  const rejected = counts.rows - loaded;
  const notes = counts.rows === 0 ? [noRowsNote(plan.headerLine)] : [];
  if (exceedsRejectLimit(rejected, counts.rows, options.rejectLimit)) {
    const [first] = await rejectedRows(warehouse, adapter, plan, rows, options.salt, 1);
    throw tooManyRejectedError(options.fileName, rejected, counts.rows, options.rejectLimit, first!);
  }
  const dateColumn = adapter.columns.find((column) => column.type === 'date' || column.type === 'timestamp');
  const period = dateColumn
    ? await warehouse.one<{ start: string | null; end: string | null }>(
        `select strftime(min(${localDay(dateColumn, options.timezone)}), '%Y-%m-%d') as start, strftime(max(${localDay(dateColumn, options.timezone)}), '%Y-%m-%d') as "end"
         from ${loadedRows(rows)}`,
      )
    : undefined;
  return { status: 'landed', rows, rowsLoaded: loaded, rowsRejected: rejected, notes, periodStart: period?.start ?? null, periodEnd: period?.end ?? null };
}

/** A date or timestamp column's value as the program's calendar day (timestamps are UTC instants). */
function localDay(column: ColumnSpec, timezone: string): string {
  const value = quotedIdentifier(column.name);
  return column.type === 'timestamp' ? `timezone(${quotedString(timezone)}, ${value} at time zone 'UTC')::date` : value;
}

/** The staged rows with their lines: a subquery over the temp table, and the limits their past events were checked against. */
export interface StagedRows {
  lined: string;
  limits: PastLimits;
}

/** The rows that load: not blank, no failure, the first with their natural key; in the file's order. */
function loadedRows(rows: StagedRows): string {
  return `(select k.* from ${rows.lined} k anti join temp._read_csv_repeats r on r._rowid = k._rowid where not k._blank and k._failure is null)`;
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
  salt: string | null,
): Promise<void> {
  const fileName = basename(path);
  const present = new Set([...adapter.columns.map((column) => column.name), ...(adapter.keepExtraColumns ? ['_extra'] : [])]);
  const hasExtra = adapter.keepExtraColumns && plan.header.some((label, index) => label.trim() !== '' && ![...plan.positions.values()].includes(index));
  const select = dataColumns.map((name) => (present.has(name) && (name !== '_extra' || hasExtra) ? quotedIdentifier(name) : 'null'));
  await warehouse.run(
    `insert into raw.${quotedIdentifier(rawTableName(adapter))}
     select $fileId, $fileName, _line, $loadedAt::timestamp, ${select.join(', ')}
     from ${loadedRows(rows)}`,
    { fileId, fileName, loadedAt: new Date().toISOString().replace('T', ' ').replace('Z', '') },
  );
  const rejected = await rejectedRows(warehouse, adapter, plan, rows, salt);
  await warehouse.append(
    'meta',
    'rejected_rows',
    rejected.map((row) => [fileId, fileName, row.line, row.field, row.value, row.reason, row.raw]),
  );
}

export async function dropReadCsvTables(warehouse: Warehouse): Promise<void> {
  await warehouse.run(
    `drop table if exists ${CHECKED}; drop table if exists temp._read_csv_repeats; drop table if exists temp._read_csv_again; drop table if exists temp.${REJECTS}; drop table if exists temp.${SCANS};
     ${jsTrimMacro()}`,
  );
}

interface Rejected {
  line: number;
  field: string | null;
  value: string | null;
  reason: string;
  raw: string;
}

/** The rejected rows, worded as the papaparse path words them (`read/row-checks.ts`). */
async function rejectedRows(
  warehouse: Warehouse,
  adapter: Adapter,
  plan: ReadCsvPlan,
  staged: StagedRows,
  salt: string | null,
  limit?: number,
): Promise<Rejected[]> {
  const key = adapter.naturalKey.map((name) => {
    const column = adapter.columns.find((one) => one.name === name);
    return column?.type === 'timestamp'
      ? `coalesce(strftime(k.${quotedIdentifier(name)}, '%Y-%m-%dT%H:%M:%S.%gZ'), '')`
      : column?.type === 'date'
        ? `coalesce(strftime(k.${quotedIdentifier(name)}, '%Y-%m-%dT00:00:00.000Z'), '')`
        : `coalesce(k.${quotedIdentifier(name)}::varchar, '')`;
  });
  const rows = await warehouse.all<{
    line: number;
    failure: { kind: string; field: string | null; value: string | null } | null;
    first_line: number | null;
    raw: string;
    cells: string[];
    key: string;
  }>(
    `select k._line as line, k._failure as failure, r._first_line as first_line, coalesce(k._raw, r._raw) as raw, k._cells as cells,
       concat_ws(', ', ${key}) as key
     from ${staged.lined} k left join temp._read_csv_repeats r on r._rowid = k._rowid
     where not k._blank and (k._failure is not null or r._rowid is not null) order by k._line ${limit ? `limit ${limit}` : ''}`,
  );
  const columns = new Map(adapter.columns.map((column) => [column.name, column]));
  return rows.map((row) => maskRejectedRow(rejectedRow(row), salt));

  function rejectedRow(row: (typeof rows)[number]): Rejected {
    const raw = shorten(row.raw, MAX_REJECTED_RAW_CHARS);
    const failure = row.failure;
    if (!failure) {
      return {
        line: row.line,
        field: adapter.naturalKey.join(', '),
        value: shorten(row.key, MAX_REJECTED_VALUE_CHARS),
        reason: repeatedKeyReason(adapter.naturalKey, row.first_line),
        raw,
      };
    }
    if (failure.kind === 'nul') {
      const index = row.cells.findIndex((cell) => cell.includes('\u0000'));
      return { line: row.line, field: null, value: null, raw, reason: nulCharacterReason(columnLabel(plan.header, index)) };
    }
    if (failure.kind === 'long') {
      const index = row.cells.findIndex((cell) => cell.length > MAX_CELL_CHARS);
      return { line: row.line, field: null, value: null, raw, reason: overlongCellReason(columnLabel(plan.header, index), row.cells[index]!.length) };
    }
    const column = columns.get(failure.field!)!;
    const value = failure.value === null ? null : shorten(failure.value, MAX_REJECTED_VALUE_CHARS);
    const header = column.headers[0];
    if (failure.kind === 'required') return { line: row.line, field: column.name, value, raw, reason: requiredValueReason(header!) };
    if (failure.kind === 'parse')
      return { line: row.line, field: column.name, value, raw, reason: `"${failure.value}" in ${header} is not ${describeType(column.type, 'iso')}` };
    return {
      line: row.line,
      field: column.name,
      value,
      raw,
      reason: `"${failure.value}" in ${header} ${afterTomorrowProblem(pastLimit(column, staged.limits))}`,
    };
  }
}

/** Lines as papaparse's grid numbers them: line breaks, plus one when the last line has none. */
function countLines(bytes: Uint8Array): number {
  let count = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) count += 1;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) count += 1;
  return count;
}
