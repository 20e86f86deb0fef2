-- grain: one row per goal, attribution model, granularity and channel that contributed to the goal in its period
-- key: goal_id, model, granularity, channel
-- depends_on: core.goals, core.posts, core.ambassador_impressions_daily, core.sessions_daily, marts.attribution_credits, marts.markov_removal_effects
-- materialized: table
-- tests: accepted_values(granularity: ambassador, program), accepted_values(model: last_touch, first_touch, linear, time_decay, position_based, markov, shapley, fractribution), not_null(actual)
--
-- What each ambassador and channel contributed to each goal's actual value, under every
-- attribution model, counted on the goal's own days (the program's time zone) as
-- marts.goal_progress counts them. Metric names as goal_progress reads them
-- (visibility and reach are impressions, social_actions engagements, traffic and clicks
-- sessions). Outcome metrics go through the outcome kinds they name: leads -> lead,
-- conversions -> conversion, applications -> application, hires -> hire; markov applies
-- its share of the kind (marts.markov_removal_effects) to the goal period's outcomes with
-- an eligible touch, and credits the others by their own evidence as every model does.
-- Activity metrics (posts: the ambassador's own posts; impressions and engagements: as
-- the program counts them, core.ambassador_impressions_daily; sessions: visits on the
-- ambassador's links) are not attributed: they are the same
-- under every model, one row per ambassador (program granularity: one row,
-- "Employee advocacy"). goal_progress's actual is the sum of the rows with an
-- ambassador_id at granularity ambassador under the default model. value is actual x the
-- goal's unit_value.
with
  goals as (
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
    from
      core.goals
  ),
  goals_with_outcome_kind as (
    select
      *,
      case measured_metric
        when 'leads' then 'lead'
        when 'conversions' then 'conversion'
        when 'applications' then 'application'
        when 'hires' then 'hire'
      end as outcome_kind
    from
      goals
  ),
  models as (
    select
      unnest(
        [
          'last_touch',
          'first_touch',
          'linear',
          'time_decay',
          'position_based',
          'markov',
          'shapley',
          'fractribution'
        ]
      ) as model
  ),
  -- materialized: three CTEs below read it
  credits_in_goal_periods as materialized (
    select
      g.goal_id,
      c.*
    from
      goals_with_outcome_kind as g
      inner join marts.attribution_credits as c on c.outcome_kind = g.outcome_kind
      and c.occurred_on between g.period_start and g.period_end
  ),
  per_outcome_model_contributions as (
    select
      goal_id,
      model,
      granularity,
      channel,
      sole_value (ambassador_id) as ambassador_id,
      sum(credit::decimal(38, 18))::double as actual
    from
      credits_in_goal_periods
    group by
      goal_id,
      model,
      granularity,
      channel
  ),
  journey_outcomes_in_goal_periods as (
    select
      goal_id,
      granularity,
      count(distinct outcome_id) as outcomes
    from
      credits_in_goal_periods
    where
      model = 'last_touch'
      and basis = 'journey'
    group by
      goal_id,
      granularity
  ),
  markov_contributions as (
    select
      goal_id,
      'markov' as model,
      granularity,
      channel,
      sole_value (ambassador_id) as ambassador_id,
      sum(actual::decimal(38, 18))::double as actual
    from
      (
        select
          j.goal_id,
          j.granularity,
          m.channel,
          m.ambassador_id,
          m.share * j.outcomes as actual
        from
          journey_outcomes_in_goal_periods as j
          inner join goals_with_outcome_kind as g using (goal_id)
          inner join marts.markov_removal_effects as m on m.granularity = j.granularity
          and m.outcome_kind = g.outcome_kind
        union all
        select
          goal_id,
          granularity,
          channel,
          ambassador_id,
          credit
        from
          credits_in_goal_periods
        where
          model = 'last_touch'
          and basis <> 'journey'
      )
    group by
      goal_id,
      granularity,
      channel
  ),
  activity_per_ambassador as (
    select
      g.goal_id,
      p.ambassador_id,
      count(*) as actual
    from
      goals as g
      inner join core.posts as p on p.owner = 'ambassador'
      and p.posted_on between g.period_start and g.period_end
    where
      g.measured_metric = 'posts'
    group by
      g.goal_id,
      p.ambassador_id
    union all
    select
      g.goal_id,
      d.ambassador_id,
      sum(
        case g.measured_metric
          when 'impressions' then d.impressions
          else d.engagements
        end
      ) as actual
    from
      goals as g
      inner join core.ambassador_impressions_daily as d on d.day between g.period_start and g.period_end
    where
      g.measured_metric in ('impressions', 'engagements')
    group by
      g.goal_id,
      d.ambassador_id
    union all
    select
      g.goal_id,
      s.ambassador_id,
      sum(s.sessions) as actual
    from
      goals as g
      inner join core.sessions_daily as s on s.ambassador_id is not null
      and s.day between g.period_start and g.period_end
    where
      g.measured_metric = 'sessions'
    group by
      g.goal_id,
      s.ambassador_id
  ),
  activity_contributions as (
    select
      a.goal_id,
      m.model,
      'ambassador' as granularity,
      coalesce(a.ambassador_id, '(unknown ambassador)') as channel,
      a.ambassador_id,
      a.actual
    from
      activity_per_ambassador as a
      cross join models as m
    union all
    select
      a.goal_id,
      m.model,
      'program',
      'Employee advocacy',
      null,
      sum(a.actual::decimal(38, 18))::double
    from
      activity_per_ambassador as a
      cross join models as m
    group by
      a.goal_id,
      m.model
  ),
  contributions as (
    select
      *
    from
      per_outcome_model_contributions
    union all
    select
      *
    from
      markov_contributions
    union all
    select
      *
    from
      activity_contributions
  ),
  final as (
    select
      c.goal_id,
      g.goal_name,
      g.kind,
      g.metric,
      c.model,
      c.granularity,
      c.channel,
      c.ambassador_id,
      coalesce(c.actual, 0)::double as actual,
      (coalesce(c.actual, 0) * g.unit_value)::double as value
    from
      contributions as c
      inner join goals as g using (goal_id)
  )
select
  *
from
  final
