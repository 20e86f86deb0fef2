import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { Warehouse } from '../../../pipelines/warehouse.ts';
import { MART_COLUMNS, martQuery, type MartName } from '../../../reports/marts.ts';
import { buildLeadershipPage } from '../../../reports/pages/leadership.ts';
import { writeReport } from '../../../reports/write.ts';
import { COMPANY_NAME, fixtureMarts, loadMarts } from '../fixtures.ts';

/** Network references an HTML file could make: src/href/url()/@import to http(s) or protocol-relative. */
const NETWORK_REFERENCE = /(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\/)|url\(\s*["']?\s*(?:https?:)?\/\/|@import/i;

let warehouse: Warehouse;
let outDir: string;

beforeEach(async () => {
  warehouse = await Warehouse.open(':memory:');
  outDir = mkdtempSync(join(tmpdir(), 'advocacy-report-'));
});

afterEach(() => {
  warehouse.close();
  rmSync(outDir, { recursive: true, force: true });
});

const options = { companyName: COMPANY_NAME, currency: 'DKK', locale: 'en-GB' };

describe('reports/pages/leadership', () => {
  it('reads the marts only, selecting and sorting', () => {
    for (const name of Object.keys(MART_COLUMNS) as MartName[]) {
      const sql = martQuery(name);
      expect(sql).toMatch(new RegExp(`^select .* from marts\\."${name}" order by `));
      expect(sql).not.toMatch(/\b(staging|core|raw)\./);
    }
  });

  it('builds the page from the marts and writes a self-contained report with its chart specs', async () => {
    const marts = fixtureMarts();
    await loadMarts(warehouse, marts);
    const page = await buildLeadershipPage(warehouse, options);

    expect(page.hasData).toBe(true);
    expect(page.title).toBe('Nordlys Energi A/S: employee advocacy');
    expect(page.period).toBe('2 March 2026 – 10 May 2026');
    expect(page.headline).toBe(
      'Since 2 March 2026, 12 of 12 ambassadors posted 129 times; their links brought 1,106 sessions and 43 leads, 27% of all leads.',
    );
    expect(page.kpis.map((kpi) => kpi.label)).toEqual([
      'Active ambassadors',
      'Posts',
      'Impressions',
      'Sessions from ambassadors’ links',
      'Leads credited',
      'Applications credited',
      'Hires credited',
      'Value of credited outcomes',
    ]);
    expect(page.kpis[0]).toEqual({ label: 'Active ambassadors', value: '12 of 12', note: '100% participation' });
    expect(page.kpis[7]?.value).toBe(`DKK\u00a0${marts.summary.value.toLocaleString('en-GB')}`);
    expect(page.charts.map((chart) => chart.name)).toEqual(['weekly-activity', 'weekly-traffic', 'top-ambassadors', 'goal-progress', 'cohort-activity']);
    for (const chart of page.charts) {
      expect(chart.title.length).toBeGreaterThan(10);
      expect(chart.narrative).toMatch(/\.$/);
      expect(chart.definition).toMatch(/Source: marts\./);
    }
    expect(page.notes).toEqual([]);
    expect(page.glossary.map((entry) => entry.term)).toEqual(
      expect.arrayContaining(['Impressions', 'Sessions', 'Credited outcome', 'Last-touch attribution']),
    );

    const { files } = await writeReport(page, outDir);
    const htmlFile = join(outDir, 'report.html');
    expect(files).toContain(htmlFile);
    expect(existsSync(htmlFile)).toBe(true);
    const html = readFileSync(htmlFile, 'utf8');
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(NETWORK_REFERENCE);
    expect(html).toContain(page.headline);
    expect(html).toContain('<h2 id="glossary-title">Glossary</h2>');

    const specFiles = readdirSync(join(outDir, 'charts')).sort();
    expect(specFiles).toEqual(page.charts.map((chart) => `${chart.name}.vl.json`).sort());
    for (const file of specFiles) {
      const spec = JSON.parse(readFileSync(join(outDir, 'charts', file), 'utf8'));
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(Array.isArray(spec.data.values)).toBe(true);
      expect(() => compile(spec)).not.toThrow();
    }
    expect(readdirSync(outDir).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('writes numbers the Danish way when the locale is da-DK', async () => {
    await loadMarts(warehouse, fixtureMarts());
    const page = await buildLeadershipPage(warehouse, { ...options, locale: 'da-DK' });
    expect(page.headline).toBe(
      'Since 2. marts 2026, 12 of 12 ambassadors posted 129 times; their links brought 1.106 sessions and 43 leads, 27\u00a0% of all leads.',
    );
    expect(page.kpis[3]?.value).toBe('1.106');
    expect(page.kpis[7]?.value).toMatch(/^[\d.]+\u00a0kr\.$/);
  });

  it('says there is no data yet when the marts are empty, without crashing', async () => {
    await loadMarts(warehouse, { summary: undefined, ambassadorWeekly: [], programWeekly: [], ambassadorTotals: [], goalProgress: [] });
    const page = await buildLeadershipPage(warehouse, options);
    expect(page.hasData).toBe(false);
    expect(page.headline).toMatch(/^There is no data yet for Nordlys Energi A\/S/);
    expect(page.charts).toEqual([]);

    const { files } = await writeReport(page, outDir);
    expect(files).toEqual([join(outDir, 'report.html')]);
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('There is no data yet');
    expect(html).not.toMatch(/<script/i);
  });

  it('reads a mart the build has not written yet as empty, and says so', async () => {
    const page = await buildLeadershipPage(warehouse, options);
    expect(page.hasData).toBe(false);
    expect(page.notes[0]).toBe('marts.program_summary does not exist in the warehouse yet; run the build step to create it.');
    expect(page.notes).toHaveLength(6);
  });

  it('leaves out a chart whose mart is empty and says why', async () => {
    const marts = fixtureMarts();
    await loadMarts(warehouse, { ...marts, goalProgress: [] });
    const page = await buildLeadershipPage(warehouse, options);
    expect(page.charts.map((chart) => chart.name)).not.toContain('goal-progress');
    expect(page.charts).toHaveLength(4);
    expect(page.notes).toEqual(['Goal progress is left out: no goals are defined yet (marts.goal_progress has no rows).']);
  });
});
