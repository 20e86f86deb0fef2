import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { dimensionName, linkedinMemberDemographics, memberDemographicsSheets, shareBounds } from '../../../sources/linkedin/member-demographics.ts';
import { linkedinMemberPosts } from '../../../sources/linkedin/member-posts.ts';
import { parseFile } from '../../../sources/parse.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';
import { aggregateWorkbook, memberWorkbook } from './workbooks.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/exports/linkedin/', import.meta.url));
const OPTIONS = { timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

/** Loads fixtures (paths under fixtures/exports/linkedin/) through the ingest path, from an inbox where their folders come along. */
async function ingest(warehouse: Warehouse, paths: readonly string[]) {
  const inbox = join(tempFolder(), 'inbox');
  const config = testConfig();
  const outcomes = [];
  for (const path of paths) {
    mkdirSync(dirname(join(inbox, path)), { recursive: true });
    cpSync(join(FIXTURES, path), join(inbox, path));
    outcomes.push(await ingestFile(warehouse, config, join(inbox, path), { runId: null, log: memoryLogger() }));
  }
  return outcomes;
}

interface DemographicRow {
  folder_name: string | null;
  member_name: string | null;
  section: string;
  dimension: string;
  dimension_label: string;
  value: string;
  share_low: number;
  share_high: number;
}

const rawRows = (warehouse: Warehouse, where = 'true') =>
  warehouse.all<DemographicRow>(
    `select folder_name, member_name, section, dimension, dimension_label, value, share_low, share_high
     from raw.linkedin__member_demographics where ${where} order by _file_id, section, _source_line`,
  );

function parseSheet(fileName: string, bytes: Uint8Array, folderName = 'inbox') {
  return parseFile(bytes, detectAdapter(bytes, fileName), { ...OPTIONS, fileName, folderName });
}

describe('sources/linkedin/member-demographics', () => {
  it('loads with the member workbook, under each name the sheet goes by', () => {
    expect(memberDemographicsSheets.map((sheet) => sheet.sheet)).toEqual(['DEMOGRAPHICS', 'AUDIENCE DEMOGRAPHICS', 'CONTENT DEMOGRAPHICS']);
    for (const sheet of memberDemographicsSheets) expect(linkedinMemberPosts.companions).toContain(sheet);
    expect(new Set(memberDemographicsSheets.map((sheet) => sheet.name))).toEqual(new Set(['linkedin.member_demographics']));
  });

  it('lands the DEMOGRAPHICS sheet of the member workbook in raw.linkedin__member_demographics, typed and keyed by member, section, dimension and value', async () => {
    await withWarehouse(async (warehouse) => {
      const [outcome] = await ingest(warehouse, [memberWorkbook.path]);
      expect(outcome).toMatchObject({ status: 'loaded', source: 'linkedin.member_posts' });
      const rows = await rawRows(warehouse);
      expect(rows).toHaveLength(7);
      expect(rows[0]).toEqual({
        folder_name: 'A004',
        member_name: 'Mette Larsen, MBA',
        section: 'audience',
        dimension: 'company',
        dimension_label: 'Companies',
        value: 'Nordlys Energi',
        share_low: 0.12,
        share_high: 0.12,
      });
      const types = Object.fromEntries((await warehouse.describe('raw.linkedin__member_demographics')).map((column) => [column.name, column.type]));
      expect(types).toMatchObject({
        section: 'VARCHAR',
        dimension: 'VARCHAR',
        value: 'VARCHAR',
        share_low: 'DOUBLE',
        share_high: 'DOUBLE',
        period_end: 'DATE',
      });
      const period = await warehouse.one(`select distinct period_end::varchar as as_of from raw.linkedin__member_demographics`);
      expect(period).toEqual({ as_of: '2026-09-30' });
      const keys = new Set(rows.map((row) => [row.folder_name, row.member_name, row.section, row.dimension, row.value].join('|')));
      expect(keys.size).toBe(rows.length);
      expect(linkedinMemberDemographics.naturalKey).toEqual(['folder_name', 'member_name', 'section', 'dimension', 'value']);
    });
  });

  it('names a dimension in the snake_case singular, whether the label is plural (older files) or singular (2026)', async () => {
    await withWarehouse(async (warehouse) => {
      await ingest(warehouse, [memberWorkbook.path, aggregateWorkbook.path]);
      const plural = await rawRows(warehouse, `folder_name = 'A004'`);
      expect(plural.map((row) => [row.dimension_label, row.dimension])).toEqual([
        ['Companies', 'company'],
        ['Companies', 'company'],
        ['Job titles', 'job_title'],
        ['Locations', 'location'],
        ['Industries', 'industry'],
        ['Seniority', 'seniority'],
        ['Company size', 'company_size'],
      ]);
      const singular = await rawRows(warehouse, `member_name = 'Jens Hansen' and section = 'audience'`);
      expect(singular.map((row) => [row.dimension_label, row.dimension])).toEqual([
        ['Job title', 'job_title'],
        ['Industry', 'industry'],
        ['Location', 'location'],
        ['Seniority', 'seniority'],
        ['Company size', 'company_size'],
      ]);
    });
    expect(dimensionName('Company sizes')).toBe('company_size');
    expect(dimensionName('Job function')).toBe('job_function');
  });

  it('keeps a share as bounds: `< 1%` is 0 to 0.01, `2%` and `0.5%` are exact, a numeric cell is a fraction', async () => {
    await withWarehouse(async (warehouse) => {
      await ingest(warehouse, [memberWorkbook.path, aggregateWorkbook.path]);
      const share = async (value: string) => (await rawRows(warehouse, `value = '${value}'`)).map((row) => [row.share_low, row.share_high]);
      expect(await share('Kystvind ApS')).toEqual([[0, 0.01]]);
      expect(await share('Software Engineer')).toEqual([[0.02, 0.02]]);
      expect(await share('Renewable Energy Power Generation')).toEqual([[0.005, 0.005]]);
      expect(await share('1001-5000 employees')).toEqual([[0.24, 0.24]]);
    });
    expect(shareBounds('< 1%')).toEqual({ low: 0, high: 0.01 });
    expect(shareBounds('<1%')).toEqual({ low: 0, high: 0.01 });
    expect(shareBounds('> 50%')).toEqual({ low: 0.5, high: 1 });
    expect(shareBounds('0,5%')).toEqual({ low: 0.005, high: 0.005 });
    for (const unreadable of ['n/a', '', '120%', '2', '1%%', '-3%']) expect(shareBounds(unreadable), unreadable).toBeNull();
  });

  it('loads both halves of the split 2026 sheet, AUDIENCE and CONTENT DEMOGRAPHICS, told apart by section', async () => {
    await withWarehouse(async (warehouse) => {
      const [outcome] = await ingest(warehouse, [aggregateWorkbook.path]);
      expect(outcome).toMatchObject({ status: 'loaded', rowsRejected: 0 });
      const rows = await rawRows(warehouse);
      expect(rows.map((row) => row.section)).toEqual(['audience', 'audience', 'audience', 'audience', 'audience', 'content', 'content', 'content']);
      // The same dimension and value in both sections are two rows, not a repeated key.
      expect(rows.filter((row) => row.value === 'Senior').map((row) => [row.section, row.share_low])).toEqual([
        ['audience', 0.31],
        ['content', 0.28],
      ]);
    });
  });

  it('reads a sheet only under its own name: the plain reader finds nothing in the split workbook, the split readers nothing in the plain one', () => {
    const [plain, audience, content] = memberDemographicsSheets;
    const split = readFileSync(join(FIXTURES, aggregateWorkbook.path));
    const older = readFileSync(join(FIXTURES, memberWorkbook.path));
    const options = { ...OPTIONS, fileName: 'workbook.xlsx', folderName: 'inbox' };
    expect(() => parseFile(split, plain!, options)).toThrow(/has no header row/);
    expect(() => parseFile(older, audience!, options)).toThrow(/has no header row/);
    expect(() => parseFile(older, content!, options)).toThrow(/has no header row/);
  });

  describe('the sheet saved alone as CSV by Excel (fixtures/exports/linkedin/A005/DEMOGRAPHICS.csv: CRLF, rows padded with a comma)', () => {
    it('is recognised, loads through the ingest path, and rejects the share that is not one, naming line, field and reason', async () => {
      const bytes = readFileSync(join(FIXTURES, 'A005/DEMOGRAPHICS.csv'));
      expect(detectAdapter(bytes, 'DEMOGRAPHICS.csv').name).toBe('linkedin.member_demographics');
      await withWarehouse(async (warehouse) => {
        const [outcome] = await ingest(warehouse, ['A005/DEMOGRAPHICS.csv']);
        expect(outcome).toMatchObject({ status: 'loaded', source: 'linkedin.member_demographics', rowsLoaded: 5, rowsRejected: 1 });
        const rows = await rawRows(warehouse);
        expect(rows.map((row) => [row.dimension, row.value, row.share_low, row.share_high])).toEqual([
          ['company', 'Nordlys Energi A/S', 0.09, 0.09],
          ['job_title', 'Electrician', 0.05, 0.05],
          ['location', 'Odense, Region of Southern Denmark, Denmark', 0.41, 0.41],
          ['seniority', 'Entry', 0, 0.01],
          ['company_size', '10,001+ employees', 0.22, 0.22],
        ]);
        expect(rows[0]).toMatchObject({ folder_name: 'A005', member_name: null, section: 'audience' });
        expect(await warehouse.all(`select line, field, value, reason from meta.rejected_rows`)).toEqual([
          { line: 5, field: 'percentage', value: 'n/a', reason: '"n/a" in Percentage is not a share such as 2%, < 1% or 0.02' },
        ]);
      });
    });

    it('is the content section when its file name names the CONTENT DEMOGRAPHICS sheet', () => {
      const bytes = csv(['Top Demographics,Value,Percentage,', 'Company,Nordlys Energi,7%,']);
      expect(parseSheet('CONTENT DEMOGRAPHICS.csv', bytes).rows[0]!.values).toMatchObject({ section: 'content', dimension: 'company' });
      expect(parseSheet('AUDIENCE DEMOGRAPHICS.csv', bytes).rows[0]!.values).toMatchObject({ section: 'audience' });
    });
  });

  it('rejects an empty share and a value repeated within a section, and never stops the sheet for them', () => {
    const parsed = parseSheet(
      'Content_2026-09-01_2026-09-30_Ida Holm.csv',
      csv([
        'Top Demographics,Value,Percentage',
        'Job title,Engineer,4%',
        'Job title,Engineer,3%',
        'Location,Aarhus,',
        'Industry,Utilities,120%',
        'Seniority,Senior,31%',
      ]),
    );
    expect(parsed.rows.map((row) => [row.line, row.values.dimension, row.values.period_end])).toEqual([
      [2, 'job_title', day('2026-09-30')],
      [6, 'seniority', day('2026-09-30')],
    ]);
    expect(parsed.rejected.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      {
        line: 3,
        field: 'folder_name, member_name, section, dimension, value',
        reason: 'the same folder_name + member_name + section + dimension + value is already on line 2 of this file; the first one is kept',
      },
      { line: 4, field: 'percentage', reason: 'Percentage is empty, and every row needs it' },
      { line: 5, field: 'percentage', reason: '"120%" in Percentage is not a share such as 2%, < 1% or 0.02' },
    ]);
  });
});
