/**
 * The metrics layer on the demo program, as the shared demo build made it: marts.figures,
 * out/latest/figures.csv, the leadership report and `advocacy explain` state the same
 * numbers, each as its own query gives it. The registry itself is tested in
 * test/models/marts/figures.test.ts.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FIGURES, figureColumns, figureQuery } from '../../models/metrics/figures.ts';
import { main } from '../../pipelines/cli.ts';
import { createFormat } from '../../reports/format.ts';
import { figure, figureText, readFigures } from '../../reports/figures.ts';
import { martReads } from '../../reports/marts.ts';
import { buildLeadershipPage } from '../../reports/pages/leadership.ts';
import { escapeHtml } from '../../reports/render/html.ts';
import { demoBuild, withDemoWarehouse } from '../helpers/demo.ts';
import { tempFolder } from '../helpers/warehouse.ts';

interface FigureCsvRow {
  figure_id: string;
  label: string;
  value: string;
  unit: string;
  period_start: string;
  period_end: string;
  definition: string;
  source: string;
}

function figuresCsv(): FigureCsvRow[] {
  const text = readFileSync(join(demoBuild().root, 'out/latest/figures.csv'), 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<FigureCsvRow>(text, { header: true, skipEmptyLines: true }).data;
}

describe('the metrics layer (models/metrics/figures.ts, marts.figures) on the demo program', () => {
  it('reads only columns its mart has', async () => {
    await withDemoWarehouse(async (warehouse) => {
      for (const definition of FIGURES) {
        const [schema, table] = definition.source.mart.split('.');
        const columns = (
          await warehouse.all<{ column_name: string }>(
            'select column_name from information_schema.columns where table_schema = $schema and table_name = $table',
            { schema: schema!, table: table! },
          )
        ).map((row) => row.column_name);
        expect(columns, definition.id).toEqual(expect.arrayContaining(figureColumns(definition)));
      }
    });
  });

  it("builds one row per figure on the demo, over the program's days, each equal to its own query", async () => {
    await withDemoWarehouse(async (warehouse) => {
      const rows = await warehouse.all<{ figure_id: string; value: number | null; period_start: Date; period_end: Date }>(
        'select figure_id, value, period_start, period_end from marts.figures order by position',
      );
      expect(rows.map((row) => row.figure_id)).toEqual(FIGURES.map((definition) => definition.id));
      const days = await warehouse.one<{ first: Date; last: Date }>('select min(day) as first, max(day) as last from core.program_days');
      for (const row of rows) {
        expect(row.value, row.figure_id).not.toBeNull();
        // Every figure covers the same days: the program to date.
        expect([row.figure_id, row.period_start, row.period_end]).toEqual([row.figure_id, days!.first, days!.last]);
        const own = await warehouse.one<{ value: number }>(figureQuery(FIGURES.find((definition) => definition.id === row.figure_id)!));
        expect(own!.value, row.figure_id).toBeCloseTo(row.value!, 9);
      }
    });
  });

  it('adds each figure up from its components', async () => {
    await withDemoWarehouse(async (warehouse) => {
      for (const definition of FIGURES.filter((candidate) => candidate.components && candidate.id !== 'roi')) {
        const row = await warehouse.one<Record<string, number>>(figureQuery(definition));
        const parts = definition.components!.map((_, index) => row![`component_${index + 1}`] ?? 0);
        expect(
          parts.reduce((sum, part) => sum + part, 0),
          definition.id,
        ).toBeCloseTo(row!.value!, 6);
      }
      const roi = await warehouse.one<Record<string, number>>(figureQuery(FIGURES.find((candidate) => candidate.id === 'roi')!));
      expect(roi!.value).toBeCloseTo((roi!.component_1! - roi!.component_2!) / roi!.component_2!, 9);
    });
  });

  it('writes out/latest/figures.csv with every figure, as marts.figures holds it', async () => {
    const rows = figuresCsv();
    expect(Object.keys(rows[0]!)).toEqual(['figure_id', 'label', 'value', 'unit', 'period_start', 'period_end', 'definition', 'source']);
    expect(rows.map((row) => row.figure_id)).toEqual(FIGURES.map((definition) => definition.id));
    await withDemoWarehouse(async (warehouse) => {
      const figures = await readFigures(martReads(warehouse));
      for (const row of rows) {
        expect(Number(row.value), row.figure_id).toBeCloseTo(figure(figures, row.figure_id).value!, 6);
        expect(row.period_start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    });
    const dictionary = readFileSync(join(demoBuild().root, 'out/latest/extracts/data_dictionary.csv'), 'utf8');
    for (const definition of FIGURES) expect(dictionary).toContain(`figure,${definition.id},${definition.unit},`);
  });

  it("shows each figure's exact value on the leadership report's first screen, in English and Danish", async () => {
    const html = readFileSync(join(demoBuild().root, 'out/latest/leadership.html'), 'utf8');
    await withDemoWarehouse(async (warehouse) => {
      const figures = await readFigures(martReads(warehouse));
      const shownOnTiles = [
        'value_total',
        'cost_total',
        'roi',
        'roi_low',
        'roi_high',
        'impressions',
        'posts',
        'ambassadors_enrolled',
        'ambassadors_active',
        'sessions_from_links',
        'sessions_total',
        'leads_credited',
        'leads_total',
        'applications_credited',
        'applications_total',
        'hires_credited',
        'conversions_credited',
        'value_outcomes',
      ];
      const english = createFormat({ language: 'en', locale: 'en-GB', currency: 'DKK' });
      for (const id of shownOnTiles) expect(html, id).toContain(escapeHtml(figureText(figure(figures, id), english)));
      const danish = createFormat({ language: 'da', locale: 'da-DK', currency: 'DKK' });
      const page = await buildLeadershipPage(warehouse, { companyName: demoBuild().company.name, currency: 'DKK', locale: 'da-DK', language: 'da' });
      const firstScreen = [page.headline, ...page.kpis.flatMap((kpi) => [kpi.value, kpi.note ?? ''])].join('\n');
      for (const id of shownOnTiles) expect(firstScreen, id).toContain(figureText(figure(figures, id), danish));
    });
  });

  it('states the same number in the headline and on the tiles', async () => {
    await withDemoWarehouse(async (warehouse) => {
      const figures = await readFigures(martReads(warehouse));
      const format = createFormat({ language: 'en', locale: 'en-GB', currency: 'DKK' });
      const page = await buildLeadershipPage(warehouse, { companyName: demoBuild().company.name, currency: 'DKK', locale: 'en-GB' });
      const tile = (label: string) => page.kpis.find((kpi) => kpi.label === label)!;
      for (const id of ['posts', 'sessions_from_links', 'leads_credited', 'value_total', 'cost_total', 'roi']) {
        const text = figureText(figure(figures, id), format);
        expect(page.headline, id).toContain(text);
        expect(
          page.kpis.some((kpi) => kpi.value.includes(text)),
          id,
        ).toBe(true);
      }
      expect(tile('Active ambassadors').value).toBe(
        `${figureText(figure(figures, 'ambassadors_active'), format)} of ${figureText(figure(figures, 'ambassadors_enrolled'), format)}`,
      );
      expect(page.period).toBe(format.dateRange(figure(figures, 'posts').periodStart!, figure(figures, 'posts').periodEnd!));
    });
  });

  it('gives the weekly charts and the attribution chart the same totals as the figures', async () => {
    await withDemoWarehouse(async (warehouse) => {
      const figures = await readFigures(martReads(warehouse));
      const weekly = await warehouse.one<Record<string, number>>(
        `select sum(posts)::double as posts, sum(sessions)::double as sessions, sum(all_sessions)::double as all_sessions,
           sum(leads)::double as leads, sum(all_leads)::double as all_leads, sum(applications)::double as applications,
           sum(all_applications)::double as all_applications
         from marts.program_weekly`,
      );
      expect(weekly!.posts).toBe(figure(figures, 'posts').value);
      expect(weekly!.sessions).toBe(figure(figures, 'sessions_from_links').value);
      expect(weekly!.all_sessions).toBe(figure(figures, 'sessions_total').value);
      expect(weekly!.all_leads).toBe(figure(figures, 'leads_total').value);
      expect(weekly!.all_applications).toBe(figure(figures, 'applications_total').value);
      expect(weekly!.leads).toBeCloseTo(figure(figures, 'leads_credited').value!, 9);
      expect(weekly!.applications).toBeCloseTo(figure(figures, 'applications_credited').value!, 9);
      // The attribution report's outcomes under the default model are the four credited figures together.
      const credited = await warehouse.one<{ outcomes: number }>(
        `select sum(credited_outcomes)::double as outcomes from marts.attribution_summary
         where model = (select default_model from meta.settings) and granularity = 'program' and channel = 'Employee advocacy'`,
      );
      const four = ['leads_credited', 'conversions_credited', 'applications_credited', 'hires_credited'].reduce(
        (sum, id) => sum + figure(figures, id).value!,
        0,
      );
      expect(credited!.outcomes).toBeCloseTo(four, 9);
    });
  });

  it('explains a figure at the command line: definition, value, components, and a query that gives the same value', async () => {
    const root = tempFolder('advocacy-explain-');
    const warehousePath = join(root, 'advocacy.duckdb');
    copyFileSync(join(demoBuild().root, 'warehouse/advocacy.duckdb'), warehousePath);
    const configFile = join(root, 'advocacy.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        company: { name: 'Nordlys Energi A/S' },
        salt: 'demo-salt-for-synthetic-data-only',
        paths: { inbox: join(root, 'inbox'), archive: join(root, 'archive'), warehouse: warehousePath, out: join(root, 'out') },
      }),
    );
    const lines: string[] = [];
    expect(await main(['explain', 'cost_total', '--config', configFile, '--quiet'], (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual([]);
    expect(await main(['explain', 'cost_total', '--config', configFile], (line) => lines.push(line))).toBe(0);
    const text = lines.join('\n');
    const definition = FIGURES.find((candidate) => candidate.id === 'cost_total')!;
    expect(text).toContain(definition.definition.en);
    expect(text).toContain('Adds up from:');
    for (const component of definition.components!) expect(text).toContain(component.label.en);
    await withDemoWarehouse(async (warehouse) => {
      const figures = await readFigures(martReads(warehouse));
      const format = createFormat({ language: 'en', locale: 'en-GB', currency: 'DKK' });
      expect(text).toContain(`Value: ${figureText(figure(figures, 'cost_total'), format)}`);
      const query = text.slice(text.indexOf('Reproduce it in DuckDB')).split('\n').slice(1).join('\n').replace(/;\s*$/, '');
      const reproduced = await warehouse.one<{ value: number }>(query);
      expect(reproduced!.value).toBeCloseTo(figure(figures, 'cost_total').value!, 9);
    });
    const unknown: string[] = [];
    expect(await main(['explain', 'reach', '--config', configFile], (line) => unknown.push(line))).toBe(2);
    const all: string[] = [];
    expect(await main(['explain', '--config', configFile, '--language', 'da'], (line) => all.push(line))).toBe(0);
    expect(all.filter((line) => /^\w+\s{2}/.test(line))).toHaveLength(FIGURES.length);
  });
});
