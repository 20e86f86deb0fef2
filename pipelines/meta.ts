/**
 * The warehouse's own bookkeeping (`meta.*`) and the raw tables every adapter lands
 * in. Raw tables exist from the first run, empty until a file of theirs arrives, so
 * staging views over them always compile.
 */
import { quotedIdentifier, quotedString, qualifiedName, type Warehouse } from './warehouse.ts';
import { rawTableName, type Adapter } from '../sources/adapter.ts';
import { duckdbType } from '../sources/parse.ts';
import { MONEY_SQL_TYPE } from '../sources/read/money.ts';

const META_TABLES = `
create sequence if not exists meta.file_ids start 1;
create sequence if not exists meta.run_ids start 1;
create table if not exists meta.runs (
  run_id integer primary key,
  command varchar not null,
  started_at timestamp not null,
  finished_at timestamp,
  status varchar not null,          -- running, done, failed, interrupted
  files_loaded integer default 0,
  rows_loaded bigint default 0,
  rows_rejected bigint default 0,
  message varchar,
  options varchar                   -- options that change what the run does, e.g. --revalue-emv
);
alter table meta.runs add column if not exists options varchar;
create table if not exists meta.files (
  file_id integer primary key,
  run_id integer,
  path varchar not null,
  file_name varchar not null,
  sha256 varchar not null,
  bytes bigint not null,
  source varchar,
  status varchar not null,          -- loaded, failed
  rows_loaded bigint not null default 0,
  rows_rejected bigint not null default 0,
  rows_skipped bigint not null default 0,
  period_start date,
  period_end date,
  loaded_at timestamp not null,
  message varchar
);
create table if not exists meta.rejected_rows (
  file_id integer not null,
  file_name varchar not null,
  line integer,
  field varchar,
  value varchar,
  reason varchar not null,
  raw varchar
);
create table if not exists meta.model_runs (
  run_id integer,
  model varchar not null,
  materialized varchar not null,
  rows bigint,
  milliseconds double,
  built_at timestamp not null
);
create table if not exists meta.model_state (  -- what each model was last built from (pipelines/model-state.ts)
  model varchar primary key,
  input_key varchar not null,
  definition_key varchar not null,
  inputs varchar not null,                    -- JSON: the version of each table it read
  file_watermark integer not null             -- the highest file id then
);
create table if not exists meta.raw_files_checked (  -- the highest file id whose raw rows passed the checks made file by file
  file_id integer
);
`;

/** Columns every raw table starts with: where each row came from (Singer's `_sdc_*`). */
export const RAW_LINEAGE_COLUMNS = [
  ['_file_id', 'integer'],
  ['_source_file', 'varchar'],
  ['_source_line', 'integer'],
  ['_loaded_at', 'timestamp'],
] as const;

/** The raw table's columns for an adapter, in order: lineage, declared, derived, extras. */
export function rawColumns(adapter: Adapter): { name: string; type: string }[] {
  return [
    ...RAW_LINEAGE_COLUMNS.map(([name, type]) => ({ name, type })),
    ...adapter.columns.map((column) => ({ name: column.name, type: duckdbType(column.type) })),
    ...(adapter.derivedColumns ?? []).map((column) => ({ name: column.name, type: duckdbType(column.type) })),
    ...(adapter.keepExtraColumns ? [{ name: '_extra', type: 'varchar' }] : []),
  ];
}

/** The names of the raw table's columns after the lineage: what a parsed row's values fill. */
export function rawDataColumnNames(adapter: Adapter): string[] {
  return rawColumns(adapter)
    .slice(RAW_LINEAGE_COLUMNS.length)
    .map((column) => column.name);
}

/**
 * Creates the meta tables and every adapter's raw table; adds columns an adapter has
 * gained since, and makes an amount of money still kept as DOUBLE a DECIMAL.
 */
export async function prepareWarehouse(warehouse: Warehouse, adapters: readonly Adapter[]): Promise<void> {
  await warehouse.run(META_TABLES);
  // One look at the raw layer's columns for every adapter: a warehouse is prepared on every
  // open, and a query per adapter would cost more than the statements it leads to.
  const existingColumns = await warehouse.all<{ table_name: string; column_name: string; data_type: string }>(
    `select table_name, column_name, data_type from information_schema.columns where table_schema = 'raw'`,
  );
  const statements: string[] = [];
  for (const adapter of adapters) {
    const table = rawTableName(adapter);
    const columns = rawColumns(adapter);
    const existing = existingColumns.filter((row) => row.table_name === table);
    if (existing.length === 0) {
      const definitions = columns.map((column) => `${quotedIdentifier(column.name)} ${column.type}`).join(', ');
      statements.push(`create table if not exists ${qualifiedName('raw', table)} (${definitions})`);
      continue;
    }
    const have = new Set(existing.map((row) => row.column_name));
    for (const column of columns.filter((one) => !have.has(one.name))) {
      statements.push(`alter table ${qualifiedName('raw', table)} add column ${quotedIdentifier(column.name)} ${column.type}`);
    }
    const doubles = new Set(existing.filter((one) => one.data_type === 'DOUBLE').map((one) => one.column_name));
    for (const column of columns.filter((one) => one.type === MONEY_SQL_TYPE && doubles.has(one.name))) {
      statements.push(`alter table ${qualifiedName('raw', table)} alter column ${quotedIdentifier(column.name)} set data type ${MONEY_SQL_TYPE}`);
    }
  }
  if (statements.length > 0) await warehouse.run(statements.join(';\n'));
}

export async function nextId(warehouse: Warehouse, sequence: 'file_ids' | 'run_ids'): Promise<number> {
  const row = await warehouse.one<{ id: number }>(`select nextval(${quotedString(`meta.${sequence}`)})::integer as id`);
  return row!.id;
}

/** Logs a run of `command`; `options` are the ones that change what it does (`--revalue-emv`). */
export async function startRun(warehouse: Warehouse, command: string, options: readonly string[] = []): Promise<number> {
  const runId = await nextId(warehouse, 'run_ids');
  await warehouse.run(`insert into meta.runs (run_id, command, started_at, status, options) values ($runId, $command, now()::timestamp, 'running', $options)`, {
    runId,
    command,
    options: options.length > 0 ? options.join(' ') : null,
  });
  return runId;
}

export async function finishRun(
  warehouse: Warehouse,
  runId: number,
  outcome: { status: 'done' | 'failed' | 'interrupted'; filesLoaded?: number; rowsLoaded?: number; rowsRejected?: number; message?: string },
): Promise<void> {
  await warehouse.run(
    `update meta.runs set finished_at = now()::timestamp, status = $status, files_loaded = $files,
       rows_loaded = $rows, rows_rejected = $rejected, message = $message
     where run_id = $runId`,
    {
      runId,
      status: outcome.status,
      files: outcome.filesLoaded ?? 0,
      rows: outcome.rowsLoaded ?? 0,
      rejected: outcome.rowsRejected ?? 0,
      message: outcome.message ?? null,
    },
  );
}

/**
 * Notes that `advocacy check` passed on the current build, so a run with nothing new need
 * not check again, and that the raw rows of every file loaded so far passed the checks made
 * file by file (raw rows never change once loaded, so a run's check looks only at the files
 * after them); or, after an interrupted run, that the next run must check.
 */
export async function markBuildChecked(warehouse: Warehouse, passed: boolean): Promise<void> {
  if (passed) {
    await warehouse.run(`delete from meta.raw_files_checked;
      insert into meta.raw_files_checked select coalesce(max(file_id), 0) from meta.files`);
  }
  if (!(await warehouse.tableExists('meta', 'build_state'))) return;
  await warehouse.run(
    `alter table meta.build_state add column if not exists checked_at timestamp;
     update meta.build_state set checked_at = ${passed ? 'now()::timestamp' : 'null'}`,
  );
}

/** The highest file id whose raw rows passed the checks made file by file; 0 when none did. */
export async function rawFilesCheckedTo(warehouse: Warehouse): Promise<number> {
  return (await warehouse.one<{ file_id: number | null }>(`select max(file_id)::integer as file_id from meta.raw_files_checked`))?.file_id ?? 0;
}
