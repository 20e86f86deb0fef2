/**
 * The DuckDB `read_csv` loader, for adapters that declare `loader: 'read_csv'`: big,
 * clean files (the touchpoints file) that DuckDB reads far faster than papaparse and
 * JS can. The result is the same as `sources/load.ts` gives for the same file: the
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
 * 3. Typing, the checks of `load.ts` (NUL, overlong cell, empty required value, a date
 *    that is not one, a past event after tomorrow), the time zone (`timezone()`), and
 *    the first-wins natural key are set work in SQL. Only rejected rows come to JS,
 *    to word their reasons.
 */
import { isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import { BadInputError } from '../pipelines/errors.ts';
import { quotedString, type Warehouse } from '../pipelines/warehouse.ts';
import { rawTableName, type Adapter, type ColumnSpec } from './adapter.ts';
import { exceedsRejectLimit, findSignatureRow, describeSignature, mapColumns, maskRejectedRow, MAX_CELL_CHARS, readGrids, recordsPastEvent, tooManyRejectedError, type RejectLimit } from './load.ts';
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
  if (headerIndex < 0) {
    throw new BadInputError(
      `${fileName} has no header row with ${describeSignature(adapter.signature)}, which a ${adapter.title} file must have; check that it is that export, unedited.`,
      fileName,
    );
  }
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
  now?: Date;
}

export type ReadCsvLanded =
  | { status: 'landed'; rows: StagedRows; rowsLoaded: number; rowsRejected: number; notes: string[]; periodStart: string | null; periodEnd: string | null }
  | { status: 'fallback'; reason: string };

const CHECKED = 'temp._read_csv_checked';
const REJECTS = '_read_csv_rejects';
const SCANS = '_read_csv_scans';

/** JS `String.prototype.trim`'s white space, for DuckDB's `trim(s, characters)`. */
const JS_WHITESPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const ISO_TIMESTAMP = String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(AM|PM|am|pm)?\s*(Z|[+-]\d{2}:?\d{2})?)?$`;
const ISO_SHAPE = String.raw`^\d{4}-\d{1,2}-\d{1,2}($|[T\s])`;

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
  const col = (index: number) => `c${index}`;
  await dropReadCsvTables(warehouse);
  const now = options.now ?? new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const limits = { instant: new Date(now.getTime() + 86_400_000), day: new Date(today + 86_400_000) };
  const declared = new Set(plan.positions.values());
  const extras = plan.header.map((label, index) => ({ label: label.trim(), index })).filter(({ label, index }) => label !== '' && !declared.has(index));
  const dateColumns = adapter.columns.filter((column) => (column.type === 'date' || column.type === 'timestamp') && plan.positions.has(column.name));

  // Per column: the trimmed text (_t), then the typed value (named as the column), then the first failure in column order.
  const trimmed: string[] = [];
  const typed: string[] = [];
  const failures: string[] = [];
  adapter.columns.forEach((column, index) => {
    const position = plan.positions.get(column.name);
    const text = `_t${index}`;
    const value = quoteName(column.name);
    trimmed.push(`${position === undefined ? `''` : `_js_trim(${col(position)})`} as ${text}`);
    typed.push(`case when ${text} = '' then null else ${typedValue(column, text, column.timezone ?? options.timezone)} end as ${value}`);
    const name = quotedString(column.name);
    if (column.required) failures.push(`when ${text} = '' then {'kind': 'required', 'field': ${name}, 'value': ''}`);
    if (column.type !== 'text') {
      failures.push(`when ${text} <> '' and ${value} is null then {'kind': 'parse', 'field': ${name}, 'value': ${text}}`);
      if (recordsPastEvent(column)) {
        const limit = column.type === 'date' ? `'${limits.day.toISOString().slice(0, 10)}'::date` : `'${limits.instant.toISOString().replace('T', ' ').replace('Z', '')}'::timestamp`;
        failures.push(`when ${text} <> '' and ${value} > ${limit} then {'kind': 'future', 'field': ${name}, 'value': ${text}}`);
      }
    }
  });
  const cells = plan.header.map((_, index) => `coalesce(${col(index)}, '')`);
  const structuralFailures = [
    `when ${cells.map((cell) => `contains(${cell}, chr(0))`).join(' or ')} then {'kind': 'nul', 'field': null, 'value': null}`,
    `when ${cells.map((cell) => `length(${cell}) > ${MAX_CELL_CHARS}`).join(' or ')} then {'kind': 'long', 'field': null, 'value': null}`,
  ];
  const extraJson = extras.length === 0 || !adapter.keepExtraColumns
    ? ''
    : `, case when ${extras.map(({ index }) => `coalesce(${col(index)}, '') = ''`).join(' and ')} then null
         else '{' || concat_ws(',', ${extras.map(({ label, index }) => `case when coalesce(${col(index)}, '') <> '' then ${quotedString(JSON.stringify(label))} || ':' || to_json(${col(index)})::varchar end`).join(', ')}) || '}' end as _extra`;
  const blank = plan.header
    .map((_, index) => {
      const column = adapter.columns.findIndex((one) => plan.positions.get(one.name) === index);
      return column >= 0 ? `_t${column} = ''` : `_js_trim(${col(index)}) = ''`;
    })
    .join(' and ');
  // A date column whose non-ISO values look like dates of another layout (D/M/YYYY ...) needs load.ts's format resolution.
  const otherLayout = dateColumns.length === 0
    ? 'false'
    : dateColumns
        .map((column) => {
          const text = `_t${adapter.columns.indexOf(column)}`;
          return `(not regexp_matches(${text}, '${ISO_SHAPE}') and regexp_matches(${text}, '^\\d'))`;
        })
        .join(' or ');
  // Line breaks inside quoted values shift the lines of the rows after them; without a quote in the file there are none.
  const newlines = bytes.includes(0x22)
    ? cells.map((cell) => `(length(${cell}) - length(replace(${cell}, chr(10), '')))`).join(' + ')
    : '0';
  // Rows are kept in the file's order (DuckDB preserves insertion order), so a row's position is its rowid.
  await warehouse.run(
    `create temp table _read_csv_checked as
     select ${adapter.columns.map((column) => quoteName(column.name)).join(', ')}${extraJson}, _failure, _blank, _other_layout, _newlines,
       case when _failure is not null then ${rawText(width)} end as _raw,
       case when _failure.kind in ('nul', 'long') then [${cells.join(', ')}] end as _cells
     from (
       select *,
         case when _blank then null else case ${[...structuralFailures, ...failures].join(' ')} end end as _failure,
         ${otherLayout} as _other_layout, (${newlines})::integer as _newlines
       from (
         select *, ${typed.join(', ')}, ${blank} as _blank
         from (
           select *, ${trimmed.join(', ')}
           from ${readCsv(path, plan)}
         )
       )
     )`,
  );
  const structural = await warehouse.one<{ n: number; line: number | null; kind: string | null }>(
    `select count(*)::integer as n, min(line)::integer as line, min(error_type)::varchar as kind from temp.${REJECTS}`,
  );
  if (structural && structural.n > 0) {
    return { status: 'fallback', reason: `DuckDB found ${structural.n} rows it cannot split into the header's ${width} fields (first near row ${structural.line}: ${structural.kind})` };
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
    lined: counts.newlines === 0
      ? `(select *, rowid as _rowid, (${plan.headerLine + 1} + rowid)::integer as _line from ${CHECKED})`
      : `(select *, rowid as _rowid, (${plan.headerLine + 1} + rowid + coalesce(sum(_newlines) over (order by rowid rows between unbounded preceding and 1 preceding), 0))::integer as _line from ${CHECKED})`,
  };
  const key = adapter.naturalKey
    .map((name) => (adapter.columns.find((one) => one.name === name)?.type === 'text' ? `coalesce(${quoteName(name)}, '')` : quoteName(name)))
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
  const notes = counts.rows === 0 ? [`the file has a header and no rows under it (line ${plan.headerLine}); nothing to load from it`] : [];
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
  const value = quoteName(column.name);
  return column.type === 'timestamp' ? `timezone(${quotedString(timezone)}, ${value} at time zone 'UTC')::date` : value;
}

/** The file's rows, every field as text, structural problems into the rejects table. */
function readCsv(path: string, plan: ReadCsvPlan): string {
  return `read_csv(${quotedString(path)},
    header = true, skip = ${plan.headerLine - 1}, delim = ${quotedString(plan.delimiter)}, quote = '"', escape = '"',
    auto_detect = false,
    columns = {${plan.header.map((_, index) => `${quotedString(`c${index}`)}: 'VARCHAR'`).join(', ')}},
    store_rejects = true, rejects_table = '${REJECTS}', rejects_scan = '${SCANS}')`;
}

/** A row's text as a rejected row shows it: its fields joined by commas. */
function rawText(width: number): string {
  return Array.from({ length: width }, (_, index) => `coalesce(c${index}, '')`).join(` || ',' || `);
}

/** The staged rows with their lines: a subquery over the temp table. */
export interface StagedRows {
  lined: string;
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
  const select = dataColumns.map((name) => (present.has(name) && (name !== '_extra' || hasExtra) ? quoteName(name) : 'null'));
  await warehouse.run(
    `insert into raw.${quoteName(rawTableName(adapter))}
     select $fileId, $fileName, _line, $loadedAt::timestamp, ${select.join(', ')}
     from ${loadedRows(rows)}`,
    { fileId, fileName, loadedAt: new Date().toISOString().replace('T', ' ').replace('Z', '') },
  );
  const rejected = await rejectedRows(warehouse, adapter, plan, rows, salt);
  await warehouse.append('meta', 'rejected_rows', rejected.map((row) => [fileId, fileName, row.line, row.field, row.value, row.reason, row.raw]));
}

export async function dropReadCsvTables(warehouse: Warehouse): Promise<void> {
  await warehouse.run(
    `drop table if exists ${CHECKED}; drop table if exists temp._read_csv_repeats; drop table if exists temp._read_csv_again; drop table if exists temp.${REJECTS}; drop table if exists temp.${SCANS};
     create or replace temp macro _js_trim(s) as case when s is null then ''
       when unicode(s) between 33 and 159 and unicode(right(s, 1)) between 33 and 159 then s
       else trim(s, ${quotedString(JS_WHITESPACE)}) end;`,
  );
}

interface Rejected {
  line: number;
  field: string | null;
  value: string | null;
  reason: string;
  raw: string;
}

/** The rejected rows, worded as `load.ts` words them. */
async function rejectedRows(warehouse: Warehouse, adapter: Adapter, plan: ReadCsvPlan, staged: StagedRows, salt: string | null, limit?: number): Promise<Rejected[]> {
  const key = adapter.naturalKey.map((name) => {
    const column = adapter.columns.find((one) => one.name === name);
    return column?.type === 'timestamp'
      ? `coalesce(strftime(k.${quoteName(name)}, '%Y-%m-%dT%H:%M:%S.%gZ'), '')`
      : column?.type === 'date'
        ? `coalesce(strftime(k.${quoteName(name)}, '%Y-%m-%dT00:00:00.000Z'), '')`
        : `coalesce(k.${quoteName(name)}::varchar, '')`;
  });
  const rows = await warehouse.all<{ line: number; failure: { kind: string; field: string | null; value: string | null } | null; first_line: number | null; raw: string; cells: string[]; key: string }>(
    `select k._line as line, k._failure as failure, r._first_line as first_line, coalesce(k._raw, r._raw) as raw, k._cells as cells,
       concat_ws(', ', ${key}) as key
     from ${staged.lined} k left join temp._read_csv_repeats r on r._rowid = k._rowid
     where not k._blank and (k._failure is not null or r._rowid is not null) order by k._line ${limit ? `limit ${limit}` : ''}`,
  );
  const columns = new Map(adapter.columns.map((column) => [column.name, column]));
  return rows.map((row) => maskRejectedRow(rejectedRow(row), salt));

  function rejectedRow(row: (typeof rows)[number]): Rejected {
    const raw = shorten(row.raw, 2000);
    const failure = row.failure;
    if (!failure) {
      return {
        line: row.line,
        field: adapter.naturalKey.join(', '),
        value: shorten(row.key, MAX_REJECTED_VALUE_CHARS),
        reason: `the same ${adapter.naturalKey.join(' + ')} is already on line ${row.first_line} of this file; the first one is kept`,
        raw,
      };
    }
    const labelAt = (index: number) => plan.header[index]?.trim() || `column ${index + 1}`;
    if (failure.kind === 'nul') {
      const index = row.cells.findIndex((cell) => cell.includes('\u0000'));
      return { line: row.line, field: null, value: null, raw, reason: `${labelAt(index)} holds a NUL character (byte 0), which no export writes; the file is damaged or in an encoding that was not recognised: save it again as UTF-8 CSV` };
    }
    if (failure.kind === 'long') {
      const index = row.cells.findIndex((cell) => cell.length > MAX_CELL_CHARS);
      return { line: row.line, field: null, value: null, raw, reason: `${labelAt(index)} holds ${row.cells[index]!.length.toLocaleString('en')} characters, more than any export writes (${MAX_CELL_CHARS.toLocaleString('en')}); the file is probably damaged: check this line in a text editor` };
    }
    const column = columns.get(failure.field!)!;
    const value = failure.value === null ? null : shorten(failure.value, MAX_REJECTED_VALUE_CHARS);
    const header = column.headers[0];
    if (failure.kind === 'required') return { line: row.line, field: column.name, value, raw, reason: `${header} is empty, and every row needs it` };
    if (failure.kind === 'parse') {
      const described = column.type === 'date'
        ? "a valid date in the column's format (YYYY-MM-DD)"
        : "a valid date in the column's format (YYYY-MM-DD, with an optional time such as 14:03)";
      return { line: row.line, field: column.name, value, raw, reason: `"${failure.value}" in ${header} is not ${described}` };
    }
    const now = Date.now();
    const limit = column.type === 'date' ? Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) + 86_400_000 : now + 86_400_000;
    return {
      line: row.line,
      field: column.name,
      value,
      raw,
      reason: `"${failure.value}" in ${header} is after tomorrow (${new Date(limit).toISOString().slice(0, 10)}), and an export only holds what already happened; check the date (and the clock of the computer that exported it)`,
    };
  }
}

const MAX_REJECTED_VALUE_CHARS = 500;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)`;
}

/**
 * SQL for a column's typed value from its trimmed text, null when the text is not a
 * valid value. The layouts exports write most (`2026-05-01`, `2026-05-01T10:00:00Z`,
 * `2026-05-01 10:00:00`) take a `strptime` fast path; any other goes through the regex
 * that `load.ts`'s reading of ISO dates and times amounts to.
 */
function typedValue(column: ColumnSpec, text: string, timezone: string): string {
  if (column.type === 'text') return text;
  const zone = quotedString(timezone);
  const inYears = `${text} >= '1900' and ${text} < '2201'`;
  const fast = column.type === 'date'
    ? [`${text} like '____-__-__' and ${inYears} then try_strptime(${text}, '%Y-%m-%d')::date`]
    : [
        `${text} like '____-__-__T__:__:__Z' and ${inYears} then try_strptime(${text}, '%Y-%m-%dT%H:%M:%SZ')`,
        `${text} like '____-__-__T__:__:__' and ${inYears} then timezone('UTC', timezone(${zone}, try_strptime(${text}, '%Y-%m-%dT%H:%M:%S')))`,
        `${text} like '____-__-__ __:__:__' and ${inYears} then timezone('UTC', timezone(${zone}, try_strptime(${text}, '%Y-%m-%d %H:%M:%S')))`,
      ];
  const parts = `regexp_extract(${text}, '${ISO_TIMESTAMP}', ['y', 'mo', 'd', 'h', 'mi', 's', 'ap', 'z'])`;
  return `case ${fast.map((branch) => `when ${branch}`).join(' ')} else ${regexTypedValue(column, parts, zone)} end`;
}

/** The general case: a column's typed value from the parts of the ISO regex. */
function regexTypedValue(column: ColumnSpec, parts: string, zone: string): string {
  const int = (field: string) => `try_cast(nullif(${parts}.${field}, '') as integer)`;
  const validDay = `(${int('y')} between 1900 and 2200)`;
  const day = `try_cast(printf('%04d-%02d-%02d', ${int('y')}, ${int('mo')}, ${int('d')}) as date)`;
  const rawHour = `coalesce(${int('h')}, 0)`;
  const meridiem = `upper(${parts}.ap)`;
  const hour = `case when ${meridiem} = '' then ${rawHour} when ${rawHour} between 1 and 12 then ${rawHour} % 12 + (case when ${meridiem} = 'PM' then 12 else 0 end) else 99 end`;
  const local = `try_cast(printf('%s %02d:%02d:%02d', ${day}::varchar, ${hour}, coalesce(${int('mi')}, 0), coalesce(${int('s')}, 0)) as timestamp)`;
  if (column.type === 'date') return `case when ${validDay} and ${local} is not null then ${day} end`;
  const offset = `${parts}.z`;
  const offsetDigits = `replace(substr(${offset}, 2), ':', '')`;
  const offsetMinutes = `(case when starts_with(${offset}, '-') then -1 else 1 end) * (coalesce(try_cast(substr(${offsetDigits}, 1, 2) as integer), 0) * 60 + coalesce(try_cast(substr(${offsetDigits}, 3) as integer), 0))`;
  return `case when ${validDay} and ${local} is not null then
      case when ${offset} = '' then timezone('UTC', timezone(${zone}, ${local}))
           when ${offset} = 'Z' then ${local}
           else ${local} - to_minutes(${offsetMinutes}) end end`;
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Lines as papaparse's grid numbers them: line breaks, plus one when the last line has none. */
function countLines(bytes: Uint8Array): number {
  let count = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1; index = bytes.indexOf(0x0a, index + 1)) count += 1;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) count += 1;
  return count;
}

