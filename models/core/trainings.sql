-- grain: one row per completed training: an ambassador, a day and a course; the same training in several files counts once
-- key: training_id
-- depends_on: staging.stg_program__trainings, core.ambassadors
-- materialized: table
-- tests: not_null(ambassador_id), not_null(trained_on), unique(ambassador_id, trained_on, course)
--
-- Trainings files may be cumulative or one per session, so every file's rows are kept
-- and a training listed again (same ambassador, day and course) counts once, from the
-- latest file. is_first_training marks the training the training-effect marts use: an
-- ambassador counts as trained from their first one.
with
  trainings as (
    select
      *
    from
      staging.stg_program__trainings
  ),
  deduplicated as (
    select
      ambassador_id,
      trained_on,
      nullif(trim(course), '') as course
    from
      trainings
    where
      ambassador_id is not null
      and ambassador_id <> ''
      and trained_on is not null
    qualify
      is_latest_export ((ambassador_id, trained_on, nullif(trim(course), '')), _file_id, _source_line)
  ),
  final as (
    select
      md5(concat_ws('|', ambassador_id, strftime(trained_on, '%Y-%m-%d'), coalesce(course, ''))) as training_id,
      ambassador_id,
      trained_on,
      course,
      row_number() over (
        partition by
          ambassador_id
        order by
          trained_on,
          course nulls last
      ) = 1 as is_first_training,
      -- a training of someone not on the roster is kept, and counts for no ambassador
      ambassador_id in (
        select
          ambassador_id
        from
          core.ambassadors
      ) as is_on_roster
    from
      deduplicated
  )
select
  *
from
  final
