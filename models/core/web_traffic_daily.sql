-- grain: one row per day (or the export's period, see grain) and session source, medium, campaign and ad content; case variants merged
-- key: day, grain, channel_group, utm_source, utm_medium, utm_campaign, utm_content
-- depends_on: staging.stg_ga4__traffic_daily, core.ambassador_aliases, meta.settings
-- materialized: table
--
-- GA4 keeps `AMB-7F3K2` and `amb-7f3k2` apart; they are one ambassador code, so rows
-- are summed after lower-casing. Overlapping downloads: the latest download of a day
-- and dimension combination wins, before summing.

with traffic as (
  select * from staging.stg_ga4__traffic_daily
),

settings as (
  select * from meta.settings
),

latest_download as (
  select *
  from traffic
  qualify row_number() over (
    partition by day, grain, channel_group, source_medium, utm_source, utm_medium, utm_campaign, utm_content, utm_term
    order by _file_id desc, _source_line desc
  ) = 1
),

case_variants_merged as (
  select
    day,
    grain,
    coalesce(channel_group, '') as channel_group,
    coalesce(utm_source_normalised, '') as utm_source,
    coalesce(utm_medium_normalised, '') as utm_medium,
    coalesce(utm_campaign_normalised, '') as utm_campaign,
    coalesce(utm_content_normalised, '') as utm_content,
    sum(sessions) as sessions,
    sum(engaged_sessions) as engaged_sessions,
    sum(key_events) as key_events,
    sum(revenue) as revenue
  from latest_download
  group by all
),

final as (
  select
    t.day,
    t.grain,
    t.channel_group,
    t.utm_source,
    t.utm_medium,
    t.utm_campaign,
    t.utm_content,
    t.sessions::integer as sessions,
    t.engaged_sessions::integer as engaged_sessions,
    t.key_events::double as key_events,
    t.revenue,
    a.ambassador_id
  from case_variants_merged as t
  cross join settings as s
  left join core.ambassador_aliases as a
    on a.alias_key = alias_key(case s.attribution_parameter
      when 'utm_content' then t.utm_content
      when 'utm_campaign' then t.utm_campaign
      else t.utm_source
    end)
)

select * from final
