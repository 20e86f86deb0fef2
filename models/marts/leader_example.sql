-- grain: one row per leader (is_leader) and activity metric: the leader's own value against their team's median
-- key: leader_id, metric
-- depends_on: core.ambassadors, core.program_weeks, core.posts
-- materialized: table
-- tests: accepted_values(metric: posts, posts_per_week, active_week_share), accepted_values(team_basis: department, reports)
--
-- Leaders as role models. A leader's team is the other ambassadors of their department
-- (team_basis = department); a leader with no department is compared with the
-- ambassadors whose lead_id names them (team_basis = reports). Everyone on the roster
-- counts, those who never posted too (with 0). Metrics over the program to date: posts;
-- posts_per_week = posts / ISO weeks enrolled; active_week_share = weeks with a post /
-- weeks enrolled. is_below_team: the leader's value is below the team's median. A leader
-- without a team has a row with no median.

with ambassadors as (
  select * from core.ambassadors
),

weeks as (
  select * from core.program_weeks
),

enrolled_weeks as (
  select a.ambassador_id, count(*) as weeks
  from ambassadors as a
  inner join weeks as w
    on w.week_end >= coalesce(a.joined_on, w.week_start)
    and (a.left_on is null or w.week_start <= a.left_on)
  group by a.ambassador_id
),

posts as (
  select ambassador_id, count(*) as posts, count(distinct iso_week_start(posted_on)) as active_weeks
  from core.posts
  where owner = 'ambassador' and ambassador_id is not null
  group by ambassador_id
),

activity as (
  select
    a.ambassador_id,
    coalesce(p.posts, 0)::double as posts,
    (coalesce(p.posts, 0) / nullif(e.weeks, 0))::double as posts_per_week,
    (coalesce(p.active_weeks, 0) / nullif(e.weeks, 0))::double as active_week_share
  from ambassadors as a
  left join posts as p using (ambassador_id)
  left join enrolled_weeks as e using (ambassador_id)
),

activity_long as (
  unpivot activity on posts, posts_per_week, active_week_share into name metric value value
),

leaders as (
  select * from ambassadors where is_leader
),

teams as (
  select
    l.ambassador_id as leader_id,
    m.ambassador_id as member_id
  from leaders as l
  inner join ambassadors as m
    on m.ambassador_id <> l.ambassador_id
    and (
      (l.department is not null and m.department = l.department)
      or (l.department is null and m.lead_id = l.ambassador_id)
    )
),

team_medians as (
  select
    t.leader_id,
    v.metric,
    count(v.value) as team_size,
    median(v.value) as team_median
  from teams as t
  inner join activity_long as v on v.ambassador_id = t.member_id
  group by all
),

final as (
  select
    l.ambassador_id as leader_id,
    l.name as leader_name,
    l.department,
    case when l.department is not null then 'department' else 'reports' end as team_basis,
    own.metric,
    own.value::double as leader_value,
    coalesce(m.team_size, 0)::integer as team_size,
    m.team_median::double as team_median,
    (own.value - m.team_median)::double as difference,
    (own.value / nullif(m.team_median, 0))::double as ratio_to_team_median,
    own.value < m.team_median as is_below_team
  from leaders as l
  inner join activity_long as own on own.ambassador_id = l.ambassador_id
  left join team_medians as m on m.leader_id = l.ambassador_id and m.metric = own.metric
  order by l.ambassador_id, own.metric
)

select * from final
