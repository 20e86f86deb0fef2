/**
 * `advocacy rebuild --from-archive`: a new warehouse made from the archived exports, for
 * a warehouse that is damaged or that should be made again from its inputs. Under the
 * warehouse's lock (no run can start meanwhile) it loads every archived file, in the order
 * the runs loaded them, into `<warehouse>.rebuilding`, builds the models and checks them;
 * then it compares the new warehouse with the one it replaces (the files each loaded, the
 * rows of every mart) and renames it into place. The replaced file is kept beside it as
 * `<warehouse>.replaced-<time>`. Until that rename the configured warehouse is not
 * touched: a rebuild that fails, is refused or is stopped leaves it as it was and removes
 * its own file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { build, countModels, describeModels } from './build.ts';
import { checkWarehouse, describeCheck, type CheckProblem } from './check.ts';
import type { Config } from './config.ts';
import { AdvocacyError, ConfigError, ExitCode } from './errors.ts';
import { ingestFiles, listInputFiles } from './ingest.ts';
import type { Logger } from './log.ts';
import { markBuildChecked } from './meta.ts';
import { countOutcomes, publishReports } from './run.ts';
import { openInAnotherProgram, sessionUnderLock, withWarehouseLock, type Session } from './session.ts';
import { throwIfStopped } from './stop.ts';
import { warehouseFaultKind } from './warehouse-faults.ts';
import { quotedIdentifier, quotedString, type Warehouse } from './warehouse.ts';

/** The new warehouse's name while it is built: only a rebuild writes it, so a leftover one is a stopped rebuild's. */
export const REBUILDING_SUFFIX = '.rebuilding';
/** The replaced warehouse is kept as `<warehouse>.replaced-<time>`. */
export const REPLACED_SUFFIX = '.replaced-';

/** The warehouse being replaced, attached read-only to the new one under this name. */
const REPLACED = 'replaced_warehouse';

export interface RebuildOptions {
  /** Replace the warehouse though the archive lacks files it holds, or the new warehouse fails its checks. */
  force: boolean;
}

/** A file the replaced warehouse holds whose bytes the rebuilt one did not load. */
export interface MissingFile {
  /** Where it was loaded from. */
  path: string;
  loadedAt: Date;
  /** Why it failed to load now, when the archive has it. */
  failedNow: string | null;
}

export interface MartDifference {
  mart: string;
  /** `rows` when both have the table with the same columns; else what differs. */
  kind: 'rows' | 'only_replaced' | 'only_rebuilt' | 'columns';
  /** Rows only the replaced warehouse has, and only the rebuilt one (counted with duplicates). */
  onlyReplaced: number;
  onlyRebuilt: number;
}

/** What became of the warehouse the rebuild replaces. */
export type ReplacedWarehouse =
  | { state: 'absent' }
  | { state: 'damaged'; detail: string }
  | {
      state: 'compared';
      missingFiles: MissingFile[];
      martsCompared: number;
      martDifferences: MartDifference[];
      /** Files loaded by both under other file ids (a failed load takes an id too): marts that name files by id differ there. */
      renumberedFiles: number;
      /** Days whose EMV rates were taken over from the replaced warehouse. */
      emvDaysKept: number;
    };

export interface RebuildSummary {
  filesSeen: number;
  filesLoaded: number;
  filesAlreadyLoaded: number;
  filesFailed: number;
  rowsLoaded: number;
  rowsRejected: number;
  modelsBuilt: number;
  modelsKept: number;
  reportFiles: string[];
  checkProblems: CheckProblem[];
  replaced: ReplacedWarehouse;
  /** Where the replaced warehouse was moved; null when there was none. */
  movedTo: string | null;
}

/** The archive is missing files the warehouse holds (or the new warehouse fails its checks): nothing is replaced. */
export class RebuildRefusedError extends AdvocacyError {
  constructor(message: string) {
    super(message, ExitCode.checkFailed);
  }
}

export async function rebuildFromArchive(config: Config, log: Logger, options: RebuildOptions): Promise<RebuildSummary> {
  const target = config.paths.warehouse;
  if (target === ':memory:') throw new ConfigError('paths.warehouse is ":memory:", which keeps nothing to rebuild; set it to a file.');
  return withWarehouseLock(config, 'rebuild', log, async (held) => {
    const building = `${target}${REBUILDING_SUFFIX}`;
    const removeBuilding = () => {
      for (const path of [building, `${building}.wal`, `${building}.tmp`]) rmSync(path, { recursive: true, force: true });
    };
    // This rebuild holds the lock, so a file by that name is what a stopped rebuild left.
    removeBuilding();
    // A stop signal unwinds the rebuild through the `finally` below; a second one exits at once, and the file goes with the process.
    process.on('exit', removeBuilding);
    try {
      const buildingConfig: Config = { ...config, paths: { ...config.paths, warehouse: building } };
      const summary = await sessionUnderLock(
        buildingConfig,
        'rebuild',
        log,
        (session) => rebuildInto(session, config, options),
        options.force ? ['--from-archive', '--force'] : ['--from-archive'],
        held,
      );
      // A stop that came while the session closed still leaves the warehouse as it was.
      throwIfStopped();
      return { ...summary, movedTo: replaceWarehouse(target, building) };
    } finally {
      removeBuilding();
      process.removeListener('exit', removeBuilding);
    }
  });
}

/** Loads the archive into the session's (new) warehouse, builds, checks and compares; writes the reports once it is to replace the old one. */
async function rebuildInto(session: Session, config: Config, options: RebuildOptions): Promise<Omit<RebuildSummary, 'movedTo'>> {
  const { warehouse, log, runId } = session;
  const target = config.paths.warehouse;
  // Attached only while read: a second database would show in the catalog queries of the build and the checks.
  const before = await withReplaced(warehouse, target, log, async () => ({
    emvDaysKept: await keepEmvRates(warehouse),
    loadedAs: await loadedBytes(warehouse),
  }));
  const files = loadOrder(archivedFiles(config.paths.archive, log), before.state === 'readable' ? before.value.loadedAs : null);
  log.info(`rebuild: ${files.length} files in ${config.paths.archive}`);
  const outcomes = await ingestFiles(warehouse, config, files, { runId, log });
  const models = await build(warehouse, config, { runId, log });
  const check = await checkWarehouse(warehouse, { built: models });
  if (check.problems.length > 0) for (const line of describeCheck(check)) log.error(line);
  else await markBuildChecked(warehouse, true);
  const after =
    before.state === 'readable' ? await withReplaced(warehouse, target, log, () => compareWithReplaced(warehouse, before.value.emvDaysKept)) : before;
  const comparison: ReplacedWarehouse = after.state === 'readable' ? after.value : after;
  const refusal = options.force ? null : refusalFor(comparison, check.problems, config);
  if (refusal) {
    for (const line of describeComparison(comparison)) log.warn(line);
    throw refusal;
  }
  const report = await publishReports({ ...session, config });
  return { ...countOutcomes(outcomes), ...countModels(models), reportFiles: report.files, checkProblems: check.problems, replaced: comparison };
}

/** Every file under the archive: its day folders in date order, each in the order the inbox walk loads a folder. */
function archivedFiles(archive: string, log: Logger): string[] {
  if (!existsSync(archive)) {
    log.warn(`${archive} does not exist: the rebuilt warehouse holds no files`);
    return [];
  }
  return listInputFiles([archive], (path, reason) => log.warn(`skipped ${relative(archive, path)} in the archive: ${reason}`));
}

/**
 * The archived files in the order the replaced warehouse loaded them (`loadedAs`: its
 * first file id for each content hash), when it can be read: the models take the latest
 * file of a kind by load order, and the runs of one day share a day folder. Files it
 * never loaded follow, in the archive's order.
 */
function loadOrder(files: readonly string[], loadedAs: ReadonlyMap<string, number> | null): string[] {
  if (!loadedAs) return [...files];
  const position = (file: string) => {
    try {
      return loadedAs.get(createHash('sha256').update(readFileSync(file)).digest('hex')) ?? Number.MAX_SAFE_INTEGER;
    } catch {
      // Its load fails and says why; where it stands in the order does not matter.
      return Number.MAX_SAFE_INTEGER;
    }
  };
  return files
    .map((file, index) => ({ file, index, loaded: position(file) }))
    .sort((a, b) => a.loaded - b.loaded || a.index - b.index)
    .map((entry) => entry.file);
}

/** The replaced warehouse's first file id of each content it loaded. */
async function loadedBytes(warehouse: Warehouse): Promise<Map<string, number>> {
  const rows = await warehouse.all<{ sha256: string; file_id: number }>(
    `select sha256, min(file_id)::integer as file_id from ${REPLACED}.meta.files where status = 'loaded' group by sha256`,
  );
  return new Map(rows.map((row) => [row.sha256, row.file_id]));
}

type Read<T> = { state: 'readable'; value: T } | Extract<ReplacedWarehouse, { state: 'absent' | 'damaged' }>;

/**
 * Runs `read` with the warehouse being replaced attached read-only as `replaced_warehouse`;
 * a file DuckDB cannot read as a database is damaged, and one another program holds open
 * stops the rebuild.
 */
async function withReplaced<T>(warehouse: Warehouse, path: string, log: Logger, read: () => Promise<T>): Promise<Read<T>> {
  if (!existsSync(path)) {
    log.info(`there is no warehouse at ${path} yet: nothing to compare the rebuilt one with`);
    return { state: 'absent' };
  }
  try {
    await warehouse.run(`attach ${quotedString(path)} as ${REPLACED} (read_only)`);
  } catch (error) {
    const openElsewhere = openInAnotherProgram(error, path);
    if (openElsewhere) throw openElsewhere;
    return damagedOrThrow(error);
  }
  try {
    return { state: 'readable', value: await read() };
  } catch (error) {
    return damagedOrThrow(error);
  } finally {
    await warehouse.run(`detach database if exists ${REPLACED}`);
  }
}

function damagedOrThrow(error: unknown): { state: 'damaged'; detail: string } {
  if (warehouseFaultKind(error) !== 'damaged') throw error;
  return { state: 'damaged', detail: (error as Error).message.replace(/^IO Error: /, '').replace(/[.!]+$/, '') };
}

/**
 * The EMV rate each past day was first valued at (`meta.emv_rates_applied`) is not in any
 * export: taken over from the replaced warehouse, so the rebuild values history as it did.
 */
async function keepEmvRates(warehouse: Warehouse): Promise<number> {
  const kept = await warehouse.one<{ found: number }>(
    `select count(*)::integer as found from duckdb_tables() where database_name = ${quotedString(REPLACED)} and schema_name = 'meta' and table_name = 'emv_rates_applied'`,
  );
  if (!kept?.found) return 0;
  await warehouse.run(`create table meta.emv_rates_applied as select * from ${REPLACED}.meta.emv_rates_applied`);
  const days = await warehouse.one<{ days: number }>(`select count(distinct day)::integer as days from meta.emv_rates_applied`);
  return days?.days ?? 0;
}

/** The files and marts of the rebuilt warehouse against the replaced one's. */
async function compareWithReplaced(warehouse: Warehouse, emvDaysKept: number): Promise<ReplacedWarehouse> {
  const missingFiles = await warehouse.all<MissingFile>(
    `with rebuilt as (select sha256, bool_or(status = 'loaded') as loaded, arg_max(message, file_id) filter (where status = 'failed') as message
                      from meta.files group by sha256)
     select r.path, r.loaded_at as "loadedAt", n.message as "failedNow"
     from ${REPLACED}.meta.files as r left join rebuilt as n using (sha256)
     where r.status = 'loaded' and not coalesce(n.loaded, false)
     order by r.file_id`,
  );
  const renumbered = await warehouse.one<{ files: number }>(
    `with rebuilt as (select sha256, min(file_id) as file_id from meta.files where status = 'loaded' group by sha256),
          replaced as (select sha256, min(file_id) as file_id from ${REPLACED}.meta.files where status = 'loaded' group by sha256)
     select count(*)::integer as files from rebuilt join replaced using (sha256) where rebuilt.file_id <> replaced.file_id`,
  );
  const marts = await warehouse.all<{
    mart: string;
    rebuilt: string | null;
    replaced: string | null;
    values_rebuilt: string | null;
    values_replaced: string | null;
  }>(
    `with columns as (
       select *, '"' || replace(column_name, '"', '""') || '"' as quoted from duckdb_columns()
       where schema_name = 'marts' and (database_name = current_database() or database_name = ${quotedString(REPLACED)})
     ),
     tables as (
       select database_name = ${quotedString(REPLACED)} as is_replaced, table_name as mart,
         string_agg(quoted || ' ' || data_type, ', ' order by column_index) as columns,
         -- Sums of doubles may differ in their last bits with the order DuckDB adds them in: compared to 12 significant digits.
         string_agg(case when data_type in ('DOUBLE', 'FLOAT') then printf('printf(''%%.12g'', %s)', quoted) else quoted end, ', ' order by column_index) as compared
       from columns
       group by all
     )
     select coalesce(n.mart, r.mart) as mart, n.columns as rebuilt, r.columns as replaced, n.compared as values_rebuilt, r.compared as values_replaced
     from (from tables where not is_replaced) as n full join (from tables where is_replaced) as r using (mart)
     order by mart`,
  );
  const martDifferences: MartDifference[] = [];
  for (const mart of marts) {
    const table = `marts.${quotedIdentifier(mart.mart)}`;
    if (mart.rebuilt === null || mart.replaced === null || mart.rebuilt !== mart.replaced) {
      const kind = mart.rebuilt === null ? 'only_replaced' : mart.replaced === null ? 'only_rebuilt' : 'columns';
      martDifferences.push({ mart: mart.mart, kind, onlyReplaced: 0, onlyRebuilt: 0 });
      continue;
    }
    const rows = await warehouse.one<{ only_replaced: number; only_rebuilt: number }>(
      `select
         (select count(*) from (select ${mart.values_replaced} from ${REPLACED}.${table} except all select ${mart.values_rebuilt} from ${table}))::integer as only_replaced,
         (select count(*) from (select ${mart.values_rebuilt} from ${table} except all select ${mart.values_replaced} from ${REPLACED}.${table}))::integer as only_rebuilt`,
    );
    if (rows && (rows.only_replaced > 0 || rows.only_rebuilt > 0))
      martDifferences.push({ mart: mart.mart, kind: 'rows', onlyReplaced: rows.only_replaced, onlyRebuilt: rows.only_rebuilt });
  }
  return { state: 'compared', missingFiles, martsCompared: marts.length, martDifferences, renumberedFiles: renumbered?.files ?? 0, emvDaysKept };
}

/** What the comparison found, for the log and the summary. */
function describeComparison(replaced: ReplacedWarehouse): string[] {
  switch (replaced.state) {
    case 'absent':
      return [];
    case 'damaged':
      return [
        `the warehouse being replaced cannot be read (${replaced.detail}): it is moved aside as it is, with nothing to compare; EMV is valued at the config's rates for every day`,
      ];
    case 'compared': {
      const lines: string[] = [];
      if (replaced.emvDaysKept > 0) lines.push(`EMV: the rates ${replaced.emvDaysKept} days were first valued at are kept from the replaced warehouse`);
      for (const file of replaced.missingFiles) {
        lines.push(
          file.failedNow
            ? `file ${file.path}: loaded in the replaced warehouse, but its archived copy failed to load now: ${file.failedNow}`
            : `file ${file.path}: loaded in the replaced warehouse (${isoMinute(file.loadedAt)} UTC), but not in the archive`,
        );
      }
      if (replaced.martDifferences.length === 0) lines.push(`marts: all ${replaced.martsCompared} have the same rows as in the replaced warehouse`);
      for (const difference of replaced.martDifferences) lines.push(`marts.${difference.mart}: ${describeMartDifference(difference)}`);
      if (replaced.martDifferences.length > 0 && replaced.renumberedFiles > 0) {
        lines.push(
          `${replaced.renumberedFiles} files have other file ids than in the replaced warehouse (each failed load there took an id too): marts that name files by id differ in those`,
        );
      }
      return lines;
    }
  }
}

function describeMartDifference(difference: MartDifference): string {
  switch (difference.kind) {
    case 'only_replaced':
      return 'in the replaced warehouse only (a mart this version no longer builds)';
    case 'only_rebuilt':
      return 'in the rebuilt warehouse only (a mart the replaced one was built without)';
    case 'columns':
      return 'other columns than in the replaced warehouse (it was built by another version)';
    case 'rows':
      return `${difference.onlyReplaced} rows only in the replaced warehouse, ${difference.onlyRebuilt} only in the rebuilt one`;
  }
}

/** Why the rebuilt warehouse must not replace the configured one without --force; null when it may. */
function refusalFor(replaced: ReplacedWarehouse, problems: readonly CheckProblem[], config: Config): RebuildRefusedError | null {
  const target = config.paths.warehouse;
  if (replaced.state === 'compared' && replaced.missingFiles.length > 0) {
    const files = replaced.missingFiles.map((file) => file.path).join(', ');
    return new RebuildRefusedError(
      `The archive ${config.paths.archive} lacks ${replaced.missingFiles.length} of the files the warehouse ${target} holds (${files}), so the rebuilt warehouse would not have their rows; the warehouse was left as it was. ` +
        'Put those files into the inbox (the next run archives them, loading nothing twice) and rebuild again, or rebuild with --force to replace the warehouse without them.',
    );
  }
  if (problems.length > 0) {
    return new RebuildRefusedError(
      `The rebuilt warehouse fails ${problems.length} checks (see above), so the warehouse ${target} was left as it was; rebuild with --force to replace it all the same.`,
    );
  }
  return null;
}

/**
 * Moves the warehouse (and its write-ahead log) aside and the new one into its place; the
 * renames follow each other at once, so no signal comes between them. Returns where the
 * replaced warehouse went, or null when there was none.
 */
function replaceWarehouse(target: string, building: string): string | null {
  const movedTo = existsSync(target) ? `${target}${REPLACED_SUFFIX}${new Date().toISOString().replace(/[:.]/g, '-')}` : null;
  if (movedTo) {
    if (existsSync(`${target}.wal`)) renameSync(`${target}.wal`, `${movedTo}.wal`);
    renameSync(target, movedTo);
  }
  // A clean close checkpoints the new warehouse; a log it kept all the same goes with it.
  if (existsSync(`${building}.wal`)) renameSync(`${building}.wal`, `${target}.wal`);
  renameSync(building, target);
  return movedTo;
}

function isoMinute(instant: Date): string {
  return instant.toISOString().slice(0, 16).replace('T', ' ');
}

/** The closing lines of a rebuild, for people. */
export function describeRebuild(summary: RebuildSummary, warehouse: string): string[] {
  return [
    `files: ${summary.filesLoaded} loaded, ${summary.filesAlreadyLoaded} already loaded (the same bytes archived twice), ${summary.filesFailed} failed`,
    `rows: ${summary.rowsLoaded} loaded, ${summary.rowsRejected} rejected`,
    `${describeModels(summary)}; reports: ${summary.reportFiles.length} files written`,
    summary.checkProblems.length === 0
      ? 'check: the warehouse is consistent'
      : `check: ${summary.checkProblems.length} failed (see above; "advocacy check" lists them again)`,
    ...describeComparison(summary.replaced),
    summary.movedTo ? `rebuilt ${warehouse}; the warehouse it replaces is kept as ${summary.movedTo}` : `rebuilt ${warehouse}`,
  ];
}
