import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { linkedinMemberDaily } from '../../../sources/linkedin/member-daily.ts';
import { parseFile } from '../../../sources/parse.ts';
import { aggregateWorkbook, memberWorkbook } from './workbooks.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parseSheet(path: string, bytes: Uint8Array = readFileSync(new URL(path, FIXTURES))) {
  const parts = path.split('/');
  return parseFile(bytes, linkedinMemberDaily, { ...OPTIONS, fileName: parts.at(-1)!, folderName: parts.at(-2) ?? 'inbox' });
}

describe('sources/linkedin/member-daily', () => {
  it('is a companion of linkedin.member_posts, so a member workbook loads its ENGAGEMENT sheet too', async () => {
    const { linkedinMemberPosts } = await import('../../../sources/linkedin/member-posts.ts');
    expect(linkedinMemberPosts.companions).toContain(linkedinMemberDaily);
  });

  it('reads the 3-column layout (Date, Impressions, Engagements) from text cells', () => {
    const parsed = parseSheet(memberWorkbook.path);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(parsed.rows[4]!.values).toEqual({
      member_name: 'Mette Larsen, MBA',
      folder_name: 'A004',
      period_start: day('2026-09-01'),
      period_end: day('2026-09-30'),
      activity_on: day('2026-09-12'),
      impressions: 3012,
      engagements: 51,
      clicks: null,
      reactions: null,
      comments: null,
      reposts: null,
      sends: null,
      engagement_rate: null,
    });
  });

  it('reads the richer reported 2026 layout, with Likes as reactions, percent rates and empty cells as null', () => {
    const rows = parseSheet(aggregateWorkbook.path).rows.map((row) => row.values);
    expect(rows[0]).toMatchObject({
      activity_on: day('2026-10-01'),
      impressions: 400,
      engagements: null,
      clicks: 6,
      reactions: 12,
      comments: 2,
      reposts: 1,
      sends: 0,
      engagement_rate: 0.0525,
    });
    expect(rows[1]).toMatchObject({ impressions: 620, reactions: 20, engagement_rate: 0.0581 });
    expect(rows[2]).toMatchObject({ clicks: null, sends: null, engagement_rate: 0.005 });
  });

  it('loads the sheet saved alone as CSV, where neither file name nor folder names a known member', () => {
    const bytes = readFileSync(new URL('A005/ENGAGEMENT.csv', FIXTURES));
    expect(detectAdapter(bytes, 'ENGAGEMENT.csv').name).toBe('linkedin.member_daily');
    const parsed = parseSheet('A005/ENGAGEMENT.csv', bytes);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((row) => [row.values.activity_on, row.values.impressions, row.values.engagements])).toEqual([
      [day('2026-08-01'), 120, 2],
      [day('2026-08-04'), 990, 21],
      [day('2026-08-18'), 310, 6],
      [day('2026-08-25'), 455, 4],
    ]);
    expect(parsed.rows[0]!.values).toMatchObject({ member_name: null, folder_name: 'A005' });
  });

  it('reads dates month first when they also read day first', () => {
    const bytes = new TextEncoder().encode('Date,Impressions,Engagements\n9/1/2026,1,0\n9/12/2026,2,0\n');
    expect(parseSheet('inbox/ENGAGEMENT.csv', bytes).rows.map((row) => row.values.activity_on)).toEqual([day('2026-09-01'), day('2026-09-12')]);
  });

  it('rejects a day that is not a date, naming line, field and reason', () => {
    const bytes = new TextEncoder().encode('Date,Impressions,Engagements\n9/1/2026,1,0\n9/2/2026,2,0\n9/3/2026,2,0\n9/4/2026,2,0\nTotal,7,0\n');
    expect(parseSheet('inbox/ENGAGEMENT.csv', bytes).rejected).toEqual([
      expect.objectContaining({
        line: 6,
        field: 'activity_on',
        value: 'Total',
        reason: `"Total" in Date is not a valid date in the column's format (M/D/YYYY)`,
      }),
    ]);
  });

  it('keys rows by member and day, so members’ days do not collide across files', () => {
    expect(linkedinMemberDaily.naturalKey).toEqual(['folder_name', 'member_name', 'activity_on']);
  });
});
