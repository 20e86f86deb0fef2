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

/**
 * A file as read: its bytes, and the size and modification time they were read at. The
 * bytes of a large file DuckDB reads itself are let go once it is planned (null), so that
 * they are not held while DuckDB reads it; a parser process reads such a file itself too.
 */
export type ReadFile = { bytes: Buffer | null; size: number; mtimeMs: number };

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
  await recordFiles(warehouse, [{ ...file, status: 'failed', message: error.message }]);
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
  return recordFailure(warehouse, { path, sha256, bytes: read.size, runId: options.runId, source }, error);
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
    const outcomes = await recordLoaded(
      warehouse,
      landings.map(({ prepared, adapter, loaded }) => ({ file: { ...prepared, runId, source: adapter.name }, loaded })),
    );
    for (const [index, { prepared, parts }] of landings.entries()) {
      const { fileId } = outcomes[index]!;
      const fileName = basename(prepared.path);
      for (const { adapter: partAdapter, parsed } of parts) {
        const table = rawTableName(partAdapter);
        const dataColumns = rawDataColumnNames(partAdapter);
        const landed = tables.get(table) ?? [];
        for (const row of parsed.rows) landed.push([fileId, fileName, row.line, loadedAt, ...dataColumns.map((name) => row.values[name] ?? null)]);
        tables.set(table, landed);
        for (const row of parsed.rejected) rejected.push([fileId, fileName, row.line, row.field, row.value, row.reason, row.raw]);
      }
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
    const [outcome] = await recordLoaded(warehouse, [{ file, loaded }]);
    await land(outcome!.fileId);
    assertUnchanged(file.path, file.read);
    return outcome!;
  });
}

type LoadedFileToRecord = { path: string; read: ReadFile; sha256: string; runId: number | null; source: string };

/** Records files as loaded in `meta.files` (inside the caller's transaction): their outcomes, under their new file ids. */
async function recordLoaded(
  warehouse: Warehouse,
  files: readonly { file: LoadedFileToRecord; loaded: LoadedFile }[],
): Promise<Extract<FileOutcome, { status: 'loaded' }>[]> {
  const fileIds = await recordFiles(
    warehouse,
    files.map(({ file: { path, sha256, read, runId, source }, loaded: { notes: _notes, ...loaded } }) => ({
      path,
      sha256,
      bytes: read.size,
      runId,
      source,
      status: 'loaded' as const,
      ...loaded,
    })),
  );
  return files.map(({ file: { path, source }, loaded: { notes, rowsLoaded, rowsRejected, rowsSkipped } }, index) => ({
    status: 'loaded',
    path,
    source,
    fileId: fileIds[index]!,
    rowsLoaded,
    rowsRejected,
    rowsSkipped,
    notes,
  }));
}

/**
 * A row in `meta.files` for each file, under new file ids (increasing in the files' order:
 * later loads have higher ids), which it returns. One query takes the ids and the
 * transaction's time, one append writes the rows: a batch of small workbooks costs two
 * statements, not one per file.
 */
async function recordFiles(warehouse: Warehouse, files: readonly FileRecord[]): Promise<number[]> {
  const allocated = await warehouse.all<{ file_id: number; loaded_at: Date }>(
    `select nextval('meta.file_ids')::integer as file_id, now()::timestamp as loaded_at from range($count::bigint) order by file_id`,
    { count: files.length },
  );
  const day = (text: string | null | undefined) => (text ? new Date(`${text}T00:00:00Z`) : null);
  // In meta.files' column order (pipelines/meta.ts).
  await warehouse.append(
    'meta',
    'files',
    files.map((file, index) => [
      allocated[index]!.file_id,
      file.runId,
      file.path,
      basename(file.path),
      file.sha256,
      file.bytes,
      file.source,
      file.status,
      file.rowsLoaded ?? 0,
      file.rowsRejected ?? 0,
      file.rowsSkipped ?? 0,
      day(file.periodStart),
      day(file.periodEnd),
      allocated[index]!.loaded_at,
      file.message ?? null,
    ]),
  );
  return allocated.map((row) => row.file_id);
}
