import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { linkedinPageFollowers } from '../../../sources/linkedin/page-followers.ts';
import { parseFile } from '../../../sources/parse.ts';
import { readGrids } from '../../../sources/read/table.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';
import { pageFollowersLaterWorkbook, pageFollowersWorkbook, PAGE_WORKBOOK_FIXTURES } from './page-workbooks.ts';
import { buildWorkbook, memberWorkbook, workbookPath } from './workbooks.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const OCTOBER_CSV = 'nordlys-energi_followers_2026-10-01_2026-10-31.csv';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const text = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))) {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

describe('sources/linkedin/page-followers', () => {
  describe('September as an old binary .xls (nordlys-energi_followers_2026-09-01_2026-09-30.xls)', () => {
    const { source, parsed, rows } = parse(pageFollowersWorkbook.path);

    it('is recognised as linkedin.page_followers, with the demographic sheets as companions', () => {
      expect(source).toBe('linkedin.page_followers');
      expect(linkedinPageFollowers.companions?.map((companion) => companion.name)).toEqual(Array(5).fill('linkedin.page_audience_demographics'));
    });

    it('reads one row per day, the page from the file name and the dates month first', () => {
      expect(parsed.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7]);
      expect(rows[3]).toEqual({
        page_name: 'nordlys-energi',
        activity_on: day('2026-09-15'),
        sponsored_followers: 0,
        organic_followers: 21,
        auto_invited_followers: 2,
        total_followers: 23,
      });
      expect(parsed.facts).toMatchObject({ periodStart: day('2026-09-01'), periodEnd: day('2026-09-30') });
    });

    it('rejects a day that does not exist, naming the line, field and reason', () => {
      expect(parsed.rejected).toEqual([
        expect.objectContaining({
          line: 8,
          field: 'activity_on',
          value: '09/31/2026',
          reason: `"09/31/2026" in Date is not a valid date in the column's format (M/D/YYYY)`,
        }),
      ]);
    });
  });

  it('finds the header under a description row, in any casing, when New followers is not the first sheet', () => {
    const { source, parsed, rows } = parse(pageFollowersLaterWorkbook.path);
    expect(source).toBe('linkedin.page_followers');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((row) => row.line)).toEqual([3, 4, 5, 6, 7]);
    expect(rows.map((row) => [row.activity_on, row.organic_followers, row.total_followers])).toEqual([
      [day('2026-09-15'), 22, 24],
      [day('2026-09-16'), 15, 21],
      [day('2026-09-30'), 6, 6],
      [day('2026-10-01'), 9, 10],
      [day('2026-10-14'), 11, 13],
    ]);
  });

  it('loads the sheet saved as CSV (CRLF, rows padded with commas), and rejects an Excel error value', () => {
    const { source, parsed, rows } = parse(OCTOBER_CSV);
    expect(source).toBe('linkedin.page_followers');
    expect(rows.map((row) => [row.activity_on, row.total_followers])).toEqual([
      [day('2026-10-01'), 11],
      [day('2026-10-02'), 8],
      [day('2026-10-14'), 14],
      [day('2026-10-20'), 10],
      [day('2026-10-31'), 4],
    ]);
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 5, field: 'organic_followers', value: '#N/A', reason: '"#N/A" in Organic followers is not a whole number' }),
    ]);
  });

  describe('rules shown on a small file', () => {
    it('reads dates month first even when every date also reads day first', () => {
      const { rows } = parse(
        'acme_followers.csv',
        text(['Date,Sponsored followers,Organic followers,Auto-invited followers,Total followers', '09/01/2026,0,1,0,1', '09/12/2026,0,2,0,2']),
      );
      expect(rows.map((row) => [row.page_name, row.activity_on])).toEqual([
        ['acme', day('2026-09-01')],
        ['acme', day('2026-09-12')],
      ]);
    });

    it('reads wrapped header cells, counts with a thousands separator, and an older file without Auto-invited followers', () => {
      const { rows } = parse(
        'acme_followers.csv',
        text(['"Date","Sponsored\nfollowers","Organic\nfollowers","Total\nfollowers"', '10/2/2026,"1,020",40,"1,060"']),
      );
      expect(rows).toEqual([
        {
          page_name: 'acme',
          activity_on: day('2026-10-02'),
          sponsored_followers: 1020,
          organic_followers: 40,
          auto_invited_followers: null,
          total_followers: 1060,
        },
      ]);
    });

    it('rejects the same day twice in one file, keeping the first', () => {
      const { rows, parsed } = parse('acme_followers.csv', text(['Date,Sponsored followers,Organic followers', '10/2/2026,0,4', '10/2/2026,0,5']));
      expect(rows.map((row) => row.organic_followers)).toEqual([4]);
      expect(parsed.rejected).toEqual([
        expect.objectContaining({ line: 3, reason: 'the same page_name + activity_on is already on line 2 of this file; the first one is kept' }),
      ]);
    });
  });

  describe('told apart from the member export’s FOLLOWERS sheet (Date | New followers)', () => {
    it('a Page followers export, as workbook or CSV, is not the member sheet', () => {
      expect(detectAdapter(readFileSync(workbookPath(pageFollowersWorkbook)), pageFollowersWorkbook.path).name).toBe('linkedin.page_followers');
      expect(
        detectAdapter(text(['Date,Sponsored followers,Organic followers,Auto-invited followers,Total followers', '10/1/2026,0,1,0,1']), 'New followers.csv')
          .name,
      ).toBe('linkedin.page_followers');
    });

    it('the member FOLLOWERS sheet, as workbook or CSV, is not the Page export', () => {
      expect(detectAdapter(readFileSync(workbookPath(memberWorkbook)), memberWorkbook.path).name).toBe('linkedin.member_posts');
      expect(detectAdapter(text(['Total followers on 10/9/2026,101', '', 'Date,New followers', '10/8/2026,2']), 'FOLLOWERS.csv').name).toBe(
        'linkedin.member_followers',
      );
    });
  });

  describe('through ingest', () => {
    it('lands each day once with its lineage and types, the demographic sheets beside it, and the bad rows with file and line', async () => {
      await withWarehouse(async (warehouse) => {
        const outcome = await ingestFile(warehouse, testConfig(), workbookPath(pageFollowersWorkbook), { runId: null, log: memoryLogger() });
        expect(outcome).toMatchObject({ status: 'loaded', source: 'linkedin.page_followers', rowsLoaded: 6 + 3 + 3 + 5 + 3 + 3, rowsRejected: 2 });
        const types = await warehouse.all(
          `select column_name, data_type from information_schema.columns
           where table_schema = 'raw' and table_name = 'linkedin__page_followers' and not starts_with(column_name, '_') order by ordinal_position`,
        );
        expect(types).toEqual([
          { column_name: 'activity_on', data_type: 'DATE' },
          { column_name: 'sponsored_followers', data_type: 'BIGINT' },
          { column_name: 'organic_followers', data_type: 'BIGINT' },
          { column_name: 'auto_invited_followers', data_type: 'BIGINT' },
          { column_name: 'total_followers', data_type: 'BIGINT' },
          { column_name: 'page_name', data_type: 'VARCHAR' },
        ]);
        expect(
          await warehouse.one(
            `select count(*)::integer as days, count(distinct (page_name, activity_on))::integer as keys, min(_source_line) as first_line, any_value(_source_file) as file
           from raw.linkedin__page_followers`,
          ),
        ).toEqual({ days: 6, keys: 6, first_line: 2, file: pageFollowersWorkbook.path });
        expect(await warehouse.all(`select line, field, reason from meta.rejected_rows order by line`)).toEqual([
          { line: 4, field: 'followers', reason: '"n/a" in Total followers is not a whole number' },
          { line: 8, field: 'activity_on', reason: `"09/31/2026" in Date is not a valid date in the column's format (M/D/YYYY)` },
        ]);
        expect(await warehouse.one(`select period_start::varchar as period_start, period_end::varchar as period_end from meta.files`)).toEqual({
          period_start: '2026-09-01',
          period_end: '2026-09-30',
        });
      });
    });

    it('takes the period from the dates when the file name does not say it', async () => {
      await withWarehouse(async (warehouse) => {
        const file = join(tempFolder(), 'New followers.csv');
        copyFileSync(new URL(OCTOBER_CSV, FIXTURES), file);
        const outcome = await ingestFile(warehouse, testConfig(), file, { runId: null, log: memoryLogger() });
        expect(outcome).toMatchObject({ status: 'loaded', source: 'linkedin.page_followers', rowsLoaded: 5 });
        expect(await warehouse.one(`select period_start::varchar as period_start, period_end::varchar as period_end from meta.files`)).toEqual({
          period_start: '2026-10-01',
          period_end: '2026-10-31',
        });
        expect(await warehouse.one(`select count(*)::integer as n from raw.linkedin__page_followers where page_name is null`)).toEqual({ n: 5 });
      });
    });
  });

  describe('the committed workbooks', () => {
    it.each([...PAGE_WORKBOOK_FIXTURES])('$path matches the rows in page-workbooks.ts', (fixture) => {
      expect(readGrids(readFileSync(workbookPath(fixture)), fixture.path)).toEqual(readGrids(buildWorkbook(fixture), fixture.path));
    });
  });
});
