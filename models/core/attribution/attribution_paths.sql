-- grain: one row per outcome with an eligible touch and granularity: the outcome's converting path
-- key: outcome_id, granularity
-- depends_on: core.attribution_touches, core.outcomes
-- materialized: table
-- tests: accepted_values(granularity: ambassador, program), not_null(exposure_key), not_null(outcome_kind)
--
-- The converting paths the path-based models (markov, fractribution) learn from: an
-- outcome's eligible touches (core.attribution_touches: the lookback window, no touch
-- after the outcome, direct dropped beside other touches) as channels in touch order
-- (time, ties by channel name). exposure_channels collapses repeats in a row
-- (Fractribution's "exposure" transform); path_key and exposure_key join the channels
-- with chr(31). The journeys that end without an outcome are
-- core.attribution_null_paths.
with
  touches as (
    select
      *
    from
      core.attribution_touches
  ),
  outcomes as (
    select
      *
    from
      core.outcomes
  ),
  -- sorting a list of structs: an ordered aggregate is several times slower at scale
  paths as (
    select
      outcome_id,
      granularity,
      list_transform(list_sort(list({'touched_at': touched_at, 'channel': channel})), lambda touch: touch.channel) as channels
    from
      touches
    group by
      outcome_id,
      granularity
  ),
  final as (
    select
      p.outcome_id,
      o.kind as outcome_kind,
      p.granularity,
      p.channels,
      array_to_string(p.channels, chr(31)) as path_key,
      list_filter(
        p.channels,
        lambda channel,
        position: position = 1
        or channel <> p.channels[position - 1]
      ) as exposure_channels,
      array_to_string(
        list_filter(
          p.channels,
          lambda channel,
          position: position = 1
          or channel <> p.channels[position - 1]
        ),
        chr(31)
      ) as exposure_key,
      len(p.channels)::integer as touches,
      coalesce(o.value_effective, 0)::double as value
    from
      paths as p
      inner join outcomes as o using (outcome_id)
  )
select
  *
from
  final
