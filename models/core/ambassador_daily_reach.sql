-- grain: one row per ambassador and day of their LinkedIn analytics export (impressions as they happened)
-- key: ambassador_id, day
-- depends_on: staging.stg_linkedin__member_daily, core.ambassadors, core.ambassador_aliases
-- materialized: table
--
-- The member export's ENGAGEMENT sheet counts every post's impressions on the day they
-- happened, while TOP POSTS lists at most 50 posts; the program's impressions, goals and
-- EMV count this daily series on the days it covers (core.ambassador_impressions_daily). Overlapping exports: the one whose period ends last wins for a day. A
-- file whose member matches nobody stays out (it is listed by status).
with
  daily as (
    select
      *
    from
      staging.stg_linkedin__member_daily
  ),
  with_owner as (
    select
      d.*,
      coalesce(by_folder.ambassador_id, by_name.ambassador_id) as ambassador_id
    from
      daily as d
      left join core.ambassadors as by_folder on by_folder.ambassador_id = d.folder_name
      left join core.ambassador_aliases as by_name on by_name.alias_key = alias_key (d.member_name)
  ),
  final as (
    select
      ambassador_id,
      activity_on as day,
      impressions::double as impressions,
      engagements_total::double as engagements,
      clicks::double as clicks
    from
      with_owner
    where
      ambassador_id is not null
    qualify
      is_latest_period_export ((ambassador_id, activity_on), period_end, _file_id, _source_line)
  )
select
  *
from
  final
