import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { linkedinMemberPostAnalytics, postDate } from '../../../sources/linkedin/member-post-analytics.ts';
import { parseFile } from '../../../sources/parse.ts';
import { readGrids } from '../../../sources/read/table.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';
import {
  buildWorkbook,
  MEMBER_POSTS as P,
  memberWorkbook,
  postAnalyticsWorkbook,
  singlePostAnalyticsWorkbook,
  workbookPath,
  type Cell,
  type WorkbookFixture,
} from './workbooks.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/exports/linkedin/', import.meta.url));
const OPTIONS = { timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parse(path: string, bytes: Uint8Array = readFileSync(join(FIXTURES, path))) {
  const parts = path.split('/');
  const fileName = parts.at(-1)!;
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName, folderName: parts.at(-2) ?? 'inbox' });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

/** A one-sheet export in the 2026 layout, with `changes` to its key/value rows (null removes a key). */
function export2026(changes: Record<string, Cell> = {}): Uint8Array {
  const rows = singlePostAnalyticsWorkbook.sheets['Post analytics']!.flatMap((row): Cell[][] => {
    const key = String(row[0]);
    const value = changes[key];
    if (value === undefined) return [row];
    return value === null ? [] : [[key, value]];
  });
  return buildWorkbook({ ...singlePostAnalyticsWorkbook, sheets: { 'Post analytics': rows } });
}

describe('sources/linkedin/member-post-analytics', () => {
  describe('the older export, sheets PERFORMANCE and TOP DEMOGRAPHICS (A004/PostAnalytics_Mette Larsen, MBA_<id>.xlsx)', () => {
    const { source, parsed, rows } = parse(postAnalyticsWorkbook.path);

    it('is recognised as linkedin.member_post_analytics and read as one row, on the line of its first key', () => {
      expect(source).toBe('linkedin.member_post_analytics');
      expect(parsed.rejected).toEqual([]);
      expect(parsed.rows.map((row) => row.line)).toEqual([1]);
    });

    it('reads numbers written as text with thousands commas, past the spacer row, and a `Mon D, YYYY` date', () => {
      expect(rows[0]).toMatchObject({
        impressions: 3480,
        members_reached: 2011,
        reactions: 48,
        comments: 7,
        reposts: 3,
        saves: 5,
        sends: 2,
        profile_viewers: 19,
        followers_gained: 4,
      });
      expect(rows[0]).toMatchObject({ post_date: 'Sep 2, 2026', published_on: day('2026-09-02'), publish_time: '8:15 AM' });
    });

    it('gives null, not 0, for what this generation does not report', () => {
      expect(rows[0]).toMatchObject({ social_engagements: null, link_engagements: null, premium_button_engagements: null });
    });

    it('takes the post from the Post URL (the same id as in TOP POSTS), keeps the file name’s id beside it, and the member from the file name and folder', () => {
      expect(rows[0]).toMatchObject({
        post_id: '7371432206977761283',
        post_urn: 'urn:li:share:7371432206977761283',
        file_post_id: '7371432207001234567',
        member_name: 'Mette Larsen, MBA',
        folder_name: 'A004',
      });
    });

    it('leaves the file’s period empty, so the snapshot is not dated by the post’s own day', () => {
      expect(parsed.facts.periodStart).toBeUndefined();
      expect(parsed.facts.periodEnd).toBeUndefined();
    });
  });

  describe('the 2026 export, one `Post analytics` sheet (SinglePostAnalytics_Jens Hansen_<id>.xlsx)', () => {
    const { source, rows } = parse(singlePostAnalyticsWorkbook.path);

    it('is recognised, skips the section rows and stops at the viewers’ demographics table', () => {
      expect(source).toBe('linkedin.member_post_analytics');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        impressions: 1204,
        members_reached: 733,
        social_engagements: 31,
        reactions: 24,
        comments: 3,
        reposts: 1,
        saves: 2,
        sends: 1,
        link_engagements: 9,
        premium_button_engagements: 0,
      });
    });

    it('reads `from post`, the label of some years, as `from this post`', () => {
      expect(rows[0]).toMatchObject({ profile_viewers: 6, followers_gained: 1 });
    });

    it('reads the date month first, as LinkedIn writes it, and the post from a /posts/ URL', () => {
      expect(rows[0]).toMatchObject({
        published_on: day('2026-10-15'),
        post_id: '7426000000000000002',
        post_urn: 'urn:li:ugcPost:7426000000000000002',
        member_name: 'Jens Hansen',
        file_post_id: '7426000000000009999',
      });
    });
  });

  it('lands one row per file in raw.linkedin__member_post_analytics through the ingest path, typed, with no period', async () => {
    await withWarehouse(async (warehouse) => {
      const inbox = join(tempFolder(), 'inbox');
      const config = testConfig();
      for (const fixture of [postAnalyticsWorkbook, singlePostAnalyticsWorkbook]) {
        mkdirSync(dirname(join(inbox, fixture.path)), { recursive: true });
        cpSync(workbookPath(fixture), join(inbox, fixture.path));
        const outcome = await ingestFile(warehouse, config, join(inbox, fixture.path), { runId: null, log: memoryLogger() });
        expect(outcome).toMatchObject({ status: 'loaded', source: 'linkedin.member_post_analytics', rowsLoaded: 1, rowsRejected: 0 });
      }
      expect(
        await warehouse.all(`select folder_name, member_name, post_id, published_on::varchar as published_on, impressions::integer as impressions, typeof(impressions) as impressions_type, typeof(published_on) as date_type
                             from raw.linkedin__member_post_analytics order by _file_id`),
      ).toEqual([
        {
          folder_name: 'A004',
          member_name: 'Mette Larsen, MBA',
          post_id: '7371432206977761283',
          published_on: '2026-09-02',
          impressions: 3480,
          impressions_type: 'BIGINT',
          date_type: 'DATE',
        },
        {
          folder_name: 'inbox',
          member_name: 'Jens Hansen',
          post_id: '7426000000000000002',
          published_on: '2026-10-15',
          impressions: 1204,
          impressions_type: 'BIGINT',
          date_type: 'DATE',
        },
      ]);
      expect(await warehouse.all(`select period_start, period_end from meta.files`)).toEqual([
        { period_start: null, period_end: null },
        { period_start: null, period_end: null },
      ]);
    });
    expect(linkedinMemberPostAnalytics.naturalKey).toEqual(['post_id', 'post_url']);
  });

  it('does not take the member workbook, whose TOP POSTS header also holds `Post URL`', () => {
    expect(parse(memberWorkbook.path).source).toBe('linkedin.member_posts');
  });

  describe('rules shown on small files', () => {
    it('takes the post id from the file name when Post URL is empty, but keeps an article’s URL as its identity', () => {
      const noUrl = parse('PostAnalytics_Jens Hansen_7426000000000009999.xlsx', export2026({ 'Post URL': '' })).rows[0]!;
      expect(noUrl).toMatchObject({ post_url: null, post_id: '7426000000000009999', post_urn: null });
      const article = parse('PostAnalytics_Jens Hansen_7426000000000009999.xlsx', export2026({ 'Post URL': P.article })).rows[0]!;
      expect(article).toMatchObject({ post_url: P.article, post_id: null });
    });

    it('gives null for a key the export leaves out (2023 files have no Members reached), and ignores keys it does not know', () => {
      const { parsed, rows } = parse('PostAnalytics_Jens Hansen_7426000000000009999.xlsx', export2026({ 'Members reached': null, Discovery: 'Top of funnel' }));
      expect(parsed.rejected).toEqual([]);
      expect(rows[0]).toMatchObject({ members_reached: null, impressions: 1204 });
      expect(Object.keys(rows[0]!)).not.toContain('discovery');
    });

    it('rejects a count that is not one, naming the field and reason', () => {
      const { parsed } = parse('PostAnalytics_Jens Hansen_7426000000000009999.xlsx', export2026({ Impressions: 'n/a' }));
      expect(parsed.rows).toEqual([]);
      expect(parsed.rejected).toEqual([
        expect.objectContaining({ line: 1, field: 'impressions', value: 'n/a', reason: '"n/a" in Impressions is not a whole number' }),
      ]);
    });

    it('rejects a post date that is empty or not one LinkedIn writes, and stops a file without the key', () => {
      expect(parse('PostAnalytics_X_7426000000000009999.xlsx', export2026({ 'Post Date': '' })).parsed.rejected).toEqual([
        expect.objectContaining({ field: 'post_date', reason: 'Post Date is empty, and every row needs it' }),
      ]);
      expect(() => parse('PostAnalytics_X_7426000000000009999.xlsx', export2026({ 'Post Date': null }))).toThrow(/has no column "Post Date"/);
      expect(parse('PostAnalytics_X_7426000000000009999.xlsx', export2026({ 'Post Date': '15/10/2026' })).parsed.rejected).toEqual([
        expect.objectContaining({
          field: 'post_date',
          value: '15/10/2026',
          reason: '"15/10/2026" in Post Date is not a date as LinkedIn writes it (M/D/YYYY or Mon D, YYYY)',
        }),
      ]);
    });

    it('rejects an export that names no post, in its URL or its file name', () => {
      expect(parse('Post analytics.xlsx', export2026({ 'Post URL': '' })).parsed.rejected).toEqual([
        expect.objectContaining({
          field: 'post_url',
          reason: 'Post URL is empty and the file name has no post id (PostAnalytics_<Name>_<post id>.xlsx), so the post is unknown',
        }),
      ]);
    });

    it('rejects its one bad row with the reason, rather than refusing the file for one row', async () => {
      await withWarehouse(async (warehouse) => {
        const folder = tempFolder();
        const path = join(folder, 'PostAnalytics_Jens Hansen_7426000000000009999.xlsx');
        writeFileSync(path, export2026({ Impressions: 'n/a' }));
        const outcome = await ingestFile(warehouse, testConfig(), path, { runId: null, log: memoryLogger() });
        expect(outcome).toMatchObject({ status: 'loaded', source: 'linkedin.member_post_analytics', rowsLoaded: 0, rowsRejected: 1 });
        expect(await warehouse.one(`select reason from meta.rejected_rows`)).toEqual({
          reason: expect.stringContaining('"n/a" in Impressions is not a whole number'),
        });
      });
    });

    it.each([
      ['9/16/2026', '2026-09-16'],
      ['Sep 30, 2025', '2025-09-30'],
      ['Feb 25, 2026', '2026-02-25'],
      ['September 3, 2025', '2025-09-03'],
      ['2026-09-16', '2026-09-16'],
      ['46281', '2026-09-16'],
    ])('reads the post date %s', (text, iso) => {
      expect(postDate(text)).toEqual(day(iso));
    });

    it.each(['16/9/2026', 'Foo 3, 2025', 'Feb 30, 2026', ''])('reads no post date from "%s"', (text) => {
      expect(postDate(text)).toBeNull();
    });
  });

  describe('the committed workbooks', () => {
    it.each([postAnalyticsWorkbook, singlePostAnalyticsWorkbook] as WorkbookFixture[])('$path matches the rows in workbooks.ts', (fixture) => {
      expect(readGrids(readFileSync(workbookPath(fixture)), fixture.path)).toEqual(readGrids(buildWorkbook(fixture), fixture.path));
    });
  });
});
