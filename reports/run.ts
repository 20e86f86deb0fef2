/**
 * One report run: decide from the fingerprint whether anything changed, build the three
 * pages from the marts, write them with their charts and the marts' extracts into a
 * staging folder, and publish it as `out/<stamp>/` and `out/latest/`.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Warehouse } from '../pipelines/warehouse.ts';
import { createAnonymiser } from './anonymise.ts';
import { FINGERPRINT_FILE, reportsState, upToDateMessage, type Fingerprint } from './fingerprint.ts';
import { martReads } from './marts.ts';
import { attributionPage, readAttributionMarts, type AttributionMarts } from './pages/attribution.ts';
import type { PageOptions } from './pages/common.ts';
import { leadershipPage, readLeadershipMarts, type LeadershipMarts } from './pages/leadership.ts';
import { programPage, readProgramMarts, type ProgramMarts } from './pages/program.ts';
import { interactiveBundle } from './render/bundle.ts';
import { carriedImages } from './render/images.ts';
import { writeExtracts } from './render/extracts.ts';
import { EXTRACTS_FOLDER, FIGURES_FILE, publishRun, runStamp, settled, stagingFolder, writePages } from './write.ts';

export interface ReportRunOptions extends PageOptions {
  /** The output folder (config `paths.out`). */
  outDir: string;
  /** The config the fingerprint hashes (any change rebuilds). */
  config: Record<string, unknown>;
  /**
   * Rebuild even when the fingerprint is unchanged (`report --force`).
   *
   * __Default value:__ `false`
   */
  force?: boolean;
  /** The time zone the run folder's name is written in. __Default value:__ `'UTC'` */
  timeZone?: string;
  /** The run's time. __Default value:__ now */
  now?: Date;
  /** Each mart's grain, from its model header, for the data dictionary. */
  grains?: ReadonlyMap<string, string>;
  /**
   * Inline the chart libraries for interactive charts.
   *
   * __Default value:__ `true`
   */
  interactive?: boolean;
  /** Progress lines. */
  log?: (message: string) => void;
}

export interface ReportRunResult {
  /** True when nothing changed and nothing was written. */
  skipped: boolean;
  /** Why it rebuilt (or `unchanged`). */
  reasons: string[];
  /** Files written into the run folder. */
  files: string[];
  runDir: string | null;
  latestDir: string;
  fingerprint: Fingerprint;
}

/** What the three pages read. */
async function readPageMarts(warehouse: Warehouse): Promise<{ leadership: LeadershipMarts; program: ProgramMarts; attribution: AttributionMarts }> {
  const reads = martReads(warehouse);
  return { leadership: await readLeadershipMarts(reads), program: await readProgramMarts(reads), attribution: await readAttributionMarts(reads) };
}

/** Builds the three pages from their marts and writes them with their charts. */
async function writeReportPages(
  marts: { leadership: LeadershipMarts; program: ProgramMarts; attribution: AttributionMarts },
  folder: string,
  options: ReportRunOptions,
): Promise<{ count: number; files: string[] }> {
  const pages = [await leadershipPage(marts.leadership, options), await programPage(marts.program, options), await attributionPage(marts.attribution, options)];
  const interactive = options.interactive === false ? {} : { interactive: interactiveBundle() };
  return { count: pages.length, files: await writePages(pages, folder, { ...interactive, ...(options.images ? { chartImages: options.images } : {}) }) };
}

export async function runReports(warehouse: Warehouse, options: ReportRunOptions): Promise<ReportRunResult> {
  const log = options.log ?? (() => undefined);
  const { latestDir, fingerprint, reasons } = await reportsState(warehouse, options.outDir, options.config, options.force);
  if (reasons.length === 0) {
    log(upToDateMessage(latestDir));
    return { skipped: true, reasons: ['unchanged'], files: [], runDir: null, latestDir, fingerprint };
  }
  log(`building reports: ${reasons.join(', ')}`);

  mkdirSync(options.outDir, { recursive: true });
  const staged = stagingFolder(options.outDir, 'run');
  try {
    const extracts = join(staged, EXTRACTS_FOLDER);
    mkdirSync(extracts, { recursive: true });
    const anonymiser = createAnonymiser({ enabled: options.anonymise ?? false, language: options.language ?? 'en', salt: options.salt ?? null });
    // The charts the latest run drew from the same specs are carried over, not drawn again.
    const images = carriedImages(existsSync(latestDir) ? latestDir : null, staged, fingerprint.code);
    // The pages read their marts on a connection of their own while this one sorts the extracts.
    const reader = await warehouse.connectAgain();
    // Nothing holds the marts the pages read once they are written (at L a gigabyte, while the
    // extracts go on).
    const writePagesFromMarts = async () => writeReportPages(await readPageMarts(reader).finally(() => reader.close()), staged, { ...options, images });
    // DuckDB writes the extracts while the pages and charts are drawn here and the PNGs on
    // their worker; it gets the cores those two leave (more threads only fight over them).
    const [pages, extracted] = await warehouse.purgingFreedMemory(() =>
      settled([
        writePagesFromMarts(),
        writeExtracts(warehouse, extracts, {
          anonymiser,
          threads: Math.max(1, availableParallelism() - 2),
          figuresFile: join(staged, FIGURES_FILE),
          ...(options.grains ? { grains: options.grains } : {}),
        }),
      ] as const),
    );
    // The fingerprint last: a folder with it is a finished run.
    writeFileSync(join(staged, FINGERPRINT_FILE), `${JSON.stringify(fingerprint, null, 2)}\n`, 'utf8');
    const { runDir } = publishRun(options.outDir, staged, runStamp(options.now ?? new Date(), options.timeZone));
    const relocated = [...pages.files, ...extracted.files].map((file) => join(runDir, file.slice(staged.length + 1)));
    log(`wrote ${pages.count} reports, ${relocated.length} files, to ${runDir} and ${latestDir}`);
    return { skipped: false, reasons, files: relocated, runDir, latestDir, fingerprint };
  } catch (error) {
    rmSync(staged, { recursive: true, force: true });
    throw error;
  }
}
