-- grain: one row per ambassador and metric: the per-ambassador rates the cohort comparison uses
-- key: ambassador_id, metric
-- depends_on: core.ambassadors, intermediate.int_ambassador_posts_counted, marts.ambassador_weekly
-- materialized: table
-- tests: not_null(value), accepted_values(metric: posts_per_active_week, impressions_per_post, engagement_rate, sessions_per_active_week, leads_per_active_week, applications_per_active_week)
--
-- An active week is an ISO week with at least one post. Rates per active week divide the
-- ambassador's whole-program total by their active weeks (sessions and outcomes from
-- older posts included); an ambassador who never posted has no rate, and shows in
-- marts.participation_* instead. impressions_per_post counts only posts an export gives
-- impressions for; engagement_rate = engagements / impressions over posts with both.
-- Sessions are tracked visits from the ambassador's links (clicks); leads and
-- applications are credited under the default attribution model. A metric the data
-- cannot give for an ambassador has no row (never a 0 that means "unknown").
with
  weekly as (
    select
      *
    from
      marts.ambassador_weekly
  ),
  per_ambassador as (
    select
      ambassador_id,
      count(*) filter(is_active) as active_weeks,
      sum(posts) as posts,
      sum(sessions) as sessions,
      sum(leads::decimal(38, 18))::double as leads,
      sum(applications::decimal(38, 18))::double as applications
    from
      weekly
    group by
      ambassador_id
  ),
  post_metrics as (
    select
      *
    from
      intermediate.int_ambassador_posts_counted
  ),
  active_week_rates as (
    unpivot (
      select
        ambassador_id,
        posts / active_weeks as posts_per_active_week,
        sessions / active_weeks as sessions_per_active_week,
        leads / active_weeks as leads_per_active_week,
        applications / active_weeks as applications_per_active_week
      from
        per_ambassador
      where
        active_weeks > 0
    ) on posts_per_active_week,
    sessions_per_active_week,
    leads_per_active_week,
    applications_per_active_week into name metric value value
  ),
  rates as (
    select
      *
    from
      active_week_rates
    union all
    select
      ambassador_id,
      'impressions_per_post',
      impressions / posts_with_impressions
    from
      post_metrics
    where
      posts_with_impressions > 0
    union all
    select
      ambassador_id,
      'engagement_rate',
      engagements / impressions_with_engagements
    from
      post_metrics
    where
      impressions_with_engagements > 0
  ),
  final as (
    select
      r.ambassador_id,
      r.metric,
      r.value::double as value
    from
      rates as r
    where
      r.ambassador_id in (
        select
          ambassador_id
        from
          core.ambassadors
      )
      and r.value is not null
    order by
      r.ambassador_id,
      r.metric
  )
select
  *
from
  final
