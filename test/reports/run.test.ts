import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { configHash, stableJson } from '../../reports/fingerprint.ts';
import { CHART_IMAGES_FOLDER } from '../../reports/render/images.ts';
import { runReports, type ReportRunOptions } from '../../reports/run.ts';
import { COMPANY_NAME, fixtureMarts, loadMarts } from './fixtures.ts';

let warehouse: Warehouse;
let out: string;
beforeEach(async () => {
  warehouse = await Warehouse.open(':memory:');
  out = mkdtempSync(join(tmpdir(), 'advocacy-run-'));
  await loadMarts(warehouse, fixtureMarts());
  await warehouse.run(`create table meta.files (file_id integer, status varchar); insert into meta.files values (1, 'loaded')`);
});
afterEach(() => {
  warehouse.close();
  rmSync(out, { recursive: true, force: true });
});

function options(overrides: Partial<ReportRunOptions> = {}): ReportRunOptions {
  return {
    companyName: COMPANY_NAME,
    outDir: out,
    config: { company: { name: COMPANY_NAME }, report: { language: 'en', anonymise: false } },
    now: new Date('2026-05-11T03:15:00Z'),
    timeZone: 'Europe/Copenhagen',
    // The libraries are inlined in the browser test; here the HTML stays small.
    interactive: false,
    ...overrides,
  };
}

describe('reports/run', () => {
  it('writes a dated run and out/latest with the three reports, charts and extracts, then skips until something changes', async () => {
    const first = await runReports(warehouse, options());
    expect(first.skipped).toBe(false);
    expect(first.runDir).toBe(join(out, '2026-05-11T0515'));
    const latest = join(out, 'latest');
    for (const file of [
      'leadership.html',
      'program.html',
      'attribution.html',
      '.fingerprint',
      'charts/goal-progress.vl.json',
      'charts/goal-progress.svg',
      'charts/goal-progress.png',
      'extracts/program_weekly.csv',
      'extracts/program_weekly.parquet',
      'extracts/program_weekly.arrow',
      'extracts/data_dictionary.csv',
    ]) {
      expect(existsSync(join(latest, file)), file).toBe(true);
      expect(existsSync(join(first.runDir!, file)), file).toBe(true);
    }
    expect(readFileSync(join(latest, 'leadership.html'), 'utf8')).toContain('aria-current="page">Leadership report');
    expect(readdirSync(out).sort()).toEqual(['2026-05-11T0515', 'latest']);

    // Nothing changed: nothing is written.
    const second = await runReports(warehouse, options({ now: new Date('2026-05-11T04:15:00Z') }));
    expect(second).toMatchObject({ skipped: true, files: [], runDir: null });
    expect(readdirSync(out)).toHaveLength(2);

    // --force rebuilds, carrying over the charts the latest run drew from the same specs: a
    // page's image marked in out/latest shows up marked, and every chart file is the same.
    const images = join(latest, CHART_IMAGES_FOLDER);
    const page = readFileSync(join(latest, 'leadership.html'), 'utf8');
    const pageImage = readdirSync(images).find((file) => file.endsWith('.svg') && page.includes(readFileSync(join(images, file), 'utf8')))!;
    writeFileSync(join(images, pageImage), readFileSync(join(images, pageImage), 'utf8').replace('<svg', '<svg data-carried="yes"'));
    const forced = await runReports(warehouse, options({ force: true, now: new Date('2026-05-11T04:15:00Z') }));
    expect(forced).toMatchObject({ skipped: false, reasons: ['--force'] });
    expect(readFileSync(join(forced.runDir!, 'leadership.html'), 'utf8')).toContain('<svg data-carried="yes"');
    expect(readdirSync(join(forced.runDir!, CHART_IMAGES_FOLDER)).sort()).toEqual(readdirSync(join(first.runDir!, CHART_IMAGES_FOLDER)).sort());
    for (const file of readdirSync(join(first.runDir!, 'charts'))) {
      expect(readFileSync(join(forced.runDir!, 'charts', file)).equals(readFileSync(join(first.runDir!, 'charts', file))), file).toBe(true);
    }

    // A new file loaded rebuilds; so does a config change.
    await warehouse.run(`insert into meta.files values (2, 'loaded')`);
    const data = await runReports(warehouse, options({ now: new Date('2026-05-11T05:15:00Z') }));
    expect(data.reasons).toEqual(['new files loaded']);
    const config = await runReports(
      warehouse,
      options({ config: { company: { name: COMPANY_NAME }, report: { language: 'da', anonymise: false } }, now: new Date('2026-05-11T06:15:00Z') }),
    );
    expect(config.reasons).toEqual(['config changed']);
    expect(JSON.parse(readFileSync(join(latest, '.fingerprint'), 'utf8')).files).toEqual({ maxId: 2, count: 2 });
  });

  it('hashes a config the same whatever its key order, and ignores where it was read from and where its files live', () => {
    expect(stableJson({ b: 1, a: { d: [1, 2], c: null } })).toBe('{"a":{"c":null,"d":[1,2]},"b":1}');
    expect(configHash({ a: 1, b: 2, root: '/x', file: 'y' })).toBe(configHash({ b: 2, a: 1, root: '/z' }));
    expect(configHash({ a: 1, paths: { inbox: '/x/inbox', archive: '/x/archive' }, lock: { wait_seconds: 60 } })).toBe(
      configHash({ a: 1, paths: { inbox: '/x/demo-exports/inbox', archive: '/x/demo-exports/archive' }, lock: { wait_seconds: 5 } }),
    );
    expect(configHash({ a: 1 })).not.toBe(configHash({ a: 2 }));
  });
});
