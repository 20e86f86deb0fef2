-- grain: one row per ISO week of the program
-- key: week_start
-- depends_on: core.program_weeks, marts.participation_weekly, marts.ambassador_weekly, core.sessions_daily, core.outcomes
-- materialized: table
--
-- ambassadors_enrolled and ambassadors_active are marts.participation_weekly's enrolled
-- and active, the program's one definition: enrolled = on the roster at the week's end,
-- active = of them, posted at least once in the week (a row of marts.ambassador_weekly is
-- no enrolment: a zero-impression day or a leaver's last week makes one). days_with_data
-- comes from there too: the week's days up to the last day of ambassadors' activity, 7
-- but for a part week at the end. posts counts every ambassador's post in the week, a
-- leaver's too. The other ambassadors' columns come from marts.ambassador_weekly; the
-- all_* columns count every session (core.sessions_daily) and outcome, whatever its
-- channel, for the share the program has.
with
  weeks as (
    select
      *
    from
      core.program_weeks
  ),
  participation as (
    select
      week_start,
      enrolled,
      active,
      days_with_data
    from
      marts.participation_weekly
  ),
  ambassador_weeks as (
    select
      week_start,
      sum(posts) as posts,
      sum(impressions) as impressions,
      sum(sessions) as sessions,
      sum(leads::decimal(38, 18))::double as leads,
      sum(applications::decimal(38, 18))::double as applications,
      sum(value::decimal(38, 18))::double as value
    from
      marts.ambassador_weekly
    group by
      week_start
  ),
  all_sessions as (
    select
      iso_week_start (day) as week_start,
      sum(sessions) as all_sessions
    from
      core.sessions_daily
    group by all
  ),
  all_outcomes as (
    select
      iso_week_start (occurred_on) as week_start,
      count(*) filter(kind = 'lead') as all_leads,
      count(*) filter(kind = 'application') as all_applications
    from
      core.outcomes
    group by all
  ),
  final as (
    select
      w.week_start,
      w.iso_week,
      coalesce(e.enrolled, 0)::integer as ambassadors_enrolled,
      coalesce(e.active, 0)::integer as ambassadors_active,
      coalesce(a.posts, 0)::integer as posts,
      a.impressions::double as impressions,
      coalesce(a.sessions, 0)::integer as sessions,
      coalesce(s.all_sessions, 0)::integer as all_sessions,
      coalesce(a.leads, 0)::double as leads,
      coalesce(o.all_leads, 0)::integer as all_leads,
      coalesce(a.applications, 0)::double as applications,
      coalesce(o.all_applications, 0)::integer as all_applications,
      coalesce(a.value, 0)::double as value,
      e.days_with_data::integer as days_with_data
    from
      weeks as w
      left join participation as e using (week_start)
      left join ambassador_weeks as a using (week_start)
      left join all_sessions as s using (week_start)
      left join all_outcomes as o using (week_start)
    order by
      w.week_start
  )
select
  *
from
  final
