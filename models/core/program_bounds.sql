-- grain: one row: the program's first enrolment and its last day with data
-- depends_on: core.ambassadors, core.posts, core.touchpoints, core.outcomes, meta.settings
-- materialized: table
--
-- last_day_with_data is the last day of ambassador posts, visits (their local day in the
-- configured time zone) or outcomes: the end of core.program_weeks, and the as-of day of
-- marts.content_performance.
with
  days as (
    select
      (
        select
          min(joined_on)
        from
          core.ambassadors
      ) as first_enrolled_on,
      (
        select
          max(posted_on)
        from
          core.posts
        where
          owner = 'ambassador'
      ) as last_ambassador_post_on,
      (
        select
          max(local_day (v.touched_at, s.timezone))
        from
          core.touchpoints as v
          cross join meta.settings as s
      ) as last_visit_on,
      (
        select
          max(occurred_on)
        from
          core.outcomes
      ) as last_outcome_on
  ),
  final as (
    select
      first_enrolled_on,
      greatest(last_ambassador_post_on, last_visit_on, last_outcome_on) as last_day_with_data
    from
      days
  )
select
  *
from
  final
