import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { linkedinMemberDiscovery } from '../../../sources/linkedin/member-discovery.ts';
import { parseFile } from '../../../sources/parse.ts';
import { aggregateWorkbook, memberWorkbook } from './workbooks.ts';

const FIXTURES = new URL('../../../fixtures/exports/linkedin/', import.meta.url);
const OPTIONS = { timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parseSheet(fileName: string, folderName: string, bytes: Uint8Array) {
  return parseFile(bytes, linkedinMemberDiscovery, { ...OPTIONS, fileName, folderName });
}

describe('sources/linkedin/member-discovery', () => {
  it('reads the key/value DISCOVERY sheet as one row per file, on the line of its first key', () => {
    const parsed = parseSheet('Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx', 'A004', readFileSync(new URL(memberWorkbook.path, FIXTURES)));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 1,
        values: {
          member_name: 'Mette Larsen, MBA',
          folder_name: 'A004',
          period_start: day('2026-09-01'),
          period_end: day('2026-09-30'),
          period: '9/1/2026 - 9/30/2026',
          impressions: 9480,
          members_reached: 2104,
          _extra: null,
        },
      },
    ]);
  });

  it('takes numeric cells as they are', () => {
    const parsed = parseSheet('AggregateAnalytics_Jens Hansen_2026-10-01_2026-10-31.xlsx', 'inbox', readFileSync(new URL(aggregateWorkbook.path, FIXTURES)));
    expect(parsed.rows[0]!.values).toMatchObject({ impressions: 1520, members_reached: 811 });
  });

  it('takes the period from the sheet itself when the file name has none, and keeps unknown keys in _extra', () => {
    const bytes = new TextEncoder().encode('Overall Performance,10/8/2026 - 10/9/2026\r\nImpressions,12\r\nMembers reached,8\r\nNew followers,3\r\n');
    expect(detectAdapter(bytes, 'DISCOVERY.csv').name).toBe('linkedin.member_discovery');
    const parsed = parseSheet('DISCOVERY.csv', 'A006', bytes);
    expect(parsed.rows[0]!.values).toEqual({
      member_name: null,
      folder_name: 'A006',
      period_start: day('2026-10-08'),
      period_end: day('2026-10-09'),
      period: '10/8/2026 - 10/9/2026',
      impressions: 12,
      members_reached: 8,
      _extra: '{"New followers":"3"}',
    });
  });

  it('rejects a value that is not a count, naming the field and reason', () => {
    const bytes = new TextEncoder().encode('Overall Performance,10/8/2026 - 10/9/2026\nImpressions,n/a\nMembers reached,8\n');
    expect(parseSheet('DISCOVERY.csv', 'A006', bytes).rejected).toEqual([
      expect.objectContaining({ line: 1, field: 'impressions', value: 'n/a', reason: '"n/a" in Impressions is not a whole number' }),
    ]);
  });
});
