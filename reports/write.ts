/**
 * Writes a run's reports: `out/<stamp>/` (e.g. `out/2026-11-27T0315/`) holding
 * `leadership.html`, `program.html`, `attribution.html`, `charts/` (each chart's
 * `.vl.json` with its data inline, an `.svg` and a `.png`) and `extracts/`, and a stable
 * copy in `out/latest/`. Everything is written into a temporary folder beside them and
 * renamed into place, so a reader (or a killed run) never sees a half-written run; the
 * latest copy is swapped in by two renames.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { ReportPage } from './page.ts';
import { renderReportHtml, type RenderOptions } from './render/html.ts';
import { LATEST_FOLDER } from './fingerprint.ts';
import { DRAWN_IMAGES, type ChartImages } from './render/images.ts';

/** The folder, inside a run folder, for chart specs, SVGs and PNGs. */
export const CHARTS_FOLDER = 'charts';
/** The folder, inside a run folder, for the marts' extracts. */
export const EXTRACTS_FOLDER = 'extracts';
/** Every figure the reports state, one row each, beside the reports. */
export const FIGURES_FILE = 'figures.csv';
/** The stable copy of the last run, inside the output folder. */

/** A chart name is a file stem: lowercase letters, digits and dashes only. */
export function safeName(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`a chart name must be lowercase letters, digits and dashes; got ${JSON.stringify(name)}`);
  return name;
}

/** The report's file name: `leadership` → `leadership.html`. */
export function reportFile(page: Pick<ReportPage, 'kind'>): string {
  return `${safeName(page.kind ?? 'leadership')}.html`;
}

/** `2026-11-27T0315`: the run's minute in the given time zone. */
export function runStamp(now: Date, timeZone = 'UTC'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}${parts.minute}`;
}

export interface WritePagesOptions extends RenderOptions {
  /**
   * Write each chart's SVG and PNG beside its spec (the PNG for slides).
   *
   * __Default value:__ `true`
   */
  images?: boolean;
  /**
   * Where the slide images come from (see `PageOptions.images`).
   *
   * __Default value:__ drawn
   */
  chartImages?: ChartImages;
}

/** Writes the pages' HTML and each chart's spec, SVG and PNG into `folder` (created); returns the files written. */
export async function writePages(pages: readonly ReportPage[], folder: string, options: WritePagesOptions = {}): Promise<string[]> {
  const root = resolve(folder);
  mkdirSync(join(root, CHARTS_FOLDER), { recursive: true });
  const files: string[] = [];
  const written = new Map<string, string>();
  const images: Promise<void>[] = [];
  const chartImages = options.chartImages ?? DRAWN_IMAGES;
  try {
    for (const page of pages) {
      for (const chart of page.charts) {
        const name = safeName(chart.name);
        const spec = `${JSON.stringify(chart.spec, null, 2)}\n`;
        // One chart name, one chart: two pages drawing the same chart write it once.
        if (written.has(name)) {
          if (written.get(name) !== spec) throw new Error(`two different charts are named ${name}`);
          continue;
        }
        written.set(name, spec);
        const specFile = join(root, CHARTS_FOLDER, `${name}.vl.json`);
        writeFileSync(specFile, spec, 'utf8');
        files.push(specFile);
        if (options.images ?? true) {
          // The slide image keeps its title (the page prints it as text instead).
          const svg = await chartImages.svg(chart.spec as TopLevelSpec);
          const svgFile = join(root, CHARTS_FOLDER, `${name}.svg`);
          writeFileSync(svgFile, svg, 'utf8');
          const pngFile = join(root, CHARTS_FOLDER, `${name}.png`);
          images.push(chartImages.png(svg).then((png) => writeFileSync(pngFile, png)));
          files.push(svgFile, pngFile);
        }
      }
      const htmlFile = join(root, reportFile(page));
      writeFileSync(htmlFile, renderReportHtml(page, options), 'utf8');
      files.push(htmlFile);
    }
  } finally {
    // Nothing may still be writing when a failed run's folder is removed.
    await Promise.allSettled(images);
  }
  await settled(images);
  return files;
}

/**
 * Waits for every promise, then rejects with the first failure: when one part of a run
 * fails, nothing else is still writing into the folder that is about to be removed.
 */
export async function settled<T extends readonly unknown[]>(promises: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * The file inside each temporary folder a run makes in `out/`, holding the run's process
 * id: the next run removes a folder it finds only when the folder has one and that
 * process is gone, so nothing else in `out/` is ever taken for a leftover.
 */
export const STAGING_MARKER = '.advocacy-staging';

/** A temporary folder name inside `outDir` that no reader mistakes for a run. */
function stagingName(outDir: string, label: string): string {
  return join(resolve(outDir), `.${label}-${process.pid}-${Date.now()}.tmp`);
}

/** Marks `folder` as this process's temporary folder. */
function markStaging(folder: string): void {
  writeFileSync(join(folder, STAGING_MARKER), `${process.pid}\n`, { flag: 'wx' });
}

/** Creates a marked temporary folder inside `outDir` that no reader mistakes for a run. */
export function stagingFolder(outDir: string, label: string): string {
  const folder = stagingName(outDir, label);
  mkdirSync(folder, { recursive: true });
  markStaging(folder);
  return folder;
}

/**
 * Moves a finished staging folder to `out/<stamp>` (with `-2`, `-3` … when that minute is
 * taken) and makes `out/latest` a copy of it: made in a temporary folder, then the old
 * latest renamed aside and the new one renamed into place (the old one removed).
 */
export function publishRun(outDir: string, staged: string, stamp: string): { runDir: string; latestDir: string } {
  const root = resolve(outDir);
  let runDir = join(root, stamp);
  for (let copy = 2; existsSync(runDir); copy += 1) runDir = join(root, `${stamp}-${copy}`);
  unlinkSync(join(staged, STAGING_MARKER));
  renameSync(staged, runDir);
  const latestDir = join(root, LATEST_FOLDER);
  const next = stagingFolder(root, 'latest-next');
  const previous = stagingName(root, 'latest-previous');
  try {
    linkTree(runDir, next);
    unlinkSync(join(next, STAGING_MARKER));
    if (existsSync(latestDir)) {
      renameSync(latestDir, previous);
      markStaging(previous);
    }
    renameSync(next, latestDir);
  } finally {
    rmSync(next, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
  return { runDir, latestDir };
}

/**
 * `to` made with the folders of `from` and a hard link to each of its files: the copy
 * costs no time or space, and no run writes into a finished run's files, so both stay
 * as they were written. Where a link cannot be made (another file system, or one without
 * hard links), the file is copied.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}
