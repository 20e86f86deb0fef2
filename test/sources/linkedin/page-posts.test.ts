import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';
import { readGrids } from '../../../sources/read/table.ts';
import { buildWorkbook, pageContentLegacyWorkbook, pageContentWorkbook, workbookPath, type WorkbookFixture } from './workbooks.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

describe('sources/linkedin/page-posts', () => {
  describe('the newer generation as .xlsx (nordlys-energi_content_2026-09-01_2026-09-30.xlsx)', () => {
    const { source, parsed, rows } = parse(pageContentWorkbook.path);

    it('is recognised as linkedin.page_posts (its Metrics sheet loads as the companion)', () => {
      expect(source).toBe('linkedin.page_posts');
    });

    it('finds the header on row 2, under the description row, with line breaks inside header cells', () => {
      expect(parsed.rows.map((row) => row.line)).toEqual([3, 4, 5, 6, 8]);
      expect(rows[0]).toMatchObject({
        post_title: 'Vi åbner 40 nye stillinger i Aarhus 🎉',
        post_link: 'https://www.linkedin.com/feed/update/urn:li:activity:7371000000000000011',
        created_on: day('2026-09-01'),
        engagement_rate: expect.closeTo(0.0614, 10),
      });
    });

    it('reads the newer names into the canonical columns, and leaves the older-only columns null', () => {
      expect(rows[1]).toEqual({
        page_name: 'nordlys-energi',
        post_title: 'Sådan sparer du strøm i vinter',
        post_link: 'https://www.linkedin.com/feed/update/urn:li:activity:7372000000000000012',
        post_type: 'Sponsored',
        campaign_name: null,
        posted_by: 'Åse Mølgaard',
        created_on: day('2026-09-02'),
        campaign_start_on: null,
        campaign_end_on: null,
        audience: null,
        impressions: 12400,
        views: null,
        offsite_views: null,
        clicks: 380,
        click_through_rate: null,
        likes: 140,
        comments: 9,
        reposts: 4,
        follows: null,
        engagement_rate: expect.closeTo(0.0427, 10),
        content_type: 'Article',
        post_id: '7372000000000000012',
        post_urn: 'urn:li:activity:7372000000000000012',
      });
    });

    it('takes the page name and the period from the file name', () => {
      expect(parsed.facts).toMatchObject({ periodStart: day('2026-09-01'), periodEnd: day('2026-09-30') });
    });

    it('rejects a Created date that is not MM/DD/YYYY, naming the line, field and reason', () => {
      expect(parsed.rejected).toEqual([
        expect.objectContaining({
          line: 7,
          field: 'created_on',
          value: '31/09/2026',
          reason: `"31/09/2026" in Created date is not a valid date in the column's format (M/D/YYYY)`,
        }),
      ]);
    });
  });

  describe('the older generation as a binary .xls (Update title, …, Shares, Follows; date cells; fractions)', () => {
    const { source, parsed, rows } = parse(pageContentLegacyWorkbook.path);

    it('is recognised, and reads the older names, Shares as reposts, and Excel date cells', () => {
      expect(source).toBe('linkedin.page_posts');
      expect(parsed.rejected).toEqual([]);
      expect(rows[1]).toMatchObject({
        post_title: 'Vi søger elektrikere',
        post_type: 'Sponsored',
        campaign_name: 'Rekruttering Q1',
        created_on: day('2025-01-07'),
        campaign_start_on: day('2025-01-07'),
        campaign_end_on: day('2025-01-31'),
        audience: 'Denmark, 25-54',
        impressions: 15400,
        views: 6200,
        offsite_views: 310,
        click_through_rate: 0.0261,
        reposts: 9,
        follows: 30,
        engagement_rate: 0.0354,
        content_type: 'Video',
      });
    });
  });

  describe('the All posts sheet saved as CSV', () => {
    const { source, parsed, rows } = parse('nordlys-energi_content_2026-10-01_2026-10-31.csv');

    it('is recognised, reads fractions as rates and "4,210" as a number, and rejects the repeated post link', () => {
      expect(source).toBe('linkedin.page_posts');
      expect(rows.map((row) => [row.post_id, row.post_urn, row.impressions, row.engagement_rate])).toEqual([
        ['7380000000000000021', 'urn:li:activity:7380000000000000021', 4210, 0.0681],
        ['7381000000000000022', 'urn:li:share:7381000000000000022', 1980, 0.041],
        ['7382000000000000023', 'urn:li:activity:7382000000000000023', 15300, 0.0505],
        ['7383000000000000024', 'urn:li:activity:7383000000000000024', 2200, 0.0445],
      ]);
      expect(parsed.rejected).toEqual([
        expect.objectContaining({ line: 6, field: 'post_link', reason: 'the same post_link is already on line 5 of this file; the first one is kept' }),
      ]);
    });
  });

  describe('rules shown on a small file', () => {
    it('reads Created date month first even when every date also reads day first', () => {
      const bytes = new TextEncoder().encode(
        [
          'Engagement metrics for individual posts.',
          'Post title,Post link,Created date,Impressions',
          'A,https://www.linkedin.com/feed/update/urn:li:activity:7380000000000000031,09/01/2026,10',
          'B,https://www.linkedin.com/feed/update/urn:li:activity:7380000000000000032,09/12/2026,20',
        ].join('\n'),
      );
      expect(parse('nordlys-energi_content_x.csv', bytes).rows.map((row) => row.created_on)).toEqual([day('2026-09-01'), day('2026-09-12')]);
    });
  });

  describe('the committed workbooks', () => {
    it.each([pageContentWorkbook, pageContentLegacyWorkbook] as WorkbookFixture[])('$path matches the rows in workbooks.ts', (fixture) => {
      expect(readGrids(readFileSync(workbookPath(fixture)), fixture.path)).toEqual(readGrids(buildWorkbook(fixture), fixture.path));
    });
  });
});
