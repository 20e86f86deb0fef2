import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { Warehouse } from '../../../pipelines/warehouse.ts';
import { MART_COLUMNS, martQuery, type EmvRateChangeRow, type MartName } from '../../../reports/marts.ts';
import { buildLeadershipPage } from '../../../reports/pages/leadership.ts';
import { writePages } from '../../../reports/write.ts';
import { fullLeadershipMarts } from '../fixtures-more.ts';
import { leadershipPage } from '../../../reports/pages/leadership.ts';
import { COMPANY_NAME, fixtureMarts, loadMarts } from '../fixtures.ts';
import { fixtureFigures } from '../fixture-figures.ts';

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

/** A June CPM raised from 80 to 100 after June was valued, and a Facebook comments rate since removed. */
const EMV_RATE_CHANGES: EmvRateChangeRow[] = [
  {
    platform: 'linkedin',
    metric: 'impressions',
    rate_unit: 'per_1000',
    applied_rate: 80,
    applied_currency: 'DKK',
    config_rate: 100,
    config_currency: 'DKK',
    days: 31,
    first_day: new Date('2026-06-01'),
    last_day: new Date('2026-07-01'),
    emv_applied: 5000,
    emv_at_config_rate: 6250,
    emv_difference: 1250,
  },
  {
    platform: 'facebook',
    metric: 'comments',
    rate_unit: 'per_unit',
    applied_rate: 4,
    applied_currency: 'DKK',
    config_rate: null,
    config_currency: null,
    days: 3,
    first_day: new Date('2026-03-02'),
    last_day: new Date('2026-03-04'),
    emv_applied: 36,
    emv_at_config_rate: 0,
    emv_difference: -36,
  },
];

describe('reports/pages/leadership', () => {
  it('reads the marts only, selecting and sorting', () => {
    for (const name of Object.keys(MART_COLUMNS) as MartName[]) {
      const sql = martQuery(name);
      expect(sql).toMatch(new RegExp(`^select .* from marts\\."${name}"( where .*)? order by `));
      expect(sql).not.toMatch(/\b(staging|core|raw)\./);
    }
  });

  it('builds the page from the marts and writes a self-contained report with its chart specs', async () => {
    const marts = fixtureMarts();
    await loadMarts(warehouse, marts);
    const page = await buildLeadershipPage(warehouse, options);

    expect(page.hasData).toBe(true);
    expect(page.title).toBe('Nordlys Energi A/S: employee advocacy');
    expect(page.period).toBe('2 March\u2009–\u200910 May 2026');
    expect(page.headline).toBe('Since 2 March 2026, 12 of 12 ambassadors posted 129 times; their links brought 1,106 sessions and 43 leads, 27% of all leads.');
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
    // The value of credited outcomes is the ROI's program-to-date figure: without that row it is not stated.
    expect(page.kpis[7]?.value).toBe('–');
    // The skeleton's marts only: ROI, reach, attribution, content and leaders' sections are left out with a note each.
    expect(page.charts.map((chart) => chart.name)).toEqual(['goal-progress', 'top-ambassadors', 'weekly-traffic', 'weekly-activity']);
    for (const chart of page.charts) {
      expect(chart.title.length).toBeGreaterThan(10);
      expect(chart.narrative).toMatch(/\.$/);
      expect(chart.definition).toMatch(/Source: marts\./);
    }
    expect(page.notes).toHaveLength(6);
    expect(page.notes[0]).toBe(
      'ROI per month is left out: no month has a cost yet, and ROI divides by the cost. Costs come from the costs file and from people’s time at the config’s rates.',
    );
    expect(page.glossary.map((entry) => entry.term)).toEqual(
      expect.arrayContaining([
        'Impressions',
        'Sessions from ambassadors’ links',
        'Credited outcome',
        'Last-touch attribution',
        'Earned media value (EMV)',
        'Reach',
        'Attribution model',
        'Interval',
      ]),
    );

    const files = await writePages([page], outDir);
    const htmlFile = join(outDir, 'leadership.html');
    expect(files).toContain(htmlFile);
    expect(existsSync(htmlFile)).toBe(true);
    const html = readFileSync(htmlFile, 'utf8');
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(NETWORK_REFERENCE);
    expect(html).toContain(page.headline);
    expect(html).toContain('<h2 id="glossary-title">Glossary</h2>');

    const specFiles = readdirSync(join(outDir, 'charts'))
      .filter((file) => file.endsWith('.vl.json'))
      .sort();
    expect(specFiles).toEqual(page.charts.map((chart) => `${chart.name}.vl.json`).sort());
    for (const file of specFiles) {
      const spec = JSON.parse(readFileSync(join(outDir, 'charts', file), 'utf8'));
      expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      expect(Array.isArray(spec.data.values)).toBe(true);
      expect(() => compile(spec)).not.toThrow();
    }
  });

  it('lights up every section when the ROI, attribution, content and reach marts are there', async () => {
    const page = await leadershipPage(fullLeadershipMarts(), options);
    expect(page.charts.map((chart) => chart.name)).toEqual([
      'roi-by-period',
      'value-waterfall',
      'goal-progress',
      'organic-reach',
      'outcomes-by-model',
      'top-ambassadors',
      'top-content',
      'leader-example',
      'weekly-traffic',
      'weekly-activity',
    ]);
    expect(page.notes).toEqual([]);
    // The answer on the first screen: value, cost, ROI with its interval, last month against the one before.
    expect(page.headline).toMatch(
      /^Program to date, DKK\u00a0278,500 of value against DKK\u00a0165,000 of cost: an ROI of 69% \(90% interval 35% to 95%\)\. Since 2 March 2026/,
    );
    expect(page.kpis.slice(0, 4).map((kpi) => [kpi.label, kpi.value, kpi.note])).toEqual([
      ['Value, program to date', 'DKK\u00a0278,500', 'EMV and credited outcomes'],
      ['Cost, program to date', 'DKK\u00a0165,000', 'cost lines and people’s time'],
      ['ROI, program to date', '69%', '90% interval 35% to 95%'],
      ['ROI, May 2026', '133%', 'against 103% in April 2026'],
    ]);
    for (const chart of page.charts) {
      expect(chart.title.length, chart.name).toBeGreaterThan(10);
      expect(chart.subtitle.length, chart.name).toBeGreaterThan(10);
      expect(chart.narrative, chart.name).toMatch(/[.]$/);
      expect(chart.definition, chart.name).toMatch(/Source: marts\./);
    }
  });

  it("says when the config's EMV rates differ from those applied to past days, and how to re-value them", async () => {
    const marts = { ...fullLeadershipMarts(), emvRateChanges: EMV_RATE_CHANGES };
    const english = await leadershipPage(marts, options);
    expect(english.notes).toEqual([
      'EMV rates: past days keep the rates they were first valued at, and the config now gives others. ' +
        'LinkedIn impressions (CPM) on 31 days, 1 June 2026 – 1 July 2026: DKK\u00a080 applied, DKK\u00a0100 in the config; valued at the config’s rates, their EMV would be DKK\u00a01,250 higher. ' +
        'Facebook comments on 3 days, 2 March 2026 – 4 March 2026: DKK\u00a04 applied, none in the config; valued at the config’s rates, their EMV would be DKK\u00a036 lower. ' +
        'To value history at the config’s rates, run “advocacy build --revalue-emv”.',
    ]);
    const danish = await leadershipPage(marts, { ...options, locale: 'da-DK', language: 'da' });
    expect(danish.notes).toEqual([
      'EMV-satser: tidligere dage beholder de satser, de først blev værdisat med, og konfigurationen angiver nu andre. ' +
        'LinkedIn visninger (CPM) på 31 dage, 1. juni 2026 – 1. juli 2026: 80\u00a0kr. anvendt, 100\u00a0kr. i konfigurationen; værdisat med konfigurationens satser ville deres EMV være 1.250\u00a0kr. højere. ' +
        'Facebook kommentarer på 3 dage, 2. marts 2026 – 4. marts 2026: 4\u00a0kr. anvendt, ingen i konfigurationen; værdisat med konfigurationens satser ville deres EMV være 36\u00a0kr. lavere. ' +
        'Kør “advocacy build --revalue-emv” for at værdisætte historikken med konfigurationens satser.',
    ]);
  });

  it("says nothing of EMV rates when past days were valued at the config's rates", async () => {
    const page = await leadershipPage({ ...fullLeadershipMarts(), emvRateChanges: [] }, options);
    expect(page.notes).toEqual([]);
  });

  it('reads the EMV rate changes from marts.emv_rate_changes', async () => {
    await loadMarts(warehouse, fixtureMarts());
    await warehouse.run(`insert into marts.emv_rate_changes select 'linkedin' as platform, 'clicks' as metric, 'per_unit' as rate_unit,
      12.0::double as applied_rate, 'DKK' as applied_currency, 10.5::double as config_rate, 'DKK' as config_currency, 14 as days,
      date '2026-05-31' as first_day, date '2026-06-13' as last_day, 168.0::double as emv_applied, 147.0::double as emv_at_config_rate, -21.0::double as emv_difference`);
    const page = await buildLeadershipPage(warehouse, options);
    expect(page.notes).toContain(
      'EMV rates: past days keep the rates they were first valued at, and the config now gives others. ' +
        'LinkedIn clicks (CPC) on 14 days, 31 May 2026 – 13 June 2026: DKK\u00a012 applied, DKK\u00a010.50 in the config; valued at the config’s rates, their EMV would be DKK\u00a021 lower. ' +
        'To value history at the config’s rates, run “advocacy build --revalue-emv”.',
    );
  });

  it('says in words when the ROI interval crosses zero', async () => {
    const marts = fullLeadershipMarts();
    marts.roiByPeriod = marts.roiByPeriod?.map((row) => (row.period === 'program' ? { ...row, roi_low: -0.2 } : row));
    marts.figures = fixtureFigures(marts.summary, marts.roiByPeriod);
    const page = await leadershipPage(marts, options);
    expect(page.headline).toContain('The interval crosses zero: the data cannot yet tell whether the program returned more than it cost.');
  });

  it('is written in Danish with report.language da, names replaced by pseudonyms when anonymised', async () => {
    const page = await leadershipPage(fullLeadershipMarts(), { ...options, locale: 'da-DK', language: 'da', anonymise: true, salt: 'test-salt-123' });
    expect(page.lang).toBe('da');
    expect(page.title).toBe('Nordlys Energi A/S: medarbejderambassadører');
    expect(page.headline).toMatch(/^For programmet til dato 278\.500\u00a0kr\. i værdi mod 165\.000\u00a0kr\. i omkostninger: en ROI på 69\u00a0%/);
    expect(page.glossary.map((entry) => entry.term)).toEqual(
      expect.arrayContaining(['Optjent medieværdi (EMV)', 'Visninger', 'Rækkevidde', 'Attributionsmodel', 'Interval']),
    );
    const text = JSON.stringify(page);
    for (const name of ['Mette Østergaard', 'Søren Kjærgaard', 'Jørgen Møller']) expect(text).not.toContain(name);
    expect(page.charts.find((chart) => chart.name === 'top-ambassadors')?.title).toMatch(/^Ambassadør [0-9A-Z]{4} førte med/);
  });

  it('writes numbers the Danish way when the locale is da-DK', async () => {
    await loadMarts(warehouse, fixtureMarts());
    const page = await buildLeadershipPage(warehouse, { ...options, locale: 'da-DK' });
    expect(page.headline).toBe(
      'Since 2. marts 2026, 12 of 12 ambassadors posted 129 times; their links brought 1.106 sessions and 43 leads, 27\u00a0% of all leads.',
    );
    expect(page.kpis[3]?.value).toBe('1.106');
    const full = await leadershipPage(fullLeadershipMarts(), { ...options, locale: 'da-DK' });
    expect(full.kpis.find((kpi) => kpi.label === 'Value of credited outcomes')?.value).toMatch(/^[\d.]+\u00a0kr\.$/);
  });

  it('says there is no data yet when the marts are empty, without crashing', async () => {
    await loadMarts(warehouse, {
      summary: undefined,
      figures: fixtureFigures(undefined),
      ambassadorWeeks: false,
      programWeekly: [],
      ambassadorTotals: [],
      goalProgress: [],
    });
    const page = await buildLeadershipPage(warehouse, options);
    expect(page.hasData).toBe(false);
    expect(page.headline).toMatch(/^There is no data yet for Nordlys Energi A\/S/);
    expect(page.charts).toEqual([]);

    const files = await writePages([page], outDir);
    expect(files).toEqual([join(outDir, 'leadership.html')]);
    const html = readFileSync(join(outDir, 'leadership.html'), 'utf8');
    expect(html).toContain('There is no data yet');
    expect(html).not.toMatch(/<script/i);
  });

  it('leaves out a chart whose mart is empty and says why', async () => {
    const marts = fixtureMarts();
    await loadMarts(warehouse, { ...marts, goalProgress: [] });
    const page = await buildLeadershipPage(warehouse, options);
    expect(page.charts.map((chart) => chart.name)).not.toContain('goal-progress');
    expect(page.charts).toHaveLength(3);
    expect(page.notes).toContain('Goal progress is left out: the program has no goal whose period has begun (goals are set in the goals file).');
  });
});
