import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { linkedinPageDaily } from '../../../sources/linkedin/page-daily.ts';
import { linkedinPagePosts } from '../../../sources/linkedin/page-posts.ts';
import { parseFile } from '../../../sources/parse.ts';
import { pageContentLegacyWorkbook, pageContentWorkbook } from './workbooks.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const parseSheet = (fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))) =>
  parseFile(bytes, linkedinPageDaily, { ...OPTIONS, fileName });

describe('sources/linkedin/page-daily', () => {
  it('is the companion of linkedin.page_posts: the Metrics sheet loads with the content workbook', () => {
    expect(linkedinPagePosts.companions).toEqual([linkedinPageDaily]);
  });

  it('reads Date and the (organic)/(sponsored)/(total) triples, under the description row', () => {
    const parsed = parseSheet(pageContentWorkbook.path);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((row) => row.line)).toEqual([3, 4, 5]);
    expect(parsed.rows[1]!.values).toMatchObject({
      page_name: 'nordlys-energi',
      activity_on: day('2026-09-02'),
      impressions_organic: 980,
      impressions_sponsored: 2500,
      impressions_total: 3480,
      unique_impressions_organic: 701,
      clicks_total: 52,
      reactions_total: 51,
      comments_sponsored: 3,
      reposts_total: 1,
      engagement_rate_total: 0.0307,
    });
  });

  it('reads older files’ Shares (…) columns as reposts', () => {
    const parsed = parseSheet(pageContentLegacyWorkbook.path);
    expect(parsed.rows[0]!.values).toMatchObject({
      activity_on: day('2025-01-06'),
      reposts_organic: 3,
      reposts_sponsored: 0,
      reposts_total: 3,
      engagement_rate_total: 0.07,
    });
  });

  it('loads the sheet saved alone as CSV, keeps unknown columns in _extra, and reads MM/DD/YYYY month first', () => {
    const bytes = new TextEncoder().encode(
      'Date,Impressions (organic),Impressions (total),Followers gained (organic)\r\n09/01/2026,100,120,4\r\n09/12/2026,80,80,1\r\n',
    );
    expect(detectAdapter(bytes, 'metrics.csv').name).toBe('linkedin.page_daily');
    const parsed = parseSheet('metrics.csv', bytes);
    expect(parsed.rows.map((row) => [row.values.activity_on, row.values.impressions_total, row.values._extra])).toEqual([
      [day('2026-09-01'), 120, '{"Followers gained (organic)":"4"}'],
      [day('2026-09-12'), 80, '{"Followers gained (organic)":"1"}'],
    ]);
  });
});
