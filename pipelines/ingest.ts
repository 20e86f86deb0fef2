/**
 * Ingest: file → adapter → raw layer, each file loaded whole or not at all (parsed files
 * may share a transaction, `ingest/land.ts`). A file's SHA-256 makes
 * a second load of the same bytes a no-op; rows that cannot be loaded go to
 * `meta.rejected_rows` with file, line, field and reason; a file with too many bad
 * rows is rejected whole and leaves the warehouse as it was.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Adapter } from '../sources/adapter.ts';
import { adapterByName, detectAdapter } from '../sources/index.ts';
import {
  exceedsRejectLimit,
  isoDay,
  parseFileWithCompanions,
  statedPeriod,
  tooManyRejectedError,
  type LoadOptions,
  type ParsedFile,
  type ParsedPart,
  type RejectLimit,
} from '../sources/parse.ts';
import { dropReadCsvTables, landReadCsv, planReadCsv, stageReadCsv } from '../sources/read-csv.ts';
import { isWorkbook } from '../sources/read/grid.ts';
import { checkContentLimits, fileSizeLimitError, type InputLimits, type LimitError } from '../sources/read/limits.ts';
import { localCalendarDay } from '../sources/read/values.ts';
import type { Config } from './config.ts';
import { AdvocacyError, BadInputError } from './errors.ts';
import { collectArrayBuffers } from './garbage.ts';
import type { Logger } from './log.ts';
import { parseInChild, type ParseResult } from './parser-process.ts';
import { describeNotes } from './notices.ts';
import { stageFields } from './progress.ts';
import { rawDataColumnNames } from './meta.ts';
import type { Warehouse } from './warehouse.ts';
import {
  changedWhileRead,
  fileFailure,
  landLoadedFile,
  landParsedFiles,
  landTogether,
  recordFailure,
  type ParsedLanding,
  type ReadFile,
} from './ingest/land.ts';

export type FileOutcome =
  | { status: 'loaded'; path: string; source: string; fileId: number; rowsLoaded: number; rowsRejected: number; rowsSkipped: number; notes: string[] }
  | { status: 'already_loaded'; path: string; source: string | null; fileId: number }
  | { status: 'failed'; path: string; source: string | null; message: string }
  /** Not loaded and left where it is, for a later run: it changed while it was read. */
  | { status: 'left'; path: string; reason: string };

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

/**
 * Loads each file; a file that fails does not stop the others. Files are read, checked
 * and handed to the parser processes ahead of the one landing. Files the parser processes
 * read land together, up to a batch's files or rows, in one transaction with one append
 * per table (committing each small member workbook alone cost more than parsing it); a
 * batch that fails is landed again file by file, so one file's failure is its own. Other
 * files land one to a transaction.
 */
export async function ingestFiles(warehouse: Warehouse, config: Config, files: readonly string[], options: IngestOptions): Promise<FileOutcome[]> {
  await warehouse.run(`set checkpoint_threshold = '${INGEST_CHECKPOINT_THRESHOLD}'`);
  try {
    return await ingestEachFile(warehouse, config, files, options);
  } finally {
    await warehouse.run('reset checkpoint_threshold');
  }
}

/**
 * DuckDB checkpoints (writes what its write-ahead log holds into the warehouse file) at a
 * commit once the log passes 16 MB. An ingest commits every batch of files, so it
 * checkpointed every few batches; while files land, the log may grow to this instead.
 */
const INGEST_CHECKPOINT_THRESHOLD = '256MB';

async function ingestEachFile(warehouse: Warehouse, config: Config, files: readonly string[], options: IngestOptions): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const batch = { ...options, loaded: options.loaded ?? (await loadedFiles(warehouse)) };
  if (files.length > 0) options.log.info(`ingest: ${files.length} files`, stageFields('ingest', files.length));
  const ahead = preparedAhead(files, (path) => prepareFile(warehouse, config, path, batch));
  const report = (outcome: FileOutcome) => {
    outcomes.push(outcome);
    logOutcome(options.log, outcome);
  };
  let landings: ParsedLanding[] = [];
  const landPending = async () => {
    if (landings.length === 0) return;
    const landed = landings;
    landings = [];
    for (const outcome of await landTogether(warehouse, landed, batch)) report(outcome);
  };
  for (const index of files.keys()) {
    const prepared = await ahead.take(index);
    // What the parser processes read (workbooks, large CSVs) lands in batches; the rest one file to a transaction.
    if (prepared.kind !== 'read' || prepared.parse === null || parsesHere(prepared.read.bytes, prepared.adapter)) {
      await landPending();
      report(await landFile(warehouse, config, prepared, batch));
      continue;
    }
    // A copy of bytes waiting to land is already loaded once they have.
    if (landings.some((landing) => landing.prepared.sha256 === prepared.sha256)) await landPending();
    const ready = await landingOf(config, prepared, prepared.parse).catch((error: unknown): LandingFailure => ({ error }));
    if (!('parts' in ready)) {
      await landPending();
      report('error' in ready ? await fileFailure(warehouse, prepared, ready.error, batch, ready.source) : ready);
      continue;
    }
    const seen = await alreadyLoaded(warehouse, prepared.sha256, batch);
    if (seen) {
      await landPending();
      report({ status: 'already_loaded', path: prepared.path, source: seen.source, fileId: seen.fileId });
      continue;
    }
    landings.push(ready);
    if (landings.length >= MAX_FILES_LANDED_TOGETHER || sum(landings, landingRows) >= MAX_ROWS_LANDED_TOGETHER) await landPending();
  }
  await landPending();
  for (const line of describeNotes(outcomes.filter((outcome) => outcome.status === 'loaded'))) options.log.info(line);
  return outcomes;
}

/** At most this many files, or rows, land in one transaction. */
const MAX_FILES_LANDED_TOGETHER = 64;
const MAX_ROWS_LANDED_TOGETHER = 200_000;
/**
 * Files read and handed to the parser processes ahead of the one landing: a batch's worth,
 * so that they parse the next batch while this one lands; and at most this many bytes of
 * them held in memory.
 */
const PREPARED_AHEAD = MAX_FILES_LANDED_TOGETHER;
const BYTES_AHEAD = 64 * 1024 * 1024;

function logOutcome(log: Logger, outcome: FileOutcome): void {
  const name = basename(outcome.path);
  if (outcome.status === 'loaded') {
    const rejected = outcome.rowsRejected ? `, ${outcome.rowsRejected} rejected` : '';
    log.info(`loaded ${name} as ${outcome.source}: ${outcome.rowsLoaded} rows${rejected}`, { ...outcome });
  } else if (outcome.status === 'already_loaded') {
    log.info(`skipped ${name}: already loaded (file ${outcome.fileId}); nothing to do`, { ...outcome });
  } else if (outcome.status === 'left') {
    log.warn(`left ${name} where it is: ${outcome.reason}`, { ...outcome });
  } else {
    log.error(outcome.message, { ...outcome });
  }
}

/**
 * The files prepared ahead of the one asked for: `take(i)` starts the files past i, up to
 * `PREPARED_AHEAD` of them and `BYTES_AHEAD` of their bytes (at least the next one), and
 * gives file i's preparation. A window this wide keeps the parser processes busy while
 * this thread lands a batch.
 */
function preparedAhead(files: readonly string[], prepare: (path: string) => Promise<PreparedFile>) {
  const started = new Map<number, Promise<PreparedFile>>();
  const sizes = new Map<number, number>();
  const size = (index: number) => sizes.get(index) ?? 0;
  let taken = -1;
  return {
    take(index: number): Promise<PreparedFile> {
      let bytes = 0;
      for (const waiting of started.keys()) if (waiting > index) bytes += size(waiting);
      for (let next = index; next < Math.min(files.length, index + PREPARED_AHEAD + 1); next += 1) {
        if (started.has(next) || next <= taken) continue;
        const fileBytes = sizeOf(files[next]!);
        if (next > index + 1 && bytes + fileBytes > BYTES_AHEAD) break;
        bytes += fileBytes;
        sizes.set(next, fileBytes);
        const prepared = prepare(files[next]!);
        // Awaited in its turn; should an earlier file's landing fail first, it is not left unhandled.
        prepared.catch(() => undefined);
        started.set(next, prepared);
      }
      const prepared = started.get(index)!;
      started.delete(index);
      sizes.delete(index);
      taken = index;
      return prepared;
    },
  };
}

/** A file's size, or 0 when it cannot be looked at (reading it says why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export async function ingestFile(warehouse: Warehouse, config: Config, path: string, options: IngestOptions): Promise<FileOutcome> {
  return landFile(warehouse, config, await prepareFile(warehouse, config, path, options), options);
}

/**
 * A file as far as it goes before anything is written: an outcome already (unreadable,
 * changing, loaded before), a refusal to record, or read and checked, its format known
 * for a CSV, and its parse under way in the parser process unless DuckDB reads it.
 */
type PreparedFile =
  | { kind: 'outcome'; outcome: FileOutcome }
  | { kind: 'refused'; path: string; sha256: string; bytes: number; source: string | null; error: AdvocacyError }
  | { kind: 'read'; path: string; read: ReadFile; sha256: string; adapter: Adapter | null; parse: Promise<ParseResult> | null };

async function prepareFile(warehouse: Warehouse, config: Config, path: string, options: IngestOptions): Promise<PreparedFile> {
  let read: FileRead;
  try {
    read = readWholeFile(path, config.ingest.limits);
  } catch (error) {
    // Nothing is recorded: without its bytes the file has no hash to recognise it by.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      kind: 'outcome',
      outcome: {
        status: 'failed',
        path,
        source: null,
        message: `${basename(path)} cannot be read (${code}); check that it is a file this user may read and that nothing moved it while the run started, then drop it into the inbox again.`,
      },
    };
  }
  if (read.status === 'changed') return { kind: 'outcome', outcome: changedWhileRead(path) };
  if (read.status === 'too_large') return { kind: 'refused', path, sha256: read.sha256, bytes: read.size, source: null, error: read.error };
  const { bytes } = read;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const seen = await alreadyLoaded(warehouse, sha256, options);
  if (seen) return { kind: 'outcome', outcome: { status: 'already_loaded', path, source: seen.source, fileId: seen.fileId } };
  let adapter: Adapter | null = null;
  try {
    await checkContentLimits(bytes, basename(path), config.ingest.limits);
    if (options.source) adapter = adapterByName(options.source);
    // A CSV's format is recognised here, from its first lines, as DuckDB may read the rest;
    // a workbook's, in the parser process, which reads it whole anyway.
    else if (!isWorkbook(bytes)) adapter = detectAdapter(bytes, basename(path));
  } catch (error) {
    if (!(error instanceof AdvocacyError)) throw error;
    return { kind: 'refused', path, sha256, bytes: bytes.length, source: adapter?.name ?? null, error };
  }
  const parse = adapter?.loader === 'read_csv' ? null : startParse(config, path, bytes, sha256, adapter);
  return { kind: 'read', path, read, sha256, adapter, parse };
}

/** A file's parse: here for a small text file, else in the parser process, within the budget. */
function startParse(config: Config, path: string, bytes: Uint8Array | null, sha256: string, adapter: Adapter | null): Promise<ParseResult> {
  const options = loadOptions(config, path);
  const parse = parsesHere(bytes, adapter)
    ? parseHere(bytes, adapter!, options)
    : parseInChild({ path, sha256, source: adapter?.name ?? null, options }, config.ingest.limits, basename(path));
  // Awaited when the file lands; until then a failure must not count as unhandled.
  parse.catch(() => undefined);
  return parse;
}

/**
 * Text files up to this size are parsed in this process: the limits checked before the
 * parse (line length, columns) leave them no way to outgrow the parse budget, and starting
 * the parser process would cost more than parsing them.
 */
const PARSE_HERE_MAX_BYTES = 8 * 1024 * 1024;

function parsesHere(bytes: Uint8Array | null, adapter: Adapter | null): bytes is Uint8Array {
  return bytes !== null && adapter !== null && !isWorkbook(bytes) && bytes.length <= PARSE_HERE_MAX_BYTES;
}

function parseHere(bytes: Uint8Array, adapter: Adapter, options: LoadOptions): Promise<ParseResult> {
  return Promise.resolve().then(() => ({
    status: 'parsed' as const,
    parts: parseFileWithCompanions(bytes, adapter, options).map((part) => ({ adapter: part.adapter.name, parsed: part.parsed })),
  }));
}

function loadOptions(config: Config, path: string): LoadOptions {
  return {
    fileName: basename(path),
    folderName: basename(dirname(path)),
    timezone: config.timezone,
    locale: config.locale,
    salt: config.salt,
    currency: config.currency,
  };
}

async function alreadyLoaded(warehouse: Warehouse, sha256: string, options: IngestOptions): Promise<{ fileId: number; source: string } | undefined> {
  return options.loaded ? options.loaded.get(sha256) : (await loadedFiles(warehouse, sha256)).get(sha256);
}

/** Writes a prepared file: its rows and rejected rows in one transaction, or its failure. */
async function landFile(warehouse: Warehouse, config: Config, prepared: PreparedFile, options: IngestOptions): Promise<FileOutcome> {
  if (prepared.kind === 'outcome') return prepared.outcome;
  const { path, sha256 } = prepared;
  if (prepared.kind === 'refused')
    return recordFailure(warehouse, { path, sha256, bytes: prepared.bytes, runId: options.runId, source: prepared.source }, prepared.error);
  // The same bytes may have landed under another name since this file was prepared.
  const seen = await alreadyLoaded(warehouse, sha256, options);
  if (seen) return { status: 'already_loaded', path, source: seen.source, fileId: seen.fileId };
  const outcome = await loadFile(warehouse, config, prepared, options);
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

type FileRead =
  | { status: 'read'; bytes: Buffer; size: number; mtimeMs: number }
  | { status: 'too_large'; size: number; sha256: string; error: LimitError }
  | { status: 'changed' };

/**
 * The file's bytes, read through one descriptor (so a file renamed or replaced meanwhile
 * is not mixed in), and only when its size and modification time were the same before
 * and after: a file still being written is left for a later run. A file over
 * `ingest.limits.file_mb` is not read, only hashed as a stream, to be recorded.
 */
function readWholeFile(path: string, limits: InputLimits): FileRead {
  const fd = openSync(path, 'r');
  try {
    const before = fstatSync(fd);
    const tooLarge = fileSizeLimitError(before.size, basename(path), limits);
    if (tooLarge) return { status: 'too_large', size: before.size, sha256: streamedSha256(fd), error: tooLarge };
    const bytes = readFileSync(fd);
    const after = fstatSync(fd);
    if (bytes.length !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) return { status: 'changed' };
    return { status: 'read', bytes, size: after.size, mtimeMs: after.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

function streamedSha256(fd: number): string {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (let position = 0; ; ) {
    const length = readSync(fd, chunk, 0, chunk.length, position);
    if (length === 0) return hash.digest('hex');
    hash.update(chunk.subarray(0, length));
    position += length;
  }
}

/** A file not loaded before, read and checked: landed in one transaction, or recorded as failed. */
async function loadFile(warehouse: Warehouse, config: Config, prepared: ReadFileToLoad, options: IngestOptions): Promise<FileOutcome> {
  const { path, read, sha256 } = prepared;
  try {
    let parse = prepared.parse;
    if (!parse) {
      const viaDuckDB = await ingestWithReadCsv(warehouse, config, path, read, prepared.adapter!, { sha256, runId: options.runId, log: options.log });
      if (viaDuckDB) return viaDuckDB;
      parse = startParse(config, path, read.bytes, sha256, prepared.adapter);
    }
    const landing = await landingOf(config, prepared, parse);
    if ('error' in landing) return fileFailure(warehouse, prepared, landing.error, options, landing.source);
    if (!('parts' in landing)) return landing;
    return (await landParsedFiles(warehouse, [landing], options.runId))[0]!;
  } catch (error) {
    return fileFailure(warehouse, prepared, error, options);
  }
}

type ReadFileToLoad = Extract<PreparedFile, { kind: 'read' }>;

/** Why a parsed file cannot land, with the format it was read in when that is known. */
type LandingFailure = { error: unknown; source?: string };

/**
 * A file's parse, awaited and checked: ready to land, left when it changed while read, or
 * refused, with its format, when too many of its rows are bad.
 */
async function landingOf(config: Config, prepared: ReadFileToLoad, parse: Promise<ParseResult>): Promise<ParsedLanding | FileOutcome | LandingFailure> {
  const parsed = await parse;
  if (parsed.status === 'changed') return changedWhileRead(prepared.path);
  const parts: ParsedPart[] = parsed.parts.map((part) => ({ adapter: adapterByName(part.adapter), parsed: part.parsed }));
  const adapter = parts[0]!.adapter;
  try {
    for (const part of parts) rejectIfMostlyBad(part.parsed, basename(prepared.path), rejectLimit(config));
  } catch (error) {
    return { error, source: adapter.name };
  }
  const main = parts[0]!.parsed;
  const period = statedPeriod(main.facts) ?? periodFromRows(adapter, main, config.timezone);
  const loaded = {
    rowsLoaded: sum(parts, (part) => part.parsed.rows.length),
    rowsRejected: sum(parts, (part) => part.parsed.rejected.length),
    rowsSkipped: sum(parts, (part) => part.parsed.skipped),
    ...period,
    notes: parts.flatMap((part) => part.parsed.notes),
  };
  return { prepared, adapter, parts, loaded };
}

function landingRows(landing: ParsedLanding): number {
  return landing.loaded.rowsLoaded + landing.loaded.rowsRejected;
}

/**
 * The DuckDB `read_csv` path (`sources/read-csv.ts`) for adapters that declare it; null
 * when the file needs the papaparse path after all (the log says why).
 */
async function ingestWithReadCsv(
  warehouse: Warehouse,
  config: Config,
  path: string,
  read: ReadFile,
  adapter: Adapter,
  file: { sha256: string; runId: number | null; log: Logger },
): Promise<FileOutcome | null> {
  const fileName = basename(path);
  const plan = planReadCsv(read.bytes!, adapter, fileName);
  if (!plan.ok) {
    file.log.info(`  ${fileName}: read with papaparse, not DuckDB's read_csv: ${plan.reason}`);
    return null;
  }
  if (read.size > LET_GO_BEFORE_DUCKDB_READS) {
    // Should the file go through papaparse after all, the parser process reads it again.
    read.bytes = null;
    // Nothing else would collect them before DuckDB has read the file.
    await collectArrayBuffers();
  }
  try {
    const staged = await stageReadCsv(warehouse, path, adapter, plan, { ...loadOptions(config, path), rejectLimit: rejectLimit(config) });
    if (staged.status === 'fallback') {
      file.log.info(`  ${fileName}: read with papaparse, not DuckDB's read_csv: ${staged.reason}`);
      return null;
    }
    const dataColumns = rawDataColumnNames(adapter);
    const loaded = {
      rowsLoaded: staged.rowsLoaded,
      rowsRejected: staged.rowsRejected,
      rowsSkipped: staged.rowsSkipped,
      periodStart: staged.periodStart,
      periodEnd: staged.periodEnd,
      notes: staged.notes,
    };
    return await landLoadedFile(warehouse, { path, read, sha256: file.sha256, runId: file.runId, source: adapter.name }, loaded, (fileId) =>
      landReadCsv(warehouse, fileId, path, adapter, plan, staged.rows, dataColumns),
    );
  } finally {
    await dropReadCsvTables(warehouse);
  }
}

/**
 * The bytes of a file this large that DuckDB reads are let go and collected before it does:
 * a share log of 640,000 shares is 290 MB, held beside DuckDB's reading of it.
 */
const LET_GO_BEFORE_DUCKDB_READS = 64 * 1024 * 1024;

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
