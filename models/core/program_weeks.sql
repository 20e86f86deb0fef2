-- grain: one row per ISO week of the program, from the first enrolment to the last day with data
-- key: week_start
-- depends_on: core.program_bounds
-- materialized: table
with
  bounds as (
    select
      first_enrolled_on as first_day,
      last_day_with_data as last_day
    from
      core.program_bounds
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
