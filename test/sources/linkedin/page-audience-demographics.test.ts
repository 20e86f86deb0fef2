import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { linkedinPageAudienceDemographics, PAGE_DEMOGRAPHIC_SHEETS } from '../../../sources/linkedin/page-audience-demographics.ts';
import { parseFile, type LoadOptions } from '../../../sources/parse.ts';
import { findSignatureRow, readGrids } from '../../../sources/read/table.ts';
import { pageFollowersLaterWorkbook, pageFollowersWorkbook, pageVisitorsWorkbook } from './page-workbooks.ts';
import { buildWorkbook, workbookPath, type WorkbookFixture } from './workbooks.ts';

const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const text = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

/** Every demographic sheet of a workbook, as ingest reads them: one companion per dimension, a missing sheet skipped. */
function demographics(bytes: Uint8Array, fileName: string) {
  const options: LoadOptions = { ...OPTIONS, fileName };
  const sheets = PAGE_DEMOGRAPHIC_SHEETS.flatMap((sheet) => {
    try {
      return [parseFile(bytes, sheet, options)];
    } catch (error) {
      if (/has no header row/.test((error as Error).message)) return [];
      throw error;
    }
  });
  return { rows: sheets.flatMap((sheet) => sheet.rows.map((row) => row.values)), rejected: sheets.flatMap((sheet) => sheet.rejected) };
}

const fromFixture = (fixture: WorkbookFixture) => demographics(readFileSync(workbookPath(fixture)), fixture.path);
const summary = (rows: ParsedRow[]) => rows.map((row) => [row.dimension, row.value, row.followers ?? row.page_views]);

describe('sources/linkedin/page-audience-demographics', () => {
  describe('the followers export’s five sheets (nordlys-energi_followers_2026-09-01_2026-09-30.xls)', () => {
    const { rows, rejected } = fromFixture(pageFollowersWorkbook);

    it('reads every sheet into one table, the dimension from its header whatever the sheet order', () => {
      expect(summary(rows)).toEqual([
        ['location', 'Copenhagen Area, Capital Region of Denmark', 1204],
        ['location', 'Aarhus Area, Central Denmark Region', 611],
        ['location', 'Odense Area, South Denmark Region', 187],
        ['job_function', 'Engineering', 702],
        ['job_function', 'Operations', 255],
        ['job_function', 'Business Development', 143],
        ['seniority', 'Senior', 640],
        ['seniority', 'Entry', 402],
        ['seniority', 'Director', 88],
        ['seniority', 'Owner', 12],
        ['seniority', 'Training', 9],
        ['industry', 'Renewable Energy Power Generation', 512],
        ['industry', 'Utilities', 330],
        ['industry', 'Oil and Gas', 97],
        ['company_size', '10,001+ employees', 420],
        ['company_size', '1001-5000 employees', 233],
        ['company_size', '11-50 employees', 61],
      ]);
    });

    it('counts followers, as of the last day of the export the file name gives', () => {
      expect(rows[0]).toEqual({
        page_name: 'nordlys-energi',
        as_of: day('2026-09-30'),
        dimension: 'location',
        audience: 'followers',
        value: 'Copenhagen Area, Capital Region of Denmark',
        followers: 1204,
        page_views: null,
      });
    });

    it('rejects a count that is not a number, naming the sheet’s line', () => {
      expect(rejected).toEqual([
        expect.objectContaining({ line: 4, field: 'followers', value: 'n/a', reason: '"n/a" in Total followers is not a whole number' }),
      ]);
    });
  });

  it('skips the sheets an export leaves out', () => {
    const { rows } = fromFixture(pageFollowersLaterWorkbook);
    expect(summary(rows)).toEqual([
      ['location', 'Copenhagen Area, Capital Region of Denmark', 1251],
      ['location', 'Aarhus Area, Central Denmark Region', 640],
      ['seniority', 'Senior', 661],
      ['seniority', 'Entry', 415],
    ]);
    expect(rows[0]!.as_of).toEqual(day('2026-10-14'));
  });

  it('counts page views for the visitors export', () => {
    const { rows } = fromFixture(pageVisitorsWorkbook);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ audience: 'visitors', dimension: 'location', followers: null, page_views: 402, as_of: day('2026-09-30') });
  });

  it('reads the dimension from the header, not the sheet name, and a description row above it', () => {
    const fixture: WorkbookFixture = {
      path: 'acme_followers.xlsx',
      bookType: 'xlsx',
      sheets: {
        Sheet1: [
          ['Date', 'Sponsored followers', 'Organic followers'],
          ['10/1/2026', 0, 1],
        ],
        Sheet2: [['Follower demographics for the selected time range.'], ['Job function', 'Total followers'], ['Engineering', 5]],
      },
    };
    const { rows } = demographics(buildWorkbook(fixture), fixture.path);
    expect(rows).toEqual([
      { page_name: 'acme', as_of: null, dimension: 'job_function', audience: 'followers', value: 'Engineering', followers: 5, page_views: null },
    ]);
  });

  describe('a sheet saved alone as CSV', () => {
    const parse = (fileName: string, lines: string[]) => {
      const bytes = text(lines);
      const adapter = detectAdapter(bytes, fileName);
      return { source: adapter.name, parsed: parseFile(bytes, adapter, { ...OPTIONS, fileName }) };
    };

    it('is recognised, with wrapped headers, a thousands separator and padded rows; no date in the name leaves as_of null', () => {
      const { source, parsed } = parse('Company size.csv', ['"Company\nsize","Total\nfollowers",', '"10,001+ employees","1,204",', '51-200 employees,77,']);
      expect(source).toBe(linkedinPageAudienceDemographics.name);
      expect(parsed.rows.map((row) => row.values)).toEqual([
        { page_name: null, as_of: null, dimension: 'company_size', audience: 'followers', value: '10,001+ employees', followers: 1204, page_views: null },
        { page_name: null, as_of: null, dimension: 'company_size', audience: 'followers', value: '51-200 employees', followers: 77, page_views: null },
      ]);
    });

    it('rejects a row without its label, saying which dimension lacks it', () => {
      const { parsed } = parse('acme_visitors_2026-10-01_2026-10-31 Seniority.csv', [
        'Seniority,Total views',
        'Senior,40',
        ',3',
        'Entry,22',
        'Director,9',
        'Owner,4',
      ]);
      expect(parsed.rows.map((row) => [row.values.value, row.values.page_views, row.values.as_of])).toEqual([
        ['Senior', 40, day('2026-10-31')],
        ['Entry', 22, day('2026-10-31')],
        ['Director', 9, day('2026-10-31')],
        ['Owner', 4, day('2026-10-31')],
      ]);
      expect(parsed.rejected).toEqual([expect.objectContaining({ line: 3, field: 'value', reason: 'the seniority is empty, and every row needs one' })]);
    });

    it('rejects a row with more fields than the header (an unquoted "1,204") instead of reading it shifted', () => {
      const { parsed } = parse('Location.csv', ['Location,Total followers', 'Aarhus,611', 'Copenhagen,1,204']);
      expect(parsed.rows).toHaveLength(1);
      expect(parsed.rejected).toEqual([
        expect.objectContaining({ line: 3, reason: 'the row has 3 fields where the header has 2; a delimiter or quote inside a value is probably unescaped' }),
      ]);
    });
  });

  it('does not take the member export’s DEMOGRAPHICS sheet, whose rows also say Location', () => {
    const grid = readGrids(text(['Top Demographics,Value,Percentage', 'Location,Copenhagen Area,12%', 'Industry,Utilities,4%']), 'DEMOGRAPHICS.csv')[0]!;
    expect(findSignatureRow(grid, linkedinPageAudienceDemographics.signature)).toBe(-1);
  });
});
