-- grain: one row per granularity and distinct channel sequence of the journeys that ended without an outcome
-- key: granularity, path_key
-- depends_on: core.touchpoints, core.outcomes, meta.settings
-- materialized: table
-- tests: accepted_values(granularity: ambassador, program), not_null(journeys)
--
-- The null paths of the path-based models (markov, fractribution): a journey is one
-- visitor's touches; one with touches and no outcome at all is a null path, its window
-- the lookback ending at its last touch (both ends inclusive), with the rules of
-- core.attribution_touches (direct dropped beside other touches; order by time, ties by
-- channel name). A visitor with an outcome gives no null path: the touches after its
-- last outcome are not a failed journey of their own. (A visitor an outcome reaches
-- through its e-mail hash has an outcome of its own: core.visitor_identities holds only
-- visitor ids seen on outcomes.) Identical paths are one row with the number of
-- journeys that took them.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  touchpoints as (
    select
      *
    from
      core.touchpoints
  ),
  visitors_with_outcomes as (
    select distinct
      visitor_id
    from
      core.outcomes
    where
      visitor_id is not null
  ),
  -- one group by instead of windows: each journey's touches as a list
  journeys as (
    select
      visitor_id,
      max(touched_at) as last_touched_at,
      list(
        {
          'touched_at': touched_at,
          'channel_group': channel_group,
          'ambassador_channel': case
            when is_ambassador_touch then ambassador_id
            else channel_group
          end,
          'program_channel': case
            when is_ambassador_touch then 'Employee advocacy'
            else channel_group
          end
        }
      ) as touches
    from
      touchpoints
      anti join visitors_with_outcomes using (visitor_id)
    group by
      visitor_id
  ),
  journeys_in_window as (
    select
      j.visitor_id,
      s.ignore_direct,
      list_filter(j.touches, lambda touch: touch.touched_at >= j.last_touched_at - to_days(s.lookback_days)) as touches
    from
      journeys as j
      cross join settings as s
  ),
  journeys_direct_dropped_where_other_touches_exist as (
    select
      visitor_id,
      case
        when ignore_direct
        and list_bool_or(list_transform(touches, lambda touch: touch.channel_group <> 'Direct')) then list_filter(touches, lambda touch: touch.channel_group <> 'Direct')
        else touches
      end as touches
    from
      journeys_in_window
  ),
  paths as (
    select
      'ambassador' as granularity,
      array_to_string(
        list_transform(
          list_sort(
            list_transform(touches, lambda touch: {'touched_at': touch.touched_at, 'channel': touch.ambassador_channel})
          ),
          lambda touch: touch.channel
        ),
        chr(31)
      ) as path_key
    from
      journeys_direct_dropped_where_other_touches_exist
    union all
    select
      'program',
      array_to_string(
        list_transform(
          list_sort(
            list_transform(touches, lambda touch: {'touched_at': touch.touched_at, 'channel': touch.program_channel})
          ),
          lambda touch: touch.channel
        ),
        chr(31)
      )
    from
      journeys_direct_dropped_where_other_touches_exist
  ),
  distinct_paths as (
    select
      granularity,
      path_key,
      string_split(path_key, chr(31)) as channels,
      count(*)::integer as journeys
    from
      paths
    group by
      granularity,
      path_key
  ),
  final as (
    select
      granularity,
      channels,
      path_key,
      list_filter(
        channels,
        lambda channel,
        position: position = 1
        or channel <> channels[position - 1]
      ) as exposure_channels,
      array_to_string(
        list_filter(
          channels,
          lambda channel,
          position: position = 1
          or channel <> channels[position - 1]
        ),
        chr(31)
      ) as exposure_key,
      len(channels)::integer as touches,
      journeys
    from
      distinct_paths
  )
select
  *
from
  final
