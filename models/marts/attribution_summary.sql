-- grain: one row per attribution model, granularity, outcome kind and credited channel
-- key: model, granularity, outcome_kind, channel
-- depends_on: marts.attribution_credits, marts.markov_removal_effects
-- materialized: table
-- tests: accepted_values(granularity: ambassador, program), accepted_values(outcome_kind: lead, conversion, application, hire), not_null(credited_outcomes)
--
-- Every model's outcomes and value per channel: the per-outcome models summed from
-- marts.attribution_credits; markov's global allocation (its share of each kind's
-- outcomes with an eligible touch, marts.markov_removal_effects) plus the outcomes
-- without one, credited by their own evidence as in every model. Per model, granularity
-- and kind, credited_outcomes sums to the number of outcomes and credited_value to
-- their value.
with
  credits as (
    select
      *
    from
      marts.attribution_credits
  ),
  markov as (
    select
      *
    from
      marts.markov_removal_effects
    where
      outcome_kind <> 'all'
  ),
  per_outcome_models as (
    select
      model,
      granularity,
      outcome_kind,
      channel,
      case
        when count(distinct ambassador_id) = 1 then min(ambassador_id)
      end as ambassador_id,
      sum(credit::decimal(38, 18))::double as credited_outcomes,
      sum(value_credit::decimal(38, 18))::double as credited_value
    from
      credits
    group by
      model,
      granularity,
      outcome_kind,
      channel
  ),
  -- the fallbacks (outcome_utm, referral, unattributed) are the same in every model
  markov_without_journey as (
    select
      granularity,
      outcome_kind,
      channel,
      ambassador_id,
      credit as credited_outcomes,
      value_credit as credited_value
    from
      credits
    where
      model = 'last_touch'
      and basis <> 'journey'
  ),
  markov_journeys as (
    select
      granularity,
      outcome_kind,
      channel,
      ambassador_id,
      attributed_outcomes as credited_outcomes,
      attributed_value as credited_value
    from
      markov
  ),
  markov_allocation as (
    select
      'markov' as model,
      granularity,
      outcome_kind,
      channel,
      case
        when count(distinct ambassador_id) = 1 then min(ambassador_id)
      end as ambassador_id,
      sum(credited_outcomes::decimal(38, 18))::double as credited_outcomes,
      sum(credited_value::decimal(38, 18))::double as credited_value
    from
      (
        select
          *
        from
          markov_journeys
        union all
        select
          *
        from
          markov_without_journey
      )
    group by
      granularity,
      outcome_kind,
      channel
  ),
  final as (
    select
      model,
      granularity,
      outcome_kind,
      channel,
      ambassador_id,
      credited_outcomes::double as credited_outcomes,
      credited_value::double as credited_value
    from
      (
        select
          *
        from
          per_outcome_models
        union all
        select
          *
        from
          markov_allocation
      )
  )
select
  *
from
  final
