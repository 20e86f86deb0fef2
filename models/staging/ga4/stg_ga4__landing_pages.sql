-- grain: one row per landing page (with its query string) x day or period (see grain) of a GA4 landing page download per loaded file (every snapshot)
-- key: _file_id, _source_line
-- depends_on: raw.ga4__landing_pages
-- materialized: view
with
  source as (
    select
      *
    from
      raw.ga4__landing_pages
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
      ---------- page and the tags of the link that led to it
      landing_page,
      page_path,
      source_medium,
      channel_group,
      utm_source,
      utm_medium,
      utm_campaign,
      utm_content,
      utm_term,
      has_fbclid,
      has_gclid,
      ---------- metrics
      sessions::integer as sessions,
      active_users::integer as active_users,
      new_users::integer as new_users,
      average_engagement_time_per_active_user as average_engagement_seconds_per_user,
      engaged_sessions::integer as engaged_sessions,
      engagement_rate,
      key_events::double as key_events,
      total_revenue as revenue,
      ---------- about the download
      report_title
    from
      source
  ),
  final as (
    select
      *,
      unnest(utm_normalised (utm_source, utm_medium, utm_campaign, utm_content, utm_term))
    from
      renamed
  )
select
  *
from
  final
