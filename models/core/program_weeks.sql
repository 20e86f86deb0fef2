-- grain: one row per ISO week of the program, from the first enrolment to the last day with data
-- key: week_start
-- depends_on: core.ambassadors, core.posts, core.touchpoints, core.outcomes, meta.settings
-- materialized: table
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  days_with_data as (
    select
      posted_on as day
    from
      core.posts
    where
      owner = 'ambassador'
    union all
    select
      local_day (
        touched_at,
        (
          select
            timezone
          from
            settings
        )
      )
    from
      core.touchpoints
    union all
    select
      occurred_on
    from
      core.outcomes
  ),
  bounds as (
    select
      (
        select
          min(joined_on)
        from
          core.ambassadors
      ) as first_day,
      (
        select
          max(day)
        from
          days_with_data
      ) as last_day
  ),
  weeks as (
    select
      cast(week as date) as week_start
    from
      bounds,
      range(iso_week_start (coalesce(first_day, last_day)), coalesce(last_day, first_day) + 1, interval 7 day) as t (week)
  ),
  final as (
    select
      week_start,
      iso_week_label (week_start) as iso_week,
      cast(week_start + 6 as date) as week_end
    from
      weeks
  )
select
  *
from
  final
