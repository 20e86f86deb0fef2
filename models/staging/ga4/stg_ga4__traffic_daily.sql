-- grain: one row per day (or month, or whole period: see grain) x session dimension values of a GA4 traffic acquisition download per loaded file (every snapshot)
-- key: _file_id, _source_line
-- depends_on: raw.ga4__traffic_acquisition
-- materialized: view
with
  source as (
    select
      *
    from
      raw.ga4__traffic_acquisition
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      ---------- time
      day,
      grain,
      period_start,
      period_end,
      date_range,
      ---------- session dimensions (as GA4 wrote them: case-sensitive)
      channel_group,
      source_medium,
      source as utm_source,
      medium as utm_medium,
      coalesce(manual_campaign_name, session_campaign) as utm_campaign,
      manual_ad_content as utm_content,
      manual_term as utm_term,
      ---------- metrics
      sessions::integer as sessions,
      engaged_sessions::integer as engaged_sessions,
      engagement_rate,
      average_engagement_time_per_session as average_engagement_seconds,
      events_per_session,
      event_count::integer as event_count,
      key_events::double as key_events,
      session_key_event_rate as key_event_rate,
      total_revenue as revenue,
      active_users::integer as active_users,
      ---------- about the download
      report_title
    from
      source
  ),
  final as (
    select
      *,
      -- GA4 keeps `linkedin` and `LinkedIn` apart; one ambassador code is one code whatever its case
      unnest(utm_normalised (utm_source, utm_medium, utm_campaign, utm_content, utm_term, unset := '(not set)'))
    from
      renamed
  )
select
  *
from
  final
