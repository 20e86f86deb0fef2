/**
 * core.ambassadors from several roster files: the latest file naming a person wins, column
 * by column, so a re-exported roster that leaves out a column keeps the earlier values.
 */
import { describe, expect, it } from 'vitest';
import { buildProgramFiles } from '../../helpers/program-files.ts';

const FIRST_ROSTER = [
  'ambassador_id,name,department,cohort,utm_code,leaderboard_opt_out',
  'A1,Anna Holm,Sales,pilot,amb-a1,',
  'A2,Bo Dahl,Marketing,pilot,amb-b2,ja',
].join('\n');

/** The same people and one more, exported again without the company's own column and without department. */
const RE_EXPORTED_ROSTER = ['ambassador_id,name,cohort,utm_code', 'A1,Anna Holm,pilot,amb-a1', 'A2,Bo Dahl,wave-2,amb-b2', 'A3,Cai Berg,wave-2,amb-c3'].join(
  '\n',
);

const SHARE_LOG = [
  'ambassador_id,platform,shared_at,content_id,post_url,post_text,tracked_url',
  'A1,linkedin,2026-09-01T09:15:00,,https://www.linkedin.com/posts/annaholm_job-share-7371432206977761283-Ab3x,Min arbejdsplads Nordlys Energi søger folk,',
  'A2,linkedin,2026-09-02T09:15:00,,https://www.linkedin.com/posts/bodahl_job-share-7371432206977761290-Ab3x,Min arbejdsplads Nordlys Energi søger folk,',
  'A2,linkedin,2026-09-03T09:15:00,,https://www.linkedin.com/posts/bodahl_job-share-7371432206977761295-Ab3x,Min arbejdsplads Nordlys Energi søger flere,',
].join('\n');

interface Member {
  ambassador_id: string;
  department: string | null;
  cohort: string | null;
  is_leaderboard_opt_out: boolean;
}

async function members(
  files: Record<string, string>,
): Promise<{ members: Member[]; leaderboard: string[]; issues: { field: string; value: string; issue: string }[] }> {
  const warehouse = await buildProgramFiles(files, {}, undefined, ['core.ambassadors', 'marts.leaderboard', 'marts.data_issues']);
  try {
    return {
      members: await warehouse.all<Member>(`select ambassador_id, department, cohort, is_leaderboard_opt_out from core.ambassadors order by ambassador_id`),
      leaderboard: (
        await warehouse.all<{ display_name: string }>(
          `select coalesce(display_name, '(opted out)') as display_name from marts.leaderboard where period_kind = 'month' order by ambassador_id`,
        )
      ).map((row) => row.display_name),
      issues: await warehouse.all(`select field, value, issue from marts.data_issues where issue_kind = 'roster_column_kept' order by field`),
    };
  } finally {
    warehouse.close();
  }
}

describe('models/core/ambassadors', () => {
  it('a re-exported roster without the opt-out column cannot publish an opted-out name: the earlier opt-out and department stand, and data_issues counts the people', async () => {
    const built = await members({ 'ambassadors.csv': FIRST_ROSTER, 'ambassadors-2026-10.csv': RE_EXPORTED_ROSTER, 'share_log.csv': SHARE_LOG });

    expect(built.members).toEqual([
      { ambassador_id: 'A1', department: 'Sales', cohort: 'pilot', is_leaderboard_opt_out: false },
      // the newer file has cohort, so its wave-2 wins; it has no department and no opt-out column
      { ambassador_id: 'A2', department: 'Marketing', cohort: 'wave-2', is_leaderboard_opt_out: true },
      { ambassador_id: 'A3', department: null, cohort: 'wave-2', is_leaderboard_opt_out: false },
    ]);
    expect(built.leaderboard).toEqual(['Anna Holm', '(opted out)', 'Cai Berg']);
    expect(built.issues).toEqual([
      {
        field: 'department',
        value: '2',
        issue:
          'the latest roster file (ambassadors-2026-10.csv) has no department column, so 2 ambassadors keep their department from an earlier roster file; add the column to change them',
      },
      {
        field: 'leaderboard_opt_out',
        value: '2',
        issue:
          'the latest roster file (ambassadors-2026-10.csv) has no leaderboard_opt_out column, so 2 ambassadors keep their leaderboard_opt_out from an earlier roster file; add the column to change them',
      },
    ]);
  });

  it('a newer roster that has the opt-out column lifts an opt-out with a blank cell, and one blank for everyone does not', async () => {
    const optedBackIn = ['ambassador_id,name,utm_code,leaderboard_opt_out', 'A1,Anna Holm,amb-a1,yes', 'A2,Bo Dahl,amb-b2,'].join('\n');
    const lifted = await members({ 'ambassadors.csv': FIRST_ROSTER, 'ambassadors-2026-11.csv': optedBackIn, 'share_log.csv': SHARE_LOG });
    expect(lifted.members.map((member) => [member.ambassador_id, member.is_leaderboard_opt_out])).toEqual([
      ['A1', true],
      ['A2', false],
    ]);
    expect(lifted.leaderboard).toEqual(['(opted out)', 'Bo Dahl']);

    const blankForEveryone = ['ambassador_id,name,utm_code,leaderboard_opt_out', 'A1,Anna Holm,amb-a1,', 'A2,Bo Dahl,amb-b2,'].join('\n');
    const kept = await members({ 'ambassadors.csv': FIRST_ROSTER, 'ambassadors-2026-11.csv': blankForEveryone, 'share_log.csv': SHARE_LOG });
    expect(kept.members.map((member) => [member.ambassador_id, member.is_leaderboard_opt_out])).toEqual([
      ['A1', false],
      ['A2', true],
    ]);
    expect(kept.leaderboard).toEqual(['Anna Holm', '(opted out)']);
  });
});
