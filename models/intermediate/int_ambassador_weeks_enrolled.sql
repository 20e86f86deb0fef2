-- grain: one row per ambassador and ISO week of the program they were on the roster for at least one day of
-- key: ambassador_id, week_start
-- depends_on: core.ambassadors, core.program_weeks
-- materialized: table
-- tests: not_null(week_end)
--
-- A week counts when it ends on or after joined_on and starts on or before left_on; an
-- unknown joined_on or left_on does not bound it (marts.ambassador_weekly,
-- marts.leader_example).
select
  a.ambassador_id,
  w.week_start,
  w.week_end
from
  core.ambassadors as a
  inner join core.program_weeks as w on w.week_end >= coalesce(a.joined_on, w.week_start)
  and (
    a.left_on is null
    or w.week_start <= a.left_on
  )
