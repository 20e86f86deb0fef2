/**
 * Analyst extracts of every mart, in the tools analysts already use: CSV (UTF-8 with a
 * byte-order mark for Excel, formula-like text cells neutralised), Parquet (DuckDB's own
 * COPY) and Arrow IPC (apache-arrow, with DateDay for dates and plain Utf8 for text),
 * with a data dictionary (table, column, type, meaning). When the report is anonymised,
 * ambassador ids, names and post addresses are replaced in all three the same way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  Table,
  tableToIPC,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { qualifiedName, quotedIdentifier, quotedString, type Warehouse } from '../../pipelines/warehouse.ts';
import type { Anonymiser } from '../anonymise.ts';
import { COLUMN_MEANINGS, TABLE_MEANINGS } from './dictionary.ts';

/** Characters that make a spreadsheet treat a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1`, `-2+3`, `@SUM`,
 * or a leading tab or carriage return) gets a leading apostrophe, so it shows as text.
 * Numbers are written as numbers and never pass through here.
 */
export function neutraliseCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A value as CSV text: numbers plain, dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS`, text neutralised. */
export function csvValue(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return /^DATE$/i.test(type) ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  return csvField(neutraliseCsvCell(String(value)));
}

export interface ExtractColumn {
  name: string;
  type: string;
}

/** The CSV text of rows (a byte-order mark first, CRLF line ends as RFC 4180 says). */
export function toCsv(columns: readonly ExtractColumn[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map((column) => csvField(neutraliseCsvCell(column.name))).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvValue(row[column.name], column.type)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One Arrow vector per column, typed from the DuckDB type. */
function arrowVector(values: unknown[], type: string): Vector {
  const upper = type.toUpperCase();
  if (upper === 'DATE') return vectorFromArray(values.map((value) => (value instanceof Date ? value : null)), new DateDay());
  if (upper.startsWith('TIMESTAMP')) return vectorFromArray(values.map((value) => (value instanceof Date ? value.getTime() : null)), new TimestampMillisecond());
  if (upper === 'INTEGER' || upper === 'SMALLINT' || upper === 'TINYINT') return vectorFromArray(values.map((value) => (typeof value === 'number' ? value : null)), new Int32());
  if (upper === 'BIGINT' || upper === 'HUGEINT' || upper === 'UBIGINT') {
    return vectorFromArray(values.map((value) => (typeof value === 'bigint' ? value : typeof value === 'number' ? BigInt(Math.trunc(value)) : null)), new Int64());
  }
  if (upper === 'DOUBLE' || upper === 'FLOAT' || upper === 'REAL' || upper.startsWith('DECIMAL')) {
    return vectorFromArray(values.map((value) => (typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : null)), new Float64());
  }
  if (upper === 'BOOLEAN') return vectorFromArray(values.map((value) => (typeof value === 'boolean' ? value : null)), new Bool());
  return vectorFromArray(values.map((value) => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value))), new Utf8());
}

/** The Arrow IPC file (the random-access format, `.arrow`) of rows. */
export function toArrowIpc(columns: readonly ExtractColumn[], rows: readonly Record<string, unknown>[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const column of columns) vectors[column.name] = arrowVector(rows.map((row) => row[column.name] ?? null), column.type);
  return tableToIPC(new Table(vectors), 'file');
}

/** Columns whose values identify an ambassador, and text that names people. */
const ID_COLUMNS = new Set(['ambassador_id', 'lead_id', 'leader_id']);
const NAME_COLUMNS = new Set(['ambassador_name', 'display_name', 'leader_name']);
const PERSONAL_TEXT_COLUMNS = new Set(['post_url', 'last_non_compliant_post_url', 'post_text', 'evidence']);

/**
 * The select that reads a mart for extracts: `select *`, or, anonymised, with ids,
 * names and post addresses replaced through the temp table `report_pseudonyms`.
 */
export function extractSelect(table: string, columns: readonly ExtractColumn[], anonymised: boolean): string {
  const source = `${qualifiedName('marts', table)} as t`;
  if (!anonymised) return `select * from ${source}`;
  const lookup = (expression: string, field: 'code' | 'label') => `(select p.${field} from report_pseudonyms p where p.ambassador_id = ${expression})`;
  const names = new Set(columns.map((column) => column.name));
  const list = columns.map((column) => {
    const name = quotedIdentifier(column.name);
    if (ID_COLUMNS.has(column.name)) return `${lookup(`t.${name}`, 'code')} as ${name}`;
    if (NAME_COLUMNS.has(column.name)) {
      const label = names.has('ambassador_id') ? lookup('t."ambassador_id"', 'label') : 'null::varchar';
      return column.name === 'display_name' && names.has('is_opted_out')
        ? `case when t."is_opted_out" then t.${name} else ${label} end as ${name}`
        : `${label} as ${name}`;
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

/** The marts in the warehouse, with their columns and types, by name. */
export async function martTables(warehouse: Warehouse): Promise<{ table: string; columns: ExtractColumn[] }[]> {
  const rows = await warehouse.all<{ table_name: string; column_name: string; data_type: string }>(
    `select table_name, column_name, data_type from information_schema.columns
     where table_schema = 'marts' order by table_name, ordinal_position`,
  );
  const tables = new Map<string, ExtractColumn[]>();
  for (const row of rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), { name: row.column_name, type: row.data_type }]);
  return [...tables].map(([table, columns]) => ({ table, columns }));
}

/**
 * Writes every mart into `folder` as `<mart>.csv`, `<mart>.parquet` and `<mart>.arrow`,
 * and `data_dictionary.csv` (table, column, type, meaning) with `README.md`.
 * `grains` maps a mart to its grain line (from the model's header).
 */
export async function writeExtracts(
  warehouse: Warehouse,
  folder: string,
  options: { anonymiser: Anonymiser; grains?: ReadonlyMap<string, string> },
): Promise<ExtractsResult> {
  const tables = await martTables(warehouse);
  const anonymised = options.anonymiser.enabled;
  if (anonymised) await loadPseudonyms(warehouse, tables, options.anonymiser);
  const files: string[] = [];
  const dictionary: Record<string, unknown>[] = [];
  for (const { table, columns } of tables) {
    const select = extractSelect(table, columns, anonymised);
    const ordered = `${select} order by all`;
    const rows = await warehouse.all(ordered);
    const csv = join(folder, `${table}.csv`);
    writeFileSync(csv, toCsv(columns, rows), 'utf8');
    const parquet = join(folder, `${table}.parquet`);
    await warehouse.run(`copy (${ordered}) to ${quotedString(parquet)} (format parquet)`);
    const arrow = join(folder, `${table}.arrow`);
    writeFileSync(arrow, toArrowIpc(columns, rows));
    files.push(csv, parquet, arrow);
    dictionary.push({ table, column: '', type: 'table', meaning: options.grains?.get(table) ?? TABLE_MEANINGS[table] ?? '' });
    for (const column of columns) {
      dictionary.push({ table, column: column.name, type: column.type, meaning: COLUMN_MEANINGS[table]?.[column.name] ?? COLUMN_MEANINGS['*']?.[column.name] ?? '' });
    }
  }
  if (anonymised) await warehouse.run('drop table if exists report_pseudonyms');
  const dictionaryColumns = ['table', 'column', 'type', 'meaning'].map((name) => ({ name, type: 'VARCHAR' }));
  const dictionaryFile = join(folder, 'data_dictionary.csv');
  writeFileSync(dictionaryFile, toCsv(dictionaryColumns, dictionary), 'utf8');
  const readme = join(folder, 'README.md');
  writeFileSync(readme, extractsReadme(tables.map(({ table }) => ({ table, grain: options.grains?.get(table) ?? TABLE_MEANINGS[table] ?? '' })), anonymised), 'utf8');
  files.push(dictionaryFile, readme);
  return { files, tables: tables.map(({ table }) => table) };
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
