-- grain: one row per granularity, outcome kind ('all' for every kind together), from-state and to-state of the Markov chain
-- key: granularity, outcome_kind, from_state, to_state
-- depends_on: core.attribution_paths, core.attribution_null_paths, meta.settings
-- materialized: table
-- tests: accepted_values(granularity: ambassador, program)
--
-- The transition counts of the Markov model, counted here and solved in
-- marts/markov_removal_effects.model.ts. A state is the tuple of the last markov_order
-- channels (fewer at a path's start), joined with chr(31); '(start)', '(conversion)' and
-- '(null)' are the start and the two absorbing states. Each outcome kind gets its own
-- chain: its converting paths, and every null path (a journey with no outcome of any
-- kind); 'all' pools the converting paths of every kind with the same null paths.
with
  settings as (
    select
      markov_order
    from
      meta.settings
  ),
  -- identical paths are counted once and weighted: far fewer rows to unnest
  distinct_paths as (
    select
      granularity,
      true as converted,
      outcome_kind,
      channels,
      count(*)::integer as paths
    from
      core.attribution_paths
    group by
      granularity,
      outcome_kind,
      channels
    union all
    select
      granularity,
      false,
      null,
      channels,
      journeys
    from
      core.attribution_null_paths
  ),
  steps as (
    select
      p.granularity,
      p.converted,
      p.outcome_kind,
      p.paths,
      p.channels,
      len(p.channels) as touches,
      unnest(range(1, len(p.channels) + 2)) as step
    from
      distinct_paths as p
  ),
  states as (
    select
      s.*,
      case
        when s.step > s.touches then null
        when k.markov_order = 1 then s.channels[s.step]
        else array_to_string(s.channels[greatest(1, s.step - k.markov_order + 1):s.step], chr(31))
      end as state,
      case
        when s.step = 1 then null
        when k.markov_order = 1 then s.channels[s.step - 1]
        else array_to_string(s.channels[greatest(1, s.step - k.markov_order):s.step - 1], chr(31))
      end as previous_state
    from
      steps as s
      cross join settings as k
  ),
  transitions as (
    select
      granularity,
      converted,
      outcome_kind,
      coalesce(previous_state, '(start)') as from_state,
      coalesce(
        state,
        case
          when converted then '(conversion)'
          else '(null)'
        end
      ) as to_state,
      sum(paths) as transitions
    from
      states
    group by all
  ),
  chains as (
    select distinct
      granularity,
      outcome_kind
    from
      core.attribution_paths
    union all
    select distinct
      granularity,
      'all'
    from
      core.attribution_paths
  ),
  -- a converting transition counts for its outcome's kind and for all kinds
  converting_transitions as (
    select
      granularity,
      unnest([outcome_kind, 'all']) as outcome_kind,
      from_state,
      to_state,
      transitions
    from
      transitions
    where
      converted
  ),
  null_transitions as (
    select
      c.granularity,
      c.outcome_kind,
      t.from_state,
      t.to_state,
      t.transitions
    from
      transitions as t
      inner join chains as c using (granularity)
    where
      not t.converted
  ),
  final as (
    select
      granularity,
      outcome_kind,
      from_state,
      to_state,
      sum(transitions)::integer as transitions
    from
      (
        select
          *
        from
          converting_transitions
        union all
        select
          *
        from
          null_transitions
      )
    group by all
  )
select
  *
from
  final
