-- grain: one row per ambassador: the span of week starts of the ISO weeks they were enrolled for in full and that end by the last day of ambassadors' activity
-- key: ambassador_id
-- depends_on: core.ambassadors, intermediate.int_ambassador_activity_bounded
-- materialized: table
-- tests: not_null(last_complete_week_start)
--
-- The weeks a before/after comparison of an ambassador's weekly rates may use: a week counts
-- when it starts on or after joined_on, ends on or before left_on and ends by the last day of
-- ambassadors' activity. first_complete_week_start is null when joined_on is unknown (no
-- lower bound). Without any activity there is no complete week, and no row.
select
  a.ambassador_id,
  a.joined_on as first_complete_week_start,
  least(coalesce(a.left_on, b.last_activity_on), b.last_activity_on) - 6 as last_complete_week_start
from
  core.ambassadors as a
  cross join intermediate.int_ambassador_activity_bounded as b
where
  b.last_activity_on is not null
order by
  a.ambassador_id
