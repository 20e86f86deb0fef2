-- grain: one row per day of a member's ENGAGEMENT sheet per loaded file (every snapshot)
-- key: _file_id, activity_on
-- depends_on: raw.linkedin__member_daily
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__member_daily
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      ---------- whose day
      member_name,
      folder_name,
      ---------- time
      activity_on,
      period_start,
      period_end,
      ---------- metrics (the richer 2026 layout fills the breakdown, the older one only engagements)
      impressions::integer as impressions,
      engagements::integer as engagements,
      clicks::integer as clicks,
      reactions::integer as reactions,
      comments::integer as comments,
      reposts::integer as shares,
      sends::integer as sends,
      engagement_rate
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      nullif(lower(trim(member_name)), '') as member_name_normalised,
      -- the older layout reports engagements only; the richer one, its parts
      coalesce(
        engagements,
        case
          when coalesce(reactions, comments, shares, clicks) is not null then coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(clicks, 0)
        end
      ) as engagements_total
    from
      renamed
  )
select
  *
from
  final
