-- grain: one row per day of a company Page followers export's New followers sheet per loaded file (every snapshot)
-- key: _file_id, activity_on
-- depends_on: raw.linkedin__page_followers
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__page_followers
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      page_name,
      ---------- time
      activity_on,
      ---------- followers gained that day, by how they came (the export's "Total followers" is the day's sum, not the page's count)
      sponsored_followers::integer as new_followers_sponsored,
      organic_followers::integer as new_followers_organic,
      auto_invited_followers::integer as new_followers_auto_invited,
      total_followers::integer as new_followers_total
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      -- a version without the total column still gives the day's gain: the sum of its parts
      coalesce(
        new_followers_total,
        case
          when new_followers_sponsored is not null
          or new_followers_organic is not null
          or new_followers_auto_invited is not null then coalesce(new_followers_sponsored, 0) + coalesce(new_followers_organic, 0) + coalesce(new_followers_auto_invited, 0)
        end
      ) as new_followers
    from
      renamed
  )
select
  *
from
  final
