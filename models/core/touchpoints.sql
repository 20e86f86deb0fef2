-- grain: one row per visit or click (visitor, time, landing page); across overlapping files the latest wins
-- key: touchpoint_id
-- depends_on: staging.stg_web__touchpoints, core.ambassador_aliases, meta.settings
-- materialized: table
-- tests: not_null(visitor_id), not_null(touched_at), not_null(channel_group)

with touchpoints as (
  select * from staging.stg_web__touchpoints
),

settings as (
  select * from meta.settings
),

aliases as (
  select * from core.ambassador_aliases
),

touchpoints_deduplicated_to_latest_file as (
  select *
  from touchpoints
  qualify row_number() over (
    partition by visitor_id, touched_at, coalesce(landing_page, '')
    order by _file_id desc, _source_line desc
  ) = 1
),

with_attribution_value as (
  select
    t.*,
    -- the link parameter that carries the ambassador's code is a config setting
    case s.attribution_parameter
      when 'utm_content' then t.utm_content
      when 'utm_term' then t.utm_term
      when 'utm_campaign' then t.utm_campaign
      else t.utm_source
    end as attribution_value
  from touchpoints_deduplicated_to_latest_file as t
  cross join settings as s
),

resolved_to_ambassadors as (
  select
    t.*,
    a.ambassador_id
  from with_attribution_value as t
  left join aliases as a
    on a.alias_key = alias_key(t.attribution_value)
),

final as (
  select
    md5(concat_ws('|', visitor_id, strftime(touched_at, '%Y-%m-%dT%H:%M:%S'), coalesce(landing_page, ''))) as touchpoint_id,
    visitor_id,
    touched_at,
    utm_source,
    utm_medium,
    utm_campaign,
    utm_content,
    utm_term,
    landing_page,
    referrer,
    attribution_value,
    ambassador_id,
    ambassador_id is not null as is_ambassador_touch,
    channel_group(utm_source, utm_medium, utm_campaign, referrer) as channel_group
  from resolved_to_ambassadors
)

select * from final
