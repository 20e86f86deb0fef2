-- grain: one row per company Page post per loaded legacy Facebook Insights export (every snapshot; lifetime metrics)
-- key: _file_id, post_id
-- depends_on: raw.facebook__insights_posts
-- materialized: view
with
  source as (
    select
      *
    from
      raw.facebook__insights_posts
  ),
  renamed as (
    select
      ---------- ids: Post ID is <page id>_<post id>
      _file_id,
      _source_line,
      post_id,
      split_part(post_id, '_', 1) as page_id,
      permalink as post_url,
      ---------- post
      post_message as post_text,
      lower(post_type) as post_type,
      countries,
      languages,
      nullif(trim(audience_targeting), '') as audience_targeting,
      ---------- time
      posted_at,
      ---------- metrics
      impressions_total::integer as impressions,
      impressions_organic::integer as impressions_organic,
      impressions_paid::integer as impressions_paid,
      reach_total::integer as reach,
      reach_organic::integer as reach_organic,
      reach_paid::integer as reach_paid,
      engaged_users::integer as engaged_users,
      consumers::integer as consumers,
      consumptions::integer as consumptions,
      negative_feedback::integer as negative_feedback,
      fans_engaged::integer as fans_engaged,
      -- people who liked, commented or shared (Talking About This), else the story counts
      coalesce(talking_about_likes, stories_likes)::integer as reactions,
      coalesce(talking_about_comments, stories_comments)::integer as comments,
      coalesce(talking_about_shares, stories_shares)::integer as shares,
      consumptions::integer as clicks,
      link_clicks::integer as link_clicks,
      other_clicks::integer as other_clicks
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
