-- grain: one row per post in a member's TOP POSTS sheet per loaded file (every snapshot)
-- key: _file_id, post_url
-- depends_on: raw.linkedin__member_posts
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__member_posts
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      post_id,
      post_urn,
      post_url,
      ---------- whose post: resolved to an ambassador in core, through the folder or an alias
      member_name,
      folder_name,
      ---------- time
      published_on as posted_on,
      period_start,
      period_end,
      ---------- metrics: null when the post is only in the other top-50 table (unknown, not 0)
      impressions::integer as impressions,
      engagements::integer as engagements
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      nullif(lower(trim(member_name)), '') as member_name_normalised,
      post_url like '%/pulse/%' as is_article
    from
      renamed
  )
select
  *
from
  final
