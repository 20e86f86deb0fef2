-- grain: one row per leader (is_leader) and activity metric: the leader's own value against their team's median
-- key: leader_id, metric
-- depends_on: core.ambassadors, intermediate.int_ambassador_weeks_enrolled, intermediate.int_ambassador_posts_counted, marts.ambassador_rates
-- materialized: table
-- tests: accepted_values(metric: posts, posts_per_active_week, active_week_share), accepted_values(team_basis: department, reports)
--
-- Leaders as role models. A leader's team is the other ambassadors of their department
-- (team_basis = department); a leader with no department is compared with the
-- ambassadors whose lead_id names them (team_basis = reports). Metrics over the program
-- to date: posts; posts_per_active_week = posts / ISO weeks with at least one post, the
-- per-ambassador rate of marts.ambassador_rates that marts.cohort_comparison compares
-- leaders and staff on; active_week_share = weeks with a post / weeks enrolled. Everyone
-- on the roster counts, those who never posted too (with 0 posts and 0 active weeks),
-- except in posts_per_active_week, which they have none of: a leader who never posted
-- has no value there and is below a team that has a median. is_below_team: the leader's
-- value is below the team's median. A leader without a team has a row with no median.
with
  ambassadors as (
    select
      *
    from
      core.ambassadors
  ),
  enrolled_weeks as (
    select
      ambassador_id,
      count(*) as weeks
    from
      intermediate.int_ambassador_weeks_enrolled
    group by
      ambassador_id
  ),
  posts as (
    select
      ambassador_id,
      posts,
      active_weeks
    from
      intermediate.int_ambassador_posts_counted
  ),
  posts_per_active_week as (
    select
      ambassador_id,
      value
    from
      marts.ambassador_rates
    where
      metric = 'posts_per_active_week'
  ),
  activity as (
    select
      a.ambassador_id,
      coalesce(p.posts, 0)::double as posts,
      r.value::double as posts_per_active_week,
      (coalesce(p.active_weeks, 0) / nullif(e.weeks, 0))::double as active_week_share
    from
      ambassadors as a
      left join posts as p using (ambassador_id)
      left join posts_per_active_week as r using (ambassador_id)
      left join enrolled_weeks as e using (ambassador_id)
  ),
  -- nulls kept, so a leader who never posted keeps a posts_per_active_week row; median() and count() pass over them
  activity_long as (
    select
      *
    from
      activity
    unpivot include nulls (value for metric in (posts, posts_per_active_week, active_week_share))
  ),
  leaders as (
    select
      *
    from
      ambassadors
    where
      is_leader
  ),
  teams as (
    select
      l.ambassador_id as leader_id,
      m.ambassador_id as member_id
    from
      leaders as l
      inner join ambassadors as m on m.ambassador_id <> l.ambassador_id
      and (
        (
          l.department is not null
          and m.department = l.department
        )
        or (
          l.department is null
          and m.lead_id = l.ambassador_id
        )
      )
  ),
  team_medians as (
    select
      t.leader_id,
      v.metric,
      count(v.value) as team_size,
      median(v.value) as team_median
    from
      teams as t
      inner join activity_long as v on v.ambassador_id = t.member_id
    group by all
  ),
  final as (
    select
      l.ambassador_id as leader_id,
      l.name as leader_name,
      l.department,
      case
        when l.department is not null then 'department'
        else 'reports'
      end as team_basis,
      own.metric,
      own.value::double as leader_value,
      coalesce(m.team_size, 0)::integer as team_size,
      m.team_median::double as team_median,
      (own.value - m.team_median)::double as difference,
      (own.value / nullif(m.team_median, 0))::double as ratio_to_team_median,
      case
        when m.team_median is not null then coalesce(own.value < m.team_median, true)
      end as is_below_team
    from
      leaders as l
      inner join activity_long as own on own.ambassador_id = l.ambassador_id
      left join team_medians as m on m.leader_id = l.ambassador_id
      and m.metric = own.metric
    order by
      l.ambassador_id,
      own.metric
  )
select
  *
from
  final
