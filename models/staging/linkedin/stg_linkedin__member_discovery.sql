-- grain: one row per member export (its DISCOVERY sheet) per loaded file (every snapshot)
-- key: _file_id
-- depends_on: raw.linkedin__member_discovery
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__member_discovery
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      ---------- whose summary
      member_name,
      folder_name,
      ---------- time: the sheet's own period, or the file name's
      period_start,
      period_end,
      period as period_label,
      ---------- metrics: members reached is distinct people for this period only, never summed
      impressions::integer as impressions,
      members_reached::integer as members_reached,
      ---------- keys beyond the known ones
      _extra
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
