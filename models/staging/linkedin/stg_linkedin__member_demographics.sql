-- grain: one row per (section, dimension, value) of a member's demographics sheet per loaded file (every snapshot)
-- key: _file_id, section, dimension, value
-- depends_on: raw.linkedin__member_demographics
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__member_demographics
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      ---------- whose audience
      member_name,
      folder_name,
      ---------- time: the shares describe the export's period, as of its last day (the file name's)
      period_start,
      period_end,
      period_end as as_of,
      ---------- what: audience (DEMOGRAPHICS, AUDIENCE DEMOGRAPHICS) or content (CONTENT DEMOGRAPHICS)
      section,
      dimension,
      dimension_label,
      value,
      ---------- share of the section's members, as fractions; `< 1%` is only bounded (0 to 0.01)
      share_low,
      share_high,
      percentage as share_label
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      nullif(lower(trim(member_name)), '') as member_name_normalised,
      share_low = share_high as is_share_exact
    from
      renamed
  )
select
  *
from
  final
