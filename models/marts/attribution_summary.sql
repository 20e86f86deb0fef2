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
  credited as (
    select
      model,
      granularity,
      outcome_kind,
      channel,
      ambassador_id,
      credit as credited_outcomes,
      value_credit as credited_value,
      basis
    from
      credits
  ),
  allocations as (
    select
      * exclude (basis)
    from
      credited
    union all
    select
      'markov',
      granularity,
      outcome_kind,
      channel,
      ambassador_id,
      attributed_outcomes,
      attributed_value
    from
      markov
    union all
    -- markov's fallbacks (outcome_utm, referral, unattributed) are the same in every model
    select
      * exclude (basis) replace('markov' as model)
    from
      credited
    where
      model = 'last_touch'
      and basis <> 'journey'
  ),
  final as (
    select
      model,
      granularity,
      outcome_kind,
      channel,
      sole_value (ambassador_id) as ambassador_id,
      sum(credited_outcomes::decimal(38, 18))::double as credited_outcomes,
      sum(credited_value::decimal(38, 18))::double as credited_value
    from
      allocations
    group by
      model,
      granularity,
      outcome_kind,
      channel
  )
select
  *
from
  final
