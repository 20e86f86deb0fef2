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
      row_number() over (
        partition by
          goal_id
        order by
          _file_id desc,
          _source_line desc
      ) = 1
  )
select
  *
from
  final
