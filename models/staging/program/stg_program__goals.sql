-- grain: one row per goal per loaded goals file (every snapshot)
-- key: _file_id, goal_id
-- depends_on: raw.program__goals
-- materialized: view
with
  source as (
    select
      *
    from
      raw.program__goals
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      trim(goal_id) as goal_id,
      ---------- what
      name,
      kind,
      metric,
      purpose,
      ---------- target
      target::double as target,
      unit_value,
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
      (period_end - period_start + 1)::integer as period_days
    from
      renamed
  )
select
  *
from
  final
