-- grain: one row per ambassador and metric: the per-ambassador rates the cohort comparison uses
-- key: ambassador_id, metric
-- depends_on: core.ambassadors, core.posts, marts.ambassador_weekly
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
      count(*) filter(
        where
          is_active
      ) as active_weeks,
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
      ambassador_id,
      sum(impressions) as impressions,
      count(impressions) as posts_with_impressions,
      sum(engagements) filter(
        where
          impressions is not null
      ) as engagements,
      sum(impressions) filter(
        where
          engagements is not null
      ) as impressions_with_engagements
    from
      core.posts
    where
      owner = 'ambassador'
      and ambassador_id is not null
    group by
      ambassador_id
  ),
  rates as (
    select
      ambassador_id,
      'posts_per_active_week' as metric,
      posts / active_weeks as value
    from
      per_ambassador
    where
      active_weeks > 0
    union all
    select
      ambassador_id,
      'sessions_per_active_week',
      sessions / active_weeks
    from
      per_ambassador
    where
      active_weeks > 0
    union all
    select
      ambassador_id,
      'leads_per_active_week',
      leads / active_weeks
    from
      per_ambassador
    where
      active_weeks > 0
    union all
    select
      ambassador_id,
      'applications_per_active_week',
      applications / active_weeks
    from
      per_ambassador
    where
      active_weeks > 0
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
