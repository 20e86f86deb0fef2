/**
 * Analyst extracts of every mart, in the tools analysts already use: CSV (UTF-8 with a
 * byte-order mark for Excel, formula-like text cells neutralised), Parquet and Arrow IPC
 * (DateDay for dates, plain Utf8 for text), with a data dictionary (table, column, type,
 * meaning). When the report is anonymised, ambassador ids, names and post addresses are
 * replaced in all three the same way.
 *
 * No mart passes through JavaScript as values (at a year of a thousand ambassadors that
 * took most of a report run). The rows are listed in the order the build stores them
 * (sorted by all their columns, or on the mart's unique key: see models/runner.ts), read
 * as they are; an anonymised run, whose ids and names are not the stored ones, sorts each
 * mart by what it shows into an in-memory database first, so that the order gives nothing
 * of the real ids away. Three connections work at once: DuckDB writes the CSV (cells
 * formatted in SQL) with COPY on one and the Parquet on another, and on the third the
 * memory of DuckDB's vectors (numbers, days, validity, the text's UTF-8 bytes) is copied
 * into Arrow's buffers. The files are byte for byte what writing the rows from JavaScript
 * gave.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  type RecordBatch,
  RecordBatchFileWriter,
  Table,
  TimestampMillisecond,
  Utf8,
  type Vector,
} from 'apache-arrow';
import { copyTextBytes, isSet, longTextMemory, STRING_BYTES, textLength, vectorMemory } from '../../pipelines/vectors.ts';
import { qualifiedName, quotedIdentifier, quotedString, type Warehouse } from '../../pipelines/warehouse.ts';
import { settled } from '../write.ts';
import type { Anonymiser } from '../anonymise.ts';
import { FIGURES, figureSourceText } from '../../models/metrics/figures.ts';
import { COLUMN_MEANINGS, TABLE_MEANINGS } from './dictionary.ts';

export interface ExtractColumn {
  name: string;
  type: string;
}

/** How a column is written: its Arrow type, and its CSV text. */
type ValueKind = 'float64' | 'int32' | 'int64' | 'bool' | 'date' | 'timestamp' | 'timestamptz' | 'text';

function valueKind(type: string): ValueKind {
  const upper = type.toUpperCase();
  if (upper === 'DOUBLE' || upper === 'FLOAT' || upper === 'REAL' || upper.startsWith('DECIMAL')) return 'float64';
  if (upper === 'INTEGER' || upper === 'SMALLINT' || upper === 'TINYINT') return 'int32';
  if (upper === 'BIGINT' || upper === 'HUGEINT' || upper === 'UBIGINT') return 'int64';
  if (upper === 'BOOLEAN') return 'bool';
  if (upper === 'DATE') return 'date';
  if (upper === 'TIMESTAMP WITH TIME ZONE' || upper === 'TIMESTAMPTZ') return 'timestamptz';
  if (upper.startsWith('TIMESTAMP')) return 'timestamp';
  return 'text';
}

/**
 * The temp macros CSV cells are written with. `report_js_number` writes a double as
 * JavaScript's `String(x)` does, as the extracts always have: DuckDB finds the same
 * shortest digits, but writes whole numbers with `.0` and switches to exponents at
 * other magnitudes (JavaScript writes 1e-6 to 1e21 out, and exponents without leading
 * zeros). `report_csv_text` neutralises a text cell a spreadsheet would run as a
 * formula (`=HYPERLINK(…)`, `+1`, `-2+3`, `@SUM`, or a leading tab or carriage return:
 * OWASP's list) with a leading apostrophe, so it shows as text, then quotes it when it
 * holds a comma, quote, CR or LF (quotes doubled). Numbers never pass through it.
 * Regular expressions rather than `contains` or `in`: DuckDB plans them faster, and a
 * mart has up to thirty columns. `report_csv_text_needs_care` says whether `report_csv_text`
 * changes a cell, in the form that is faster on a column of the stored warehouse.
 */
export const CSV_MACROS = String.raw`
create or replace temp macro report_js_number_text(s) as case
  when regexp_matches(s, 'e-0[56]$') then regexp_replace(regexp_replace(s, '^(-?)(\d)\.?(\d*)e-05$', '\10.0000\2\3'), '^(-?)(\d)\.?(\d*)e-06$', '\10.00000\2\3')
  when regexp_matches(s, 'e\+(1[6-9]|20)$') then regexp_extract(s, '^-?') || rpad(replace(regexp_extract(s, '^-?([0-9.]+)e', 1), '.', ''), regexp_extract(s, '[0-9]+$')::integer + 1, '0')
  else regexp_replace(regexp_replace(s, '\.0$', ''), 'e([-+])0*', 'e\1')
end;
create or replace temp macro report_js_number(x) as case
  when not isfinite(x) then null -- NaN and infinities: an empty cell
  when x = 0 then '0' -- -0 too
  -- DuckDB writes these out as JavaScript does, but whole ones with ".0" (their digits are exact here)
  when abs(x) >= 1e-4 and abs(x) < 1e16 then case when x = trunc(x) then x::bigint::varchar else x::varchar end
  else report_js_number_text(x::varchar)
end;
create or replace temp macro report_csv_quoted(v) as
  case when regexp_matches(v, '[",\r\n]') then '"' || replace(v, '"', '""') || '"' else v end;
create or replace temp macro report_csv_text(v) as case
  when not regexp_matches(v, '^[=+\-@\t\r]|[",\r\n]') then v -- nearly every cell
  else report_csv_quoted(regexp_replace(v, '^([=+\-@\t\r])', '''\1'))
end;
create or replace temp macro report_csv_text_needs_care(v) as
  ascii(v) in (61, 43, 45, 64, 9, 13) or contains(v, ',') or contains(v, '"') or contains(v, chr(10)) or contains(v, chr(13));
`;

/**
 * A column's CSV cell as SQL (null for an empty cell): numbers plain, dates `YYYY-MM-DD`,
 * timestamps `YYYY-MM-DD HH:MM:SS` in UTC, text neutralised, or written as it is when the
 * column is one of `plainText` (see `plainTextColumns`).
 */
export function csvCellSql(column: ExtractColumn, plainText: ReadonlySet<string> = new Set()): string {
  const value = quotedIdentifier(column.name);
  switch (valueKind(column.type)) {
    case 'float64':
      return `report_js_number(${value}::double)`;
    case 'int32':
    case 'int64':
    case 'bool':
      return `${value}::varchar`;
    case 'date':
      return `strftime(${value}, '%Y-%m-%d')`;
    case 'timestamp':
      return `strftime(${value}, '%Y-%m-%d %H:%M:%S')`;
    case 'timestamptz':
      return `strftime(timezone('UTC', ${value}), '%Y-%m-%d %H:%M:%S')`;
    case 'text':
      return plainText.has(column.name) ? `${value}::varchar` : `report_csv_text(${value}::varchar)`;
  }
}

/**
 * The text columns of each select (a select of `extractSelect`) in which no cell is one
 * `report_csv_text` would change, found in one query, so that their cells are written as
 * they are. Nearly every text column is such (ids, platforms, metrics), and the check runs
 * on the stored marts, whose compressed columns DuckDB tests a distinct value at a time,
 * instead of on every cell of the sorted copy.
 */
async function plainTextColumns(warehouse: Warehouse, selects: readonly { select: string; columns: readonly ExtractColumn[] }[]): Promise<Set<string>[]> {
  const plain = selects.map(({ columns }) => new Set(columns.filter((column) => valueKind(column.type) === 'text').map((column) => column.name)));
  const checks = selects.flatMap(({ select }, index) => {
    const text = [...plain[index]!];
    if (text.length === 0) return [];
    const careFlags = text.map((name) => `coalesce(bool_or(report_csv_text_needs_care(${quotedIdentifier(name)}::varchar)), false)`);
    return [`select ${index} as mart, [${text.map(quotedString).join(', ')}] as names, [${careFlags.join(', ')}] as needs_care from (${select})`];
  });
  if (checks.length === 0) return plain;
  const rows = await warehouse.all<{ mart: number; names: string[]; needs_care: boolean[] }>(checks.join(' union all '));
  for (const { mart, names, needs_care } of rows) {
    for (const [index, name] of names.entries()) if (needs_care[index]) plain[mart]!.delete(name);
  }
  return plain;
}

/** A CSV's header line as SQL: the column names, written as any text cell is. */
export function csvHeaderSql(columns: readonly ExtractColumn[]): string {
  return `concat_ws(',', ${columns.map((column) => `report_csv_text(${quotedString(column.name)})`).join(', ')})`;
}

/** Each CSV's header line (see `csvHeaderSql`), worked out by DuckDB in one query. */
async function csvHeaders(warehouse: Warehouse, columnSets: readonly (readonly ExtractColumn[])[]): Promise<string[]> {
  const row = await warehouse.one<Record<string, string>>(`select ${columnSets.map((columns, index) => `${csvHeaderSql(columns)} as "${index}"`).join(', ')}`);
  return columnSets.map((_, index) => row?.[String(index)] ?? '');
}

/**
 * The COPY that writes the rows of `table` (a table as SQL names it, quoted), in the order they were
 * inserted, as CSV: a byte-order mark and the header line (from `csvHeaderSql`), then
 * one line per row, CRLF line ends as RFC 4180 says. The lines are whole in SQL, so
 * DuckDB is told not to quote, and the header line goes as the name of the one column
 * (no sort to put it first).
 */
export function csvCopy(table: string, columns: readonly ExtractColumn[], header: string, file: string, plainText?: ReadonlySet<string>): string {
  const line = columns.map((column) => `coalesce(${csvCellSql(column, plainText)}, '')`).join(', ');
  return `copy (select concat_ws(',', ${line}) as ${quotedIdentifier(`\uFEFF${header}`)} from ${table}) to ${quotedString(file)} (format csv, header true, quote '', new_line e'\\r\\n')`;
}

/**
 * A column as the Arrow extract scans it (`value`, its SQL, by default the column itself):
 * each kind in the DuckDB type whose memory is its Arrow buffer.
 */
function arrowScanSql(column: ExtractColumn, value = quotedIdentifier(column.name)): string {
  switch (valueKind(column.type)) {
    case 'float64':
      return `${value}::double`;
    case 'int32':
      return `${value}::integer`;
    case 'int64':
      return `${value}::bigint`;
    case 'bool':
      return `${value}::boolean`;
    case 'date':
      return `${value}::date`;
    case 'timestamp':
    case 'timestamptz':
      return `epoch_ms(${value})`;
    case 'text':
      return `${value}::varchar`;
  }
}

/** Bytes per value of the scanned vectors whose memory is copied as it is (see `arrowScanSql`). */
const FIXED_WIDTH: Partial<Record<ValueKind, number>> = { float64: 8, int32: 4, int64: 8, date: 4, timestamp: 8, timestamptz: 8, bool: 1 };

/** A bitmap sized as Arrow's builders size it, in whole 64 bytes, which the IPC writer copies as it is. */
function bitmapBytes(length: number): Uint8Array {
  return new Uint8Array(Math.max(64, Math.ceil(length / 512) * 64));
}

/**
 * One column of an Arrow extract, filled from a scan one DuckDB data chunk at a time.
 * DuckDB's vectors are read through its C interface: fixed-width values are its memory
 * copied (null slots zeroed, as Arrow's builders leave them), validity is its bitmap (the
 * same bit order as Arrow's), and text is its UTF-8 bytes, never decoded.
 */
class ArrowColumn {
  readonly kind: ValueKind;
  private readonly validity: Uint8Array;
  private readonly data: Uint8Array;
  private readonly offsets: Int32Array | null;
  private filled = 0;

  constructor(
    column: ExtractColumn,
    private readonly length: number,
    textBytes: number,
  ) {
    this.kind = valueKind(column.type);
    this.validity = bitmapBytes(length);
    const width = FIXED_WIDTH[this.kind];
    this.data = new Uint8Array(width === undefined ? textBytes : length * width);
    this.offsets = width === undefined ? new Int32Array(length + 1) : null;
  }

  /** Adds the rows of the chunk's vector `index`. */
  add(chunk: DuckDBDataChunk, index: number): void {
    const rows = chunk.rowCount;
    const start = this.filled;
    const width = FIXED_WIDTH[this.kind];
    const { data, validity } = vectorMemory(chunk, index, width ?? STRING_BYTES);
    this.addValidity(validity, start, rows);
    if (width === undefined) this.addText(data, validity, rows);
    else {
      this.data.set(data, start * width);
      if (validity !== null)
        for (let row = 0; row < rows; row += 1) if (!isSet(validity, row)) this.data.fill(0, (start + row) * width, (start + row + 1) * width);
    }
    this.filled += rows;
  }

  /** Sets the bits of the chunk's valid rows: a byte at a time when the chunk starts on one (a scan's chunks do). */
  private addValidity(validity: Uint8Array | null, start: number, rows: number): void {
    const whole = start % 8 === 0 ? rows >> 3 : 0;
    if (whole > 0) {
      if (validity === null) this.validity.fill(0xff, start >> 3, (start >> 3) + whole);
      else this.validity.set(validity.subarray(0, whole), start >> 3);
    }
    for (let row = whole * 8; row < rows; row += 1)
      if (validity === null || isSet(validity, row)) this.validity[(start + row) >> 3]! |= 1 << ((start + row) & 7);
  }

  private addText(strings: Uint8Array, validity: Uint8Array | null, rows: number): void {
    const offsets = this.offsets!;
    let end = offsets[this.filled]!;
    const memory = longTextMemory(strings, validity, rows);
    for (let row = 0; row < rows; row += 1) {
      // A null's bytes are whatever was there: its length is not read.
      const length = validity === null || isSet(validity, row) ? textLength(strings, row) : 0;
      copyTextBytes(strings, row, length, this.data, end, memory);
      end += length;
      offsets[this.filled + row + 1] = end;
    }
  }

  vector(): Vector {
    if (this.filled !== this.length) throw new Error(`the Arrow extract scanned ${this.filled} rows of ${this.length}`);
    if (this.offsets && this.offsets[this.length] !== this.data.length)
      throw new Error(`the Arrow extract's text came to ${this.offsets[this.length]} bytes, not the ${this.data.length} counted`);
    const length = this.length;
    let nullCount = 0;
    for (let row = 0; row < length; row += 1) if (!isSet(this.validity, row)) nullCount += 1;
    const nulls = { length, nullCount, nullBitmap: this.validity };
    const data = this.data;
    switch (this.kind) {
      case 'text':
        return makeVector(makeData({ type: new Utf8(), ...nulls, valueOffsets: this.offsets!, data }));
      case 'bool': {
        const bits = bitmapBytes(length);
        for (let row = 0; row < length; row += 1) if (data[row] !== 0) bits[row >> 3]! |= 1 << (row & 7);
        return makeVector(makeData({ type: new Bool(), ...nulls, data: bits }));
      }
      case 'float64': {
        const values = new Float64Array(data.buffer);
        // One NaN, as a JavaScript number writes it: DuckDB's may carry a sign or a payload.
        for (let row = 0; row < length; row += 1) if (Number.isNaN(values[row])) values[row] = Number.NaN;
        return makeVector(makeData({ type: new Float64(), ...nulls, data: values }));
      }
      case 'int32':
        return makeVector(makeData({ type: new Int32(), ...nulls, data: new Int32Array(data.buffer) }));
      case 'date':
        return makeVector(makeData({ type: new DateDay(), ...nulls, data: new Int32Array(data.buffer) }));
      case 'int64':
        return makeVector(makeData({ type: new Int64(), ...nulls, data: new BigInt64Array(data.buffer) }));
      case 'timestamp':
      case 'timestamptz':
        return makeVector(makeData({ type: new TimestampMillisecond(), ...nulls, data: new BigInt64Array(data.buffer) }));
    }
  }
}

/**
 * Rows per record batch of an Arrow extract: the largest marts hold hundreds of thousands
 * of rows at a thousand ambassadors and millions at ten thousand, whose buffers are made,
 * written and let go a batch at a time instead of all at once. At ten thousand, batches of
 * a million rows held up to 490 MB of buffers at a time, these up to 140 MB.
 */
export const ARROW_BATCH_ROWS = 262_144;

/**
 * The rows of `table` (a table as SQL names it, quoted, with an alias if `values` use one)
 * as Arrow record batches of `rowsPerBatch` rows, in the order they were inserted: DuckDB's
 * vectors of a scan of each batch's rows (by row id), copied into Arrow's buffers. Each
 * column is the table's column of its name, or its SQL in `values`. An empty table needs
 * no scan.
 */
export async function* arrowBatches(
  warehouse: Warehouse,
  table: string,
  columns: readonly ExtractColumn[],
  options: { empty?: boolean; rowsPerBatch?: number; values?: readonly string[] } = {},
): AsyncGenerator<RecordBatch> {
  const rowsPerBatch = options.rowsPerBatch ?? ARROW_BATCH_ROWS;
  const scanned = columns.map((column, index) => arrowScanSql(column, options.values?.[index]));
  // Each batch's rows and each of its text columns' bytes, so that every buffer is made at
  // its size (grown by doubling and then cut, a mart's text was held up to three times).
  const textBytes = columns.map((column, index) => (valueKind(column.type) === 'text' ? `, sum(strlen(${scanned[index]}))::bigint as "${index}"` : ''));
  const counted: Record<string, number | bigint | null>[] = options.empty
    ? []
    : await warehouse.all(
        `select (rowid // ${rowsPerBatch})::integer as batch, count(*)::integer as rows${textBytes.join('')} from ${table} group by batch order by batch`,
      );
  // A table without rows is one batch of none.
  const sizes = counted.length > 0 ? counted : [{ batch: 0, rows: 0 }];
  const scan = `select ${scanned.join(', ')} from ${table}`;
  for (const size of sizes) {
    const [batch, rows] = [Number(size.batch), Number(size.rows)];
    const arrow = columns.map((column, index) => new ArrowColumn(column, rows, Number(size[String(index)] ?? 0)));
    if (rows > 0) {
      const batchRows = sizes.length === 1 ? scan : `${scan} where rowid >= ${batch * rowsPerBatch} and rowid < ${(batch + 1) * rowsPerBatch}`;
      await warehouse.eachChunk(batchRows, (chunk) => {
        for (const [index, column] of arrow.entries()) column.add(chunk, index);
      });
    }
    yield new Table(Object.fromEntries(columns.map((column, index) => [column.name, arrow[index]!.vector()]))).batches[0]!;
  }
}

/**
 * Writes an Arrow IPC file (the random-access format, `.arrow`) of the batches, each
 * written as the IPC writer makes its bytes, so that no more than a batch is held (the
 * largest mart's file is a hundred megabytes at a thousand ambassadors, gigabytes at ten).
 */
export async function writeArrowFile(file: string, batches: AsyncIterable<RecordBatch>): Promise<void> {
  const descriptor = openSync(file, 'w');
  try {
    const writer = new RecordBatchFileWriter();
    const written = (async () => {
      for await (const bytes of writer) writeSync(descriptor, bytes);
    })();
    try {
      for await (const batch of batches) writer.write(batch);
    } finally {
      writer.finish();
      await written;
    }
  } finally {
    closeSync(descriptor);
  }
}

/** Columns whose values identify an ambassador, and text that names people. */
const ID_COLUMNS = new Set(['ambassador_id', 'lead_id', 'leader_id']);
const NAME_COLUMNS = new Set(['ambassador_name', 'display_name', 'leader_name']);
// A cost line's note is free text a person typed ("Gift card for Mette"), so it may name someone.
const PERSONAL_TEXT_COLUMNS = new Set(['post_url', 'last_non_compliant_post_url', 'post_text', 'evidence', 'note']);

/** The report's word for anonymous as the display name of those who opted out, where a mart says who they are. */
function shownName(columns: readonly ExtractColumn[], anonymiser: Pick<Anonymiser, 'optedOutName'>, otherwise: string): string {
  return columns.some((column) => column.name === 'is_opted_out')
    ? `case when t."is_opted_out" then ${quotedString(anonymiser.optedOutName)} else ${otherwise} end`
    : otherwise;
}

/** Each column of a mart as a run that is not anonymised shows it, as SQL on `marts.<table> as t`. */
function shownValues(columns: readonly ExtractColumn[], anonymiser: Pick<Anonymiser, 'optedOutName'>): string[] {
  return columns.map((column) => (column.name === 'display_name' ? shownName(columns, anonymiser, 't."display_name"') : `t.${quotedIdentifier(column.name)}`));
}

/**
 * The select that reads a mart for extracts: `select *` with the report's word for
 * anonymous as the display name of those who opted out, or, anonymised, with ids, names
 * and post addresses replaced through the temp table `report_pseudonyms`.
 */
export function extractSelect(table: string, columns: readonly ExtractColumn[], anonymiser: Pick<Anonymiser, 'enabled' | 'optedOutName'>): string {
  const source = `${qualifiedName('marts', table)} as t`;
  const names = new Set(columns.map((column) => column.name));
  if (!anonymiser.enabled) {
    return names.has('display_name')
      ? `select * replace (${shownName(columns, anonymiser, 't."display_name"')} as "display_name") from ${source}`
      : `select * from ${source}`;
  }
  const lookup = (expression: string, field: 'code' | 'label') => `(select p.${field} from report_pseudonyms p where p.ambassador_id = ${expression})`;
  const list = columns.map((column) => {
    const name = quotedIdentifier(column.name);
    if (ID_COLUMNS.has(column.name)) return `${lookup(`t.${name}`, 'code')} as ${name}`;
    if (NAME_COLUMNS.has(column.name)) {
      const label = names.has('ambassador_id') ? lookup('t."ambassador_id"', 'label') : 'null::varchar';
      return `${column.name === 'display_name' ? shownName(columns, anonymiser, label) : label} as ${name}`;
    }
    if (PERSONAL_TEXT_COLUMNS.has(column.name)) return `null::varchar as ${name}`;
    // At ambassador granularity a channel is an ambassador_id.
    if (column.name === 'channel') return `coalesce(${lookup(`t.${name}`, 'code')}, t.${name}) as ${name}`;
    if (column.name === 'name') return `null::varchar as ${name}`;
    return `t.${name}`;
  });
  return `select ${list.join(', ')} from ${source}`;
}

/** Loads the pseudonyms of every ambassador id the marts name into the temp table `report_pseudonyms`. */
async function loadPseudonyms(warehouse: Warehouse, tables: readonly { table: string; columns: ExtractColumn[] }[], anonymiser: Anonymiser): Promise<void> {
  const selects: string[] = [];
  for (const { table, columns } of tables) {
    for (const column of columns) {
      if (ID_COLUMNS.has(column.name) || (column.name === 'channel' && columns.some((other) => other.name === 'ambassador_id'))) {
        selects.push(`select ${quotedIdentifier(column.name)}::varchar as id from ${qualifiedName('marts', table)}`);
      }
    }
  }
  await warehouse.run('create or replace temp table report_pseudonyms (ambassador_id varchar, code varchar, label varchar)');
  if (selects.length === 0) return;
  const ids = await warehouse.all<{ id: string }>(`select distinct id from (${selects.join(' union all ')}) where id is not null order by id`);
  for (let start = 0; start < ids.length; start += 500) {
    const values = ids
      .slice(start, start + 500)
      .map(({ id }) => `(${quotedString(id)}, ${quotedString(anonymiser.id(id) ?? '')}, ${quotedString(anonymiser.name(id, null) ?? '')})`)
      .join(', ');
    await warehouse.run(`insert into report_pseudonyms values ${values}`);
  }
}

export interface ExtractsResult {
  files: string[];
  tables: string[];
}

const SIZE_UNITS: Record<string, number> = { bytes: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** DuckDB's memory limit in bytes (`current_setting` writes it as `1.8 GiB`). */
async function memoryLimitBytes(warehouse: Warehouse): Promise<number> {
  const text = (await warehouse.one<{ limit: string }>(`select current_setting('memory_limit') as "limit"`))?.limit ?? '';
  const match = /^([\d.]+)\s*(\w+)$/.exec(text);
  const unit = match ? SIZE_UNITS[match[2]!] : undefined;
  return match && unit ? Number(match[1]) * unit : Number.POSITIVE_INFINITY;
}

/**
 * The marts sorted and written together, by index: in the order given, as many as fit in
 * a quarter of DuckDB's memory limit at 16 bytes a cell, a larger one alone.
 */
export function extractWaves(cells: readonly number[], memoryLimit: number): number[][] {
  const budget = memoryLimit / 4 / 16;
  const waves: number[][] = [];
  let current: number[] = [];
  let used = 0;
  for (const [index, size] of cells.entries()) {
    if (current.length > 0 && used + size > budget) {
      waves.push(current);
      current = [];
      used = 0;
    }
    current.push(index);
    used += size;
  }
  if (current.length > 0) waves.push(current);
  return waves;
}

/**
 * The marts in the warehouse, with their columns and types, by name, whether each holds no
 * row, and how many rows DuckDB estimates it holds.
 */
export async function martTables(warehouse: Warehouse): Promise<{ table: string; columns: ExtractColumn[]; empty: boolean; rows: number }[]> {
  const rows = await warehouse.all<{ table_name: string; column_name: string; data_type: string }>(
    `select table_name, column_name, data_type from information_schema.columns
     where table_schema = 'marts' order by table_name, ordinal_position`,
  );
  const tables = new Map<string, ExtractColumn[]>();
  for (const row of rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), { name: row.column_name, type: row.data_type }]);
  if (tables.size === 0) return [];
  const counted = await warehouse.all<{ name: string; empty: boolean; rows: number }>(
    `select c.name, c.empty, coalesce(t.estimated_size, 0)::double as rows
     from (${[...tables.keys()].map((table) => `select ${quotedString(table)} as name, not exists (from ${qualifiedName('marts', table)}) as empty`).join(' union all ')}) as c
     left join duckdb_tables() as t on t.database_name = current_database() and t.schema_name = 'marts' and t.table_name = c.name`,
  );
  const byName = new Map(counted.map((row) => [row.name, row]));
  return [...tables].map(([table, columns]) => ({ table, columns, empty: byName.get(table)?.empty ?? false, rows: byName.get(table)?.rows ?? 0 }));
}

/**
 * The in-memory database each mart of an anonymised run is sorted into, once, and written
 * from in all three formats: attached, not temp, so that a second connection reads it too.
 */
const SORTED = 'report_extracts';
/** The table of the mart at `index` in the `SORTED` database. */
const extractRows = (index: number) => `${SORTED}.${quotedIdentifier(`extract_${index}`)}`;
/** The temp table the data dictionary is written from. */
const DICTIONARY_ROWS = 'report_data_dictionary';
const DICTIONARY_COLUMNS: ExtractColumn[] = ['table', 'column', 'type', 'meaning'].map((name) => ({ name, type: 'VARCHAR' }));
/** The temp table `figures.csv` is written from, and its columns. */
const FIGURE_ROWS = 'report_figures';
const FIGURE_COLUMNS: ExtractColumn[] = [
  { name: 'figure_id', type: 'VARCHAR' },
  { name: 'label', type: 'VARCHAR' },
  { name: 'value', type: 'DOUBLE' },
  { name: 'unit', type: 'VARCHAR' },
  { name: 'period_start', type: 'DATE' },
  { name: 'period_end', type: 'DATE' },
  { name: 'definition', type: 'VARCHAR' },
  { name: 'source', type: 'VARCHAR' },
];

export interface WriteExtractsOptions {
  anonymiser: Anonymiser;
  /** Each mart's grain line (from the model's header). */
  grains?: ReadonlyMap<string, string>;
  /** Where to write `figures.csv`: every figure the reports state (from `marts.figures`), one row each. */
  figuresFile?: string;
  /**
   * The threads DuckDB may use meanwhile (set back afterwards).
   *
   * __Default value:__ DuckDB's own setting
   */
  threads?: number;
}

/**
 * Writes every mart into `folder` as `<mart>.csv`, `<mart>.parquet` and `<mart>.arrow`,
 * and `data_dictionary.csv` (table, column, type, meaning) with `README.md`.
 */
export async function writeExtracts(warehouse: Warehouse, folder: string, options: WriteExtractsOptions): Promise<ExtractsResult> {
  const tables = await martTables(warehouse);
  const anonymised = options.anonymiser.enabled;
  const meaning = (table: string) => options.grains?.get(table) ?? TABLE_MEANINGS[table] ?? '';
  const dictionary = [
    ...tables.flatMap(({ table, columns }) => [
      [table, '', 'table', meaning(table)],
      ...columns.map((column) => [table, column.name, column.type, COLUMN_MEANINGS[table]?.[column.name] ?? COLUMN_MEANINGS['*']?.[column.name] ?? '']),
    ]),
    // The figures the reports state, as figures.csv and `advocacy explain` define them.
    ...FIGURES.map((figure) => ['figure', figure.id, figure.unit, `${figure.label.en}: ${figure.definition.en} Source: ${figureSourceText(figure)}.`]),
  ];
  const file = (table: string, extension: string) => join(folder, `${table}.${extension}`);
  const previousThreads = (await warehouse.one<{ threads: number }>(`select current_setting('threads')::integer as threads`))?.threads;
  try {
    if (options.threads !== undefined) await warehouse.run(`set threads = ${Math.max(1, Math.trunc(options.threads))}`);
    if (anonymised) await loadPseudonyms(warehouse, tables, options.anonymiser);
    await warehouse.run(CSV_MACROS);
    const [dictionaryHeader = '', figuresHeader = '', ...martHeaders] = await csvHeaders(warehouse, [
      DICTIONARY_COLUMNS,
      FIGURE_COLUMNS,
      ...tables.map(({ columns }) => columns),
    ]);
    // DuckDB writes the CSV files on this connection and the Parquet files on a second
    // while a third scans the marts for the Arrow files, all three in the order the marts are
    // stored in. None waits for this thread, which draws the charts meanwhile. Anonymised,
    // each mart is sorted first by what it shows, and the sorted copies are held in memory a
    // wave of marts at a time (`extractWaves`): at ten thousand ambassadors all of them at
    // once held DuckDB at a 2 GB limit for the whole sort.
    const selects = tables.map(({ table, columns }) => ({ select: extractSelect(table, columns, options.anonymiser), columns }));
    const plainText = await plainTextColumns(warehouse, selects);
    const dictionaryAndFigures = [
      `create or replace temp table ${DICTIONARY_ROWS} (${DICTIONARY_COLUMNS.map((column) => `${quotedIdentifier(column.name)} varchar`).join(', ')})`,
      ...(dictionary.length > 0
        ? [`insert into ${DICTIONARY_ROWS} values ${dictionary.map((row) => `(${row.map(quotedString).join(', ')})`).join(', ')}`]
        : []),
      csvCopy(DICTIONARY_ROWS, DICTIONARY_COLUMNS, dictionaryHeader, join(folder, 'data_dictionary.csv')),
      ...(options.figuresFile
        ? [
            `create or replace temp table ${FIGURE_ROWS} as select ${FIGURE_COLUMNS.map((column) => quotedIdentifier(column.name)).join(', ')} from marts.figures order by position`,
            csvCopy(FIGURE_ROWS, FIGURE_COLUMNS, figuresHeader, options.figuresFile),
          ]
        : []),
    ];
    const waves = anonymised
      ? extractWaves(
          tables.map(({ rows, columns }) => rows * columns.length),
          await memoryLimitBytes(warehouse),
        )
      : [tables.map((_, index) => index)];
    // Where each mart's rows are read from: the mart as stored, or its sorted copy.
    const sources = tables.map(({ table, columns }, index) =>
      anonymised
        ? { select: `from ${extractRows(index)}`, table: extractRows(index) }
        : { select: selects[index]!.select, table: `${qualifiedName('marts', table)} as t`, values: shownValues(columns, options.anonymiser) },
    );
    if (anonymised) await warehouse.run(`attach ':memory:' as ${SORTED}`);
    const helpers: Warehouse[] = [];
    const connectAgain = async () => {
      const helper = await warehouse.connectAgain();
      helpers.push(helper);
      return helper;
    };
    try {
      const [scanner, parquetWriter] = [await connectAgain(), await connectAgain()];
      // Without marts, one wave of none still writes the dictionary and the figures.
      for (const [waveIndex, wave] of (waves.length > 0 ? waves : [[]]).entries()) {
        if (anonymised && wave.length > 0) {
          await warehouse.run(wave.map((index) => `create table ${extractRows(index)} as ${selects[index]!.select} order by all`).join(';\n'));
        }
        const parquetCopies = wave.map(
          (index) => `copy (${sources[index]!.select}) to ${quotedString(file(tables[index]!.table, 'parquet'))} (format parquet)`,
        );
        const csvCopies = [
          ...wave.flatMap((index) => {
            const { table, columns, empty } = tables[index]!;
            return empty ? [] : [csvCopy(`(${sources[index]!.select})`, columns, martHeaders[index] ?? '', file(table, 'csv'), plainText[index])];
          }),
          ...(waveIndex >= waves.length - 1 ? dictionaryAndFigures : []),
        ];
        const writeArrowFiles = async () => {
          for (const index of wave) {
            const { table, columns, empty } = tables[index]!;
            // What COPY writes for a table without rows: the byte-order mark and the header line.
            if (empty) writeFileSync(file(table, 'csv'), `\uFEFF${martHeaders[index] ?? ''}\r\n`, 'utf8');
            const { table: scanned, values } = sources[index]!;
            await writeArrowFile(file(table, 'arrow'), arrowBatches(scanner, scanned, columns, { empty, ...(values ? { values } : {}) }));
          }
        };
        await settled([warehouse.run(csvCopies.join(';\n')), parquetWriter.run(parquetCopies.join(';\n')), writeArrowFiles()] as const);
        if (anonymised && wave.length > 0) await warehouse.run(wave.map((index) => `drop table ${extractRows(index)}`).join(';\n'));
      }
    } finally {
      for (const helper of helpers) helper.close();
    }
    writeFileSync(
      join(folder, 'README.md'),
      extractsReadme(
        tables.map(({ table }) => ({ table, grain: meaning(table) })),
        anonymised,
      ),
      'utf8',
    );
  } finally {
    await warehouse.run(
      [`detach database if exists ${SORTED}`, ...[DICTIONARY_ROWS, FIGURE_ROWS, 'report_pseudonyms'].map((table) => `drop table if exists ${table}`)].join(
        '; ',
      ),
    );
    if (options.threads !== undefined && previousThreads) await warehouse.run(`set threads = ${previousThreads}`);
  }
  return {
    files: [
      ...tables.flatMap(({ table }) => ['csv', 'parquet', 'arrow'].map((extension) => file(table, extension))),
      join(folder, 'data_dictionary.csv'),
      join(folder, 'README.md'),
      ...(options.figuresFile ? [options.figuresFile] : []),
    ],
    tables: tables.map(({ table }) => table),
  };
}

function extractsReadme(tables: readonly { table: string; grain: string }[], anonymised: boolean): string {
  return [
    '# Extracts',
    '',
    'Every mart of the warehouse as of this run, in three formats:',
    '',
    '- `<mart>.csv`: UTF-8 with a byte-order mark (Excel opens it with Danish letters intact), comma-separated, CRLF line ends;',
    '  a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return has an apostrophe put in front, so a spreadsheet shows it as text instead of running it.',
    '- `<mart>.parquet`: written by DuckDB (`COPY … (FORMAT parquet)`), for DuckDB, Spark, pandas, Power BI.',
    '- `<mart>.arrow`: Arrow IPC file format (dates as DateDay, text as Utf8, measures as Float64 or Int32 as the mart casts them).',
    '',
    '`data_dictionary.csv` lists each table and column with its type and meaning.',
    anonymised ? '\nThis run is anonymised: ambassador ids are pseudonym codes, names are pseudonyms, and post addresses and texts are left out.\n' : '',
    '| table | one row is |',
    '|---|---|',
    ...tables.map(({ table, grain }) => `| ${table} | ${grain.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
}
