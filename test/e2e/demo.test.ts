import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipelines/config.ts';
import { runDemo } from '../../pipelines/demo.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { describeSummary, runInbox, type RunSummary } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { demoBuild } from '../helpers/demo.ts';
import { tempFolder } from '../helpers/warehouse.ts';

/** Every mart, every row, in a stable order, as lines of text. */
async function dumpMarts(path: string): Promise<Record<string, string[]>> {
  const warehouse = await Warehouse.open(path, { readOnly: true });
  try {
    const tables = await warehouse.all<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'marts' order by table_name`,
    );
    const dump: Record<string, string[]> = {};
    for (const { table_name } of tables) {
      const rows = await warehouse.all(`select * from marts."${table_name}" order by all`);
      dump[table_name] = rows.map((row) => JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));
    }
    return dump;
  } finally {
    warehouse.close();
  }
}

describe('pipelines/demo', () => {
  // The first run is the shared demo build; the second runs on a copy of it.
  const root = tempFolder('advocacy-demo-');
  let first: RunSummary;
  let second: RunSummary;
  let firstMarts: Record<string, string[]>;
  let secondMarts: Record<string, string[]>;
  let secondLog: string[];

  beforeAll(async () => {
    const shared = demoBuild();
    first = shared.summary;
    firstMarts = await dumpMarts(join(shared.root, 'warehouse/advocacy.duckdb'));
    cpSync(shared.root, root, { recursive: true });
    const log = memoryLogger();
    second = (await runDemo(root, log)).summary;
    secondLog = log.lines;
    secondMarts = await dumpMarts(join(root, 'warehouse/advocacy.duckdb'));
  }, 300_000);

  it('loads the whole program, rejects the one planted bad row, and credits outcomes', () => {
    expect(first.filesFailed).toBe(0);
    expect(first.filesLoaded).toBeGreaterThan(20);
    expect(first.rowsLoaded).toBeGreaterThan(10_000);
    expect(first.rowsRejected).toBe(1);
    expect(first.outcomesCreditedToAmbassadors).toBeGreaterThan(0);
    expect(first.outcomesCreditedToAmbassadors).toBeLessThan(first.outcomes);
    const summary = describeSummary(first).join('\n');
    expect(summary).toMatch(/files: \d+ loaded, 0 already loaded, 0 failed/);
    expect(summary).toMatch(/rows: \d+ loaded, 1 rejected/);
    expect(summary).toMatch(/outcomes: \d+ in the warehouse, [\d.]+ credited to ambassadors/);
    expect(summary).toMatch(/time: [\d.]+ s \(ingest [\d.]+ s, build [\d.]+ s, report [\d.]+ s, check [\d.]+ s\)/);
  });

  it('writes the three reports into a dated run folder and out/latest, with charts and extracts', () => {
    const latest = join(root, 'out/latest');
    for (const report of ['leadership.html', 'program.html', 'attribution.html']) {
      const html = readFileSync(join(latest, report), 'utf8');
      expect(html.match(/<svg/g)?.length ?? 0, report).toBeGreaterThanOrEqual(3);
      expect(html, report).not.toMatch(/(src|href)="https?:/);
    }
    expect(existsSync(join(root, 'out/report.html'))).toBe(false);
    expect(readdirSync(join(root, 'out')).some((name) => /^\d{4}-\d{2}-\d{2}T\d{4}/.test(name))).toBe(true);
    const specs = readdirSync(join(latest, 'charts')).filter((name) => name.endsWith('.vl.json'));
    expect(specs.length).toBeGreaterThanOrEqual(3);
    for (const spec of specs) expect(JSON.parse(readFileSync(join(latest, 'charts', spec), 'utf8')).$schema).toMatch(/vega-lite\/v6/);
    for (const extract of ['program_weekly.csv', 'program_weekly.parquet', 'program_weekly.arrow', 'data_dictionary.csv'])
      expect(existsSync(join(latest, 'extracts', extract)), extract).toBe(true);
  });

  it('loads nothing the second time and says so, and gives identical marts', () => {
    expect(second.filesLoaded).toBe(0);
    expect(second.filesAlreadyLoaded).toBe(first.filesLoaded);
    expect(secondLog.some((line) => /already loaded .*nothing to do/.test(line))).toBe(true);
    expect(Object.keys(secondMarts)).toEqual(Object.keys(firstMarts));
    for (const table of Object.keys(firstMarts)) {
      const before = firstMarts[table]!;
      const after = secondMarts[table]!;
      // Only the first differences are shown: a mart can have many thousand rows.
      const differing = after.filter((row, index) => row !== before[index]).slice(0, 3);
      expect({ table, rows: after.length, differing }).toEqual({ table, rows: before.length, differing: [] });
    }
  });

  it('finds the models and reports up to date when "run" reads the config file the demo wrote, and writes nothing', async () => {
    const log = memoryLogger();
    const config = loadConfig(join(root, 'demo-exports/advocacy.config.json'), {});
    const latest = readdirSync(join(root, 'out/latest'));
    const summary = await withSession(config, 'run', log, (session) => runInbox(session));
    expect(summary.modelsBuilt).toBe(0);
    expect(summary.reportFiles).toEqual([]);
    expect(log.lines.some((line) => /reports are up to date/.test(line))).toBe(true);
    expect(log.lines.some((line) => /config changed/.test(line))).toBe(false);
    expect(readdirSync(join(root, 'out/latest'))).toEqual(latest);
  });

  it('keeps the exports out of git and leaves the warehouse and out/ where the user looks', () => {
    expect(existsSync(join(root, 'demo-exports'))).toBe(true);
    expect(existsSync(join(root, 'warehouse/advocacy.duckdb'))).toBe(true);
    const ignored = readFileSync(join(import.meta.dirname, '../../.gitignore'), 'utf8');
    for (const entry of ['/demo-exports/', '/warehouse/', '/out/']) expect(ignored).toContain(entry);
  });
});
