/**
 * Cohorts are compared per ambassador, never pooled. The program below has one very
 * active pilot ambassador and three light ones against a wave of steady posters: pooling
 * each cohort's posts over its active weeks ranks the pilot first (27 posts over 7 active
 * weeks, 3.86, against 18 over 6, 3.00), while per ambassador the wave posts more (3.00
 * against (6 + 1 + 1 + 1) / 4 = 2.25).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { cohortActivityChart, cohortActivityData, cohortActivityFacts } from '../../../reports/charts/cohort-activity.ts';
import { createFormat } from '../../../reports/format.ts';
import { readMart } from '../../../reports/marts.ts';
import { cohortActivitySentence, cohortActivityTitle } from '../../../reports/narrative/sentences.ts';
import { buildProgramFiles } from '../../helpers/program-files.ts';

const MONDAYS = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];

/** Posts per ambassador and week (index into MONDAYS), each shared on the week's Monday to Saturday. */
const POSTS: Record<string, { cohort: string; perWeek: number[] }> = {
  P1: { cohort: 'pilot', perWeek: [6, 6, 6, 6] },
  P2: { cohort: 'pilot', perWeek: [1, 0, 0, 0] },
  P3: { cohort: 'pilot', perWeek: [1, 0, 0, 0] },
  P4: { cohort: 'pilot', perWeek: [1, 0, 0, 0] },
  W1: { cohort: 'wave-2', perWeek: [3, 3, 0, 0] },
  W2: { cohort: 'wave-2', perWeek: [3, 3, 0, 0] },
  W3: { cohort: 'wave-2', perWeek: [3, 3, 0, 0] },
};

function files(): Record<string, string> {
  const roster = Object.entries(POSTS).map(([id, { cohort }], index) => `${id},Ambassadør ${id},2026-03-02,,amb-${id.toLowerCase()}x${index},${cohort}`);
  let post = 0;
  const shares = Object.entries(POSTS).flatMap(([id, { perWeek }]) =>
    perWeek.flatMap((count, week) =>
      Array.from({ length: count }, (_, index) => {
        post += 1;
        const day = new Date(`${MONDAYS[week]}T09:00:00Z`);
        day.setUTCDate(day.getUTCDate() + index);
        return `${id},linkedin,${day.toISOString().slice(0, 16)},https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761${String(post).padStart(3, '0')}/`;
      }),
    ),
  );
  return {
    'ambassadors.csv': ['ambassador_id,name,joined_on,left_on,utm_code,cohort', ...roster].join('\n'),
    'share_log.csv': ['ambassador_id,platform,shared_at,post_url', ...shares].join('\n'),
  };
}

describe('cohort activity', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildProgramFiles(files());
  });

  afterAll(() => warehouse?.close());

  it('ranks cohorts per ambassador, never pooled: one very active pilot ambassador does not make the pilot cohort post most', async () => {
    const cohorts = await readMart(warehouse, 'cohort_activity');
    expect(cohorts).toEqual([
      { cohort: 'pilot', ambassadors: 4, mean_posts_per_active_week: 2.25, median_posts_per_active_week: 1, program_weeks: expect.any(Number) },
      { cohort: 'wave-2', ambassadors: 3, mean_posts_per_active_week: 3, median_posts_per_active_week: 3, program_weeks: expect.any(Number) },
    ]);
    // Pooled, the pilot would come first.
    const pooled = await warehouse.all<{ cohort: string; pooled: number }>(
      `select cohort, sum(posts) / count(*) filter (where is_active) as pooled from marts.ambassador_weekly group by cohort order by pooled desc`,
    );
    expect(pooled.map((row) => row.cohort)).toEqual(['pilot', 'wave-2']);

    const en = createFormat({ locale: 'en-GB' });
    const facts = cohortActivityFacts(cohorts);
    expect(facts.cohorts.map((cohort) => cohort.cohort)).toEqual(['wave-2', 'pilot']);
    expect(cohortActivityTitle(facts, en)).toBe('wave-2 posted most: 3.00 posts per active week per ambassador, against 2.25 for pilot');
    expect(cohortActivitySentence(facts, en)).toBe(
      `Over ${facts.weeks} weeks, an ambassador posted 3.00 times per active week on average in wave-2 (median 3.00, 3 ambassadors) and 2.25 in pilot (median 1.00, 4); ` +
        'each ambassador’s posts are divided by the weeks they posted in, then averaged over the cohort’s ambassadors.',
    );
    const da = createFormat({ locale: 'da-DK', language: 'da' });
    expect(cohortActivityTitle(facts, da)).toBe('wave-2 delte mest: 3,00 opslag pr. aktiv uge pr. ambassadør, mod 2,25 for pilot');
  });

  it('gives each cohort and ISO week its active ambassadors and their mean posts, which the chart draws as it comes', async () => {
    const weekly = await readMart(warehouse, 'cohort_activity_weekly');
    const weeks = await warehouse.one<{ weeks: number }>(`select count(distinct week_start)::integer as weeks from marts.ambassador_weekly`);
    expect((await readMart(warehouse, 'cohort_activity'))[0]!.program_weeks).toBe(weeks!.weeks);
    const cells = weekly
      .filter((row) => row.ambassadors_active > 0)
      .map((row) => [row.cohort, row.iso_week, row.ambassadors_active, row.posts, row.posts_per_active_ambassador]);
    expect(cells).toEqual([
      ['pilot', '2026-W10', 4, 9, 2.25],
      ['wave-2', '2026-W10', 3, 9, 3],
      ['pilot', '2026-W11', 1, 6, 6],
      ['wave-2', '2026-W11', 3, 9, 3],
      ['pilot', '2026-W12', 1, 6, 6],
      ['pilot', '2026-W13', 1, 6, 6],
    ]);
    expect(weekly.filter((row) => row.ambassadors_active === 0).every((row) => row.posts === 0 && row.posts_per_active_ambassador === null)).toBe(true);
    const data = cohortActivityData(weekly);
    expect(data.map((datum) => datum.posts_per_active_ambassador)).toEqual(weekly.map((row) => row.posts_per_active_ambassador));
    const spec = cohortActivityChart(weekly, await readMart(warehouse, 'cohort_activity'), { locale: 'en-GB' });
    expect(JSON.stringify(spec.title)).toContain('wave-2 posted most');
  });
});
