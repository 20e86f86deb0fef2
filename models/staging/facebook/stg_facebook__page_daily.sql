-- grain: one row per day of one Page-level metric per loaded Meta daily export (every snapshot)
-- key: _file_id, activity_on
-- depends_on: raw.facebook__page_daily
-- materialized: view
with
  source as (
    select
      *
    from
      raw.facebook__page_daily
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      ---------- what and when
      metric as metric_label,
      activity_on,
      ---------- value
      value
    from
      source
  ),
  final as (
    select
      *,
      'facebook' as platform,
      -- "Facebook follows" -> follows, "Views" -> views
      nullif(
        trim(
          both '_'
          from
            regexp_replace(lower(regexp_replace(metric_label, '^\s*facebook\s+', '', 'i')), '[^a-z0-9]+', '_', 'g')
        ),
        ''
      ) as metric
    from
      renamed
  )
select
  *
from
  final
