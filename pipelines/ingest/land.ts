/**
 * Writing what ingest read: a file's row in `meta.files` (loaded, or failed with its
 * message) and its rows and rejected rows, in one transaction that rolls back when the
 * file changed on disk since it was read. Parsed files can land several to a
 * transaction (`landTogether`), with one append per table.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { rawTableName, type Adapter } from '../../sources/adapter.ts';
import type { ParsedPart } from '../../sources/parse.ts';
import { AdvocacyError } from '../errors.ts';
import type { FileOutcome, LoadedFiles } from '../ingest.ts';
import { rawDataColumnNames } from '../meta.ts';
import type { Warehouse } from '../warehouse.ts';

/** A file as read: its bytes, and the size and modification time they were read at. */
export type ReadFile = { bytes: Buffer; size: number; mtimeMs: number };

/** A read file on its way into the warehouse, with the format found for it before parsing (none for a workbook). */
export interface FileToLand {
  path: string;
  read: ReadFile;
  sha256: string;
  adapter: Adapter | null;
}

export interface LandOptions {
  runId: number | null;
  /** The files loaded so far by content hash, updated as files land. */
  loaded?: LoadedFiles;
}

export async function recordFailure(warehouse: Warehouse, file: Omit<FileRecord, 'status' | 'message'>, error: AdvocacyError): Promise<FileOutcome> {
  await recordFile(warehouse, { ...file, status: 'failed', message: error.message });
  return { status: 'failed', path: file.path, source: file.source, message: error.message };
}

/** Thrown inside a load's transaction when the file changed after it was hashed: the load rolls back. */
export class FileChangedError extends Error {}

/** Whether the file on disk is no longer the one that was read (its size or modification time moved, or it is gone). */
export function changedOnDisk(path: string, read: { size: number; mtimeMs: number }): boolean {
  const now = statSync(path, { throwIfNoEntry: false });
  return !now || now.size !== read.size || now.mtimeMs !== read.mtimeMs;
}

/** Fails the load when the file on disk is no longer the one that was read. */
function assertUnchanged(path: string, read: { size: number; mtimeMs: number }): void {
  if (changedOnDisk(path, read)) throw new FileChangedError(path);
}

export function changedWhileRead(path: string): FileOutcome {
  return {
    status: 'left',
    path,
    reason: 'it changed while it was read (is it still being written?); it was not loaded, and the next run tries again',
  };
}

/** A parsed file ready to land: its tables, and what `meta.files` records of it. */
export interface ParsedLanding {
  prepared: FileToLand;
  adapter: Adapter;
  parts: ParsedPart[];
  loaded: LoadedFile;
}

/**
 * What becomes of a file whose parse or landing failed: left when it changed on disk,
 * recorded as failed (with `source`, the format it was read in) with the message when a
 * person can act on it. Anything else is a fault of the pipeline, and is thrown.
 */
export async function fileFailure(
  warehouse: Warehouse,
  prepared: FileToLand,
  error: unknown,
  options: LandOptions,
  source: string | null = prepared.adapter?.name ?? null,
): Promise<FileOutcome> {
  const { path, read, sha256 } = prepared;
  if (error instanceof FileChangedError) return changedWhileRead(path);
  if (!(error instanceof AdvocacyError)) throw error;
  // A file still being written is left for the next run, not failed for what its first part says.
  if (changedOnDisk(path, read)) return changedWhileRead(path);
  return recordFailure(warehouse, { path, sha256, bytes: read.bytes.length, runId: options.runId, source }, error);
}

/** Parsed files landed in one transaction; when that fails, each on its own, so that only the file at fault fails. */
export async function landTogether(warehouse: Warehouse, landings: ParsedLanding[], options: LandOptions): Promise<FileOutcome[]> {
  let outcomes: FileOutcome[];
  try {
    outcomes = await landParsedFiles(warehouse, landings, options.runId);
  } catch (error) {
    if (landings.length === 1) outcomes = [await fileFailure(warehouse, landings[0]!.prepared, error, options)];
    else {
      outcomes = [];
      for (const landing of landings) outcomes.push(...(await landTogether(warehouse, [landing], options)));
    }
  }
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status === 'loaded') options.loaded?.set(landings[index]!.prepared.sha256, { fileId: outcome.fileId, source: outcome.source });
  }
  return outcomes;
}

/**
 * Records each file as loaded and lands the rows and rejected rows of all of them, in one
 * transaction and one append per table, which fails when a file changed on disk while it
 * was read.
 */
export async function landParsedFiles(warehouse: Warehouse, landings: readonly ParsedLanding[], runId: number | null): Promise<FileOutcome[]> {
  return warehouse.transaction(async () => {
    const loadedAt = new Date();
    const tables = new Map<string, unknown[][]>();
    const rejected: unknown[][] = [];
    const outcomes: FileOutcome[] = [];
    for (const { prepared, adapter, parts, loaded } of landings) {
      const outcome = await recordLoaded(warehouse, { ...prepared, runId, source: adapter.name }, loaded);
      const fileName = basename(prepared.path);
      for (const { adapter: partAdapter, parsed } of parts) {
        const table = rawTableName(partAdapter);
        const dataColumns = rawDataColumnNames(partAdapter);
        const landed = tables.get(table) ?? [];
        for (const row of parsed.rows) landed.push([outcome.fileId, fileName, row.line, loadedAt, ...dataColumns.map((name) => row.values[name] ?? null)]);
        tables.set(table, landed);
        for (const row of parsed.rejected) rejected.push([outcome.fileId, fileName, row.line, row.field, row.value, row.reason, row.raw]);
      }
      outcomes.push(outcome);
    }
    for (const [table, rows] of tables) await warehouse.append('raw', table, rows);
    await warehouse.append('meta', 'rejected_rows', rejected);
    for (const { prepared } of landings) assertUnchanged(prepared.path, prepared.read);
    return outcomes;
  });
}

export interface FileRecord {
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

/** What a loaded file holds: its rows as `meta.files` counts them, the period it covers, and notes for the log. */
export interface LoadedFile {
  rowsLoaded: number;
  rowsRejected: number;
  rowsSkipped: number;
  periodStart: string | null;
  periodEnd: string | null;
  notes: string[];
}

/**
 * Records the file as loaded and lands its rows (`land`, given the new file id) in one
 * transaction, which fails when the file changed on disk while it was read.
 */
export async function landLoadedFile(
  warehouse: Warehouse,
  file: LoadedFileToRecord,
  loaded: LoadedFile,
  land: (fileId: number) => Promise<void>,
): Promise<FileOutcome> {
  return warehouse.transaction(async () => {
    const outcome = await recordLoaded(warehouse, file, loaded);
    await land(outcome.fileId);
    assertUnchanged(file.path, file.read);
    return outcome;
  });
}

type LoadedFileToRecord = { path: string; read: ReadFile; sha256: string; runId: number | null; source: string };

/** Records a file as loaded in `meta.files` (inside the caller's transaction): its outcome, under the new file id. */
async function recordLoaded(warehouse: Warehouse, file: LoadedFileToRecord, loaded: LoadedFile): Promise<Extract<FileOutcome, { status: 'loaded' }>> {
  const { path, sha256, read, runId, source } = file;
  const { notes, periodStart, periodEnd, ...rows } = loaded;
  const fileId = await recordFile(warehouse, { path, sha256, bytes: read.bytes.length, runId, source, status: 'loaded', ...rows, periodStart, periodEnd });
  return { status: 'loaded', path, source, fileId, ...rows, notes };
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
