-- grain: one row per cost line per loaded costs file (every snapshot)
-- key: _file_id, _source_line
-- depends_on: raw.program__costs
-- materialized: view
with
  source as (
    select
      *
    from
      raw.program__costs
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      nullif(trim(ambassador_id), '') as ambassador_id,
      ---------- cost
      category,
      amount,
      amount_as_written,
      currency,
      note,
      ---------- time
      period_start,
      period_end,
      ---------- columns the company added
      _extra
    from
      source
  ),
  final as (
    select
      *,
      ambassador_id is null as is_program_wide,
      (period_end - period_start + 1)::integer as period_days
    from
      renamed
  )
select
  *
from
  final
