-- grain: one row per outcome, model, granularity and credited channel
-- key: outcome_id, model, granularity, channel
-- depends_on: core.outcomes, core.touch_credits_by_rule, core.channel_credits_by_path_model
-- materialized: table
-- tests: not_null(basis), accepted_values(basis: journey, outcome_utm, referral, none), accepted_values(granularity: ambassador, program), accepted_values(journey_via: visitor_id, email_hash, none)
--
-- Per outcome the credits of a model sum to 1. An outcome with an eligible touch is
-- credited from its journey, found through its own visitor id or through the visitor
-- ids its e-mail hash was seen with (journey_via: visitor_id, email_hash; see
-- core.attribution_touches); without one (journey_via none), from its own evidence: the
-- ambassador code or source in its own UTMs or source labels (outcome_utm), else an ATS
-- referrer who is an ambassador (referral); else it is "(unattributed)". The models
-- with per-outcome rows: the rule-based ones (core.touch_credits_by_rule), shapley and
-- fractribution (core.channel_credits_by_path_model). Markov is a global allocation
-- and has no rows here: see marts.markov_removal_effects and marts.attribution_summary.
with
  outcomes as (
    select
      *
    from
      core.outcomes
  ),
  touch_credits as (
    select
      *
    from
      core.touch_credits_by_rule
  ),
  path_model_credits as (
    select
      *
    from
      core.channel_credits_by_path_model
  ),
  models as (
    select distinct
      model
    from
      touch_credits
    union
    select distinct
      model
    from
      path_model_credits
    union
    select
      unnest(['last_touch', 'first_touch', 'linear', 'time_decay', 'position_based', 'shapley', 'fractribution'])
  ),
  granularities as (
    select
      unnest(['ambassador', 'program']) as granularity
  ),
  journey_credits as (
    select
      outcome_id,
      model,
      granularity,
      channel,
      sole_value (ambassador_id) as ambassador_id,
      sum(credit::decimal(38, 18))::double as credit,
      'journey' as basis,
      journey_via
    from
      touch_credits
    group by
      outcome_id,
      model,
      granularity,
      channel,
      journey_via
    union all
    select
      outcome_id,
      model,
      granularity,
      channel,
      ambassador_id,
      credit,
      'journey',
      journey_via
    from
      path_model_credits
  ),
  outcomes_without_journey as (
    select
      o.*
    from
      outcomes as o
    where
      not exists (
        select
          1
        from
          touch_credits as t
        where
          t.outcome_id = o.outcome_id
      )
  ),
  own_evidence_credits as (
    select
      o.outcome_id,
      m.model,
      g.granularity,
      case
        when coalesce(o.own_ambassador_id, o.referral_ambassador_id) is not null then case
          when g.granularity = 'ambassador' then coalesce(o.own_ambassador_id, o.referral_ambassador_id)
          else 'Employee advocacy'
        end
        when o.own_channel_group is not null then o.own_channel_group
        else '(unattributed)'
      end as channel,
      coalesce(o.own_ambassador_id, o.referral_ambassador_id) as ambassador_id,
      1.0 as credit,
      case
        when o.own_ambassador_id is not null then 'outcome_utm'
        when o.referral_ambassador_id is not null then 'referral'
        when o.own_channel_group is not null then 'outcome_utm'
        else 'none'
      end as basis,
      'none' as journey_via
    from
      outcomes_without_journey as o
      cross join models as m
      cross join granularities as g
  ),
  credits as (
    select
      *
    from
      journey_credits
    union all
    select
      *
    from
      own_evidence_credits
  ),
  final as (
    select
      c.outcome_id,
      o.kind as outcome_kind,
      o.occurred_at,
      o.occurred_on,
      c.model,
      c.granularity,
      c.channel,
      c.ambassador_id,
      c.credit::double as credit,
      (c.credit * o.value_effective)::double as value_credit,
      c.basis,
      c.journey_via
    from
      credits as c
      inner join outcomes as o using (outcome_id)
  )
select
  *
from
  final
