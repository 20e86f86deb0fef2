/**
 * Sessions are counted once per day from one source. A program with GA4's reports and no
 * visit-level touchpoints file gets its ambassadors' sessions from GA4: a traffic
 * acquisition report, an exploration of the same days and dimensions, and a landing-page
 * report whose query strings carry the codes, all over the same traffic. A program with
 * both gets a day's sessions from its touchpoints when it has visits that day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildProgramFiles } from '../../helpers/program-files.ts';

const AMBASSADORS = [
  'ambassador_id,name,joined_on,left_on,utm_code,cohort',
  'A001,Søren Kjærgaard,2026-10-01,,amb-7f3k2,pilot',
  'A002,Åse Mølgaard,2026-10-01,,amb-q81zd,pilot',
  'A003,Jens Ølgod,2026-10-01,,amb-00x1a,second',
].join('\n');

const TRAFFIC_ACQUISITION = [
  '# ----------------------------------------',
  '# Traffic acquisition: Session manual ad content',
  '# Account: Nordlys Energi',
  '# Property: nordlys.dk - GA4',
  '# ----------------------------------------',
  '# ',
  '# All Users',
  '# Start date: 20261026',
  '# End date: 20261101',
  'Session manual ad content,Date,Sessions,Engaged sessions,Engagement rate,Average engagement time per session,Events per session,Event count,Key events,Session key event rate,Total revenue',
  'Grand total,,1444,923,0.64,47.5,5.0,7000,22,0.015,0',
  '(not set),20261028,1100,690,0.627,39.12,4.8,5280,9,0.008,0',
  'amb-7f3k2,20261028,120,80,0.667,48.5,5.2,624,3,0.025,0',
  'amb-7f3k2,20261029,95,61,0.642,51.75,4.9,465,1,0.011,0',
  'AMB-7F3K2,20261029,4,2,0.5,12.25,3,12,0,0,0',
  'amb-q81zd,20261028,60,40,0.667,62.0,6.1,366,2,0.033,0',
  'amb-q81zd,20261030,65,50,0.769,55.05,5.3,344,7,0.108,0',
].join('\n');

/** The same traffic explored in Explorations → Export data, its range a day longer. */
const EXPLORATION = [
  '# ----------------------------------------',
  '# All Users',
  '# 20261026-20261102',
  '# ----------------------------------------',
  '# Free form 1',
  'Session manual ad content,Date,Sessions,Engaged sessions,Key events',
  '(not set),20261028,1100,690,9',
  'amb-7f3k2,20261028,120,80,3',
  'amb-7f3k2,20261029,95,61,1',
  'AMB-7F3K2,20261029,4,2,0',
  'amb-q81zd,20261028,60,40,2',
  'amb-q81zd,20261030,65,50,7',
  'Grand total,,1444,923,22',
].join('\n');

/** Landing pages by day: the codes are only in the query strings. */
const LANDING_PAGES = [
  '# ----------------------------------------',
  '# Landing page: Landing page + query string',
  '# Account: Nordlys Energi',
  '# Property: nordlys.dk - GA4',
  '# ----------------------------------------',
  '# ',
  '# All Users',
  '# Start date: 20261026',
  '# End date: 20261101',
  'Landing page + query string,Date,Sessions,Active users,New users,Average engagement time per active user,Key events,Total revenue',
  'Grand total,,302,280,240,50.1,6,0',
  '/karriere/?utm_source=linkedin&utm_medium=employee_advocacy&utm_campaign=rekruttering-q4&utm_content=amb-7f3k2,20261028,120,110,90,61.2,3,0',
  '/webinar?utm_source=linkedin&utm_medium=employee_advocacy&utm_content=amb-00x1a,20261031,12,12,11,140.25,1,0',
  '/blog/groen-omstilling?utm_source=facebook&utm_medium=employee_advocacy&utm_content=AMB-00X1A&fbclid=IwAR2xYz,20261031,5,5,5,75.9,0,0',
  '/,20261031,165,153,134,35.2,2,0',
].join('\n');

/** A landing-page report without Date: one row for the whole period, which no day can hold. */
const LANDING_PAGES_FOR_THE_PERIOD = [
  '# Start date: 20261101',
  '# End date: 20261127',
  'Landing page + query string,Sessions,Active users,New users,Average engagement time per active user,Key events,Total revenue',
  '/blog/groen-omstilling?utm_source=facebook&utm_medium=employee_advocacy&utm_content=amb-q81zd,41,38,35,75.9,1,0',
  '/,2100,1950,1400,35.2,10,0',
].join('\n');

/** Visits of 28 October only, through the same links GA4 counted that day. */
const TOUCHPOINTS = [
  'visitor_id,touched_at,utm_source,utm_medium,utm_campaign,utm_content,utm_term,landing_page,referrer',
  'GA1.1.1.1,2026-10-28T09:14:00Z,linkedin,employee_advocacy,rekruttering-q4,amb-7f3k2,,https://nordlys.dk/karriere/,https://www.linkedin.com/',
  'GA1.1.1.2,2026-10-28T10:05:00Z,linkedin,employee_advocacy,rekruttering-q4,amb-7f3k2,,https://nordlys.dk/karriere/,https://www.linkedin.com/',
  'GA1.1.1.3,2026-10-28T11:30:00Z,facebook,employee_advocacy,,amb-q81zd,,https://nordlys.dk/blog/,https://l.facebook.com/',
  'GA1.1.1.4,2026-10-28T12:00:00Z,,,,,,https://nordlys.dk/,',
].join('\n');

function buildProgram(files: Record<string, string>): Promise<Warehouse> {
  return buildProgramFiles(files, { attribution: { parameter: 'utm_content' } }, undefined, [
    'core.sessions_daily',
    'marts.ambassador_weekly',
    'marts.data_issues',
    'marts.goal_contributions',
    'marts.goal_progress',
    'marts.points_daily',
    'marts.program_daily_metrics',
  ]);
}

const sessionsByAmbassador = (warehouse: Warehouse, table: string, column = 'sessions') =>
  warehouse.all(
    `select ambassador_id, sum(${column})::integer as sessions from ${table} where ambassador_id is not null group by all having sum(${column}) > 0 order by ambassador_id`,
  );

describe('a program with GA4 reports and no touchpoints file', () => {
  let warehouse: Warehouse;
  // October: A001: 120 (28th) + 95 + 4 (29th, case variants are distinct sessions); A002:
  // 60 + 65; A003: 12 + 5 from the landing pages of the 31st. Each counted once across the
  // three files. November adds A002's 41 from the landing-page report without a Date.
  const october = [
    { ambassador_id: 'A001', sessions: 219 },
    { ambassador_id: 'A002', sessions: 125 },
    { ambassador_id: 'A003', sessions: 17 },
  ];
  const expected = [
    { ambassador_id: 'A001', sessions: 219 },
    { ambassador_id: 'A002', sessions: 125 + 41 },
    { ambassador_id: 'A003', sessions: 17 },
  ];

  beforeAll(async () => {
    warehouse = await buildProgram({
      'ambassadors.csv': AMBASSADORS,
      'traffic_acquisition.csv': TRAFFIC_ACQUISITION,
      'exploration.csv': EXPLORATION,
      'landing_pages.csv': LANDING_PAGES,
      'landing_pages_november.csv': LANDING_PAGES_FOR_THE_PERIOD,
      'goals.csv': ['goal_id,name,kind,metric,target,period_start,period_end', 'G1,Traffic in October,traffic,traffic,500,2026-10-01,2026-10-31'].join('\n'),
    });
  });

  afterAll(() => warehouse?.close());

  it("sessions from ambassadors' links are GA4's ambassador rows summed once, not 0", async () => {
    expect(await sessionsByAmbassador(warehouse, 'core.sessions_daily')).toEqual(expected);
    expect(await warehouse.all(`select sum(value)::integer as sessions from marts.program_daily_metrics where metric = 'sessions'`)).toEqual([
      { sessions: 219 + 125 + 41 + 17 },
    ]);
    expect(await sessionsByAmbassador(warehouse, 'marts.ambassador_weekly')).toEqual(expected);
    expect(await sessionsByAmbassador(warehouse, 'marts.points_daily', 'clicks')).toEqual(expected);
    expect(
      await warehouse.all(
        `select ambassador_id, actual::integer as sessions from marts.goal_contributions
         where goal_id = 'G1' and model = 'last_touch' and granularity = 'ambassador' order by ambassador_id`,
      ),
    ).toEqual(october);
    expect(
      await warehouse.all(`select max(actual)::integer as actual, any_value(status) <> 'no_data' as has_data from marts.goal_progress where goal_id = 'G1'`),
    ).toEqual([{ actual: 219 + 125 + 17, has_data: true }]);
  });

  it('two overlapping GA4 reports of the same traffic do not double it: the one whose period ends last counts', async () => {
    expect(
      await warehouse.all(
        `select day::varchar as day, sum(sessions)::integer as sessions, sum(engaged_sessions)::integer as engaged_sessions, sum(key_events)::integer as key_events
         from core.sessions_daily where ambassador_id = 'A001' group by all order by day`,
      ),
    ).toEqual([
      { day: '2026-10-28', sessions: 120, engaged_sessions: 80, key_events: 3 },
      { day: '2026-10-29', sessions: 99, engaged_sessions: 63, key_events: 1 },
    ]);
    expect(
      await warehouse.all(`select sum(sessions)::integer as sessions from core.sessions_daily where ambassador_id is null and day = '2026-10-28'`),
    ).toEqual([{ sessions: 1100 }]);
  });

  it("a landing-page report's utm_content resolves to an ambassador", async () => {
    expect(
      await warehouse.all(
        `select day::varchar as day, ambassador_id, channel_group, platform, sessions::integer as sessions, counted_from
         from core.sessions_daily where day = '2026-10-31' order by ambassador_id nulls last, channel_group, platform`,
      ),
    ).toEqual([
      { day: '2026-10-31', ambassador_id: 'A003', channel_group: 'Organic Social', platform: 'facebook', sessions: 5, counted_from: 'ga4' },
      { day: '2026-10-31', ambassador_id: 'A003', channel_group: 'Organic Social', platform: 'linkedin', sessions: 12, counted_from: 'ga4' },
      { day: '2026-10-31', ambassador_id: null, channel_group: 'Direct', platform: null, sessions: 165, counted_from: 'ga4' },
    ]);
  });

  it("a report without a Date dimension counts its period on the period's last day, so the totals hold it; marts.data_issues says the days inside cannot show it", async () => {
    expect(
      await warehouse.all(
        `select day, ambassador_id, sum(sessions)::integer as sessions, counted_from from core.sessions_daily where day >= '2026-11-01' group by all order by sessions`,
      ),
    ).toEqual([
      { day: new Date('2026-11-27T00:00:00Z'), ambassador_id: 'A002', sessions: 41, counted_from: 'ga4_period' },
      { day: new Date('2026-11-27T00:00:00Z'), ambassador_id: null, sessions: 2100, counted_from: 'ga4_period' },
    ]);
    expect(await warehouse.all(`select issue_kind, field, value, issue from marts.data_issues where issue_kind = 'ga4_sessions_without_a_day'`)).toEqual([
      {
        issue_kind: 'ga4_sessions_without_a_day',
        field: 'Date',
        value: 'period',
        issue:
          "landing_pages_november.csv gives 41 sessions from ambassadors' links per month or for its whole period, not per day: a whole period's sessions count on its last day where no daily data covers it, and the days and weeks inside it cannot show them; download the report again with Date as a dimension",
      },
    ]);
  });
});

describe('a program with both touchpoints and GA4 reports', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildProgram({
      'ambassadors.csv': AMBASSADORS,
      'touchpoints.csv': TOUCHPOINTS,
      'traffic_acquisition.csv': TRAFFIC_ACQUISITION,
    });
  });

  afterAll(() => warehouse?.close());

  it('touchpoints win on a day they cover, GA4 counts the days they do not; never both', async () => {
    expect(
      await warehouse.all(
        `select day::varchar as day, ambassador_id, sum(sessions)::integer as sessions, any_value(counted_from) as counted_from
         from core.sessions_daily group by all order by day, ambassador_id nulls last`,
      ),
    ).toEqual([
      { day: '2026-10-28', ambassador_id: 'A001', sessions: 2, counted_from: 'touchpoints' },
      { day: '2026-10-28', ambassador_id: 'A002', sessions: 1, counted_from: 'touchpoints' },
      { day: '2026-10-28', ambassador_id: null, sessions: 1, counted_from: 'touchpoints' },
      { day: '2026-10-29', ambassador_id: 'A001', sessions: 99, counted_from: 'ga4' },
      { day: '2026-10-30', ambassador_id: 'A002', sessions: 65, counted_from: 'ga4' },
    ]);
    expect(await sessionsByAmbassador(warehouse, 'marts.ambassador_weekly')).toEqual([
      { ambassador_id: 'A001', sessions: 101 },
      { ambassador_id: 'A002', sessions: 66 },
    ]);
  });
});
