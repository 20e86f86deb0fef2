-- grain: one row per trained ambassador and metric: their weekly rate before and after their first training
-- key: ambassador_id, metric
-- depends_on: core.trainings, core.ambassadors, marts.ambassador_weekly, intermediate.int_ambassador_complete_weeks_bounded
-- materialized: table
-- tests: accepted_values(metric: posts_per_week, sessions_per_week)
--
-- The plain before/after, with no comparison group (seasons, content supply and novelty
-- move it too; marts.training_effect compares with not-yet-trained ambassadors). Only
-- ISO weeks the ambassador was enrolled for in full and that end by the last day of
-- ambassadors' activity count; the week of the training itself is left out. before / after = mean per week
-- of the weeks before / after it; change = after - before.
with
  first_trainings as (
    select
      ambassador_id,
      trained_on,
      course,
      iso_week_start (trained_on) as training_week
    from
      core.trainings
    where
      is_first_training
      and is_on_roster
  ),
  full_weeks as (
    select
      w.ambassador_id,
      w.week_start,
      w.posts,
      w.sessions
    from
      marts.ambassador_weekly as w
      inner join intermediate.int_ambassador_complete_weeks_bounded as c using (ambassador_id)
    where
      w.week_start between coalesce(c.first_complete_week_start, w.week_start) and c.last_complete_week_start
  ),
  weeks_long as (
    select
      ambassador_id,
      week_start,
      'posts_per_week' as metric,
      posts::double as value
    from
      full_weeks
    union all
    select
      ambassador_id,
      week_start,
      'sessions_per_week',
      sessions::double
    from
      full_weeks
  ),
  before_after as (
    select
      t.ambassador_id,
      w.metric,
      count(*) filter(w.week_start < t.training_week) as weeks_before,
      count(*) filter(w.week_start > t.training_week) as weeks_after,
      avg(w.value) filter(w.week_start < t.training_week) as before,
      avg(w.value) filter(w.week_start > t.training_week) as after
    from
      first_trainings as t
      inner join weeks_long as w using (ambassador_id)
    group by all
  ),
  final as (
    select
      t.ambassador_id,
      a.name as ambassador_name,
      a.cohort,
      a.department,
      t.trained_on,
      t.course,
      b.metric,
      b.weeks_before::integer as weeks_before,
      b.weeks_after::integer as weeks_after,
      b.before::double as before,
      b.after::double as after,
      (b.after - b.before)::double as change
    from
      first_trainings as t
      inner join core.ambassadors as a using (ambassador_id)
      inner join before_after as b using (ambassador_id)
    order by
      t.ambassador_id,
      b.metric
  )
select
  *
from
  final
