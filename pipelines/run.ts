/**
 * The scheduled job: ingest what is new in the inbox, move each file to the archive
 * (or to `inbox/failed/` with a note saying why), build the models and write the
 * reports. What a cron line calls.
 */
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { ModelResult } from '../models/runner.ts';
import { localCalendarDay } from '../sources/read/values.ts';
import { build, countModels, currentBuild, describeModels } from './build.ts';
import { markBuildChecked, rawFilesCheckedTo } from './meta.ts';
import { checkWarehouse, describeCheck, type CheckProblem, type CheckResult } from './check.ts';
import { ingestFiles, listInputFiles, type FileOutcome } from './ingest.ts';
import { readUnusedInputs, sumRows } from './status.ts';
import { waitUnlessStopped } from './stop.ts';
import type { Logger } from './log.ts';
import type { Session } from './session.ts';
import type { Warehouse } from './warehouse.ts';

export interface RunSummary {
  filesSeen: number;
  filesLoaded: number;
  filesAlreadyLoaded: number;
  filesFailed: number;
  /** Links, hidden files and files still being written, left in the inbox (the log names each). */
  filesSkipped: number;
  rowsLoaded: number;
  rowsRejected: number;
  modelsBuilt: number;
  /** Models whose inputs had not changed since they were built: the build kept their tables. */
  modelsKept: number;
  reportFiles: string[];
  outcomes: number;
  outcomesCreditedToAmbassadors: number;
  /** Rows that loaded but feed no figure (a Shares.csv with no owner, names that match nobody), and in how many inputs. */
  unusedRows: number;
  unusedInputs: number;
  /** Names and codes in the exports that match no ambassador (`marts.unmatched_identities`). */
  unmatchedNames: number;
  /** What `advocacy check` found wrong after the build; empty when the warehouse is consistent. */
  checkProblems: CheckProblem[];
  /** For `meta.runs`: set when the check found problems. */
  message?: string;
  seconds: number;
  /** Wall time of each stage, in seconds. */
  stageSeconds: { ingest: number; build: number; report: number; check: number };
}

/** Loads files, then builds and reports; returns what happened, for the summary line. */
export async function ingestBuildReport(
  session: Session,
  files: readonly string[],
  options: { source?: string; afterIngest?: (outcomes: FileOutcome[]) => void; revalueEmv?: boolean; skipped?: number } = {},
): Promise<RunSummary> {
  const started = performance.now();
  const stage = stopwatch();
  const outcomes = await ingestFiles(session.warehouse, session.config, files, {
    runId: session.runId,
    log: session.log,
    ...(options.source ? { source: options.source } : {}),
  });
  options.afterIngest?.(outcomes);
  const ingest = stage();
  // Re-valuing EMV on purpose changes the warehouse though nothing it is built from changed.
  const unchanged = countOutcomes(outcomes).filesLoaded === 0 && !options.revalueEmv ? await currentBuild(session.warehouse, session.config) : null;
  const nothingNew = unchanged !== null;
  if (nothingNew) session.log.info('nothing new since the last build: the models are up to date');
  const models = nothingNew
    ? []
    : await build(session.warehouse, session.config, { runId: session.runId, log: session.log, revalueEmv: options.revalueEmv ?? false });
  const built = stage();
  const report = await publishReports(session);
  const reported = stage();
  const credited = await creditedOutcomes(session);
  const unused = await readUnusedInputs(session.warehouse);
  const check = await checkUnlessChecked(session, unchanged?.checkedAt ?? null, models);
  const summary: RunSummary = {
    ...countOutcomes(outcomes),
    filesSkipped: (options.skipped ?? 0) + outcomes.filter((outcome) => outcome.status === 'left').length,
    ...countModels(models),
    reportFiles: report.files,
    ...credited,
    unusedRows: sumRows(unused),
    unusedInputs: unused.length,
    unmatchedNames: await countUnmatchedNames(session),
    checkProblems: check.problems,
    ...(check.problems.length > 0 ? { message: `check failed: ${check.problems.map((problem) => problem.check).join('; ')}` } : {}),
    seconds: (performance.now() - started) / 1000,
    stageSeconds: { ingest, build: built, report: reported, check: stage() },
  };
  const { checkProblems: _problems, reportFiles: _files, ...figures } = summary;
  session.log.result(`run finished in ${summary.seconds.toFixed(1)} s`, { ...figures, reportFiles: summary.reportFiles.length });
  return summary;
}

/**
 * `advocacy check` on the warehouse, unless it passed on this very build before: with
 * nothing loaded or built since, its queries would read the same tables again. The
 * models `built` in this run had their checks run as they were built, and the raw rows of
 * the files a passing check saw before are not read again.
 */
async function checkUnlessChecked(session: Session, checkedAt: Date | null, built: readonly ModelResult[]): Promise<CheckResult> {
  if (checkedAt) {
    session.log.info(`check: passed at ${checkedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC, and nothing was loaded or built since`);
    return { checks: 0, checksInBuild: 0, problems: [], warnings: [] };
  }
  const check = await checkWarehouse(session.warehouse, { built, rawFilesCheckedTo: await rawFilesCheckedTo(session.warehouse) });
  const checkLines = describeCheck(check);
  if (check.problems.length > 0) for (const line of checkLines) session.log.error(line);
  else {
    for (const line of checkLines) session.log.info(line);
    await markBuildChecked(session.warehouse, true);
  }
  return check;
}

/** Seconds since the last call (or since it was made). */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    last = now;
    return seconds;
  };
}

/**
 * Writes the reports. `reports/write.ts` stages each run in a hidden temporary folder
 * inside `paths.out` and renames it into place, so a reader never sees half a report;
 * a run killed meanwhile leaves its temporary folder behind, and the next run removes
 * the ones whose process is gone before it writes.
 */
export async function publishReports(session: Session): Promise<{ files: string[] }> {
  const out = session.config.paths.out;
  // Loaded here, with the rest of the report code, not by every command.
  const [{ STAGING_MARKER }, { writeReports }] = await Promise.all([import('../reports/write.ts'), import('./report.ts')]);
  if (existsSync(out)) removeAbandonedStaging(out, STAGING_MARKER, session.log);
  return writeReports(session);
}

/**
 * Temporary report folders of runs that were killed (their process is gone): only folders
 * that carry the marker a run writes into its own, whatever their name, so a folder
 * someone else keeps in `out/` is never taken for one.
 */
function removeAbandonedStaging(out: string, marker: string, log: Logger): void {
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const pid = stagingOwner(join(out, entry.name, marker));
    if (pid === null || processAlive(pid)) continue;
    rmSync(join(out, entry.name), { recursive: true, force: true });
    log.info(`removed ${entry.name} from ${out}: reports half-written by an interrupted run`);
  }
}

/** The pid in a staging folder's marker file, or null when there is none. */
function stagingOwner(marker: string): number | null {
  if (!lstatSync(marker, { throwIfNoEntry: false })?.isFile()) return null;
  const pid = Number.parseInt(readFileSync(marker, 'utf8'), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

function processAlive(pid: number): boolean {
  // This run's own pid on a leftover folder is a reused pid: that run is gone.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `run`: the inbox, then build and report; `revalueEmv` as `advocacy run --revalue-emv`. */
export async function runInbox(session: Session, options: { revalueEmv?: boolean } = {}): Promise<RunSummary> {
  const { inbox, archive } = session.config.paths;
  mkdirSync(inbox, { recursive: true });
  let skipped = 0;
  const skip = (path: string, reason: string) => {
    skipped += 1;
    session.log.warn(`skipped ${relative(inbox, path)} in the inbox, left where it is: ${reason}`);
  };
  const files = await settledFiles(listInputFiles([inbox], skip), session.config.ingest.settle_seconds, session, skip);
  if (files.length === 0 && skipped === 0) session.log.info(`nothing new in ${inbox}`);
  return ingestBuildReport(session, files, {
    revalueEmv: options.revalueEmv ?? false,
    skipped,
    afterIngest: (outcomes) => {
      const day = localCalendarDay(new Date(), session.config.timezone);
      for (const outcome of outcomes) {
        try {
          fileAway(outcome, inbox, archive, day, session.log);
        } catch (error) {
          // The load is committed (or recorded as failed) already; a file left in the inbox is archived by the next run.
          session.log.warn(
            `could not move ${relative(inbox, outcome.path)} out of the inbox (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next run tries again`,
          );
        }
      }
    },
  });
}

/**
 * The files that have gone `settleSeconds` without a change: a file an export or a copy is
 * still writing is not loaded half-written. When some were modified more recently, the run
 * waits until the youngest is that old, then leaves in the inbox each of those whose size
 * or modification time changed meanwhile. A time in the future (a clock set differently
 * where the file was made) counts as the same distance.
 */
async function settledFiles(
  files: readonly string[],
  settleSeconds: number,
  session: Session,
  skip: (path: string, reason: string) => void,
): Promise<string[]> {
  const seen = new Map(files.map((file) => [file, lstatSync(file, { throwIfNoEntry: false })]));
  const now = Date.now();
  const ageSeconds = (file: string) => Math.abs(now - (seen.get(file)?.mtimeMs ?? 0)) / 1000;
  const fresh = files.filter((file) => seen.get(file) !== undefined && ageSeconds(file) < settleSeconds);
  if (fresh.length === 0) return [...files];
  const waitSeconds = settleSeconds - Math.min(...fresh.map(ageSeconds));
  session.log.info(
    `waiting ${Math.ceil(waitSeconds)} s for ${fresh.length === 1 ? 'a file' : `${fresh.length} files`} modified within the last ${settleSeconds} s (ingest.settle_seconds) to settle`,
  );
  await waitUnlessStopped(waitSeconds * 1000);
  return files.filter((file) => {
    const before = seen.get(file);
    const after = lstatSync(file, { throwIfNoEntry: false });
    if (!fresh.includes(file) || (after?.size === before?.size && after?.mtimeMs === before?.mtimeMs)) return true;
    skip(
      file,
      `it changed within the last ${settleSeconds} s (ingest.settle_seconds) while the run waited for it to settle, so it may still be being written; the next run loads it once it has stopped changing`,
    );
    return false;
  });
}

const ERROR_NOTE = '.error.txt';

/**
 * Loaded and already-loaded files go to `archive/<day>/` (their sub-folders kept, a
 * name never overwritten); a file that failed whole goes to `inbox/failed/` with a
 * `.error.txt` beside it. Nothing is written through a link: each folder on the way is
 * checked to be a real folder, and a name taken by anything, a link included, is not used.
 */
function fileAway(outcome: FileOutcome, inbox: string, archive: string, day: string, log: Logger): void {
  if (outcome.status === 'left') return;
  const inner = relative(inbox, outcome.path);
  if (outcome.status === 'failed') {
    const target = freePath(join(inbox, 'failed', inner), ERROR_NOTE);
    moveFile(outcome.path, inbox, target);
    const note = `${outcome.message}\n\nFix the file (or the config) and put it back into the inbox; the next run loads it.\n`;
    if (!writeNewFile(`${target}${ERROR_NOTE}`, note)) {
      log.warn(`${relative(inbox, target)}${ERROR_NOTE} appeared while the run wrote it and was left alone; the reason the file failed is in this log`);
    }
    return;
  }
  moveFile(outcome.path, archive, freePath(join(archive, day, inner)));
}

/** Moves `from` to `to`, which lies inside `base`, creating the folders between as real folders. */
function moveFile(from: string, base: string, to: string): void {
  realFolder(base, dirname(to));
  renameSync(from, to);
}

/** Creates `folder` (inside `base`) and each folder between, refusing any that is a link or a file. */
function realFolder(base: string, folder: string): void {
  let path = base;
  for (const part of ['', ...relative(base, folder).split(sep).filter(Boolean)]) {
    path = join(path, part);
    mkdirSync(path, { recursive: true });
    if (!lstatSync(path).isDirectory()) throw Object.assign(new Error(`${path} is not a folder`), { code: 'ENOTDIR' });
  }
}

/** Writes a file that did not exist; false, and nothing written, when the name is taken (by a link too). */
function writeNewFile(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The longest file name most file systems allow, in bytes. */
const NAME_MAX_BYTES = 255;

/**
 * `path`, or `path` with ` (2)`, ` (3)` ... before the extension when taken (by anything,
 * a dangling link too); with `companion`, `path + companion` must be free as well. A name
 * that would grow past the file system's limit gets a shorter stem; the extension stays.
 */
export function freePath(path: string, companion = ''): string {
  const taken = (candidate: string) =>
    lstatSync(candidate, { throwIfNoEntry: false }) !== undefined ||
    (companion !== '' && lstatSync(`${candidate}${companion}`, { throwIfNoEntry: false }) !== undefined);
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  const named = (suffix: string) =>
    join(dirname(path), `${fitStem(stem, NAME_MAX_BYTES - byteLength(`${suffix}${extension}${companion}`))}${suffix}${extension}`);
  const first = named('');
  if (!taken(first)) return first;
  for (let copy = 2; ; copy += 1) {
    const candidate = named(` (${copy})`);
    if (!taken(candidate)) return candidate;
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** `stem` cut to at most `bytes` bytes of UTF-8, never inside a character. */
function fitStem(stem: string, bytes: number): string {
  if (byteLength(stem) <= bytes) return stem;
  let fitted = '';
  for (const character of stem) {
    if (byteLength(fitted + character) > bytes) break;
    fitted += character;
  }
  return fitted;
}

export function countOutcomes(outcomes: readonly FileOutcome[]) {
  let rowsLoaded = 0;
  let rowsRejected = 0;
  for (const outcome of outcomes) {
    if (outcome.status !== 'loaded') continue;
    rowsLoaded += outcome.rowsLoaded;
    rowsRejected += outcome.rowsRejected;
  }
  return {
    filesSeen: outcomes.length,
    filesLoaded: outcomes.filter((outcome) => outcome.status === 'loaded').length,
    filesAlreadyLoaded: outcomes.filter((outcome) => outcome.status === 'already_loaded').length,
    filesFailed: outcomes.filter((outcome) => outcome.status === 'failed').length,
    rowsLoaded,
    rowsRejected,
  };
}

async function creditedOutcomes(session: Session): Promise<{ outcomes: number; outcomesCreditedToAmbassadors: number }> {
  const row = await session.warehouse.one<{ outcomes: number; credited: number }>(
    `select outcomes, outcomes_credited_to_ambassadors as credited from marts.program_summary`,
  );
  return { outcomes: row?.outcomes ?? 0, outcomesCreditedToAmbassadors: row?.credited ?? 0 };
}

/**
 * The share log's ambassador_ids that no roster file has, from the raw tables: what
 * `ingest` can tell before a build matches the other exports' names and codes.
 */
export async function countShareLogIdsOnNoRoster(warehouse: Warehouse): Promise<number> {
  const row = await warehouse.one<{ ids: number }>(
    `select count(distinct trim(ambassador_id))::integer as ids
     from raw.program__share_log
     where trim(ambassador_id) not in (select trim(ambassador_id) from raw.program__ambassadors)`,
  );
  return row?.ids ?? 0;
}

/** The closing line of `ingest` when the share log names people on no roster. */
export function describeShareLogIdsOnNoRoster(ids: number): string[] {
  if (ids === 0) return [];
  const counted =
    ids === 1
      ? '1 ambassador_id in the share log is on no roster, so its shares are'
      : `${ids} ambassador_ids in the share log are on no roster, so their shares are`;
  return [
    `warning: ${counted} credited to nobody; "advocacy build" matches the other exports' names and codes too, and "advocacy status" then lists every one that matches nobody`,
  ];
}

async function countUnmatchedNames(session: Session): Promise<number> {
  const row = await session.warehouse.one<{ names: number }>(`select count(*)::integer as names from marts.unmatched_identities`);
  return row?.names ?? 0;
}

/** The closing lines of a run, for people. */
export function describeSummary(summary: RunSummary): string[] {
  const lines = [
    `files: ${summary.filesLoaded} loaded, ${summary.filesAlreadyLoaded} already loaded, ${summary.filesFailed} failed${summary.filesSkipped ? `, ${summary.filesSkipped} skipped (links, hidden files, or files still being written: left in the inbox; see above)` : ''}`,
    `rows: ${summary.rowsLoaded} loaded, ${summary.rowsRejected} rejected${summary.rowsRejected ? ' (see "advocacy status" or meta.rejected_rows)' : ''}`,
    `outcomes: ${summary.outcomes} in the warehouse, ${formatCount(summary.outcomesCreditedToAmbassadors)} credited to ambassadors (last touch)`,
    ...(summary.unusedRows > 0
      ? [
          `unused: ${summary.unusedRows} rows in ${summary.unusedInputs} ${summary.unusedInputs === 1 ? 'input' : 'inputs'} feed no figure (see "advocacy status" for what to do)`,
        ]
      : []),
    ...(summary.unmatchedNames > 0
      ? [
          summary.unmatchedNames === 1
            ? 'warning: 1 name or code in the exports matches no ambassador, so its rows are credited to nobody; "advocacy status" lists it with the closest roster names'
            : `warning: ${summary.unmatchedNames} names or codes in the exports match no ambassador, so their rows are credited to nobody; "advocacy status" lists them with the closest roster names`,
        ]
      : []),
    `${describeModels(summary)}; reports: ${summary.reportFiles.length} files written`,
    summary.checkProblems.length === 0
      ? 'check: the warehouse is consistent'
      : `check: ${summary.checkProblems.length} failed (see above; "advocacy check" lists them again)`,
    `time: ${summary.seconds.toFixed(1)} s (${Object.entries(summary.stageSeconds)
      .map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`)
      .join(', ')})`,
  ];
  return lines;
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
