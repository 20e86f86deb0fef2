-- grain: one row per day of a member's FOLLOWERS sheet per loaded file (every snapshot)
-- key: _file_id, activity_on
-- depends_on: raw.linkedin__member_followers
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__member_followers
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      ---------- whose followers
      member_name,
      folder_name,
      ---------- time
      activity_on,
      period_start,
      period_end,
      ---------- metrics
      new_followers::integer as new_followers,
      total_followers::integer as total_followers,
      total_followers_on
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      nullif(lower(trim(member_name)), '') as member_name_normalised
    from
      renamed
  )
select
  *
from
  final
