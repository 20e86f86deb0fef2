-- grain: one row per outcome, granularity, rule-based model and eligible touch
-- key: outcome_id, granularity, model, touchpoint_id
-- depends_on: core.attribution_touches, meta.settings
-- materialized: table
-- tests: accepted_values(model: last_touch, first_touch, linear, time_decay, position_based)
--
-- The rule-based models, each a weight per touch that sums to 1 per outcome and granularity:
--   last_touch 1 on the last touch; first_touch 1 on the first; linear 1/n;
--   time_decay 2^(-age/half-life) normalised; position_based 40% first, 40% last,
--   20% over the middle (one touch 100%, two 50/50).
with
  touches as (
    select
      *
    from
      core.attribution_touches
  ),
  settings as (
    select
      *
    from
      meta.settings
  ),
  decay_weights as (
    select
      t.*,
      pow(2.0, - t.age_days / s.half_life_days) as decay_weight
    from
      touches as t
      cross join settings as s
  ),
  weights as (
    select
      outcome_id,
      granularity,
      touchpoint_id,
      channel,
      ambassador_id,
      journey_via,
      case
        when touch_order = touches then 1.0
        else 0.0
      end as last_touch,
      case
        when touch_order = 1 then 1.0
        else 0.0
      end as first_touch,
      1.0 / touches as linear,
      -- an exact sum: the rows of a window come in no fixed order, and doubles add differently in another
      (
        decay_weight / (
          sum(decay_weight::decimal(38, 18)) over (
            partition by
              outcome_id,
              granularity
          )
        )::double
      ) as time_decay,
      case
        when touches = 1 then 1.0
        when touches = 2 then 0.5
        when touch_order = 1
        or touch_order = touches then 0.4
        else 0.2 / (touches - 2)
      end as position_based
    from
      decay_weights
  ),
  final as (
    unpivot weights on last_touch,
    first_touch,
    linear,
    time_decay,
    position_based into name model value credit
  )
select
  *
from
  final
