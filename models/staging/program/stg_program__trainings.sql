-- grain: one row per completed training per loaded trainings file (every snapshot)
-- key: _file_id, _source_line
-- depends_on: raw.program__trainings
-- materialized: view
with
  source as (
    select
      *
    from
      raw.program__trainings
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      trim(ambassador_id) as ambassador_id,
      ---------- training
      trained_on,
      course,
      ---------- columns the company added
      _extra
    from
      source
  ),
  final as (
    select
      *
    from
      renamed
  )
select
  *
from
  final
