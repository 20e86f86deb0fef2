-- grain: one row per outcome, granularity and eligible touch (a touch can serve several outcomes)
-- key: outcome_id, granularity, touchpoint_id
-- tests: accepted_values(granularity: ambassador, program), accepted_values(journey_via: visitor_id, email_hash)
-- depends_on: core.outcomes, core.touchpoints, core.visitor_identities, meta.settings
-- materialized: table
--
-- A touch is eligible for an outcome when it is one of the outcome's journey visitors'
-- and occurred_at - lookback <= touched_at <= occurred_at (both ends inclusive). The
-- journey visitor is the outcome's own visitor_id when it has one (journey_via
-- visitor_id), and then only that one: its own id always wins over an e-mail link. An
-- outcome without one (a Salesforce lead, an ATS application) has as journey visitors
-- every visitor id its e-mail hash was seen with on another outcome
-- (core.visitor_identities; journey_via email_hash); with several, their touches make
-- one journey, so the credits still sum to 1. Direct touches are dropped from a window
-- that has any other touch, as GA4 does, when attribution.ignore_direct is on. At
-- granularity `ambassador` each ambassador is a channel; at `program` all ambassador
-- touches are one channel, "Employee advocacy". touch_order numbers the touches from
-- the first; touches in the same second are ordered by channel name, then landing page,
-- then tags (utm_source, utm_medium, utm_campaign, utm_content, utm_term; missing last),
-- then visitor id, so the first and last touch are the same on every build.
with
  outcomes as (
    select
      *
    from
      core.outcomes
  ),
  touchpoints as (
    select
      *
    from
      core.touchpoints
  ),
  identities as (
    select
      *
    from
      core.visitor_identities
  ),
  settings as (
    select
      *
    from
      meta.settings
  ),
  journey_visitors as (
    select
      outcome_id,
      occurred_at,
      visitor_id,
      'visitor_id' as journey_via
    from
      outcomes
    where
      visitor_id is not null
    union all
    select
      o.outcome_id,
      o.occurred_at,
      i.visitor_id,
      'email_hash' as journey_via
    from
      outcomes as o
      inner join identities as i on i.email_hash = o.email_hash
    where
      o.visitor_id is null
  ),
  touches_in_window as (
    select
      o.outcome_id,
      o.occurred_at,
      o.journey_via,
      t.touchpoint_id,
      t.touched_at,
      t.visitor_id,
      t.landing_page,
      t.utm_source,
      t.utm_medium,
      t.utm_campaign,
      t.utm_content,
      t.utm_term,
      t.ambassador_id,
      t.channel_group,
      case
        when t.is_ambassador_touch then t.ambassador_id
        else t.channel_group
      end as ambassador_channel,
      case
        when t.is_ambassador_touch then 'Employee advocacy'
        else t.channel_group
      end as program_channel,
      s.ignore_direct
    from
      journey_visitors as o
      cross join settings as s
      inner join touchpoints as t on t.visitor_id = o.visitor_id
      and t.touched_at <= o.occurred_at
      and t.touched_at >= o.occurred_at - to_days(s.lookback_days)
  ),
  direct_dropped_where_other_touches_exist as (
    select
      *
    from
      touches_in_window
    qualify
      not (
        ignore_direct
        and channel_group = 'Direct'
        and count(*) filter(channel_group <> 'Direct') over (
          partition by
            outcome_id
        ) > 0
      )
  ),
  by_granularity as (
    select
      'ambassador' as granularity,
      ambassador_channel as channel,
      * exclude (ambassador_channel, program_channel)
    from
      direct_dropped_where_other_touches_exist
    union all
    select
      'program' as granularity,
      program_channel as channel,
      * exclude (ambassador_channel, program_channel)
    from
      direct_dropped_where_other_touches_exist
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
      journey_via,
      row_number() over (
        partition by
          outcome_id,
          granularity
        order by
          touched_at,
          channel,
          landing_page,
          utm_source,
          utm_medium,
          utm_campaign,
          utm_content,
          utm_term,
          visitor_id
      )::integer as touch_order,
      count(*) over (
        partition by
          outcome_id,
          granularity
      )::integer as touches
    from
      by_granularity
  )
select
  *
from
  final
