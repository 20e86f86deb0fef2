/**
 * Writes a report to disk: `report.html` and each chart's spec as `charts/<name>.vl.json`.
 * Each file is written under a temporary name and renamed into place, so a reader (or a
 * killed run) never sees a half-written file.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ReportPage } from './page.ts';
import { renderReportHtml } from './render/html.ts';

/** The report's file name inside the output folder. */
export const REPORT_FILE = 'report.html';
/** The folder, inside the output folder, for chart specs. */
export const CHARTS_FOLDER = 'charts';

/** Writes the page's HTML and chart specs into `outDir` (created if needed); returns the files written. */
export async function writeReport(page: ReportPage, outDir: string): Promise<{ files: string[] }> {
  const root = resolve(outDir);
  const outputs: { file: string; content: string }[] = [
    ...page.charts.map((chart) => ({
      file: join(root, CHARTS_FOLDER, `${safeName(chart.name)}.vl.json`),
      content: `${JSON.stringify(chart.spec, null, 2)}\n`,
    })),
    // The HTML last: when it appears, the specs it points to are in place.
    { file: join(root, REPORT_FILE), content: renderReportHtml(page) },
  ];
  const files: string[] = [];
  for (const { file, content } of outputs) {
    await writeFileAtomically(file, content);
    files.push(file);
  }
  return { files };
}

/** A chart name is a file stem: lowercase letters, digits and dashes only. */
function safeName(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`a chart name must be lowercase letters, digits and dashes; got ${JSON.stringify(name)}`);
  return name;
}

async function writeFileAtomically(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
