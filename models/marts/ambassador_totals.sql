-- grain: one row per ambassador, program to date
-- key: ambassador_id
-- depends_on: core.ambassadors, marts.ambassador_weekly, intermediate.int_ambassador_posts_counted
-- materialized: table
with
  weekly as (
    select
      *
    from
      marts.ambassador_weekly
  ),
  totals as (
    select
      ambassador_id,
      sum(posts) as posts,
      sum(impressions) as impressions,
      sum(sessions) as sessions,
      sum(leads::decimal(38, 18))::double as leads,
      sum(applications::decimal(38, 18))::double as applications,
      sum(conversions::decimal(38, 18))::double as conversions,
      sum(hires::decimal(38, 18))::double as hires,
      sum(value::decimal(38, 18))::double as value,
      count(*) filter(is_active) as weeks_active
    from
      weekly
    group by
      ambassador_id
  ),
  first_posts as (
    select
      ambassador_id,
      first_post_on
    from
      intermediate.int_ambassador_posts_counted
  ),
  final as (
    select
      a.ambassador_id,
      a.name as ambassador_name,
      a.department,
      a.cohort,
      a.is_leader,
      coalesce(t.posts, 0)::integer as posts,
      t.impressions::double as impressions,
      coalesce(t.sessions, 0)::integer as sessions,
      coalesce(t.leads, 0)::double as leads,
      coalesce(t.applications, 0)::double as applications,
      coalesce(t.conversions, 0)::double as conversions,
      coalesce(t.hires, 0)::double as hires,
      coalesce(t.value, 0)::double as value,
      f.first_post_on,
      coalesce(t.weeks_active, 0)::integer as weeks_active
    from
      core.ambassadors as a
      left join totals as t using (ambassador_id)
      left join first_posts as f using (ambassador_id)
    order by
      a.ambassador_id
  )
select
  *
from
  final
