/**
 * The DuckDB `read_csv` loader against the papaparse path: the same raw rows, the same
 * rejected rows (line, field, value, reason, raw) and the same file record, on the
 * fixture, a generated touchpoints file and hand-made dirty files; and the fallback
 * to papaparse, logged, for files DuckDB would read differently.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateProgram } from '../../fixtures/generator/index.ts';
import { ingestFile } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { rawColumns, RAW_LINEAGE_COLUMNS } from '../../pipelines/meta.ts';
import { parseFile } from '../../sources/parse.ts';
import { dropReadCsvTables, landReadCsv, planReadCsv, stageReadCsv } from '../../sources/read-csv.ts';
import { webTouchpoints } from '../../sources/web/touchpoints.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/exports/web/touchpoints.csv');

async function loadWith(loader: 'read_csv' | 'papaparse', path: string, overrides: Parameters<typeof testConfig>[0] = {}) {
  const original = webTouchpoints.loader;
  webTouchpoints.loader = loader;
  try {
    return await withWarehouse(
      async (warehouse) => {
        const log = memoryLogger();
        const outcome = await ingestFile(warehouse, testConfig({ timezone: 'Europe/Copenhagen', ...overrides }), path, { runId: null, log });
        const raw = await warehouse.all(
          `select _source_file, _source_line, visitor_id, strftime(touched_at, '%Y-%m-%d %H:%M:%S') as touched_at, utm_source, utm_medium, utm_campaign,
           utm_content, utm_term, landing_page, referrer, _extra
         from raw.web__touchpoints order by _source_line`,
        );
        const rejected = await warehouse.all(`select file_name, line, field, value, reason, raw from meta.rejected_rows order by line, reason`);
        const files = await warehouse.all(
          `select file_name, source, status, rows_loaded::integer as rows_loaded, rows_rejected::integer as rows_rejected,
           period_start::varchar as period_start, period_end::varchar as period_end, message from meta.files`,
        );
        const { fileId: _ignored, ...comparable } = outcome as typeof outcome & { fileId?: number };
        return { outcome: comparable, raw, rejected, files, log: log.lines };
      },
      [webTouchpoints],
    );
  } finally {
    webTouchpoints.loader = original;
  }
}

async function expectSame(path: string, overrides: Parameters<typeof testConfig>[0] = {}) {
  const duck = await loadWith('read_csv', path, overrides);
  const papa = await loadWith('papaparse', path, overrides);
  expect(duck.raw).toEqual(papa.raw);
  expect(duck.rejected).toEqual(papa.rejected);
  expect(duck.files).toEqual(papa.files);
  expect(duck.outcome).toEqual(papa.outcome);
  return duck;
}

const HEADER = 'visitor_id,touched_at,utm_source,utm_medium,utm_campaign,utm_content,utm_term,landing_page,referrer,device_category';

describe('sources/read-csv: DuckDB read_csv gives what papaparse gives', () => {
  afterEach(() => {
    webTouchpoints.loader = 'read_csv';
  });

  it('the touchpoints fixture', async () => {
    const duck = await expectSame(FIXTURE);
    expect(duck.log.join('\n')).not.toMatch(/read with papaparse/);
    expect(duck.raw.length).toBeGreaterThan(5);
    expect(duck.rejected.length).toBeGreaterThan(0);
  });

  it('a generated touchpoints file', async () => {
    const out = tempFolder();
    // four months of a smaller program: its last month still holds thousands of visits
    await generateProgram({ seed: 7, size: { ambassadors: 40, months: 4 }, outDir: out });
    const file = readdirSync(join(out, 'web'))
      .filter((name) => name.startsWith('touchpoints'))
      .sort()
      .at(-1)!;
    const duck = await expectSame(join(out, 'web', file));
    expect(duck.log.join('\n')).not.toMatch(/read with papaparse/);
    expect(duck.raw.length).toBeGreaterThan(1000);
  }, 120_000);

  it('a dirty file with a BOM, CRLF, a quoted line break, local times, blanks, duplicates and bad dates', async () => {
    const path = join(tempFolder(), 'dirty.csv');
    const lines = [
      HEADER,
      'v1,2026-03-29 02:30,linkedin,employee_advocacy,c,amb-1,, /a ,,mobile',
      'v1,2026-03-29T02:30:00,linkedin,employee_advocacy,c,amb-1,,/a,,',
      'v2,2026-10-25 02:30:00 PM,,,,,,"/b\r\nsecond line",,"x, ""quoted"""',
      ',,,,,,,,,',
      'v3,,,,,,,/c,,',
      'v4,2026-02-30T10:00:00Z,,,,,,/d,,',
      'v5,2099-01-01T10:00:00Z,,,,,,/e,,',
      'v6,not-a-date,,,,,,/f,,',
      'v7,2026-10-28T10:00:00.123-0330,,,,,,/g,,tablet',
      '  v8  ,2026-1-5T7:05,  ,,,,,,,',
    ];
    writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`);
    const duck = await expectSame(path, { ingest: { max_rejected_share: 0.9 } } as never);
    expect(duck.outcome).toMatchObject({ status: 'loaded' });
    expect(duck.log.join('\n')).not.toMatch(/read with papaparse/);
    expect(duck.rejected.map((row) => row.line)).toEqual([3, 7, 8, 9, 10]);
  });

  it('two clicks on two different links in the same second load as two rows; the same click twice is one', async () => {
    const path = join(tempFolder(), 'same-second.csv');
    const amb1 = 'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-1,,/job,,';
    const amb2 = 'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-2,,/job,,';
    writeFileSync(path, [HEADER, amb1, amb2, amb1].join('\n'));
    const duck = await expectSame(path, { ingest: { max_rejected_share: 0.5 } } as never);
    expect(duck.log.join('\n')).not.toMatch(/read with papaparse/);
    expect(duck.raw.map((row) => row.utm_content)).toEqual(['amb-1', 'amb-2']);
    expect(duck.rejected.map((row) => [row.line, row.reason])).toEqual([[4, expect.stringContaining('already on line 2')]]);
  });

  it('rejects a file whose rows are mostly bad, whole, with the same message', async () => {
    const path = join(tempFolder(), 'mostly-bad.csv');
    writeFileSync(path, [HEADER, 'v1,2026-10-28T10:00:00Z,,,,,,/a,,', 'v2,nope,,,,,,/a,,', 'v3,,,,,,,/a,,'].join('\n'));
    const duck = await expectSame(path, { ingest: { max_rejected_share: 0.5, min_rejected_rows: 2 } } as never);
    expect(duck.outcome).toMatchObject({ status: 'failed' });
  });

  it('a visit after tomorrow is rejected against the now the file is read at, and its reason names the day after that now, not after the clock', async () => {
    const path = join(tempFolder(), 'long-ago.csv');
    const bytes = Buffer.from([HEADER, 'v1,2020-06-15T10:00:00Z,,,,,,/a,,', 'v2,2020-06-17T10:00:00Z,,,,,,/b,,'].join('\n'));
    writeFileSync(path, bytes);
    const now = new Date('2020-06-15T12:00:00Z');
    const papa = parseFile(bytes, webTouchpoints, { fileName: 'long-ago.csv', folderName: '', timezone: 'UTC', locale: 'en-GB', salt: null, now });
    const reason =
      '"2020-06-17T10:00:00Z" in touched_at is after tomorrow (2020-06-16), and an export only holds what already happened; check the date (and the clock of the computer that exported it)';
    expect(papa.rejected.map((row) => row.reason)).toEqual([reason]);
    const rejected = await withWarehouse(
      async (warehouse) => {
        const plan = planReadCsv(bytes, webTouchpoints, 'long-ago.csv');
        if (!plan.ok) throw new Error(plan.reason);
        const staged = await stageReadCsv(warehouse, path, bytes, webTouchpoints, plan, {
          fileName: 'long-ago.csv',
          timezone: 'UTC',
          rejectLimit: { maxShare: 1, minRows: 1 },
          salt: null,
          now,
        });
        if (staged.status !== 'landed') throw new Error(staged.reason);
        const dataColumns = rawColumns(webTouchpoints)
          .slice(RAW_LINEAGE_COLUMNS.length)
          .map((column) => column.name);
        await landReadCsv(warehouse, 1, path, webTouchpoints, plan, staged.rows, dataColumns, null);
        await dropReadCsvTables(warehouse);
        return warehouse.all<{ line: number; reason: string }>(`select line, reason from meta.rejected_rows`);
      },
      [webTouchpoints],
    );
    expect(rejected).toEqual([{ line: 3, reason }]);
  });

  it('falls back to papaparse, and says so, for blank lines, a wrong field count, Windows-1252 and UTF-16', async () => {
    const folder = tempFolder();
    const blank = join(folder, 'blank.csv');
    writeFileSync(blank, [HEADER, 'v1,2026-10-28T10:00:00Z,,,,,,/a,,', '', 'v2,2026-10-28T11:00:00Z,,,,,,/a,,'].join('\n'));
    const wide = join(folder, 'wide.csv');
    writeFileSync(wide, [HEADER, 'v1,2026-10-28T10:00:00Z,,,,,,/a,,,,extra', 'v2,2026-10-28T11:00:00Z,,,,,,/a,,'].join('\n'));
    const latin = join(folder, 'latin.csv');
    writeFileSync(latin, Buffer.from(`${HEADER}\nv1,2026-10-28T10:00:00Z,,,,,,/s\xf8g,,\n`, 'latin1'));
    const utf16 = join(folder, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\nv1,2026-10-28T10:00:00Z,,,,,,/a,,\n`, 'utf16le')]));
    for (const path of [blank, wide, latin, utf16]) {
      const duck = await expectSame(path);
      expect(duck.log.join('\n')).toMatch(/read with papaparse, not DuckDB's read_csv/);
    }
  });
});
