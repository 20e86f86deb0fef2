-- grain: one row per ambassador and day of the program they are enrolled on
-- key: ambassador_id, day
-- depends_on: core.program_days, core.ambassadors
-- materialized: table
--
-- An ambassador is enrolled from joined_on (from the program's first day when the roster
-- gives none) to left_on, on the days of core.program_days. Program-wide costs and the
-- program leads' time are shared among the ambassadors enrolled each day.
with
  program_days as (
    select
      day
    from
      core.program_days
  ),
  final as (
    select
      a.ambassador_id,
      d.day
    from
      program_days as d
      inner join core.ambassadors as a on d.day >= coalesce(
        a.joined_on,
        (
          select
            min(day)
          from
            program_days
        )
      )
      and (
        a.left_on is null
        or d.day <= a.left_on
      )
  )
select
  *
from
  final
