/**
 * Ingest: file → adapter → raw layer, one transaction per file. A file's SHA-256 makes
 * a second load of the same bytes a no-op; rows that cannot be loaded go to
 * `meta.rejected_rows` with file, line, field and reason; a file with too many bad
 * rows is rejected whole and leaves the warehouse as it was.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { rawTableName, type Adapter } from '../sources/adapter.ts';
import { adapterByName, detectAdapter } from '../sources/index.ts';
import { exceedsRejectLimit, parseFile, tooManyRejectedError, type LoadOptions, type ParsedFile, type RejectLimit } from '../sources/load.ts';
import { detectionBytes, dropReadCsvTables, landReadCsv, planReadCsv, stageReadCsv } from '../sources/read-csv.ts';
import { localCalendarDay } from '../sources/read/values.ts';
import type { Config } from './config.ts';
import { AdvocacyError, BadInputError } from './errors.ts';
import type { Logger } from './log.ts';
import { stageFields } from './progress.ts';
import { rawColumns, RAW_LINEAGE_COLUMNS } from './meta.ts';
import type { Warehouse } from './warehouse.ts';

export type FileOutcome =
  | { status: 'loaded'; path: string; source: string; fileId: number; rowsLoaded: number; rowsRejected: number; rowsSkipped: number }
  | { status: 'already_loaded'; path: string; source: string | null; fileId: number }
  | { status: 'failed'; path: string; source: string | null; message: string };

export interface IngestOptions {
  runId: number | null;
  /**
   * The files loaded so far, by content hash; kept up to date as files load. Saves a
   * query per file in a batch. __Default value:__ looked up in `meta.files` per file
   */
  loaded?: LoadedFiles;
  /** Force a format instead of recognising it from the header. */
  source?: string;
  log: Logger;
}

/**
 * Files under the given files and folders, in a stable order; `failed/` folders and the
 * `.error.txt` notes in them are left out. Links found in a folder are not followed (what
 * they point to may lie anywhere, or be the folder itself), and hidden files are not
 * loaded: both are left where they are and passed to `skipped` with the reason.
 */
export function listInputFiles(paths: readonly string[], skipped: (path: string, reason: string) => void = () => {}): string[] {
  const files: string[] = [];
  const visit = (path: string, named: boolean) => {
    // A path given by name is followed, links and all: the user chose it.
    const stats = named ? statSync(path, { throwIfNoEntry: false }) : lstatSync(path, { throwIfNoEntry: false });
    if (!stats) {
      if (named) throw new BadInputError(`${path} does not exist; check the path and try again.`, path);
      // Found in a folder but gone meanwhile: its load fails and says so; the others go on.
      files.push(resolve(path));
      return;
    }
    if (stats.isSymbolicLink()) skipped(resolve(path), 'it is a link, and links are not followed: put the file itself into the inbox');
    else if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry === 'failed') continue;
        if (entry.startsWith('.')) skipped(resolve(path, entry), 'hidden files are not loaded: rename it without the leading dot to load it');
        else visit(join(path, entry), false);
      }
    } else if (stats.isFile() && !path.endsWith('.error.txt')) files.push(resolve(path));
  };
  for (const path of paths) visit(path, true);
  return files;
}

/** Loads each file in its own transaction; a file that fails does not stop the others. */
export async function ingestFiles(
  warehouse: Warehouse,
  config: Config,
  files: readonly string[],
  options: IngestOptions,
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const batch = { ...options, loaded: options.loaded ?? (await loadedFiles(warehouse)) };
  if (files.length > 0) options.log.info(`ingest: ${files.length} files`, stageFields('ingest', files.length));
  for (const file of files) {
    const outcome = await ingestFile(warehouse, config, file, batch);
    outcomes.push(outcome);
    const name = basename(file);
    if (outcome.status === 'loaded') {
      const rejected = outcome.rowsRejected ? `, ${outcome.rowsRejected} rejected` : '';
      options.log.info(`loaded ${name} as ${outcome.source}: ${outcome.rowsLoaded} rows${rejected}`, { ...outcome });
    } else if (outcome.status === 'already_loaded') {
      options.log.info(`skipped ${name}: already loaded (file ${outcome.fileId}); nothing to do`, { ...outcome });
    } else {
      options.log.error(outcome.message, { ...outcome });
    }
  }
  return outcomes;
}

export async function ingestFile(warehouse: Warehouse, config: Config, path: string, options: IngestOptions): Promise<FileOutcome> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    // Nothing is recorded: without its bytes the file has no hash to recognise it by.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      status: 'failed',
      path,
      source: null,
      message: `${basename(path)} cannot be read (${code}); check that it is a file this user may read and that nothing moved it while the run started, then drop it into the inbox again.`,
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const seen = options.loaded ? options.loaded.get(sha256) : (await loadedFiles(warehouse, sha256)).get(sha256);
  if (seen) return { status: 'already_loaded', path, source: seen.source, fileId: seen.fileId };
  const outcome = await loadFile(warehouse, config, path, bytes, sha256, options);
  if (outcome.status === 'loaded') options.loaded?.set(sha256, { fileId: outcome.fileId, source: outcome.source });
  return outcome;
}

export type LoadedFiles = Map<string, { fileId: number; source: string }>;

/** The loaded files by content hash (the first load of each), all or the one with `sha256`. */
export async function loadedFiles(warehouse: Warehouse, sha256?: string): Promise<LoadedFiles> {
  const loaded = sha256 === undefined ? `status = 'loaded'` : `status = 'loaded' and sha256 = $sha256`;
  const rows = await warehouse.all<{ sha256: string; file_id: number; source: string }>(
    `select sha256, min(file_id)::integer as file_id, arg_min(source, file_id) as source from meta.files where ${loaded} group by sha256`,
    sha256 === undefined ? undefined : { sha256 },
  );
  return new Map(rows.map((row) => [row.sha256, { fileId: row.file_id, source: row.source }]));
}

/** A file not loaded before: recognised, read and landed in one transaction, or recorded as failed. */
async function loadFile(warehouse: Warehouse, config: Config, path: string, bytes: Buffer, sha256: string, options: IngestOptions): Promise<FileOutcome> {
  let adapter: Adapter | null = null;
  try {
    adapter = options.source ? adapterByName(options.source) : detectAdapter(detectionBytes(bytes), basename(path));
    const loadOptions = {
      fileName: basename(path),
      folderName: basename(dirname(path)),
      timezone: config.timezone,
      locale: config.locale,
      salt: config.salt,
      currency: config.currency,
    };
    if (adapter.loader === 'read_csv') {
      const viaDuckDB = await ingestWithReadCsv(warehouse, config, path, bytes, adapter, { sha256, runId: options.runId, log: options.log });
      if (viaDuckDB) return viaDuckDB;
    }
    const parts = [{ adapter, parsed: parseFile(bytes, adapter, loadOptions) }];
    for (const companion of adapter.companions ?? []) {
      const parsed = parseCompanion(bytes, companion, loadOptions);
      if (parsed) parts.push({ adapter: companion, parsed });
    }
    for (const part of parts) rejectIfMostlyBad(part.parsed, basename(path), rejectLimit(config));
    const main = parts[0]!.parsed;
    const period = main.facts.periodStart || main.facts.periodEnd
      ? { periodStart: isoDay(main.facts.periodStart), periodEnd: isoDay(main.facts.periodEnd) }
      : periodFromRows(adapter, main, config.timezone);
    const fileId = await warehouse.transaction(async () => {
      const id = await recordFile(warehouse, {
        path,
        sha256,
        bytes: bytes.length,
        runId: options.runId,
        source: adapter!.name,
        status: 'loaded',
        rowsLoaded: sum(parts, (part) => part.parsed.rows.length),
        rowsRejected: sum(parts, (part) => part.parsed.rejected.length),
        rowsSkipped: sum(parts, (part) => part.parsed.skipped),
        periodStart: period.periodStart,
        periodEnd: period.periodEnd,
      });
      for (const part of parts) await landRows(warehouse, id, part.adapter, part.parsed, basename(path));
      return id;
    });
    for (const note of parts.flatMap((part) => part.parsed.notes)) options.log.info(`  ${basename(path)}: ${note}`);
    return {
      status: 'loaded',
      path,
      source: adapter.name,
      fileId,
      rowsLoaded: sum(parts, (part) => part.parsed.rows.length),
      rowsRejected: sum(parts, (part) => part.parsed.rejected.length),
      rowsSkipped: sum(parts, (part) => part.parsed.skipped),
    };
  } catch (error) {
    if (!(error instanceof AdvocacyError)) throw error;
    await recordFile(warehouse, { path, sha256, bytes: bytes.length, runId: options.runId, source: adapter?.name ?? null, status: 'failed', message: error.message });
    return { status: 'failed', path, source: adapter?.name ?? null, message: error.message };
  }
}

/**
 * The DuckDB `read_csv` path (`sources/read-csv.ts`) for adapters that declare it; null
 * when the file needs the papaparse path after all (the log says why).
 */
async function ingestWithReadCsv(
  warehouse: Warehouse,
  config: Config,
  path: string,
  bytes: Buffer,
  adapter: Adapter,
  file: { sha256: string; runId: number | null; log: Logger },
): Promise<FileOutcome | null> {
  const fileName = basename(path);
  const plan = planReadCsv(bytes, adapter, fileName);
  if (!plan.ok) {
    file.log.info(`  ${fileName}: read with papaparse, not DuckDB's read_csv: ${plan.reason}`);
    return null;
  }
  try {
    const staged = await stageReadCsv(warehouse, path, bytes, adapter, plan, {
      fileName,
      timezone: config.timezone,
      rejectLimit: rejectLimit(config),
      salt: config.salt,
    });
    if (staged.status === 'fallback') {
      file.log.info(`  ${fileName}: read with papaparse, not DuckDB's read_csv: ${staged.reason}`);
      return null;
    }
    const dataColumns = rawColumns(adapter).slice(RAW_LINEAGE_COLUMNS.length).map((column) => column.name);
    const fileId = await warehouse.transaction(async () => {
      const id = await recordFile(warehouse, {
        path,
        sha256: file.sha256,
        bytes: bytes.length,
        runId: file.runId,
        source: adapter.name,
        status: 'loaded',
        rowsLoaded: staged.rowsLoaded,
        rowsRejected: staged.rowsRejected,
        rowsSkipped: 0,
        periodStart: staged.periodStart,
        periodEnd: staged.periodEnd,
      });
      await landReadCsv(warehouse, id, path, adapter, plan, staged.rows, dataColumns, config.salt);
      return id;
    });
    for (const note of staged.notes) file.log.info(`  ${fileName}: ${note}`);
    return { status: 'loaded', path, source: adapter.name, fileId, rowsLoaded: staged.rowsLoaded, rowsRejected: staged.rowsRejected, rowsSkipped: 0 };
  } finally {
    await dropReadCsvTables(warehouse);
  }
}

/** A companion table that is not in this copy of the file (a sheet left out) is simply absent. */
function parseCompanion(bytes: Uint8Array, companion: Adapter, options: LoadOptions): ParsedFile | null {
  try {
    return parseFile(bytes, companion, options);
  } catch (error) {
    if (error instanceof BadInputError && /has no header row/.test(error.message)) return null;
    throw error;
  }
}

function rejectLimit(config: Config): RejectLimit {
  return { maxShare: config.ingest.max_rejected_share, minRows: config.ingest.min_rejected_rows };
}

function rejectIfMostlyBad(parsed: ParsedFile, fileName: string, limit: RejectLimit): void {
  const total = parsed.rows.length + parsed.rejected.length;
  if (exceedsRejectLimit(parsed.rejected.length, total, limit)) throw tooManyRejectedError(fileName, parsed.rejected.length, total, limit, parsed.rejected[0]!);
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

async function landRows(warehouse: Warehouse, fileId: number, adapter: Adapter, parsed: ParsedFile, fileName: string): Promise<void> {
  const loadedAt = new Date();
  const dataColumns = rawColumns(adapter)
    .slice(RAW_LINEAGE_COLUMNS.length)
    .map((column) => column.name);
  await warehouse.append(
    'raw',
    rawTableName(adapter),
    parsed.rows.map((row) => [fileId, fileName, row.line, loadedAt, ...dataColumns.map((name) => row.values[name] ?? null)]),
  );
  await warehouse.append(
    'meta',
    'rejected_rows',
    parsed.rejected.map((row) => [fileId, fileName, row.line, row.field, row.value, row.reason, row.raw]),
  );
}

/**
 * The period a file covers when its name and preamble do not say: the span of its first
 * date column, in the program's calendar days (a timestamp at 23:30 UTC is the next day
 * in Copenhagen).
 */
function periodFromRows(adapter: Adapter, parsed: ParsedFile, timezone: string): { periodStart: string | null; periodEnd: string | null } {
  const dateColumn = adapter.columns.find((column) => column.type === 'date' || column.type === 'timestamp');
  if (!dateColumn) return { periodStart: null, periodEnd: null };
  let first = Infinity;
  let last = -Infinity;
  for (const row of parsed.rows) {
    const value = row.values[dateColumn.name];
    if (!(value instanceof Date)) continue;
    first = Math.min(first, value.getTime());
    last = Math.max(last, value.getTime());
  }
  if (!Number.isFinite(first)) return { periodStart: null, periodEnd: null };
  const day = (ms: number) => (dateColumn.type === 'date' ? isoDay(new Date(ms)) : localCalendarDay(new Date(ms), timezone));
  return { periodStart: day(first), periodEnd: day(last) };
}

interface FileRecord {
  path: string;
  sha256: string;
  bytes: number;
  runId: number | null;
  source: string | null;
  status: 'loaded' | 'failed';
  rowsLoaded?: number;
  rowsRejected?: number;
  rowsSkipped?: number;
  periodStart?: string | null;
  periodEnd?: string | null;
  message?: string;
}

/** The file's row in `meta.files`, under a new file id, which it returns. */
async function recordFile(warehouse: Warehouse, file: FileRecord): Promise<number> {
  const row = await warehouse.one<{ file_id: number }>(
    `insert into meta.files (file_id, run_id, path, file_name, sha256, bytes, source, status, rows_loaded, rows_rejected,
       rows_skipped, period_start, period_end, loaded_at, message)
     values (nextval('meta.file_ids'), $runId, $path, $fileName, $sha256, $bytes, $source, $status, $rowsLoaded, $rowsRejected,
       $rowsSkipped, $periodStart::date, $periodEnd::date, now()::timestamp, $message)
     returning file_id::integer as file_id`,
    {
      runId: file.runId,
      path: file.path,
      fileName: basename(file.path),
      sha256: file.sha256,
      bytes: file.bytes,
      source: file.source,
      status: file.status,
      rowsLoaded: file.rowsLoaded ?? 0,
      rowsRejected: file.rowsRejected ?? 0,
      rowsSkipped: file.rowsSkipped ?? 0,
      periodStart: file.periodStart ?? null,
      periodEnd: file.periodEnd ?? null,
      message: file.message ?? null,
    },
  );
  return row!.file_id;
}

function isoDay(date: Date | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

