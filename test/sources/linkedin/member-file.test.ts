import { describe, expect, it } from 'vitest';
import { memberFileFacts, memberFileName } from '../../../sources/linkedin/member-file.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('sources/linkedin/member-file', () => {
  it.each([
    ['Content_2026-04-25_2026-05-01_CateHuston.xlsx', 'CateHuston', '2026-04-25', '2026-05-01'],
    ['Content_2024-08-25_2024-11-22_C. PeteConnor MS, CCCM (1).xlsx', 'C. PeteConnor MS, CCCM', '2024-08-25', '2024-11-22'],
    ['Content_2026-09-01_2026-09-30_Mette Larsen(2).csv', 'Mette Larsen', '2026-09-01', '2026-09-30'],
    ['AggregateAnalytics_Jens Hansen_2026-10-01_2026-10-31.xlsx', 'Jens Hansen', '2026-10-01', '2026-10-31'],
    ['AggregateAnalytics_Jens_Hansen_20261001_20261031 (1).xlsx', 'Jens_Hansen', '2026-10-01', '2026-10-31'],
  ])('%s → %s', (fileName, name, start, end) => {
    expect(memberFileName(fileName)).toEqual({ memberName: name, periodStart: day(start), periodEnd: day(end), postId: null });
  });

  it('gives nulls, not an error, for a name it does not know or one without a member', () => {
    expect(memberFileName('TOP POSTS.csv')).toEqual({ memberName: null, periodStart: null, periodEnd: null, postId: null });
    expect(memberFileName('Content_2026-04-25_2026-05-01.xlsx')).toEqual({
      memberName: null,
      periodStart: day('2026-04-25'),
      periodEnd: day('2026-05-01'),
      postId: null,
    });
    expect(memberFileName('AggregateAnalytics_Ida Holm.xlsx')).toEqual({ memberName: 'Ida Holm', periodStart: null, periodEnd: null, postId: null });
  });

  it.each([
    ['PostAnalytics_Mette Larsen, MBA_7371432207001234567.xlsx', 'Mette Larsen, MBA', '7371432207001234567'],
    ['PostAnalytics_AndriiTsokol_7432391508978397184 (1).xlsx', 'AndriiTsokol', '7432391508978397184'],
    ['SinglePostAnalytics_Jens_Hansen_7426000000000009999.xlsx', 'Jens_Hansen', '7426000000000009999'],
  ])('single-post export %s → %s, post %s, no period', (fileName, name, postId) => {
    expect(memberFileName(fileName)).toEqual({ memberName: name, periodStart: null, periodEnd: null, postId });
  });

  it('keeps the folder name as it is, for SQL to resolve', () => {
    const facts = memberFileFacts({ fileName: 'Content_2026-04-25_2026-05-01_Ida Holm.xlsx', folderName: 'A006', preamble: [], timezone: 'UTC' });
    expect(facts.values).toEqual({ member_name: 'Ida Holm', folder_name: 'A006', period_start: day('2026-04-25'), period_end: day('2026-05-01') });
  });
});
