-- grain: one row: the program to date, for the report's headline
-- key: company_name
-- depends_on: meta.settings, core.program_days, marts.ambassador_totals, marts.program_weekly, marts.attribution_credits, core.outcomes, core.ambassador_impressions_daily, core.touchpoints
-- materialized: table
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  totals as (
    select
      count(*) as ambassadors_enrolled,
      count(*) filter(posts > 0) as ambassadors_active,
      sum(posts) as posts,
      sum(impressions) as impressions,
      sum(sessions) as sessions,
      sum(leads::decimal(38, 18))::double as leads,
      sum(applications::decimal(38, 18))::double as applications,
      sum(hires::decimal(38, 18))::double as hires,
      sum(conversions::decimal(38, 18))::double as conversions,
      sum(value::decimal(38, 18))::double as value
    from
      marts.ambassador_totals
  ),
  weekly as (
    select
      sum(all_sessions) as all_sessions,
      sum(all_leads) as all_leads,
      sum(all_applications) as all_applications
    from
      marts.program_weekly
  ),
  engagement as (
    select
      sum(engagements) as engagements
    from
      core.ambassador_impressions_daily
  ),
  credited as (
    select
      sum(credit::decimal(38, 18))::double as outcomes_credited_to_ambassadors
    from
      marts.attribution_credits
    where
      granularity = 'program'
      and channel = 'Employee advocacy'
      and model = (
        select
          default_model
        from
          settings
      )
  ),
  -- what the credits rest on: a journey needs visit-level data (the touchpoints file);
  -- without it, only an outcome's own tags or referrer can credit it
  evidence as (
    select
      count(distinct outcome_id) filter(basis = 'journey') as outcomes_with_journey,
      count(distinct outcome_id) filter(basis in ('outcome_utm', 'referral')) as outcomes_with_own_evidence
    from
      marts.attribution_credits
    where
      granularity = 'program'
      and model = (
        select
          default_model
        from
          settings
      )
  ),
  final as (
    select
      s.company_name,
      s.currency,
      -- the program's days, as the ROI's program-to-date row counts them
      (
        select
          min(day)
        from
          core.program_days
      ) as period_start,
      (
        select
          max(day)
        from
          core.program_days
      ) as period_end,
      coalesce(t.ambassadors_enrolled, 0)::integer as ambassadors_enrolled,
      coalesce(t.ambassadors_active, 0)::integer as ambassadors_active,
      coalesce(t.posts, 0)::integer as posts,
      t.impressions::double as impressions,
      e.engagements::double as engagements,
      coalesce(t.sessions, 0)::integer as sessions,
      coalesce(w.all_sessions, 0)::integer as all_sessions,
      coalesce(t.leads, 0)::double as leads,
      coalesce(w.all_leads, 0)::integer as all_leads,
      coalesce(t.applications, 0)::double as applications,
      coalesce(w.all_applications, 0)::integer as all_applications,
      coalesce(t.hires, 0)::double as hires,
      coalesce(t.conversions, 0)::double as conversions,
      coalesce(t.value, 0)::double as value,
      (
        select
          count(*)
        from
          core.outcomes
      )::integer as outcomes,
      coalesce(c.outcomes_credited_to_ambassadors, 0)::double as outcomes_credited_to_ambassadors,
      (
        select
          count(*)
        from
          core.touchpoints
      )::integer as visits,
      coalesce(v.outcomes_with_journey, 0)::integer as outcomes_with_journey,
      coalesce(v.outcomes_with_own_evidence, 0)::integer as outcomes_with_own_evidence
    from
      settings as s
      cross join totals as t
      cross join weekly as w
      cross join engagement as e
      cross join credited as c
      cross join evidence as v
  )
select
  *
from
  final
