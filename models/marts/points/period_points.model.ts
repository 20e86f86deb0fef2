/**
 * `marts.period_points`: every leaderboard period's points per eligible ambassador, the
 * capped daily points of `marts.points_daily` summed over the period. Periods are the
 * configured contests (`meta.contests`: named periods with eligible cohorts, none meaning
 * everyone) and every calendar month from the first month anyone earned points in to the
 * last month anyone posted in (period_kind `month`, named `YYYY-MM`, every enrolled
 * ambassador eligible).
 * `is_current` marks the period holding the as-of day (the last day with data).
 *
 * An ambassador is eligible for a period when enrolled during it (joined_on on or before
 * its end, left_on empty or on or after its start) and, for a contest naming cohorts, in
 * one of them (compared without case). Eligible ambassadors without points have 0.
 *
 * Freezing: "changing the scheme recomputes the current contest only". A contest is
 * finished once its end_on is before the as-of day (the last day with data, and never
 * after the day of the build, `meta.build_day`): its rows are then written with `is_frozen` and `frozen_at`, and every
 * later build keeps them as they are (this model reads its own previous table and puts
 * the frozen rows back), so a changed points scheme, cap, cohort list or roster reaches
 * only contests still running, and the months. The config's
 * `points.recompute_finished_contests` (meta.settings.recompute_contests; meant for one
 * build, e.g. through a command-line flag) drops the frozen rows and recomputes every
 * contest from the config; finished contests then freeze again under the new scheme.
 * A frozen contest stays even if it is later removed from the config (it is history).
 * Months are never frozen. Deleting the warehouse loses the frozen standings.
 */
import type { TsModelDefinition } from '../../runner.ts';
import { ModelError } from '../../../pipelines/errors.ts';

/** The as-of day: the last day with data (posts, visits, outcomes), in the program's time zone. */
export const AS_OF_SQL = `
  select greatest(
    (select max(posted_on) from core.posts where owner = 'ambassador'),
    (select max(day) from core.sessions_daily),
    (select max(occurred_on) from core.outcomes)
  ) as as_of_on`;

/** Every period's points per eligible ambassador, as of now (nothing frozen yet). */
export const LIVE_STANDINGS_SQL = `
with as_of as (${AS_OF_SQL}
),

finish_line as (
  -- a contest is finished when the data has gone past its end (and today has too)
  select least(
    as_of_on,
    (select day from meta.build_day)
  ) as finished_before
  from as_of
),

daily as (
  select * from marts.points_daily
),

months as (
  select
    'month' as period_kind,
    strftime(month_start, '%Y-%m') as contest,
    cast(month_start as date) as start_on,
    cast(month_start + interval 1 month - interval 1 day as date) as end_on,
    []::varchar[] as cohorts
  from as_of,
    range(
      date_trunc('month', (select min(activity_on) from daily)),
      -- up to the last month anyone posted in: a month just begun, where nobody has posted
      -- yet, has no board (a late outcome alone does not open one)
      least(coalesce((select max(activity_on) from daily where posts > 0), (select max(activity_on) from daily)), as_of_on) + 1,
      interval 1 month
    ) as t(month_start)
  where as_of_on is not null and exists (select 1 from daily)
),

contests as (
  select
    'contest' as period_kind,
    contest,
    start_on,
    end_on,
    coalesce(list_transform(cohorts, cohort -> lower(trim(cohort))), []) as cohorts
  from meta.contests
),

periods as (
  select * from months
  union all
  select * from contests
),

eligible as (
  select
    p.*,
    a.ambassador_id
  from periods as p
  inner join core.ambassadors as a
    on coalesce(a.joined_on, p.start_on) <= p.end_on
    and (a.left_on is null or a.left_on >= p.start_on)
    -- no cohorts named: everyone takes part
    and (len(p.cohorts) = 0 or list_contains(p.cohorts, lower(trim(a.cohort))))
),

totals as (
  select
    e.period_kind,
    e.contest,
    e.start_on,
    e.end_on,
    e.cohorts,
    e.ambassador_id,
    coalesce(sum(d.posts), 0) as posts,
    coalesce(sum(d.reactions), 0) as reactions,
    coalesce(sum(d.comments), 0) as comments,
    coalesce(sum(d.shares), 0) as shares,
    coalesce(sum(d.clicks), 0) as clicks,
    coalesce(sum(d.leads), 0) as leads,
    coalesce(sum(d.applications), 0) as applications,
    coalesce(sum(d.hires), 0) as hires,
    coalesce(sum(d.points_uncapped), 0) as points_uncapped,
    coalesce(sum(d.points), 0) as points,
    count(*) filter (where d.is_capped) as capped_days
  from eligible as e
  left join daily as d
    on d.ambassador_id = e.ambassador_id
    and d.activity_on between e.start_on and e.end_on
  group by all
),

final as (
  select
    t.period_kind,
    t.contest,
    t.start_on,
    t.end_on,
    nullif(array_to_string(t.cohorts, ', '), '') as eligible_cohorts,
    t.ambassador_id,
    t.posts::integer as posts,
    t.reactions::integer as reactions,
    t.comments::integer as comments,
    t.shares::integer as shares,
    t.clicks::integer as clicks,
    t.leads::double as leads,
    t.applications::double as applications,
    t.hires::double as hires,
    round(t.points_uncapped, 2)::double as points_uncapped,
    round(t.points, 2)::double as points,
    t.capped_days::integer as capped_days,
    a.as_of_on,
    coalesce(t.start_on <= a.as_of_on and a.as_of_on <= t.end_on, false) as is_current,
    coalesce(t.period_kind = 'contest' and t.end_on < f.finished_before, false) as is_frozen,
    case when t.period_kind = 'contest' and t.end_on < f.finished_before then (get_current_timestamp() at time zone 'UTC')::timestamp end as frozen_at
  from totals as t
  cross join as_of as a
  cross join finish_line as f
)

select * from final
`;

export const model: TsModelDefinition = {
  grain: 'one row per leaderboard period (contest or month) and eligible ambassador; finished contests frozen',
  key: ['period_kind', 'contest', 'ambassador_id'],
  dependsOn: [
    'marts.points_daily',
    'core.ambassadors',
    'core.posts',
    'core.sessions_daily',
    'core.outcomes',
    'meta.contests',
    'meta.settings',
    'meta.build_day',
  ],
  tests: [
    { kind: 'accepted_values', column: 'period_kind', values: ['contest', 'month'] },
    { kind: 'not_null', column: 'points' },
    { kind: 'not_null', column: 'is_frozen' },
  ],
  async build({ warehouse }, table) {
    const settings = await warehouse.one<{ recompute: boolean | null }>(`select recompute_contests as recompute from meta.settings`);
    const keepFrozen = settings?.recompute !== true && (await warehouse.tableExists(table.schema, table.name));
    if (keepFrozen) {
      await warehouse.run(`create or replace temp table period_points_frozen as select * from ${table.qualified} where period_kind = 'contest' and is_frozen`);
    }
    await warehouse.run(`create or replace table ${table.qualified} as ${LIVE_STANDINGS_SQL}`);
    if (!keepFrozen) return;
    try {
      await warehouse.run(`delete from ${table.qualified} where period_kind = 'contest' and contest in (select contest from period_points_frozen)`);
      await warehouse.run(`insert into ${table.qualified} by name select * from period_points_frozen`);
    } catch (error) {
      throw new ModelError(
        `The frozen contest standings in ${table.schema}.${table.name} no longer fit the table (${(error as Error).message}); ` +
          'build once with points.recompute_finished_contests: true to recompute them.',
      );
    } finally {
      await warehouse.run(`drop table if exists period_points_frozen`).catch(() => undefined);
    }
  },
};
