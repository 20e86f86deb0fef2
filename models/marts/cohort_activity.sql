-- grain: one row per cohort with an ambassador who posted
-- key: cohort
-- depends_on: core.ambassadors, marts.ambassador_rates, marts.ambassador_weekly
-- materialized: table
-- tests: not_null(mean_posts_per_active_week), not_null(median_posts_per_active_week)
--
-- Cohorts compared per ambassador, never pooled: each ambassador's posts per active week
-- (their posts divided by the ISO weeks they posted in, from marts.ambassador_rates)
-- first, then the cohort's mean and median over its ambassadors. Pooling the cohort's
-- posts over its active weeks would let one very active ambassador rank a cohort of light
-- posters first. Ambassadors who never posted have no rate and are left out (they show in
-- marts.participation_weekly). program_weeks: the ISO weeks marts.ambassador_weekly
-- covers, the same in every row. Ambassadors without a cohort form the group '(no cohort)'.
with
  rates as (
    select
      coalesce(nullif(trim(a.cohort), ''), '(no cohort)') as cohort,
      r.value as posts_per_active_week
    from
      marts.ambassador_rates as r
      inner join core.ambassadors as a using (ambassador_id)
    where
      r.metric = 'posts_per_active_week'
  ),
  final as (
    select
      cohort,
      count(*)::integer as ambassadors,
      -- summed as decimals, so the mean is the same to the last bit however the sum is split
      (sum(posts_per_active_week::decimal(38, 18)) / count(*))::double as mean_posts_per_active_week,
      median(posts_per_active_week)::double as median_posts_per_active_week,
      (
        select
          count(distinct week_start)
        from
          marts.ambassador_weekly
      )::integer as program_weeks
    from
      rates
    group by
      cohort
    order by
      cohort
  )
select
  *
from
  final
