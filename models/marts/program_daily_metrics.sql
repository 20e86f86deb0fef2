-- grain: one row per day and metric of the ambassadors' activity and credited outcomes
-- key: day, metric
-- depends_on: core.posts, core.ambassador_impressions_daily, core.sessions_daily, marts.attribution_credits, meta.settings
-- materialized: table
-- tests: accepted_values(metric: posts, impressions, engagements, sessions, leads, conversions, applications, hires, value)
--
-- The daily series goals are measured on. Impressions and engagements are the
-- ambassadors' LinkedIn daily analytics where they cover the day (counted on the day they
-- happened, every post, not only the 50 top posts), else the posts' own figures on the
-- day posted (core.ambassador_impressions_daily); posts count on the day they were shared; outcomes count
-- as credited to ambassadors under the default attribution model.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  post_metrics as (
    select
      posted_on as day,
      count(*)::double as posts
    from
      core.posts
    where
      owner = 'ambassador'
    group by all
  ),
  reach_metrics as (
    select
      day,
      sum(impressions)::double as impressions,
      sum(engagements)::double as engagements
    from
      core.ambassador_impressions_daily
    group by all
  ),
  session_metrics as (
    select
      day,
      sum(sessions)::double as sessions
    from
      core.sessions_daily
    where
      ambassador_id is not null
    group by all
  ),
  outcome_metrics as (
    select
      occurred_on as day,
      sum(credit::decimal(38, 18)) filter(outcome_kind = 'lead')::double as leads,
      sum(credit::decimal(38, 18)) filter(outcome_kind = 'conversion')::double as conversions,
      sum(credit::decimal(38, 18)) filter(outcome_kind = 'application')::double as applications,
      sum(credit::decimal(38, 18)) filter(outcome_kind = 'hire')::double as hires,
      sum(value_credit::decimal(38, 18))::double as value
    from
      marts.attribution_credits
    where
      granularity = 'ambassador'
      and ambassador_id is not null
      and model = (
        select
          default_model
        from
          settings
      )
    group by all
  ),
  long_form as (
    unpivot post_metrics on posts into name metric value value
    union all
    unpivot reach_metrics on impressions,
    engagements into name metric value value
    union all
    unpivot session_metrics on sessions into name metric value value
    union all
    unpivot outcome_metrics on leads,
    conversions,
    applications,
    hires,
    value into name metric value value
  ),
  final as (
    select
      day,
      metric,
      sum(value::decimal(38, 18))::double as value
    from
      long_form
    where
      day is not null
    group by all
    order by
      day,
      metric
  )
select
  *
from
  final
