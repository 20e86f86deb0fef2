/**
 * On the demo program, the figures counted by day, month and goal period reconcile with
 * the raw rows as written: the months add up to the program to date, and an application
 * counts in the goal period that holds the date the ATS wrote, not the day after.
 */
import { describe, expect, it } from 'vitest';
import { withDemoWarehouse } from '../helpers/demo.ts';

describe('the demo program’s days, months and goal periods', () => {
  it('the months’ value and cost add up to the program-to-date figures (no outcome falls into a month past the data)', async () => {
    await withDemoWarehouse(async (warehouse) => {
      const rows = await warehouse.all<{ period: string; value: number; cost: number; periods: number; last_month: Date; last_data_day: Date }>(
        `select period, sum(value_total)::decimal(18, 2)::double as value, sum(cost_total)::decimal(18, 2)::double as cost, count(*)::integer as periods,
                max(period_start) as last_month, (select max(day) from marts.program_daily_metrics) as last_data_day
         from marts.roi_by_period where is_default_model and period in ('month', 'program') group by period order by period`,
      );
      const [month, program] = rows;
      expect(month!.periods).toBeGreaterThan(3);
      expect(month!.value).toBeCloseTo(program!.value, 0);
      expect(month!.cost).toBeCloseTo(program!.cost, 0);
      // every month with value also has costs, so each has an ROI
      const withoutRoi = await warehouse.all(`select period_start from marts.roi_by_period where is_default_model and period = 'month' and roi is null`);
      expect(withoutRoi).toEqual([]);
    });
  });

  it('G7 (applications, 1 July to 30 September) counts the credited applications whose Applied On, as written, is in that period', async () => {
    await withDemoWarehouse(async (warehouse) => {
      const measured = await warehouse.one<{ actual: number }>(`select max(actual)::integer as actual from marts.goal_progress where goal_id = 'G7'`);
      // recomputed from the raw Greenhouse rows: the date as the file wrote it, joined to the credits by application id
      const fromRaw = await warehouse.one<{ applications: number; shifted: number }>(
        `with raw_applications as (
           select 'greenhouse:' || application_id as outcome_id, applied_on
           from raw.ats__greenhouse_applications
           qualify row_number() over (partition by application_id order by _file_id desc, _source_line desc) = 1
         ),
         credited as (
           select c.outcome_id, sum(c.credit) as credit
           from marts.attribution_credits as c, meta.settings as s
           where c.model = s.default_model and c.granularity = 'ambassador' and c.ambassador_id is not null and c.outcome_kind = 'application'
           group by c.outcome_id
         )
         select round(sum(credit) filter (where r.applied_on between date '2026-07-01' and date '2026-09-30'))::integer as applications,
                round(sum(credit) filter (where r.applied_on + 1 between date '2026-07-01' and date '2026-09-30'))::integer as shifted
         from credited as c inner join raw_applications as r using (outcome_id)`,
      );
      expect(fromRaw!.applications).not.toBe(fromRaw!.shifted);
      expect(measured!.actual).toBe(fromRaw!.applications);
    });
  });

  it('“impressions” is one number: EMV values over the program’s days, G1 counts and the reach comparison sets beside the page are the program’s impressions', async () => {
    await withDemoWarehouse(async (warehouse) => {
      const figures = await warehouse.one<Record<string, number>>(
        `select
           (select impressions from marts.program_summary) as program,
           (select sum(e.quantity) from marts.emv_daily as e inner join core.program_days as d using (day)
             where e.owner = 'ambassador' and e.metric = 'impressions') as emv,
           (select max(actual) from marts.goal_progress where goal_id = 'G1') as goal,
           (select ambassadors_value from marts.reach_comparison where period = 'program' and platform = 'all' and measure = 'impressions') as reach_comparison,
           -- recomputed from the rows: the LinkedIn daily series, since no demo post with impressions lies outside its ambassador's series
           (select sum(impressions) from core.ambassador_daily_reach) as daily_series,
           (select count(*)::integer from core.posts where owner = 'ambassador' and metrics_counted_in = 'post_metrics' and impressions is not null) as posts_outside_series`,
      );
      const { daily_series: dailySeries } = figures!;
      expect(dailySeries).toBeGreaterThan(0);
      expect(figures).toEqual({
        program: dailySeries,
        emv: dailySeries,
        goal: dailySeries,
        reach_comparison: dailySeries,
        daily_series: dailySeries,
        posts_outside_series: 0,
      });
    });
  });
});
