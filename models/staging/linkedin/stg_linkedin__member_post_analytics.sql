-- grain: one row per single-post export (PostAnalytics_<Name>_<post id>.xlsx) per loaded file (every snapshot)
-- key: _file_id
-- depends_on: raw.linkedin__member_post_analytics
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__member_post_analytics
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      post_id,
      post_urn,
      post_url,
      file_post_id,
      ---------- whose post: resolved to an ambassador in core, through the folder or an alias
      member_name,
      folder_name,
      ---------- time: the time of day as the member's screen showed it (`11:53 AM`)
      published_on as posted_on,
      try_strptime(publish_time, '%I:%M %p')::time as posted_time,
      ---------- metrics: lifetime totals as of the export; null where the export has no such line (not 0)
      impressions::integer as impressions,
      members_reached::integer as members_reached,
      profile_viewers::integer as profile_viewers,
      followers_gained::integer as followers_gained,
      social_engagements::integer as social_engagements,
      reactions::integer as reactions,
      comments::integer as comments,
      reposts::integer as shares,
      saves::integer as saves,
      sends::integer as sends,
      link_engagements::integer as clicks,
      premium_button_engagements::integer as premium_button_clicks
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      nullif(lower(trim(member_name)), '') as member_name_normalised,
      post_url like '%/pulse/%' as is_article,
      -- LinkedIn's social engagements are these five; older exports give only the parts
      coalesce(
        social_engagements,
        case
          when coalesce(reactions, comments, shares, saves, sends) is not null then coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) + coalesce(sends, 0)
        end
      ) as engagements
    from
      renamed
  )
select
  *
from
  final
