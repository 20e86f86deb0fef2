-- grain: one row per outcome, granularity and eligible touch (a touch can serve several outcomes)
-- key: outcome_id, granularity, touchpoint_id
-- tests: accepted_values(granularity: ambassador, program)
-- depends_on: core.outcomes, core.touchpoints, meta.settings
-- materialized: table
--
-- A touch is eligible for an outcome when it is the same visitor's and
-- occurred_at - lookback <= touched_at <= occurred_at (both ends inclusive). Direct
-- touches are dropped from a window that has any other touch, as GA4 does, when
-- attribution.ignore_direct is on. At granularity `ambassador` each ambassador is a
-- channel; at `program` all ambassador touches are one channel, "Employee advocacy".
-- touch_order numbers the touches from the first, ties in time broken by channel name.

with outcomes as (
  select * from core.outcomes where visitor_id is not null
),

touchpoints as (
  select * from core.touchpoints
),

settings as (
  select * from meta.settings
),

touches_in_window as (
  select
    o.outcome_id,
    o.occurred_at,
    t.touchpoint_id,
    t.touched_at,
    t.ambassador_id,
    t.channel_group,
    case when t.is_ambassador_touch then t.ambassador_id else t.channel_group end as ambassador_channel,
    case when t.is_ambassador_touch then 'Employee advocacy' else t.channel_group end as program_channel,
    s.ignore_direct
  from outcomes as o
  cross join settings as s
  inner join touchpoints as t
    on t.visitor_id = o.visitor_id
    and t.touched_at <= o.occurred_at
    and t.touched_at >= o.occurred_at - to_days(s.lookback_days)
),

direct_dropped_where_other_touches_exist as (
  select *
  from touches_in_window
  qualify not (
    ignore_direct
    and channel_group = 'Direct'
    and count(*) filter (where channel_group <> 'Direct') over (partition by outcome_id) > 0
  )
),

by_granularity as (
  select 'ambassador' as granularity, ambassador_channel as channel, * exclude (ambassador_channel, program_channel)
  from direct_dropped_where_other_touches_exist
  union all
  select 'program' as granularity, program_channel as channel, * exclude (ambassador_channel, program_channel)
  from direct_dropped_where_other_touches_exist
),

final as (
  select
    outcome_id,
    granularity,
    touchpoint_id,
    touched_at,
    occurred_at,
    -- exact age in days, for time decay
    epoch(occurred_at - touched_at) / 86400.0 as age_days,
    channel,
    ambassador_id,
    channel_group,
    row_number() over (partition by outcome_id, granularity order by touched_at, channel, touchpoint_id)::integer as touch_order,
    count(*) over (partition by outcome_id, granularity)::integer as touches
  from by_granularity
)

select * from final
