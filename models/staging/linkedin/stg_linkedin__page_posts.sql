-- grain: one row per company Page post per loaded content export (every snapshot)
-- key: _file_id, post_url
-- depends_on: raw.linkedin__page_posts
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__page_posts
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      post_id,
      post_urn,
      post_link as post_url,
      page_name,
      ---------- post
      post_title as post_text,
      lower(post_type) as post_type,
      lower(content_type) as content_type,
      posted_by,
      campaign_name,
      audience,
      ---------- time
      created_on as posted_on,
      campaign_start_on,
      campaign_end_on,
      ---------- metrics
      impressions::integer as impressions,
      views::integer as views,
      offsite_views::integer as offsite_views,
      clicks::integer as clicks,
      click_through_rate,
      likes::integer as reactions,
      comments::integer as comments,
      reposts::integer as shares,
      follows::integer as follows,
      engagement_rate
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      post_type = 'sponsored' as is_sponsored
    from
      renamed
  )
select
  *
from
  final
