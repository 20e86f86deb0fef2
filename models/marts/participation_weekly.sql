-- grain: one row per ISO week of the program
-- key: week_start
-- depends_on: intermediate.int_participation_periods_counted, core.program_weeks
-- materialized: table
-- tests: not_null(enrolled)
--
-- Enrolled, newly enrolled, active, new, lapsed and never active ambassadors per week, as
-- intermediate.int_participation_periods_counted defines them (marts.program_weekly takes
-- its counts from here). days_with_data: the week's days up to the last day of ambassadors'
-- activity (7 but for a part week at the end), so a part week is not compared with full ones.
select
  p.period_start as week_start,
  w.iso_week,
  p.period_end as week_end,
  p.enrolled,
  p.newly_enrolled,
  p.active,
  p."new",
  p.lapsed,
  p.never_active,
  p.participation_rate,
  p.days_with_data
from
  intermediate.int_participation_periods_counted as p
  inner join core.program_weeks as w on w.week_start = p.period_start
where
  p.period = 'week'
order by
  p.period_start
