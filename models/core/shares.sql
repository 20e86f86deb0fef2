-- grain: one row per share an ambassador made, as the content hub logged it; the latest share log wins
-- key: ambassador_id, platform, shared_at
-- depends_on: staging.stg_program__shares, core.ambassadors, meta.settings
-- incremental_on: staging.stg_program__shares
-- materialized: table
-- tests: accepted_values(platform: linkedin, facebook)
with
  shares as (
    select
      *
    from
      staging.stg_program__shares
  ),
  settings as (
    select
      *
    from
      meta.settings
  ),
  shares_deduplicated_to_latest_file as (
    select
      *
    from
      shares
    qualify
      is_latest_export ((ambassador_id, platform, shared_at), _file_id, _source_line)
  ),
  final as (
    select
      s.ambassador_id,
      s.platform,
      s.shared_at,
      local_day (
        s.shared_at,
        (
          select
            timezone
          from
            settings
        )
      ) as shared_on,
      s.content_id,
      s.post_id,
      s.post_urn,
      s.post_url,
      s.post_text,
      s.tracked_url,
      s.utm_source,
      s.utm_medium,
      s.utm_campaign,
      s.utm_content,
      s.utm_term,
      -- a share logged for someone not on the roster is kept, and shows in status
      s.ambassador_id in (
        select
          ambassador_id
        from
          core.ambassadors
      ) as is_on_roster
    from
      shares_deduplicated_to_latest_file as s
  )
select
  *
from
  final
