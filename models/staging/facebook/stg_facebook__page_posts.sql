-- grain: one row per company Page post per loaded Meta Business Suite export (every snapshot; metrics are lifetime totals as of the export)
-- key: _file_id, post_id
-- depends_on: raw.facebook__page_posts
-- materialized: view
with
  source as (
    select
      *
    from
      raw.facebook__page_posts
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      post_id,
      page_id,
      page_name,
      permalink as post_url,
      ---------- post: the caption is in Title or Description depending on the post type
      caption as post_text,
      title,
      description,
      lower(post_type) as post_type,
      duration_sec,
      lower(trim(is_crosspost)) in ('yes', 'true', '1') as is_crosspost,
      lower(trim(is_share)) in ('yes', 'true', '1') as is_share,
      ---------- time
      published_at as posted_at,
      period_start,
      period_end,
      metric_period,
      ---------- metrics: Meta renamed Impressions to Views
      coalesce(views, impressions)::integer as impressions,
      reach::integer as reach,
      reactions::integer as reactions,
      comments::integer as comments,
      shares::integer as shares,
      reactions_comments_shares::integer as engagements,
      total_clicks::integer as clicks,
      link_clicks::integer as link_clicks,
      other_clicks::integer as other_clicks,
      photo_clicks::integer as photo_clicks,
      video_clicks::integer as video_clicks,
      hide_all_clicks::integer as hide_all_clicks,
      hide_clicks::integer as hide_clicks,
      seconds_viewed,
      average_seconds_viewed,
      video_views_3s::integer as video_views_3s,
      video_views_1min::integer as video_views_1min,
      reach_organic::integer as reach_organic,
      views_boosted::integer as views_boosted,
      ad_impressions::integer as ad_impressions,
      estimated_earnings_usd,
      ad_cpm_usd,
      ---------- columns this month's export has that others do not
      _extra
    from
      source
  ),
  final as (
    select
      *,
      'facebook' as platform
    from
      renamed
  )
select
  *
from
  final
