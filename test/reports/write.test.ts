import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportPage } from '../../reports/page.ts';
import { LATEST_FOLDER } from '../../reports/fingerprint.ts';
import { publishRun, runStamp, stagingFolder, writePages } from '../../reports/write.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function temp(): string {
  const folder = mkdtempSync(join(tmpdir(), 'advocacy-write-'));
  folders.push(folder);
  return folder;
}

function page(chartName = 'weekly-activity', kind = 'leadership'): ReportPage {
  return {
    lang: 'en',
    kind,
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
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
          data: { values: [{ a: 1 }] },
          mark: 'point',
          encoding: { x: { field: 'a', type: 'quantitative' } },
        },
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
  it('writes each page as <kind>.html and each chart as .vl.json, .svg and .png', async () => {
    const root = join(temp(), 'nested', 'run');
    const files = await writePages([page('weekly-activity'), page('cohort-activity', 'program')], root);
    expect(readdirSync(root).sort()).toEqual(['charts', 'leadership.html', 'program.html']);
    expect(readdirSync(join(root, 'charts')).sort()).toEqual([
      'cohort-activity.png',
      'cohort-activity.svg',
      'cohort-activity.vl.json',
      'weekly-activity.png',
      'weekly-activity.svg',
      'weekly-activity.vl.json',
    ]);
    expect(files).toHaveLength(8);
    const spec = readFileSync(join(root, 'charts', 'weekly-activity.vl.json'), 'utf8');
    expect(spec).toMatch(/^\{\n {2}"\$schema"/);
    expect(readFileSync(join(root, 'charts', 'weekly-activity.svg'), 'utf8')).toMatch(/^<svg/);
    expect(
      readFileSync(join(root, 'charts', 'weekly-activity.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('refuses a chart name that is not a plain file stem', async () => {
    await expect(writePages([page('../escape')], temp())).rejects.toThrow(/lowercase letters, digits and dashes/);
  });

  it('names a run by its minute in the time zone', () => {
    expect(runStamp(new Date('2026-11-27T02:15:00Z'), 'Europe/Copenhagen')).toBe('2026-11-27T0315');
    expect(runStamp(new Date('2026-11-27T02:15:00Z'))).toBe('2026-11-27T0215');
  });

  it('publishes a staged run as out/<stamp> and replaces out/latest with a copy, leaving no temporary folders', () => {
    const out = temp();
    const stage = (content: string) => {
      const staged = stagingFolder(out, 'run');
      mkdirSync(staged, { recursive: true });
      writeFileSync(join(staged, 'leadership.html'), content);
      return staged;
    };
    writeFileSync(join(out, 'keep.txt'), 'x');
    const first = publishRun(out, stage('first'), '2026-11-27T0315');
    mkdirSync(join(out, LATEST_FOLDER, 'stale'), { recursive: true });
    const second = publishRun(out, stage('second'), '2026-11-27T0315');
    expect(first.runDir).toBe(join(out, '2026-11-27T0315'));
    expect(second.runDir).toBe(join(out, '2026-11-27T0315-2'));
    expect(readFileSync(join(out, '2026-11-27T0315', 'leadership.html'), 'utf8')).toBe('first');
    expect(readFileSync(join(out, LATEST_FOLDER, 'leadership.html'), 'utf8')).toBe('second');
    // latest is the new run exactly: nothing left over from the one before.
    expect(existsSync(join(out, LATEST_FOLDER, 'stale'))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(['2026-11-27T0315', '2026-11-27T0315-2', 'keep.txt', 'latest']);
    // The marker that tells a run's leftovers from anything else is not published.
    expect(readdirSync(join(out, LATEST_FOLDER))).toEqual(['leadership.html']);
    expect(readdirSync(join(out, '2026-11-27T0315'))).toEqual(['leadership.html']);
  });

  it("makes out/latest of hard links to the run's files, in the run's folders", () => {
    const out = temp();
    const staged = stagingFolder(out, 'run');
    mkdirSync(join(staged, 'extracts'), { recursive: true });
    writeFileSync(join(staged, 'leadership.html'), 'page');
    writeFileSync(join(staged, 'extracts', 'program_weekly.csv'), 'week,posts\r\n');
    const { runDir, latestDir } = publishRun(out, staged, '2026-11-27T0315');
    for (const file of ['leadership.html', 'extracts/program_weekly.csv']) {
      expect(statSync(join(latestDir, file)).ino, file).toBe(statSync(join(runDir, file)).ino);
      expect(statSync(join(runDir, file)).nlink, file).toBe(2);
    }
    // The next run's latest takes the place of this one's links; this run keeps its files.
    publishRun(out, stagingFolder(out, 'run'), '2026-11-27T0415');
    expect(readFileSync(join(runDir, 'extracts', 'program_weekly.csv'), 'utf8')).toBe('week,posts\r\n');
    expect(statSync(join(runDir, 'leadership.html')).nlink).toBe(1);
  });
});
