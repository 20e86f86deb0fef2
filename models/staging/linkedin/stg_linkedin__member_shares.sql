-- grain: one row per post in a member's data archive Shares.csv per loaded file (every snapshot)
-- key: _file_id, share_link
-- depends_on: raw.linkedin__member_shares
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__member_shares
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      post_id,
      post_urn,
      share_link,
      ---------- whose post: the archive does not say, the folder it was dropped in does
      folder_name,
      ---------- time (the archive writes UTC)
      shared_at as posted_at,
      ---------- content
      commentary as post_text,
      shared_url,
      media_url,
      media_urls,
      lower(visibility) as visibility
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      share_link as post_url,
      coalesce(json_array_length(media_urls), 0)::integer as media_count,
      -- a repost without own words has no commentary
      post_text is null as is_plain_repost
    from
      renamed
  )
select
  *
from
  final
