-- grain: one row per calendar month of the program, from the month of the first enrolment to the last day of ambassadors' activity
-- key: month_start
-- depends_on: intermediate.int_participation_periods_counted
-- materialized: table
-- tests: not_null(enrolled)
--
-- The monthly twin of marts.participation_weekly: the same counts per calendar month, as
-- intermediate.int_participation_periods_counted defines them.
select
  period_start as month_start,
  strftime(period_start, '%Y-%m') as month,
  period_end as month_end,
  enrolled,
  newly_enrolled,
  active,
  "new",
  lapsed,
  never_active,
  participation_rate
from
  intermediate.int_participation_periods_counted
where
  period = 'month'
order by
  period_start
