-- grain: one row per row of a GA4 traffic acquisition, exploration or landing-page download (every file, overlaps included), with its ambassador resolved
-- key: _file_id, _source_line
-- depends_on: staging.stg_ga4__traffic_daily, staging.stg_ga4__landing_pages, core.ambassador_aliases, meta.settings
-- materialized: table
-- tests: not_null(channel_group), not_null(code_key), accepted_values(grain: day, month, period)
--
-- The ambassador's code is the link parameter the program attributes by, read from the
-- session dimensions or from the landing page's query string, and resolved through the
-- ambassadors' aliases like any link's. code_key names what a row counts for: the
-- ambassador, else the code as written (lower case), else '' (traffic with no code).
-- Files overlap; core.sessions_daily counts each day and code from one file.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  report_rows as (
    select
      _file_id,
      _source_line,
      day,
      grain,
      period_start,
      period_end,
      channel_group,
      utm_source_normalised,
      utm_medium_normalised,
      utm_campaign_normalised,
      utm_content_normalised,
      utm_term_normalised,
      sessions,
      engaged_sessions,
      key_events
    from
      (
        from
          staging.stg_ga4__traffic_daily
        union all
        by name
        from
          staging.stg_ga4__landing_pages
      )
  ),
  with_attribution_value as (
    select
      r.*,
      case s.attribution_parameter
        when 'utm_content' then r.utm_content_normalised
        when 'utm_term' then r.utm_term_normalised
        when 'utm_campaign' then r.utm_campaign_normalised
        else r.utm_source_normalised
      end as attribution_value
    from
      report_rows as r
      cross join settings as s
    where
      r.sessions is not null
  ),
  final as (
    select
      r._file_id,
      r._source_line,
      r.day,
      r.grain,
      r.period_start,
      r.period_end,
      -- a one-day download without a Date column still gives that day
      r.grain = 'day'
      or (
        r.grain = 'period'
        and r.period_start = r.period_end
      ) as is_one_day,
      coalesce(
        nullif(nullif(trim(r.channel_group), ''), '(not set)'),
        channel_group (r.utm_source_normalised, r.utm_medium_normalised, r.utm_campaign_normalised, null)
      ) as channel_group,
      r.utm_source_normalised as utm_source,
      r.attribution_value,
      a.ambassador_id,
      coalesce(a.ambassador_id, alias_key (r.attribution_value), '') as code_key,
      r.sessions,
      r.engaged_sessions,
      r.key_events
    from
      with_attribution_value as r
      left join core.ambassador_aliases as a on a.alias_key = alias_key (r.attribution_value)
  )
select
  *
from
  final
