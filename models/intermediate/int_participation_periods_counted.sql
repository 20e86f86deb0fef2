-- grain: one row per period of the program (each ISO week, each calendar month) with its enrolled ambassadors counted by participation
-- key: period, period_start
-- depends_on: core.program_weeks, intermediate.int_ambassador_activity_bounded, core.ambassadors, core.posts
-- materialized: table
-- tests: not_null(enrolled), accepted_values(period: week, month)
--
-- The program's one definition of enrolled and active, per week (marts.participation_weekly)
-- and per month (marts.participation_monthly). Weeks are core.program_weeks; months run from
-- the month of the first enrolment or ambassador post to the last day of ambassadors' activity.
-- Enrolled: on the roster at the period's end (joined_on on or before it, left_on not before
-- it), or at the last day of ambassadors' activity when the period runs past it, so an
-- ambassador who left during the period is not counted in it; newly_enrolled: of them, those
-- who joined in the period. Of the enrolled: active = posted at least once in the period;
-- new = active with their first post ever in the period; lapsed = posted before the period
-- but not in it; never_active = no post up to the period's end.
-- active + lapsed + never_active = enrolled. participation_rate = active / enrolled.
-- days_with_data: the period's days up to the last day of ambassadors' activity.
with
  last_day_with_data as (
    select
      last_activity_on as day
    from
      intermediate.int_ambassador_activity_bounded
  ),
  first_day as (
    select
      least(first_enrolled_on, first_ambassador_post_on) as day
    from
      intermediate.int_ambassador_activity_bounded
  ),
  periods as (
    select
      'week' as period,
      w.week_start as period_start,
      w.week_end as period_end,
      least(w.week_end, coalesce(l.day, w.week_end)) as as_of
    from
      core.program_weeks as w
      cross join last_day_with_data as l
    union all
    select
      'month',
      cast(t.month as date),
      last_day(cast(t.month as date)),
      least(last_day(cast(t.month as date)), l.day)
    from
      first_day as f
      cross join last_day_with_data as l,
      range(cast(date_trunc('month', f.day) as date), l.day + 1, interval 1 month) as t (month)
  ),
  posting_days as (
    select distinct
      ambassador_id,
      posted_on
    from
      core.posts
    where
      owner = 'ambassador'
      and ambassador_id is not null
  ),
  first_posts as (
    select
      ambassador_id,
      min(posted_on) as first_post_on
    from
      posting_days
    group by
      ambassador_id
  ),
  enrolled as (
    select
      p.period,
      p.period_start,
      p.period_end,
      a.ambassador_id,
      a.joined_on between p.period_start and p.period_end as is_newly_enrolled
    from
      periods as p
      inner join core.ambassadors as a on coalesce(a.joined_on, p.as_of) <= p.as_of
      and (
        a.left_on is null
        or a.left_on >= p.as_of
      )
  ),
  classified as (
    select
      e.period,
      e.period_start,
      e.is_newly_enrolled,
      exists (
        select
          1
        from
          posting_days as d
        where
          d.ambassador_id = e.ambassador_id
          and d.posted_on between e.period_start and e.period_end
      ) as is_active,
      f.first_post_on between e.period_start and e.period_end as is_new,
      f.first_post_on < e.period_start as posted_before,
      f.first_post_on is null
      or f.first_post_on > e.period_end as is_never_active
    from
      enrolled as e
      left join first_posts as f using (ambassador_id)
  ),
  counts as (
    select
      period,
      period_start,
      count(*) as enrolled,
      count(*) filter(is_active) as active,
      count(*) filter(
        where
          is_active
          and is_new
      ) as new_active,
      count(*) filter(is_newly_enrolled) as newly_enrolled,
      count(*) filter(
        where
          posted_before
          and not is_active
      ) as lapsed,
      count(*) filter(is_never_active) as never_active
    from
      classified
    group by
      period,
      period_start
  ),
  final as (
    select
      p.period,
      p.period_start,
      p.period_end,
      coalesce(c.enrolled, 0)::integer as enrolled,
      coalesce(c.newly_enrolled, 0)::integer as newly_enrolled,
      coalesce(c.active, 0)::integer as active,
      coalesce(c.new_active, 0)::integer as "new",
      coalesce(c.lapsed, 0)::integer as lapsed,
      coalesce(c.never_active, 0)::integer as never_active,
      (c.active / nullif(c.enrolled, 0))::double as participation_rate,
      (p.as_of - p.period_start + 1)::integer as days_with_data
    from
      periods as p
      left join counts as c using (period, period_start)
    order by
      p.period,
      p.period_start
  )
select
  *
from
  final
