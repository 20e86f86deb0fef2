-- grain: one row per goal and day of its period, up to the last day with data
-- key: goal_id, day
-- depends_on: core.goals, marts.program_daily_metrics
-- materialized: table
-- tests: accepted_values(status: on_track, at_risk, off_track, no_data)
--
-- actual is the cumulative value of the goal's metric since the period start;
-- pace_target the linear pace to the target on that day (target x days elapsed /
-- days in the period). Status, as of the last day with data: on_track when actual is at
-- least 95% of pace, at_risk from 80%, off_track below; no_data when the metric has no
-- data in the period. Metric names: posts, impressions (visibility, reach), engagements
-- (social_actions), sessions (traffic, clicks), leads, conversions, applications, hires.

with goals as (
  select
    *,
    case metric
      when 'visibility' then 'impressions'
      when 'reach' then 'impressions'
      when 'social_actions' then 'engagements'
      when 'traffic' then 'sessions'
      when 'clicks' then 'sessions'
      else metric
    end as measured_metric
  from core.goals
),

metrics as (
  select * from marts.program_daily_metrics
),

last_day_with_data as (
  select max(day) as day from metrics
),

goal_days as (
  select
    g.goal_id,
    cast(d.day as date) as day,
    g.measured_metric
  from goals as g
  cross join last_day_with_data as l
  cross join range(g.period_start, least(g.period_end, l.day) + 1, interval 1 day) as d(day)
),

cumulative as (
  select
    d.goal_id,
    d.day,
    sum(coalesce(m.value, 0)) over (partition by d.goal_id order by d.day) as actual,
    count(m.value) over (partition by d.goal_id) as days_with_data
  from goal_days as d
  left join metrics as m on m.day = d.day and m.metric = d.measured_metric
),

paced as (
  select
    c.*,
    g.goal_name,
    g.kind,
    g.metric,
    g.target,
    g.period_start,
    g.period_end,
    g.target * (date_diff('day', g.period_start, c.day) + 1) / (date_diff('day', g.period_start, g.period_end) + 1) as pace_target
  from cumulative as c
  inner join goals as g using (goal_id)
),

status_as_of_last_day as (
  select
    goal_id,
    case
      when any_value(days_with_data) = 0 then 'no_data'
      when arg_max(actual, day) >= 0.95 * arg_max(pace_target, day) then 'on_track'
      when arg_max(actual, day) >= 0.80 * arg_max(pace_target, day) then 'at_risk'
      else 'off_track'
    end as status
  from paced
  group by goal_id
),

final as (
  select
    p.goal_id,
    p.goal_name,
    p.kind,
    p.metric,
    p.target::double as target,
    p.period_start,
    p.period_end,
    p.day,
    p.actual::double as actual,
    p.pace_target::double as pace_target,
    s.status
  from paced as p
  inner join status_as_of_last_day as s using (goal_id)
  order by p.goal_id, p.day
)

select * from final
