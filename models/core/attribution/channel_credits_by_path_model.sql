-- grain: one row per outcome, granularity, path-based model (shapley, fractribution) and credited channel
-- key: outcome_id, granularity, model, channel
-- depends_on: core.attribution_touches, core.attribution_paths, core.fractribution_path_credits
-- materialized: table
-- tests: accepted_values(model: shapley, fractribution), accepted_values(granularity: ambassador, program)
--
-- shapley: the Shapley value of the game whose worth of a set of channels S is the
-- number of outcomes whose distinct channels all lie in S. Zhao, Mahboobi and Bagheri
-- (2018, "Shapley Value Methods for Attribution Modeling in Online Advertising") show
-- that it splits each outcome equally over its distinct channels: 1/k each for k channels
-- (test/models/core/attribution/shapley.test.ts checks this against the full formula).
-- fractribution: the credits of the outcome's exposure path
-- (core.fractribution_path_credits), within its outcome kind.
with
  touches as (
    select
      *
    from
      core.attribution_touches
  ),
  converting_paths as (
    select
      *
    from
      core.attribution_paths
  ),
  path_credits as (
    select
      *
    from
      core.fractribution_path_credits
  ),
  -- journey_via is the same for every touch of an outcome
  outcome_channels as (
    select
      outcome_id,
      granularity,
      channel,
      sole_value (ambassador_id) as ambassador_id,
      journey_via
    from
      touches
    group by
      outcome_id,
      granularity,
      channel,
      journey_via
  ),
  shapley as (
    select
      outcome_id,
      granularity,
      'shapley' as model,
      channel,
      ambassador_id,
      journey_via,
      1.0 / count(*) over (
        partition by
          outcome_id,
          granularity
      ) as credit
    from
      outcome_channels
  ),
  -- materialized, so that the planner joins each outcome to its path's credits first (a
  -- join of credits to outcome channels on the channel alone explodes)
  fractribution_of_outcomes as materialized (
    select
      p.outcome_id,
      p.granularity,
      c.channel,
      c.credit
    from
      converting_paths as p
      inner join path_credits as c on c.granularity = p.granularity
      and c.outcome_kind = p.outcome_kind
      and c.exposure_key = p.exposure_key
  ),
  fractribution as (
    select
      outcome_id,
      granularity,
      'fractribution' as model,
      channel,
      o.ambassador_id,
      o.journey_via,
      f.credit
    from
      fractribution_of_outcomes as f
      inner join outcome_channels as o using (outcome_id, granularity, channel)
  ),
  final as (
    select
      outcome_id,
      granularity,
      model,
      channel,
      ambassador_id,
      journey_via,
      credit::double as credit
    from
      (
        from
          shapley
        union all
        by name
        from
          fractribution
      )
  )
select
  *
from
  final
