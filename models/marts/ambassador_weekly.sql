-- grain: one row per ambassador and ISO week they were enrolled in or active in
-- key: ambassador_id, week_start
-- depends_on: core.ambassadors, intermediate.int_ambassador_weeks_enrolled, core.posts, core.ambassador_impressions_daily, core.sessions_daily, marts.attribution_credits, meta.settings
-- materialized: table
--
-- Posts count in the week they were shared; impressions and engagements in the week
-- they happened where the ambassador's LinkedIn daily series covers the day, else in the
-- week a post with its own figures was posted (core.ambassador_impressions_daily; null
-- when no export gives any); sessions in the week of the visit; outcomes in the week they
-- occurred, credited under the default attribution model at ambassador granularity.
with
  ambassadors as (
    select
      *
    from
      core.ambassadors
  ),
  settings as (
    select
      *
    from
      meta.settings
  ),
  enrolled_weeks as (
    select
      ambassador_id,
      week_start
    from
      intermediate.int_ambassador_weeks_enrolled
  ),
  posts_per_week as (
    select
      ambassador_id,
      iso_week_start (posted_on) as week_start,
      count(*) as posts,
      count(*) filter(platform = 'linkedin') as linkedin_posts,
      count(*) filter(platform = 'facebook') as facebook_posts
    from
      core.posts
    where
      owner = 'ambassador'
      and ambassador_id is not null
    group by all
  ),
  reach_per_week as (
    select
      ambassador_id,
      iso_week_start (day) as week_start,
      sum(impressions) as impressions,
      sum(engagements) as engagements
    from
      core.ambassador_impressions_daily
    group by all
  ),
  sessions_per_week as (
    select
      ambassador_id,
      iso_week_start (day) as week_start,
      sum(sessions) as sessions
    from
      core.sessions_daily
    where
      ambassador_id is not null
    group by all
  ),
  credits_per_week as (
    select
      c.ambassador_id,
      iso_week_start (c.occurred_on) as week_start,
      sum(c.credit::decimal(38, 18)) filter(c.outcome_kind = 'lead')::double as leads,
      sum(c.credit::decimal(38, 18)) filter(c.outcome_kind = 'application')::double as applications,
      sum(c.credit::decimal(38, 18)) filter(c.outcome_kind = 'conversion')::double as conversions,
      sum(c.credit::decimal(38, 18)) filter(c.outcome_kind = 'hire')::double as hires,
      sum(c.value_credit::decimal(38, 18))::double as value
    from
      marts.attribution_credits as c
    where
      c.granularity = 'ambassador'
      and c.ambassador_id is not null
      and c.model = (
        select
          default_model
        from
          settings
      )
    group by all
  ),
  -- activity outside the enrolment dates (a post before joined_on) still counts
  ambassador_week_keys as (
    select
      ambassador_id,
      week_start
    from
      enrolled_weeks
    union
    select
      ambassador_id,
      week_start
    from
      posts_per_week
    union
    select
      ambassador_id,
      week_start
    from
      reach_per_week
    union
    select
      ambassador_id,
      week_start
    from
      sessions_per_week
    union
    select
      ambassador_id,
      week_start
    from
      credits_per_week
  ),
  final as (
    select
      e.ambassador_id,
      a.name as ambassador_name,
      a.department,
      a.cohort,
      a.is_leader,
      e.week_start,
      iso_week_label (e.week_start) as iso_week,
      coalesce(p.posts, 0)::integer as posts,
      coalesce(p.linkedin_posts, 0)::integer as linkedin_posts,
      coalesce(p.facebook_posts, 0)::integer as facebook_posts,
      r.impressions::double as impressions,
      r.engagements::double as engagements,
      coalesce(s.sessions, 0)::integer as sessions,
      coalesce(c.leads, 0)::double as leads,
      coalesce(c.applications, 0)::double as applications,
      coalesce(c.conversions, 0)::double as conversions,
      coalesce(c.hires, 0)::double as hires,
      coalesce(c.value, 0)::double as value,
      coalesce(p.posts, 0) > 0 as is_active
    from
      ambassador_week_keys as e
      inner join ambassadors as a using (ambassador_id)
      left join posts_per_week as p using (ambassador_id, week_start)
      left join reach_per_week as r using (ambassador_id, week_start)
      left join sessions_per_week as s using (ambassador_id, week_start)
      left join credits_per_week as c using (ambassador_id, week_start)
    order by
      e.ambassador_id,
      e.week_start
  )
select
  *
from
  final
