import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { linkedinMemberPosts } from '../../../sources/linkedin/member-posts.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';
import { readGrids } from '../../../sources/read/table.ts';
import { aggregateWorkbook, buildWorkbook, MEMBER_POSTS as P, memberWorkbook, workbookPath, type WorkbookFixture } from './workbooks.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const text = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

function parse(path: string, bytes: Uint8Array = readFileSync(new URL(path, FIXTURES))): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const parts = path.split('/');
  const fileName = parts.at(-1)!;
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName, folderName: parts.at(-2) ?? 'inbox' });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

const byUrl = (rows: ParsedRow[], url: string) => rows.find((row) => row.post_url === url);

describe('sources/linkedin/member-posts', () => {
  describe('the member workbook (fixtures/exports/linkedin/A004/Content_…_Mette Larsen, MBA (1).xlsx)', () => {
    const { source, parsed, rows } = parse(memberWorkbook.path);

    it('is recognised as linkedin.member_posts, not as one of its companion sheets', () => {
      expect(source).toBe('linkedin.member_posts');
    });

    it('merges the two side-by-side TOP POSTS tables into one row per post URL, each URL written one way (no trailing slash)', () => {
      const urnForm = 'https://www.linkedin.com/feed/update/urn:li:activity:7398869870106513408';
      expect(P.urnForm).toBe(`${urnForm}/`);
      expect(rows.map((row) => row.post_url)).toEqual([P.bothSides, P.topBoth, P.activity, P.impressionsOnly, P.article, urnForm, P.tail]);
      expect(byUrl(rows, P.bothSides)).toMatchObject({ engagements: 52, impressions: 3100, published_on: day('2026-09-02') });
      expect(byUrl(rows, P.topBoth)).toMatchObject({ engagements: 31, impressions: 4210 });
    });

    it('gives a post on one side only null, not 0, for the other side’s metric', () => {
      expect(byUrl(rows, P.impressionsOnly)).toMatchObject({ engagements: null, impressions: 1200 });
      expect(byUrl(rows, P.article)).toMatchObject({ engagements: 5, impressions: null });
      expect(byUrl(rows, P.tail)).toMatchObject({ engagements: null, impressions: 90 });
    });

    it('reads the text cells as numbers and US M/D/YYYY dates', () => {
      expect(byUrl(rows, P.topBoth)).toMatchObject({ published_on: day('2026-09-12') });
      expect(typeof byUrl(rows, P.topBoth)!.engagements).toBe('number');
    });

    it('names each merged row by the line it first appears on', () => {
      expect(parsed.rows.map((row) => row.line)).toEqual([4, 4, 6, 6, 7, 8, 9]);
    });

    it('takes the member name from the file name, with its comma kept and the (1) copy suffix stripped', () => {
      expect(rows[0]).toMatchObject({ member_name: 'Mette Larsen, MBA', folder_name: 'A004' });
    });

    it('takes the period from the file name', () => {
      expect(rows[0]).toMatchObject({ period_start: day('2026-09-01'), period_end: day('2026-09-30') });
      expect(parsed.facts).toMatchObject({ periodStart: day('2026-09-01'), periodEnd: day('2026-09-30') });
    });

    it('parses the 19-digit post id from share, ugcPost and activity slugs and from a urn, and none from an article', () => {
      expect(rows.map((row) => [row.post_id, row.post_urn])).toEqual([
        ['7371432206977761283', 'urn:li:share:7371432206977761283'],
        ['7376200661669072897', 'urn:li:ugcPost:7376200661669072897'],
        ['7380867006855626752', 'urn:li:activity:7380867006855626752'],
        ['7384491861782110209', 'urn:li:ugcPost:7384491861782110209'],
        [null, null],
        ['7398869870106513408', 'urn:li:activity:7398869870106513408'],
        ['7421137165813919744', 'urn:li:share:7421137165813919744'],
      ]);
    });

    it('rejects the post whose date is in day-first order, naming the line, field and reason', () => {
      expect(parsed.rejected).toEqual([
        expect.objectContaining({
          line: 8,
          field: 'published_on',
          value: '13/9/2026',
          reason: `"13/9/2026" in Post publish date is not a valid date in the column's format (M/D/YYYY)`,
        }),
      ]);
    });

    it('keeps natural keys (post_url) unique', () => {
      expect(new Set(rows.map((row) => row.post_url)).size).toBe(rows.length);
      expect(linkedinMemberPosts.naturalKey).toEqual(['post_url']);
    });
  });

  describe('the AggregateAnalytics workbook (the 2026 name, Post Publish Date casing, numeric cells)', () => {
    const { source, rows } = parse(aggregateWorkbook.path);

    it('is recognised, and reads the member name and period from AggregateAnalytics_<Name>_<start>_<end>', () => {
      expect(source).toBe('linkedin.member_posts');
      expect(rows[0]).toMatchObject({ member_name: 'Jens Hansen', period_start: day('2026-10-01'), period_end: day('2026-10-31') });
    });

    it('matches `Post Publish Date` without regard to case, and takes numeric cells as they are', () => {
      expect(rows).toEqual([
        expect.objectContaining({ published_on: day('2026-10-02'), engagements: 41, impressions: 1100, post_id: '7425000000000000001' }),
        expect.objectContaining({ published_on: day('2026-10-15'), engagements: null, impressions: 420, post_id: '7426000000000000002' }),
      ]);
    });

    it('loads a member whose folder is not an ambassador id (resolved later by name)', () => {
      expect(rows[0]).toMatchObject({ folder_name: 'inbox' });
    });
  });

  describe('the TOP POSTS sheet saved as CSV by Excel (CRLF, rows padded with commas)', () => {
    const { source, parsed, rows } = parse('A005/Content_2026-08-01_2026-08-31_Peter Nielsen.csv');

    it('is recognised and merged like the workbook', () => {
      expect(source).toBe('linkedin.member_posts');
      expect(parsed.rejected).toEqual([]);
      expect(rows.map((row) => [row.post_id, row.engagements, row.impressions])).toEqual([
        ['7360000000000000001', 23, 1980],
        ['7361000000000000002', 9, 430],
        ['7362000000000000003', null, 455],
      ]);
      expect(rows[0]).toMatchObject({ member_name: 'Peter Nielsen', folder_name: 'A005', published_on: day('2026-08-04') });
    });
  });

  describe('rules shown on small files', () => {
    const HEADER = 'Post URL,Post publish date,Engagements,,Post URL,Post publish date,Impressions';
    const BANNER = ['Maximum of 50 posts available to include in this list,,,,,,', ',,,,,,'];
    const url = (n: number) => `https://www.linkedin.com/posts/x_y-share-73${String(n).padStart(17, '0')}-Ab`;

    it('reads slash dates month first even when every date also reads day first (LinkedIn writes US dates)', () => {
      const { rows } = parse('inbox/TOP POSTS.csv', text([...BANNER, HEADER, `${url(1)},9/12/2026,4,,${url(1)},9/12/2026,100`, `${url(2)},3/4/2026,2,,,,`]));
      expect(rows.map((row) => row.published_on)).toEqual([day('2026-09-12'), day('2026-03-04')]);
    });

    it('loads a file whose name gives no member and whose folder is not an ambassador id', () => {
      const { parsed, rows } = parse('inbox/TOP POSTS.csv', text([...BANNER, HEADER, `${url(1)},9/12/2026,4,,${url(1)},9/12/2026,100`]));
      expect(parsed.rejected).toEqual([]);
      expect(rows).toEqual([expect.objectContaining({ member_name: null, folder_name: 'inbox', period_start: null, engagements: 4, impressions: 100 })]);
    });

    it('rejects a URL repeated within one table as a repeated key, and a metric without a URL', () => {
      const { parsed, rows } = parse(
        'inbox/TOP POSTS.csv',
        text([...BANNER, HEADER, `${url(1)},9/1/2026,4,,${url(1)},9/1/2026,100`, `${url(1)},9/1/2026,3,,,,`, `,,,,,9/2/2026,50`]),
      );
      expect(rows).toHaveLength(1);
      expect(parsed.rejected.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
        { line: 5, field: 'post_url', reason: 'the same post_url is already on line 4 of this file; the first one is kept' },
        { line: 6, field: 'post_url', reason: 'Post URL is empty, and every row needs it' },
      ]);
    });

    it('accepts a sheet with one table only', () => {
      const { rows } = parse('inbox/TOP POSTS.csv', text([...BANNER, 'Post URL,Post publish date,Impressions', `${url(1)},9/1/2026,100`]));
      expect(rows).toEqual([expect.objectContaining({ impressions: 100, engagements: null })]);
    });
  });

  describe('the committed workbooks', () => {
    it.each([memberWorkbook, aggregateWorkbook] as WorkbookFixture[])('$path matches the rows in workbooks.ts', (fixture) => {
      const committed = readGrids(readFileSync(workbookPath(fixture)), fixture.path);
      const built = readGrids(buildWorkbook(fixture), fixture.path);
      expect(committed).toEqual(built);
    });
  });
});
