-- grain: one row per ambassador: the span of week starts of the ISO weeks they were enrolled for in full and that end by the last day of ambassadors' activity
-- key: ambassador_id
-- depends_on: core.ambassadors, core.posts, core.sessions_daily
-- materialized: table
-- tests: not_null(last_complete_week_start)
--
-- The weeks a before/after comparison of an ambassador's weekly rates may use: a week counts
-- when it starts on or after joined_on, ends on or before left_on and ends by the last day of
-- ambassadors' activity. first_complete_week_start is null when joined_on is unknown (no
-- lower bound). Without any activity there is no complete week, and no row.
-- the last day of ambassadors' activity (posts, sessions from their links); outcomes trail it, so they do not extend it
with
  last_day_with_data as (
    select
      greatest(
        (
          select
            max(posted_on)
          from
            core.posts
          where
            owner = 'ambassador'
        ),
        (
          select
            max(day)
          from
            core.sessions_daily
          where
            ambassador_id is not null
        )
      ) as day
  )
select
  a.ambassador_id,
  a.joined_on as first_complete_week_start,
  least(coalesce(a.left_on, l.day), l.day) - 6 as last_complete_week_start
from
  core.ambassadors as a
  cross join last_day_with_data as l
where
  l.day is not null
order by
  a.ambassador_id
