/**
 * A date without a time of day is a calendar day in the program's time zone, wherever it
 * comes from and however it is counted. The program below writes every date-only field
 * of the adapters whose dates feed the ROI, goals and rosters on a month's last day right
 * after a daylight-saving change (31 October after Europe's change on 25 October, 31
 * March after its change on 29 March), in a zone east of UTC and one west of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { buildProgramFiles } from '../helpers/program-files.ts';

const FILES: Record<string, string> = {
  'ambassadors.csv': [
    'ambassador_id,name,joined_on,left_on,utm_code,cohort',
    'A001,Søren Kjærgaard,2026-03-31,2026-10-31,amb-7f3k2,pilot',
    'A002,Åse Mølgaard,2026-03-31,,amb-q81zd,pilot',
  ].join('\n'),
  'trainings.csv': ['ambassador_id,trained_on,course', 'A001,2026-03-31,Grundkursus', 'A002,2026-10-31,Grundkursus'].join('\n'),
  'costs.csv': ['period_start,period_end,category,amount,currency', '2026-10-01,2026-10-31,platform,3100,DKK'].join('\n'),
  'goals.csv': [
    'goal_id,name,kind,metric,target,period_start,period_end',
    'G1,Applications in October,applications,applications,2,2026-10-01,2026-10-31',
    'G2,Applications in November,applications,applications,2,2026-11-01,2026-11-30',
  ].join('\n'),
  'content.csv': ['content_id,title,url,type,published_on', 'C001,Nye stillinger,https://nordlys.dk/job,job_post,2026-10-31'].join('\n'),
  'share_log.csv': [
    'ambassador_id,platform,shared_at,post_url',
    'A001,linkedin,2026-10-30T09:00,https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761283/',
    'A002,linkedin,2026-10-31T21:00,https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761284/',
  ].join('\n'),
  'greenhouse_applications.csv': [
    'Candidate ID,Application ID,Email,Job,Applied On,Source,Referrer,Status,Current Stage,Rejected On,Hired On,Last Activity',
    '1,101,a@example.com,Engineer,2026-10-31,Referral,amb-7f3k2,active,Screen,,,2026-10-31',
    '2,102,b@example.com,Engineer,2026-10-01,Referral,amb-q81zd,hired,Offer,,2026-10-31,2026-10-31',
    '3,103,c@example.com,Engineer,2026-03-31,Referral,amb-q81zd,rejected,Screen,2026-03-31,,2026-03-31',
  ].join('\n'),
  'salesforce_leads.csv': [
    '"Lead Owner","Company","Email","Lead Source","Lead Status","Create Date","Converted Date","UTM Source","UTM Content"',
    '"Anders Holm","Kunde D A/S","d@example.com","Web","Working - Contacted","31-10-2026","31-03-2026","linkedin","amb-7f3k2"',
  ].join('\n'),
};

const ZONES = ['Europe/Copenhagen', 'America/Los_Angeles'] as const;
const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe.each(ZONES)('calendar days in %s', (timezone) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildProgramFiles(FILES, { timezone });
  });

  afterAll(() => warehouse?.close());

  it('Greenhouse Applied On and Hired On, and Salesforce Create Date, are outcomes on the day written, not the next day', async () => {
    const rows = await warehouse.all(
      `select outcome_id, kind, occurred_on, local_day(occurred_at, $tz) as local_day_of_instant, has_time_of_day
       from core.outcomes order by outcome_id`,
      { tz: timezone },
    );
    expect(rows).toEqual([
      { outcome_id: 'greenhouse:101', kind: 'application', occurred_on: day('2026-10-31'), local_day_of_instant: day('2026-10-31'), has_time_of_day: false },
      { outcome_id: 'greenhouse:102', kind: 'application', occurred_on: day('2026-10-01'), local_day_of_instant: day('2026-10-01'), has_time_of_day: false },
      { outcome_id: 'greenhouse:102:hire', kind: 'hire', occurred_on: day('2026-10-31'), local_day_of_instant: day('2026-10-31'), has_time_of_day: false },
      { outcome_id: 'greenhouse:103', kind: 'application', occurred_on: day('2026-03-31'), local_day_of_instant: day('2026-03-31'), has_time_of_day: false },
      expect.objectContaining({ kind: 'lead', occurred_on: day('2026-10-31'), local_day_of_instant: day('2026-10-31'), has_time_of_day: false }),
    ]);
  });

  it('a date-only outcome sits at the last second of its local day, so touches earlier that day come before it', async () => {
    const row = await warehouse.one<{ seconds_to_midnight: number }>(
      `select epoch(local_day_end(occurred_on, $tz) + interval 1 second) - epoch(timezone('UTC', timezone($tz, (occurred_on + 1)::timestamp))) as seconds_to_midnight,
              epoch(timezone('UTC', timezone($tz, (occurred_on + 1)::timestamp)) - occurred_at) as seconds_before_midnight
       from core.outcomes where outcome_id = 'greenhouse:101'`,
      { tz: timezone },
    );
    expect(row).toEqual({ seconds_to_midnight: 0, seconds_before_midnight: 1 });
  });

  it('the hire of 31 October counts in October: in the month of the ROI, and in the goal for October, not November', async () => {
    const months = await warehouse.all(
      `select month_start, sum(value_applications)::integer as applications, sum(value_hires)::integer as hires
       from marts.value_components where model = 'last_touch' and (value_applications > 0 or value_hires > 0)
       group by all order by month_start`,
    );
    expect(months).toEqual([
      { month_start: day('2026-03-01'), applications: 750, hires: 0 },
      { month_start: day('2026-10-01'), applications: 1500, hires: 45000 },
    ]);
    const goals = await warehouse.all(
      `select g.goal_id, coalesce(max(p.actual), 0)::integer as actual
       from core.goals as g left join marts.goal_progress as p using (goal_id) group by all order by g.goal_id`,
    );
    expect(goals).toEqual([
      { goal_id: 'G1', actual: 2 },
      { goal_id: 'G2', actual: 0 },
    ]);
  });

  it('the ATS’s and CRM’s other dates (Rejected On, Last Activity, Converted Date) keep their calendar day', async () => {
    expect(await warehouse.all(`select application_id, rejected_on, last_activity_on from staging.stg_ats__applications order by 1`)).toEqual([
      { application_id: '101', rejected_on: null, last_activity_on: day('2026-10-31') },
      { application_id: '102', rejected_on: null, last_activity_on: day('2026-10-31') },
      { application_id: '103', rejected_on: day('2026-03-31'), last_activity_on: day('2026-03-31') },
    ]);
    expect(await warehouse.all(`select occurred_on, converted_on from staging.stg_crm__salesforce_leads`)).toEqual([
      { occurred_on: day('2026-10-31'), converted_on: day('2026-03-31') },
    ]);
  });

  it('roster, training, cost, goal and content dates keep their calendar day', async () => {
    expect(await warehouse.all(`select ambassador_id, joined_on, left_on from core.ambassadors order by 1`)).toEqual([
      { ambassador_id: 'A001', joined_on: day('2026-03-31'), left_on: day('2026-10-31') },
      { ambassador_id: 'A002', joined_on: day('2026-03-31'), left_on: null },
    ]);
    expect(await warehouse.all(`select ambassador_id, trained_on from core.trainings order by 1`)).toEqual([
      { ambassador_id: 'A001', trained_on: day('2026-03-31') },
      { ambassador_id: 'A002', trained_on: day('2026-10-31') },
    ]);
    expect(await warehouse.all(`select period_start, period_end, period_days from core.costs`)).toEqual([
      { period_start: day('2026-10-01'), period_end: day('2026-10-31'), period_days: 31 },
    ]);
    expect(await warehouse.all(`select goal_id, period_start, period_end from core.goals order by 1`)).toEqual([
      { goal_id: 'G1', period_start: day('2026-10-01'), period_end: day('2026-10-31') },
      { goal_id: 'G2', period_start: day('2026-11-01'), period_end: day('2026-11-30') },
    ]);
    expect(await warehouse.all(`select content_id, published_on from core.content`)).toEqual([{ content_id: 'C001', published_on: day('2026-10-31') }]);
  });

  it('a file’s period is its first and last local day (a share at 21:00 on 31 October is 31 October in the zone)', async () => {
    const files = await warehouse.all(
      `select file_name, period_start, period_end from meta.files where file_name in ('share_log.csv', 'greenhouse_applications.csv') order by 1`,
    );
    expect(files).toEqual([
      { file_name: 'greenhouse_applications.csv', period_start: day('2026-03-31'), period_end: day('2026-10-31') },
      { file_name: 'share_log.csv', period_start: day('2026-10-30'), period_end: day('2026-10-31') },
    ]);
  });
});
