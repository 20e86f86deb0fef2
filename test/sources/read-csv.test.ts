/**
 * The DuckDB `read_csv` loader against the papaparse path: the same raw rows, the same
 * rejected rows (line, field, value, reason, raw) and the same file record, on the
 * fixtures, generated files and hand-made dirty files of the touchpoints file and GA4's
 * traffic acquisition report; and the fallback to papaparse, logged, for files DuckDB
 * would read, or the SQL type, differently.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { generateProgram } from '../../fixtures/generator/index.ts';
import { DEMO_SEED } from '../../pipelines/demo.ts';
import { ingestFile } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { rawColumns, RAW_LINEAGE_COLUMNS } from '../../pipelines/meta.ts';
import { quotedIdentifier } from '../../pipelines/warehouse.ts';
import { rawTableName, type Adapter } from '../../sources/adapter.ts';
import { ga4TrafficAcquisition } from '../../sources/ga4/traffic-acquisition.ts';
import { programShareLog } from '../../sources/program/share-log.ts';
import { parseFile } from '../../sources/parse.ts';
import { dropReadCsvTables, hashRowAfter, landReadCsv, planReadCsv, stageReadCsv } from '../../sources/read-csv.ts';
import { webTouchpoints } from '../../sources/web/touchpoints.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/exports/web/touchpoints.csv');

async function loadWith(adapter: Adapter, loader: 'read_csv' | 'papaparse', path: string, overrides: Parameters<typeof testConfig>[0] = {}) {
  const original = adapter.loader;
  adapter.loader = loader;
  try {
    return await withWarehouse(
      async (warehouse) => {
        const log = memoryLogger();
        const outcome = await ingestFile(warehouse, testConfig({ timezone: 'Europe/Copenhagen', ...overrides }), path, { runId: null, log });
        // As text, so that -0 and 0, 1.0 and 1, a date and its instant are told apart.
        const raw = await warehouse.all(
          `select columns(* exclude (_loaded_at))::varchar from raw.${quotedIdentifier(rawTableName(adapter))} raw order by raw._source_line`,
        );
        const rejected = await warehouse.all(`select file_name, line, field, value, reason, raw from meta.rejected_rows order by line, reason`);
        const files = await warehouse.all(
          `select file_name, source, status, rows_loaded::integer as rows_loaded, rows_rejected::integer as rows_rejected, rows_skipped::integer as rows_skipped,
           period_start::varchar as period_start, period_end::varchar as period_end, message from meta.files`,
        );
        const { fileId: _ignored, ...comparable } = outcome as typeof outcome & { fileId?: number };
        return { outcome: comparable, raw, rejected, files, log: log.lines };
      },
      [adapter],
    );
  } finally {
    adapter.loader = original;
  }
}

async function expectSame(adapter: Adapter, path: string, overrides: Parameters<typeof testConfig>[0] = {}) {
  const duck = await loadWith(adapter, 'read_csv', path, overrides);
  const papa = await loadWith(adapter, 'papaparse', path, overrides);
  expect(duck.raw).toEqual(papa.raw);
  expect(duck.rejected).toEqual(papa.rejected);
  expect(duck.files).toEqual(papa.files);
  expect(duck.outcome).toEqual(papa.outcome);
  return duck;
}

/** `expectSame`, for a file DuckDB must read itself (the log names no fallback to papaparse). */
async function expectReadBySql(adapter: Adapter, path: string, overrides: Parameters<typeof testConfig>[0] = {}) {
  const duck = await expectSame(adapter, path, overrides);
  expect(fallbackReason(duck.log)).toBeNull();
  return duck;
}

/** Each rejected row's line and field. */
const rejectedFields = (loaded: { rejected: readonly Record<string, unknown>[] }) => loaded.rejected.map((row) => [row.line, row.field]);

const FELL_BACK = /read with papaparse, not DuckDB's read_csv: (.*)$/m;

/** Why the loader left the file to papaparse, or null when DuckDB read it. */
function fallbackReason(log: readonly string[]): string | null {
  return FELL_BACK.exec(log.join('\n'))?.[1] ?? null;
}

/** Four months of a smaller program, made once for the tests that read its files. */
let program: Promise<string> | undefined;
function generatedProgram(): Promise<string> {
  program ??= (async () => {
    const out = tempFolder();
    await generateProgram({ seed: 7, size: { ambassadors: 40, months: 4 }, outDir: out });
    return out;
  })();
  return program;
}

const HEADER = 'visitor_id,touched_at,utm_source,utm_medium,utm_campaign,utm_content,utm_term,landing_page,referrer,device_category';

describe('sources/read-csv: DuckDB read_csv gives what papaparse gives', () => {
  afterEach(() => {
    webTouchpoints.loader = 'read_csv';
  });

  it('the touchpoints fixture', async () => {
    const duck = await expectSame(webTouchpoints, FIXTURE);
    expect(duck.log.join('\n')).not.toMatch(/read with papaparse/);
    expect(duck.raw.length).toBeGreaterThan(5);
    expect(duck.rejected.length).toBeGreaterThan(0);
  });

  it('a generated touchpoints file', async () => {
    // its last month still holds thousands of visits
    const out = await generatedProgram();
    const file = readdirSync(join(out, 'web'))
      .filter((name) => name.startsWith('touchpoints'))
      .sort()
      .at(-1)!;
    const duck = await expectSame(webTouchpoints, join(out, 'web', file));
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
    const duck = await expectSame(webTouchpoints, path, { ingest: { max_rejected_share: 0.9 } } as never);
    expect(duck.outcome).toMatchObject({ status: 'loaded' });
    expect(duck.log.join('\n')).not.toMatch(/read with papaparse/);
    expect(duck.rejected.map((row) => row.line)).toEqual([3, 7, 8, 9, 10]);
  });

  it('two clicks on two different links in the same second load as two rows; the same click twice is one', async () => {
    const path = join(tempFolder(), 'same-second.csv');
    const amb1 = 'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-1,,/job,,';
    const amb2 = 'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-2,,/job,,';
    writeFileSync(path, [HEADER, amb1, amb2, amb1].join('\n'));
    const duck = await expectSame(webTouchpoints, path, { ingest: { max_rejected_share: 0.5 } } as never);
    expect(duck.log.join('\n')).not.toMatch(/read with papaparse/);
    expect(duck.raw.map((row) => row.utm_content)).toEqual(['amb-1', 'amb-2']);
    expect(duck.rejected.map((row) => [row.line, row.reason])).toEqual([[4, expect.stringContaining('already on line 2')]]);
  });

  it('rejects a file whose rows are mostly bad, whole, with the same message', async () => {
    const path = join(tempFolder(), 'mostly-bad.csv');
    writeFileSync(path, [HEADER, 'v1,2026-10-28T10:00:00Z,,,,,,/a,,', 'v2,nope,,,,,,/a,,', 'v3,,,,,,,/a,,'].join('\n'));
    const duck = await expectSame(webTouchpoints, path, { ingest: { max_rejected_share: 0.5, min_rejected_rows: 2 } } as never);
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
        const staged = await stageReadCsv(warehouse, path, webTouchpoints, plan, {
          fileName: 'long-ago.csv',
          folderName: '',
          timezone: 'UTC',
          locale: 'en-GB',
          rejectLimit: { maxShare: 1, minRows: 1 },
          salt: null,
          now,
        });
        if (staged.status !== 'landed') throw new Error(staged.reason);
        const dataColumns = rawColumns(webTouchpoints)
          .slice(RAW_LINEAGE_COLUMNS.length)
          .map((column) => column.name);
        await landReadCsv(warehouse, 1, path, webTouchpoints, plan, staged.rows, dataColumns);
        await dropReadCsvTables(warehouse);
        return warehouse.all<{ line: number; reason: string }>(`select line, reason from meta.rejected_rows`);
      },
      [webTouchpoints],
    );
    expect(rejected).toEqual([{ line: 3, reason }]);
  });

  it("rejects a value under no label, past the header's last one, as papaparse does", async () => {
    const path = join(tempFolder(), 'unlabelled.csv');
    writeFileSync(path, [`${HEADER},`, 'v1,2026-10-28T10:00:00Z,,,,,,/a,,,', 'v2,2026-10-28T11:00:00Z,,,,,,/b,,,stray'].join('\n'));
    const duck = await expectReadBySql(webTouchpoints, path, { ingest: { max_rejected_share: 0.9 } } as never);
    expect(duck.rejected.map((row) => [row.line, row.reason])).toEqual([[3, expect.stringContaining('the row has 11 fields where the header has 10')]]);
  });

  it('skips the lines above the header as papaparse does, a comma in them or not', async () => {
    const path = join(tempFolder(), 'preamble.csv');
    writeFileSync(path, ['Exported by the click log, 2026-10-28', 'all visits', HEADER, 'v1,2026-10-28T10:00:00Z,,,,,,/a,,'].join('\n'));
    const duck = await expectReadBySql(webTouchpoints, path);
    expect(duck.raw).toMatchObject([{ _source_line: '4', visitor_id: 'v1' }]);
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
      const duck = await expectSame(webTouchpoints, path);
      expect(duck.log.join('\n')).toMatch(/read with papaparse, not DuckDB's read_csv/);
    }
  });
});

const GA4_FIXTURES = join(import.meta.dirname, '../../fixtures/exports/ga4');
const BAD = join(import.meta.dirname, '../../fixtures/bad');
const GA4_HEADER =
  'Session manual ad content,Session source / medium,Date,Sessions,Engaged sessions,Engagement rate,Average engagement time per session,Events per session,Event count,Key events,Session key event rate,Total revenue';
const REPORTS_PREAMBLE = ['# ----------------------------------------', '# Traffic acquisition: Session manual ad content', '# Account: Nordlys Energi'];
/** The field of a row rejected for a repeated natural key. */
const GA4_KEY = ga4TrafficAcquisition.naturalKey.join(', ');
const LENIENT: NonNullable<Parameters<typeof testConfig>[0]> = { ingest: { max_rejected_share: 0.95 } } as never;

function ga4File(name: string, lines: readonly string[], encode: (text: string) => Buffer = (text) => Buffer.from(text)): string {
  const path = join(tempFolder(), name);
  writeFileSync(path, encode(`${lines.join('\n')}\n`));
  return path;
}

describe('sources/read-csv: GA4 traffic acquisition through read_csv gives what papaparse gives', () => {
  it.each([
    ['exploration.csv', null],
    ['traffic_acquisition.fr.csv', null],
    // The fixture holds a second table after a blank line, narrower than the first.
    ['traffic_acquisition.csv', /cannot split into the header's 11 fields/],
  ])('the fixture %s', async (name, fallback) => {
    for (const currency of ['DKK', 'EUR']) {
      const duck = await expectSame(ga4TrafficAcquisition, join(GA4_FIXTURES, name), { currency });
      expect(duck.outcome).toMatchObject({ status: 'loaded', source: 'ga4.traffic_acquisition' });
      if (fallback) expect(fallbackReason(duck.log)).toMatch(fallback);
      else expect(fallbackReason(duck.log)).toBeNull();
    }
  });

  it('the French fixture: 1 200, 62,5 % and 1 234,56 € as a hand reads them, and € refused in a DKK program', async () => {
    const path = join(GA4_FIXTURES, 'traffic_acquisition.fr.csv');
    const euro = await expectSame(ga4TrafficAcquisition, path, { currency: 'EUR' });
    expect(euro.raw[0]).toMatchObject({
      channel_group: 'Organic Social',
      sessions: '1200',
      engagement_rate: '0.625',
      total_revenue: '1234.5600',
      grain: 'period',
    });
    const krone = await expectSame(ga4TrafficAcquisition, path, { currency: 'DKK' });
    expect(krone.raw).toEqual([]);
    expect(krone.rejected.map((row) => row.field)).toEqual(['total_revenue', 'total_revenue', 'total_revenue', 'total_revenue']);
  });

  it.each(['negative-metrics.csv', 'fractional-count.csv', 'non-numeric-metrics.csv', 'excel-error-values.csv'])('the bad file %s', async (name) => {
    for (const overrides of [{}, LENIENT]) {
      await expectReadBySql(ga4TrafficAcquisition, join(BAD, name), overrides);
    }
  });

  it('the generated program’s GA4 files', async () => {
    const folder = join(await generatedProgram(), 'ga4');
    const files = readdirSync(folder).sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const duck = await expectReadBySql(ga4TrafficAcquisition, join(folder, file));
      expect(duck.files).toMatchObject([{ rows_skipped: 1 }]);
      expect(duck.raw.length).toBeGreaterThan(10);
    }
  }, 120_000);

  it('a dirty Reports file: totals at the top and the bottom, bad, fractional, negative and error counts, duplicates, money, dates', async () => {
    const path = ga4File('dirty.csv', [
      ...REPORTS_PREAMBLE,
      '# Start date: 20261001',
      '# End date: 20261031',
      GA4_HEADER,
      'Grand total,,,100,50,0.5,10.5,3,300,5,0.05,1000',
      'amb-1,linkedin / employee_advocacy,20261001,10,5,0.5,12.25,3.5,35,1,0.1,100.5',
      'amb-1,linkedin / employee_advocacy,20261001,11,5,0.5,12.25,3.5,35,1,0.1,100.5',
      'amb-2,google / cpc,20261002,"1,234",7,6.14%,0,0,"1,234,567",0.5,0,0',
      'amb-3,a/b / c,20261003,abc,1,0.1,1,1,1,0,0,0',
      'amb-4, noslash ,20261004,1.5,1,0.1,1,1,1,0,0,0',
      'amb-5,x / y,20261005,-3,1,0.1,1,1,1,0,0,0',
      'amb-6,x / y,20261006,#N/A,1,0.1,1,1,1,0,0,0',
      'amb-7,x / y,20991231,1,1,0.1,1,1,1,0,0,0',
      'amb-8,x / y,,5,1,0.1,1,1,1,0,0,0',
      'amb-9,,20261009,5,,,,,,,,',
      'amb-10,x / y,20261010,5,1,0.1,1,1,1,0.5,0,"kr. 1.200,50"',
      'amb-11,x / y,20261011,5,1,0.1,1,1,1,0.5,0,DKK 1200.50',
      'amb-12,x / y,20261012,5,1,0.1,1,1,1,0.5,0,€ 10',
      'amb-13,/ y,2026-10-13,5,1,-0.0,1,1,1,0.25,0,-0',
      'amb-14,x /,2026-02-30,5,1,0.1,1,1,1,0,0,0',
      'amb-15,x / y,20261015,5,1,"0,5",1,1,1,0,0,12.34567',
      ',,,,,,,,,,,',
      'amb-16,x / y,20261016,  7 ,1,0.1,1,1,1,0,0,123456789012345',
      'Total,,,1,1,1,1,1,1,1,1,1',
    ]);
    const duck = await expectReadBySql(ga4TrafficAcquisition, path, LENIENT);
    expect(duck.files).toMatchObject([{ status: 'loaded', rows_skipped: 2, period_start: '2026-10-01', period_end: '2026-10-31' }]);
    expect(rejectedFields(duck)).toEqual([
      [9, GA4_KEY],
      [11, 'sessions'],
      [12, 'sessions'],
      [13, 'sessions'],
      [14, 'sessions'],
      [15, 'day'],
      [18, 'total_revenue'],
      [20, 'total_revenue'],
      [22, 'day'],
      [23, 'engagement_rate'],
      [25, 'total_revenue'],
    ]);
    const byContent = new Map(duck.raw.map((row) => [row.manual_ad_content, row]));
    expect(byContent.get('amb-2')).toMatchObject({
      sessions: '1234',
      engagement_rate: String(6.14 / 100),
      event_count: '1234567',
      source: 'google',
      medium: 'cpc',
    });
    expect(byContent.get('amb-8')).toMatchObject({ day: '2026-10-01', grain: 'period' });
    expect(byContent.get('amb-11')).toMatchObject({ total_revenue: '1200.5000' });
    expect(byContent.get('amb-13')).toMatchObject({ day: '2026-10-13', engagement_rate: '-0.0', source: null, medium: 'y', total_revenue: '0.0000' });
  });

  it('a French Reports file: `;`, numbers grouped by spaces, dots and no-break spaces, percentages, euro signs before and after', async () => {
    const path = ga4File('francais.csv', [
      '# ----------------------------------------',
      '# Acquisition de trafic : Source / support de la session',
      '# Date de début : 20260701',
      '# Date de fin : 20260930',
      "Source / support de la session;Date;Sessions;Utilisateurs actifs;Taux d'engagement;Événements clés;Revenu total",
      'Total;;5 000;4 000;60 %;10;1 000,00 €',
      'linkedin / employee_advocacy;20260701;1\u202f200;950;62,5\u00a0%;14;1\u00a0234,56\u00a0€',
      'google / organic;20260702;3 410;2 980;55,1 %;2,5;0,00 €',
      '(direct) / (none);20260703;12,5;1;10 %;0;-12,50 €',
      'x / y;20260704;1.200;1;10 %;0;1.234,56 €',
      'z / w;20260705;1 234 567;1;0,5;0;€ 3',
      'v / w;20260706;7;1;0,5;0;3 EUR',
      'u / w;20260707;7;1;0,5;0;3,123456 €',
    ]);
    const duck = await expectReadBySql(ga4TrafficAcquisition, path, { currency: 'EUR', ...LENIENT });
    expect(duck.raw.map((row) => [row.sessions, row.engagement_rate, row.key_events, row.total_revenue])).toEqual([
      ['1200', '0.625', '14.0', '1234.5600'],
      ['3410', '0.551', '2.5', '0.0000'],
      ['1200', '0.1', '0.0', '1234.5600'],
      ['1234567', '0.5', '0.0', '3.0000'],
      ['7', '0.5', '0.0', '3.0000'],
    ]);
    expect(rejectedFields(duck)).toEqual([
      [9, 'sessions'],
      [13, 'total_revenue'],
    ]);
    await expectSame(ga4TrafficAcquisition, path, { currency: 'DKK', ...LENIENT });
  });

  it('an Exploration by month: the range alone in the preamble, months of both years, one outside the period, the total at the bottom', async () => {
    const path = ga4File('exploration.csv', [
      '# ----------------------------------------',
      '# All Users',
      '# 20251001-20260228',
      '# ----------------------------------------',
      '# Free form 1',
      'Session manual ad content,Session source / medium,Month,Sessions,Engaged sessions,Key events',
      'amb-1,linkedin / employee_advocacy,10,310,200,4',
      'amb-1,linkedin / employee_advocacy,01,120,80,1',
      'amb-2,facebook / employee_advocacy,12,75,41,0',
      'amb-2,facebook / employee_advocacy,202512,9,3,0',
      'amb-3,l.facebook.com / referral,07,9,3,0',
      'amb-3,l.facebook.com / referral,13,9,3,0',
      'amb-4,(direct) / (none),2,2200,1301,12',
      'amb-5,x,202513,1,1,1',
      'amb-6,x,0,1,1,1',
      'Grand total,,,2728,1631,17',
    ]);
    const duck = await expectReadBySql(ga4TrafficAcquisition, path, LENIENT);
    expect(duck.raw.map((row) => [row.month, row.day, row.grain, row.report_title])).toEqual([
      ['10', '2025-10-01', 'month', 'Free form 1'],
      ['01', '2026-01-01', 'month', 'Free form 1'],
      ['12', '2025-12-01', 'month', 'Free form 1'],
      ['2', '2026-02-01', 'month', 'Free form 1'],
    ]);
    expect(rejectedFields(duck)).toEqual([
      [10, GA4_KEY],
      [11, 'month'],
      [12, 'month'],
      [14, 'month'],
      [15, 'month'],
    ]);
    expect(duck.files).toMatchObject([{ rows_skipped: 1, period_start: '2025-10-01', period_end: '2026-02-28' }]);
  });

  it('rows without a Date in a file without a start date are rejected, with the same reason', async () => {
    const path = ga4File('no-period.csv', ['Session manual ad content,Sessions,Engaged sessions', 'amb-1,40,30', 'amb-2,5,1', 'amb-3,1,1']);
    const duck = await expectReadBySql(ga4TrafficAcquisition, path);
    expect(duck.rejected.map((row) => [row.line, row.field, row.reason])).toEqual([
      [2, 'day', expect.stringContaining('no "# Start date:" line')],
      [3, 'day', expect.stringContaining('no "# Start date:" line')],
      [4, 'day', expect.stringContaining('no "# Start date:" line')],
    ]);
  });

  it('a file with only its preamble and header, and one with only a total under it', async () => {
    for (const rows of [[], ['Grand total,,,1,1,1,1,1,1,1,1,1']]) {
      const path = ga4File('empty.csv', [...REPORTS_PREAMBLE, '# Start date: 20261001', '# End date: 20261031', GA4_HEADER, ...rows]);
      const duck = await expectReadBySql(ga4TrafficAcquisition, path);
      expect(duck.outcome).toMatchObject({ status: 'loaded', rowsLoaded: 0, rowsSkipped: rows.length, notes: [expect.stringContaining('no rows under it')] });
    }
  });

  it('falls back to papaparse, and says why, for files DuckDB reads or the SQL types otherwise', async () => {
    const lines = (...rows: string[]) => [...REPORTS_PREAMBLE, '# Start date: 20261001', '# End date: 20261031', GA4_HEADER, ...rows];
    const good = 'amb-1,x / y,20261001,10,5,0.5,12.25,3.5,35,1,0.1,100.5';
    const french = readFileSync(join(GA4_FIXTURES, 'traffic_acquisition.fr.csv'), 'utf8');
    const cases: [string, string, RegExp][] = [
      [ga4File('utf16.csv', lines(good), (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), 'EUR', /UTF-16/],
      [ga4File('latin1.csv', french.split('\n'), (text) => Buffer.from(text, 'latin1')), 'EUR', /not valid UTF-8/],
      [ga4File('sep.csv', ['sep=,', ...lines(good)]), 'DKK', /sep=/],
      [ga4File('blank.csv', lines(good, '', 'amb-2,x / y,20261002,10,5,0.5,12.25,3.5,35,1,0.1,100.5')), 'DKK', /blank lines/],
      [ga4File('quoted-preamble.csv', ['# Traffic acquisition: "Session manual ad content"', ...lines(good)]), 'DKK', /quote/],
      [ga4File('slash-dates.csv', lines(good, 'amb-2,x / y,02/10/2026,10,5,0.5,12.25,3.5,35,1,0.1,100.5')), 'DKK', /layout other than/],
      [ga4File('not-a-date.csv', lines(good, 'amb-2,x / y,n/a,10,5,0.5,12.25,3.5,35,1,0.1,100.5')), 'DKK', /values that are not dates/],
      // Forms the SQL does not read, which JS does: `< 1%`, a unit after a count, a '+' sign.
      [ga4File('below.csv', lines(good, 'amb-2,x / y,20261002,10,5,< 1%,12.25,3.5,35,1,0.1,100.5')), 'DKK', /JS reader reads/],
      [ga4File('unit.csv', lines(good, 'amb-2,x / y,20261002,10,5,0.5,12 s,3.5,35,1,0.1,100.5')), 'DKK', /JS reader reads/],
      [ga4File('plus.csv', lines(good, 'amb-2,x / y,20261002,+10,5,0.5,12.25,3.5,35,1,0.1,100.5')), 'DKK', /JS reader reads/],
      // A year before 100 is a year of the 1900s to JS's dates.
      [
        ga4File('year-99.csv', ['# 20251001-20260228', 'Session manual ad content,Month,Sessions,Engaged sessions', 'amb-1,009912,1,1']),
        'DKK',
        /JS reader reads/,
      ],
      // The first hundred rows show no decimal mark; the rest show a comma.
      [
        ga4File(
          'late-mark.csv',
          lines(...Array.from({ length: 120 }, (_, index) => `amb-${index},x / y,20261001,1,1,${index < 100 ? '1' : '"0,5"'},1,1,1,0,0,0`)),
        ),
        'DKK',
        /decimal mark/,
      ],
    ];
    for (const [path, currency, reason] of cases) {
      const duck = await expectSame(ga4TrafficAcquisition, path, { currency, ...LENIENT });
      expect(`${path}: ${fallbackReason(duck.log)}`).toMatch(reason);
    }
  });
});

describe('sources/read-csv: the share log through read_csv gives what papaparse gives', () => {
  const SHARE_LOG_HEADER = 'ambassador_id,platform,shared_at,content_id,post_url,post_text,tracked_url,campaign_owner';

  it('the demo program’s share logs, in both its shapes, and a generated one, read by DuckDB', async () => {
    const demoShapes = await Promise.all(
      (['tidy', 'mixed'] as const).map(async (shape) => {
        const out = tempFolder();
        await generateProgram({ seed: DEMO_SEED, size: 'S', shape, outDir: out });
        return out;
      }),
    );
    for (const folder of [...demoShapes, await generatedProgram()]) {
      const path = join(folder, 'program', 'share_log.csv');
      const duck = await expectReadBySql(programShareLog, path);
      expect(duck.raw.length).toBeGreaterThan(100);
      expect(duck.raw.filter((row) => row.post_urn !== null).length).toBeGreaterThan(50);
      expect(duck.raw.filter((row) => row.utm_content !== null).length).toBeGreaterThan(50);
    }
  }, 120_000);

  it('the fixture: an escape in a tracked link leaves the file to papaparse, which reads it the same', async () => {
    const duck = await expectSame(programShareLog, join(import.meta.dirname, '../../fixtures/exports/program/share_log.csv'));
    expect(fallbackReason(duck.log)).not.toBeNull();
    expect(duck.rejected.map((row) => row.field)).toContain('platform');
  });

  it('a dirty file: platforms in any case and unknown ones, LinkedIn links in several forms, tags in any order and case, a repeated share, an extra column', async () => {
    const path = join(tempFolder(), 'share_log.csv');
    writeFileSync(
      path,
      [
        SHARE_LOG_HEADER,
        'A001,LinkedIn,2026-09-01T09:15:00,C001,https://dk.linkedin.com/posts/sorenkj_job-aarhus-share-7371432206977761283-Ab3x/?utm_source=share,"Vi åbner 40 nye stillinger 🎉\nDel gerne.",https://nordlys.dk/job?UTM_Source=linkedin&utm_content=amb-7f3k2&utm_content=second,Ida',
        'A002,linkedin,2026-09-02 12:30,C002,https://www.linkedin.com/feed/update/urn:li:activity:7376200661669072897/,Guide,https://nordlys.dk/blog?utm_campaign=Timelapse+Sept&utm_term,',
        'A003,linkedin,2026-09-02 12:31,,https://www.linkedin.com/groups/9015002/posts/7386123456789012345,Gruppe,,',
        'A004,linkedin,2026-09-02 12:32,,https://www.linkedin.com/pulse/groen-stroem-soeren-kjaer/,Artikel,https://nordlys.dk/#top?utm_content=fragment,',
        'A005,facebook,2026-09-03T18:00:00+02:00,C002,https://www.facebook.com/ase.molgaard/posts/pfbid02xYz,"""Læs den""",https://nordlys.dk/blog?utm_source=facebook&utm_medium=employee_advocacy,',
        'A006,twitter,2026-09-04T08:00:00,C003,,Se min første uge,https://nordlys.dk/stories?utm_content=amb-m3tt3,',
        'A006,FACEBOOK,2026-09-04T08:00:00,C003,,Se min første uge,,',
        'A006,FACEBOOK,2026-09-04T08:00:00,C003,,igen,,',
        'A007,linkedin,2026-09-05T07:45:00,,not a link,,,',
        'A008,linkedin,,,,,,',
        '',
      ].join('\n'),
    );
    const duck = await expectReadBySql(programShareLog, path);
    expect(duck.raw.map((row) => [row.platform, row.post_urn, row.utm_content])).toEqual([
      ['linkedin', 'urn:li:share:7371432206977761283', 'amb-7f3k2'],
      ['linkedin', 'urn:li:activity:7376200661669072897', null],
      ['linkedin', 'urn:li:groupPost:9015002-7386123456789012345', null],
      ['linkedin', null, 'fragment'],
      ['facebook', null, null],
      ['facebook', null, null],
    ]);
    expect(duck.raw[0]).toMatchObject({
      post_url: 'https://www.linkedin.com/posts/sorenkj_job-aarhus-share-7371432206977761283-Ab3x',
      utm_source: 'linkedin',
      _extra: '{"campaign_owner":"Ida"}',
    });
    expect(duck.raw[1]).toMatchObject({ utm_campaign: 'Timelapse Sept', utm_term: null });
    expect(rejectedFields(duck)).toEqual([
      [8, 'platform'],
      [10, 'ambassador_id, platform, shared_at'],
      [11, 'post_url'],
      [12, 'shared_at'],
    ]);
  });

  it.each([
    ['an escaped LinkedIn URN', 'https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7390269888530821045/', ''],
    ['a dot segment', 'https://www.linkedin.com/posts/../feed/update/urn:li:share:7371432206977761283', ''],
    ['an escaped tag', '', 'https://nordlys.dk/job?utm_campaign=for%C3%A5r&utm_content=amb-1'],
    ['an upper-case host with a port', 'https://WWW.LINKEDIN.COM:443/posts/x-activity-7390269888530821045-a', ''],
  ])('a share with %s goes through papaparse, the same rows', async (_, postUrl, trackedUrl) => {
    const path = join(tempFolder(), 'share_log.csv');
    writeFileSync(
      path,
      [SHARE_LOG_HEADER, `A001,linkedin,2026-09-01T09:15:00,C001,${postUrl},Tekst,${trackedUrl},`, 'A002,linkedin,2026-09-01T09:16:00,,,,,', ''].join('\n'),
    );
    const duck = await expectSame(programShareLog, path);
    expect(fallbackReason(duck.log)).not.toBeNull();
    expect(duck.raw).toHaveLength(2);
  });
});

describe('sources/read-csv: what is taken from the bytes as a file is planned', () => {
  it('finds a row starting with # after a line break in the bytes wherever the regular expression finds it in the text', () => {
    // Line breaks, quotes, every kind of white space JS's \s knows (and some it does not: U+0085, U+180E), #, and other text.
    const pieces = [
      '\n',
      '\r\n',
      '"',
      ' ',
      '\t',
      '\v',
      '\f',
      '#',
      'a',
      ',',
      'é',
      '\u00a0',
      '\u1680',
      '\u2003',
      '\u200a',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
      '\u0085',
      '\u180e',
      '\u200b',
      'ℹ',
      '😀',
    ];
    // Line breaks, quotes, spaces and # more often than the rest, so that rows starting with # are common.
    const piece = fc.oneof({ arbitrary: fc.constantFrom('\n', '"', ' ', '#'), weight: 3 }, { arbitrary: fc.constantFrom(...pieces), weight: 2 });
    const texts = fc.tuple(fc.array(piece, { maxLength: 30 }), fc.nat());
    let found = 0;
    fc.assert(
      fc.property(texts, ([parts, at]) => {
        const bytes = Buffer.from(parts.join(''), 'utf8');
        // `from` at the start of a piece, as a line's start always is.
        const from = Buffer.byteLength(parts.slice(0, at % (parts.length + 1)).join(''), 'utf8');
        const expected = /\n"?\s*#/.test(new TextDecoder().decode(bytes.subarray(from)));
        if (expected) found += 1;
        expect(hashRowAfter(bytes, from)).toBe(expected);
      }),
      { numRuns: 20_000, seed: 11 },
    );
    expect(found).toBeGreaterThan(1000);
  });
});
