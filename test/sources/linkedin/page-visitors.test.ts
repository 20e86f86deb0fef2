import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';
import { pageVisitorsWorkbook } from './page-workbooks.ts';
import { workbookPath } from './workbooks.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const OCTOBER_CSV = 'nordlys-energi_visitors_2026-10-01_2026-10-31.csv';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const text = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))) {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

/** `section/measure/device` → value, for one day's rows. */
function figures(rows: Record<string, unknown>[], on: string): Record<string, unknown> {
  return Object.fromEntries(
    rows.filter((row) => (row.activity_on as Date).getTime() === day(on).getTime()).map((row) => [`${row.section}/${row.measure}/${row.device}`, row.value]),
  );
}

describe('sources/linkedin/page-visitors', () => {
  describe('September as .xlsx (nordlys-energi_visitors_2026-09-01_2026-09-30.xlsx), the 25 columns', () => {
    const { source, parsed, rows } = parse(pageVisitorsWorkbook.path);

    it('is recognised as linkedin.page_visitors, not as its demographic sheets', () => {
      expect(source).toBe('linkedin.page_visitors');
    });

    it('reads the wide sheet as one row per day, section, measure and device, on the day’s line', () => {
      const first = figures(rows, '2026-09-01');
      expect(Object.keys(first)).toHaveLength(24);
      expect(first).toMatchObject({
        'overview/page_views/desktop': 120,
        'overview/page_views/mobile': 85,
        'overview/page_views/total': 205,
        'life/unique_visitors/mobile': 7,
        'jobs/unique_visitors/total': 40,
        'total/page_views/total': 290,
        'total/unique_visitors/desktop': 99,
      });
      expect(rows[0]).toEqual({
        page_name: 'nordlys-energi',
        activity_on: day('2026-09-01'),
        section: 'overview',
        measure: 'page_views',
        device: 'desktop',
        value: 120,
      });
      expect([...new Set(parsed.rows.map((row) => row.line))]).toEqual([2, 3, 4, 6]);
      expect(new Set(rows.map((row) => row.section))).toEqual(new Set(['overview', 'life', 'jobs', 'total']));
    });

    it('rejects a cell that is not a number as that one row, and a day that does not exist once for its line', () => {
      expect(parsed.rejected).toEqual([
        expect.objectContaining({
          line: 4,
          field: 'value',
          value: '-',
          reason: '"-" in Value is not a whole number',
          raw: '09/03/2026,overview,page_views,mobile,-',
        }),
        expect.objectContaining({
          line: 5,
          field: 'activity_on',
          value: '09/31/2026',
          reason: `"09/31/2026" in Date is not a valid date in the column's format (M/D/YYYY)`,
        }),
      ]);
      expect(figures(rows, '2026-09-03')).toMatchObject({ 'overview/page_views/desktop': 143, 'overview/page_views/total': 233 });
    });
  });

  it('reads a newer file saved as CSV: other sections, a description row, a wrapped header cell, "1,351", padded rows', () => {
    const { source, parsed, rows } = parse(OCTOBER_CSV);
    expect(source).toBe('linkedin.page_visitors');
    expect(parsed.rejected).toEqual([]);
    expect(rows).toHaveLength(3 * 6 * 2 * 3);
    expect([...new Set(rows.map((row) => row.section))]).toEqual(['overview', 'about', 'people', 'life', 'jobs', 'total']);
    expect(figures(rows, '2026-10-02')).toMatchObject({
      'overview/page_views/desktop': 701,
      'overview/page_views/total': 1351,
      'about/unique_visitors/total': 49,
      'people/page_views/mobile': 8,
      'total/page_views/total': 1569,
    });
    expect(parsed.facts).toMatchObject({ periodStart: day('2026-10-01'), periodEnd: day('2026-10-31') });
  });

  describe('rules shown on a small file', () => {
    const HEADER =
      'Date,Overview page views (desktop),Overview page views (total),Overview unique visitors (total),Careers: Life page views (total),Followers gained';

    it('takes any section that follows the pattern, snake_cased, and leaves other columns out', () => {
      const { rows } = parse('acme_visitors.csv', text([HEADER, '10/1/2026,3,5,4,2,9']));
      expect(rows.map((row) => [row.section, row.measure, row.device, row.value])).toEqual([
        ['overview', 'page_views', 'desktop', 3],
        ['overview', 'page_views', 'total', 5],
        ['overview', 'unique_visitors', 'total', 4],
        ['careers_life', 'page_views', 'total', 2],
      ]);
    });

    it('rejects a row with more fields than the header once, as a shifted row, instead of reading its cells out of place', () => {
      const { rows, parsed } = parse('acme_visitors.csv', text([HEADER, '10/1/2026,3,5,4,2,9', '10/2/2026,1,204,1,210,5,3,7']));
      expect(rows.every((row) => (row.activity_on as Date).getTime() === day('2026-10-01').getTime())).toBe(true);
      expect(parsed.rejected).toEqual([
        expect.objectContaining({
          line: 3,
          field: null,
          reason: 'the row has 8 fields where the header has 6; a delimiter or quote inside a value is probably unescaped',
        }),
      ]);
    });

    it('rejects a line without a date once', () => {
      const { parsed } = parse('acme_visitors.csv', text([HEADER, '10/1/2026,3,5,4,2,9', ',3,5,4,2,9']));
      expect(parsed.rejected).toEqual([expect.objectContaining({ line: 3, field: 'activity_on', reason: 'Date is empty, and every row needs it' })]);
    });
  });

  it('lands through ingest with its key unique, its types, and the demographic sheets beside it', async () => {
    await withWarehouse(async (warehouse) => {
      const outcome = await ingestFile(warehouse, testConfig(), workbookPath(pageVisitorsWorkbook), { runId: null, log: memoryLogger() });
      expect(outcome).toMatchObject({ status: 'loaded', source: 'linkedin.page_visitors', rowsLoaded: 95 + 5 * 2, rowsRejected: 2 });
      expect(
        await warehouse.one(
          `select count(*)::integer as n, count(distinct (page_name, activity_on, section, measure, device))::integer as keys,
                any_value(typeof(activity_on)) as date_type, any_value(typeof(value)) as value_type
         from raw.linkedin__page_visitors`,
        ),
      ).toEqual({ n: 95, keys: 95, date_type: 'DATE', value_type: 'BIGINT' });
      expect(await warehouse.one(`select count(*)::integer as n, min(audience) as audience from raw.linkedin__page_audience_demographics`)).toEqual({
        n: 10,
        audience: 'visitors',
      });
    });
  });
});
