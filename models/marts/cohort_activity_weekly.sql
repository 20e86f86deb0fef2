-- grain: one row per cohort and ISO week with an ambassador of the cohort enrolled or active in it
-- key: cohort, week_start
-- depends_on: marts.ambassador_weekly
-- materialized: table
-- tests: not_null(ambassadors_active), not_null(posts)
--
-- Posting intensity per cohort and week, as the program lead's report charts it. An
-- ambassador is active in a week they posted in. posts_per_active_ambassador is the mean
-- over the week's active ambassadors of each one's posts (null in a week nobody in the
-- cohort posted). Ambassadors without a cohort form the group '(no cohort)'.
with
  weekly as (
    select
      coalesce(nullif(trim(cohort), ''), '(no cohort)') as cohort,
      week_start,
      iso_week,
      posts,
      is_active
    from
      marts.ambassador_weekly
  ),
  final as (
    select
      cohort,
      week_start,
      any_value(iso_week) as iso_week,
      (count(*) filter(is_active))::integer as ambassadors_active,
      sum(posts)::integer as posts,
      (avg(posts) filter(is_active))::double as posts_per_active_ambassador
    from
      weekly
    group by
      cohort,
      week_start
    order by
      week_start,
      cohort
  )
select
  *
from
  final
