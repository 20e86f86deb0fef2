/**
 * marts.program_weekly on a small program written as real-shaped files, over the ISO weeks
 * of 30 March, 6 April and 13 April 2026. Søren posts in the first and third week. Åse
 * posts on 7 April and leaves on 8 April. Mads joins on 13 April, and his LinkedIn export
 * has zero-impression days before that (1 and 9 April), which give him rows in
 * marts.ambassador_weekly for weeks he was not enrolled in; he posts on 16 April, the last
 * day with data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildProgramFiles } from '../../helpers/program-files.ts';

const FILES: Record<string, string> = {
  'ambassadors.csv': [
    'ambassador_id,name,joined_on,left_on,utm_code,cohort',
    'A001,Søren Kjærgaard,2026-03-30,,amb-7f3k2,pilot',
    'A002,Åse Mølgaard,2026-03-30,2026-04-08,amb-q81zd,pilot',
    'A003,Mads Holm,2026-04-13,,amb-m4d5h,wave-2',
  ].join('\n'),
  'share_log.csv': [
    'ambassador_id,platform,shared_at,post_url',
    'A001,linkedin,2026-03-31T09:00,https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761283/',
    'A002,linkedin,2026-04-07T09:00,https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761284/',
    'A001,linkedin,2026-04-14T09:00,https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761285/',
    'A003,linkedin,2026-04-16T09:00,https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761286/',
  ].join('\n'),
  'AggregateAnalytics_Mads Holm_2026-03-30_2026-04-16.csv': ['Date,Impressions,Engagements', '4/1/2026,0,0', '4/9/2026,0,0', '4/15/2026,250,9'].join('\n'),
};

interface WeekCounts {
  iso_week: string;
  ambassadors_enrolled: number;
  ambassadors_active: number;
  enrolled: number;
  active: number;
  ambassador_week_rows: number;
}

describe('models/marts/program_weekly on real-shaped files', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildProgramFiles(FILES, { timezone: 'Europe/Copenhagen' });
  });

  afterAll(() => warehouse?.close());

  it('enrolled is counted one way: program_weekly takes its enrolled and active ambassadors from participation_weekly (enrolled at the week’s end), not from ambassador-week rows', async () => {
    const weeks = await warehouse.all<WeekCounts>(
      `select p.iso_week, p.ambassadors_enrolled, p.ambassadors_active, w.enrolled, w.active,
              (select count(*)::integer from marts.ambassador_weekly as a where a.week_start = p.week_start) as ambassador_week_rows
       from marts.program_weekly as p
       inner join marts.participation_weekly as w using (week_start)
       order by p.week_start`,
    );
    expect(weeks).toEqual([
      // Mads's zero-impression day of 1 April gives him a row, but he joins two weeks later.
      { iso_week: '2026-W14', ambassadors_enrolled: 2, ambassadors_active: 1, enrolled: 2, active: 1, ambassador_week_rows: 3 },
      // Åse posted on 7 April but left on 8 April, before the week's end.
      { iso_week: '2026-W15', ambassadors_enrolled: 1, ambassadors_active: 0, enrolled: 1, active: 0, ambassador_week_rows: 3 },
      { iso_week: '2026-W16', ambassadors_enrolled: 2, ambassadors_active: 2, enrolled: 2, active: 2, ambassador_week_rows: 2 },
    ]);
  });

  it('a part week is told from full weeks: days_with_data counts the week’s days up to the last day with data', async () => {
    const weeks = await warehouse.all<{ iso_week: string; program_weekly: number; participation_weekly: number }>(
      `select iso_week, p.days_with_data as program_weekly, w.days_with_data as participation_weekly
       from marts.program_weekly as p
       inner join marts.participation_weekly as w using (week_start, iso_week)
       order by week_start`,
    );
    // The last day with data is Thursday 16 April: four days of 2026-W16.
    expect(weeks).toEqual([
      { iso_week: '2026-W14', program_weekly: 7, participation_weekly: 7 },
      { iso_week: '2026-W15', program_weekly: 7, participation_weekly: 7 },
      { iso_week: '2026-W16', program_weekly: 4, participation_weekly: 4 },
    ]);
  });
});
