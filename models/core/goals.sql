-- grain: one row per program goal; the latest goals file wins
-- key: goal_id
-- depends_on: staging.stg_program__goals
-- materialized: table
-- tests: accepted_values(kind: visibility, traffic, social_actions, leads, conversions, applications)
with
  goals as (
    select
      *
    from
      staging.stg_program__goals
  ),
  final as (
    select
      goal_id,
      name as goal_name,
      kind,
      metric,
      target,
      period_start,
      period_end,
      unit_value,
      purpose
    from
      goals
    qualify
      is_latest_export (goal_id, _file_id, _source_line)
  )
select
  *
from
  final
