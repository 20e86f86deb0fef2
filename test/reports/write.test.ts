import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportPage } from '../../reports/page.ts';
import { writeReport } from '../../reports/write.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function page(chartName = 'weekly-activity'): ReportPage {
  return {
    lang: 'en',
    title: 'Test',
    period: '',
    headline: 'Headline.',
    hasData: true,
    kpis: [],
    charts: [
      {
        name: chartName,
        title: 'Title',
        subtitle: '',
        spec: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { values: [{ a: 1 }] }, mark: 'point' },
        svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        narrative: 'Narrative.',
        definition: 'Definition.',
      },
    ],
    notes: [],
    glossary: [],
    source: 'test',
  };
}

describe('reports/write', () => {
  it('creates the folders, writes the HTML and pretty specs, and leaves no temporary files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'advocacy-write-'));
    folders.push(root);
    const outDir = join(root, 'nested', 'out');
    const { files } = await writeReport(page(), outDir);
    expect(files).toEqual([join(outDir, 'charts', 'weekly-activity.vl.json'), join(outDir, 'report.html')]);
    const spec = readFileSync(join(outDir, 'charts', 'weekly-activity.vl.json'), 'utf8');
    expect(spec).toMatch(/^\{\n {2}"\$schema"/);
    expect(JSON.parse(spec)).toEqual(page().charts[0]?.spec);
    expect(readFileSync(join(outDir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    // Writing again replaces the files in place.
    await writeReport(page(), outDir);
    expect(readdirSync(outDir).sort()).toEqual(['charts', 'report.html']);
    expect(readdirSync(join(outDir, 'charts'))).toEqual(['weekly-activity.vl.json']);
  });

  it('refuses a chart name that is not a plain file stem', async () => {
    const root = mkdtempSync(join(tmpdir(), 'advocacy-write-'));
    folders.push(root);
    await expect(writeReport(page('../escape'), root)).rejects.toThrow(/lowercase letters, digits and dashes/);
  });
});
