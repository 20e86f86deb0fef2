import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { linkedinMemberFollowers } from '../../../sources/linkedin/member-followers.ts';
import { parseFile } from '../../../sources/parse.ts';
import { aggregateWorkbook, memberWorkbook } from './workbooks.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parseSheet(fileName: string, folderName: string, bytes: Uint8Array) {
  return parseFile(bytes, linkedinMemberFollowers, { ...OPTIONS, fileName, folderName });
}

describe('sources/linkedin/member-followers', () => {
  it('reads the table under the total, and the total and its day as derived values on every row', () => {
    const parsed = parseSheet('Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx', 'A004', readFileSync(new URL(memberWorkbook.path, FIXTURES)));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((row) => row.line)).toEqual([4, 5, 6, 7]);
    expect(parsed.rows[1]!.values).toEqual({
      member_name: 'Mette Larsen, MBA',
      folder_name: 'A004',
      period_start: day('2026-09-01'),
      period_end: day('2026-09-30'),
      total_followers: 1284,
      total_followers_on: day('2026-09-30'),
      activity_on: day('2026-09-02'),
      new_followers: 11,
    });
  });

  it('reads a numeric total cell too', () => {
    const parsed = parseSheet('AggregateAnalytics_Jens Hansen_2026-10-01_2026-10-31.xlsx', 'inbox', readFileSync(new URL(aggregateWorkbook.path, FIXTURES)));
    expect(parsed.rows[0]!.values).toMatchObject({ total_followers: 233, total_followers_on: day('2026-10-31'), new_followers: 2 });
  });

  it('loads the sheet saved as CSV, and rejects a count that is not a whole number', () => {
    const bytes = new TextEncoder().encode(
      'Total followers on 10/9/2026,101,\r\n,,\r\nDate,New followers,\r\n10/8/2026,2,\r\n10/9/2026,1.5,\r\n10/10/2026,0,\r\n10/11/2026,4,\r\n10/12/2026,1,\r\n',
    );
    expect(detectAdapter(bytes, 'FOLLOWERS.csv').name).toBe('linkedin.member_followers');
    const parsed = parseSheet('FOLLOWERS.csv', 'A006', bytes);
    expect(parsed.rows[0]!.values).toMatchObject({
      total_followers: 101,
      total_followers_on: day('2026-10-09'),
      activity_on: day('2026-10-08'),
      new_followers: 2,
    });
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 5, field: 'new_followers', value: '1.5', reason: '"1.5" in New followers is not a whole number' }),
    ]);
  });
});
