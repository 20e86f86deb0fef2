-- grain: one row per day the program's costs are counted on, from its first day (first enrolment, activity or cost) to the last day of ambassadors' activity
-- key: day
-- depends_on: core.ambassadors, core.costs, core.posts, core.touchpoints, meta.settings
-- materialized: table
--
-- The calendar core.enrolled_days and core.cost_days count on (and so
-- marts.value_components and marts.cost_lines). The last day is the last day of ambassadors' posts or tracked visits: costs after it
-- are not incurred yet, and outcomes, which trail the activity, do not extend it.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  activity_days as (
    select
      posted_on as day
    from
      core.posts
    where
      owner = 'ambassador'
      and ambassador_id is not null
    union all
    select
      local_day (t.touched_at, s.timezone)
    from
      core.touchpoints as t
      cross join settings as s
    where
      t.ambassador_id is not null
  ),
  bounds as (
    select
      least(
        (
          select
            min(joined_on)
          from
            core.ambassadors
        ),
        (
          select
            min(day)
          from
            activity_days
        ),
        (
          select
            min(period_start)
          from
            core.costs
          where
            is_program_currency
        )
      ) as first_day,
      (
        select
          max(day)
        from
          activity_days
      ) as last_day
  ),
  final as (
    select
      cast(t.day as date) as day
    from
      bounds as b,
      range(b.first_day, b.last_day + 1, interval 1 day) as t (day)
    order by
      day
  )
select
  *
from
  final
