-- grain: one row per share an ambassador made, as the content hub logged it, per loaded share log (every snapshot)
-- key: _file_id, ambassador_id, platform, shared_at
-- depends_on: raw.program__share_log
-- materialized: view
with
  source as (
    select
      *
    from
      raw.program__share_log
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      trim(ambassador_id) as ambassador_id,
      nullif(trim(content_id), '') as content_id,
      post_id,
      post_urn,
      ---------- share
      platform,
      post_url,
      post_text,
      tracked_url,
      ---------- time
      shared_at,
      ---------- the tracked link's tags, as written
      utm_source,
      utm_medium,
      utm_campaign,
      utm_content,
      utm_term,
      ---------- columns the company added
      _extra
    from
      source
  ),
  final as (
    select
      *,
      -- tags are case-sensitive in analytics; the ambassador's code is matched without case
      unnest(utm_normalised (utm_source, utm_medium, utm_campaign, utm_content, utm_term))
    from
      renamed
  )
select
  *
from
  final
