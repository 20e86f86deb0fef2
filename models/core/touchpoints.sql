-- grain: one row per visit or click (visitor, time, landing page and tags); across overlapping files the latest wins
-- key: touchpoint_id
-- depends_on: staging.stg_web__touchpoints, core.ambassador_aliases, meta.settings
-- incremental_on: staging.stg_web__touchpoints
-- materialized: table
-- tests: not_null(visitor_id), not_null(touched_at), not_null(channel_group)
with
  touchpoints as (
    select
      *
    from
      staging.stg_web__touchpoints
  ),
  settings as (
    select
      *
    from
      meta.settings
  ),
  aliases as (
    select
      *
    from
      core.ambassador_aliases
  ),
  -- Most visits are in one file only, so the window that keeps a visit's latest file runs on
  -- the keys (visit_key) seen more than once alone (a hash collision only sends a few more
  -- rows through it).
  keyed as materialized (
    select
      *,
      hash(visit_key (touchpoints)) as visit_key_hash
    from
      touchpoints
  ),
  repeated_visit_key_hashes as (
    select
      visit_key_hash
    from
      keyed
    group by
      visit_key_hash
    having
      count(*) > 1
  ),
  touchpoints_deduplicated_to_latest_file as (
    select
      * exclude (visit_key_hash)
    from
      keyed
    where
      visit_key_hash not in (
        select
          visit_key_hash
        from
          repeated_visit_key_hashes
      )
    union all
    select
      * exclude (visit_key_hash)
    from
      keyed
    where
      visit_key_hash in (
        select
          visit_key_hash
        from
          repeated_visit_key_hashes
      )
    qualify
      row_number() over (
        partition by
          visit_key (keyed)
        order by
          _file_id desc,
          _source_line desc
      ) = 1
  ),
  with_attribution_value as materialized (
    select
      t.*,
      -- the link parameter that carries the ambassador's code is a config setting
      case s.attribution_parameter
        when 'utm_content' then t.utm_content
        when 'utm_term' then t.utm_term
        when 'utm_campaign' then t.utm_campaign
        else t.utm_source
      end as attribution_value
    from
      touchpoints_deduplicated_to_latest_file as t
      cross join settings as s
  ),
  -- Millions of visits share a few thousand codes and tag combinations: each is resolved once.
  ambassadors_by_attribution_value as (
    select
      v.attribution_value,
      a.ambassador_id
    from
      (
        select distinct
          attribution_value
        from
          with_attribution_value
        where
          attribution_value is not null
      ) as v
      join aliases as a on a.alias_key = alias_key (v.attribution_value)
  ),
  channel_groups as (
    select
      utm_source,
      utm_medium,
      utm_campaign,
      referrer,
      channel_group (utm_source, utm_medium, utm_campaign, referrer) as channel_group
    from
      (
        select distinct
          utm_source,
          utm_medium,
          utm_campaign,
          referrer
        from
          with_attribution_value
      )
  ),
  final as (
    select
      md5(
        concat_ws(
          '|',
          t.visitor_id,
          strftime(t.touched_at, '%Y-%m-%dT%H:%M:%S.%f'),
          coalesce(t.landing_page, ''),
          coalesce(t.utm_source, ''),
          coalesce(t.utm_medium, ''),
          coalesce(t.utm_campaign, ''),
          coalesce(t.utm_content, ''),
          coalesce(t.utm_term, '')
        )
      ) as touchpoint_id,
      t.visitor_id,
      t.touched_at,
      t.utm_source,
      t.utm_medium,
      t.utm_campaign,
      t.utm_content,
      t.utm_term,
      t.landing_page,
      t.referrer,
      t.attribution_value,
      a.ambassador_id,
      a.ambassador_id is not null as is_ambassador_touch,
      g.channel_group
    from
      with_attribution_value as t
      left join ambassadors_by_attribution_value as a on a.attribution_value = t.attribution_value
      join channel_groups as g on g.utm_source is not distinct from t.utm_source
      and g.utm_medium is not distinct from t.utm_medium
      and g.utm_campaign is not distinct from t.utm_campaign
      and g.referrer is not distinct from t.referrer
  )
select
  *
from
  final
