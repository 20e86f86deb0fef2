-- grain: one row: the first and last days of ambassadors' enrolment, posts and sessions
-- depends_on: core.ambassadors, core.posts, core.sessions_daily
-- materialized: table
--
--   first_enrolled_on          the first joined_on of the roster
--   first_ambassador_post_on   the first ambassador post
--   last_ambassador_post_on    the last ambassador post
--   last_session_on            the last day with a session (any source, any ambassador or none)
--   last_activity_on           the last day of ambassadors' activity: their posts, and sessions
--                              from their links; outcomes trail it, so they do not extend it
with
  roster as (
    select
      min(joined_on) as first_enrolled_on
    from
      core.ambassadors
  ),
  ambassador_posts as (
    select
      min(posted_on) as first_ambassador_post_on,
      max(posted_on) as last_ambassador_post_on
    from
      core.posts
    where
      owner = 'ambassador'
  ),
  sessions as (
    select
      max(day) as last_session_on,
      max(day) filter(ambassador_id is not null) as last_ambassador_session_on
    from
      core.sessions_daily
  ),
  final as (
    select
      r.first_enrolled_on,
      p.first_ambassador_post_on,
      p.last_ambassador_post_on,
      s.last_session_on,
      greatest(p.last_ambassador_post_on, s.last_ambassador_session_on) as last_activity_on
    from
      roster as r
      cross join ambassador_posts as p
      cross join sessions as s
  )
select
  *
from
  final
