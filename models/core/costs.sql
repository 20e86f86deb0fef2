-- grain: one row per cost line of the program's costs files; a line repeated in a later file is replaced by it
-- key: cost_line_id
-- depends_on: staging.stg_program__costs, meta.settings
-- materialized: table
-- tests: not_null(period_start), not_null(period_end), not_null(amount), accepted_values(category: platform, training, rewards, content, time, other)
--
-- Costs files may be one per month or cumulative. A line is identified by its period,
-- category, ambassador, note and its position among identical lines of one file (two
-- identical gift cards are two lines); the latest file holding a line wins, so a
-- corrected amount replaces the old one. A line whose note changed counts as a new line.
-- Amounts are in their line's currency (the program's when the file names none); ROI
-- counts only lines in the program's currency (is_program_currency), and these are
-- never converted.
with
  costs as (
    select
      *
    from
      staging.stg_program__costs
  ),
  settings as (
    select
      *
    from
      meta.settings
  ),
  numbered_within_file as (
    select
      *,
      row_number() over (
        partition by
          _file_id,
          period_start,
          period_end,
          category,
          coalesce(ambassador_id, ''),
          coalesce(note, '')
        order by
          _source_line
      ) as occurrence
    from
      costs
    where
      period_start is not null
      and period_end is not null
      and amount is not null
  ),
  latest_file_wins as (
    select
      *
    from
      numbered_within_file
    qualify
      is_latest_file (
        (period_start, period_end, category, coalesce(ambassador_id, ''), coalesce(note, ''), occurrence),
        _file_id
      )
  ),
  final as (
    select
      md5(
        concat_ws(
          '|',
          strftime(c.period_start, '%Y-%m-%d'),
          strftime(c.period_end, '%Y-%m-%d'),
          c.category,
          coalesce(c.ambassador_id, ''),
          coalesce(c.note, ''),
          c.occurrence::varchar
        )
      ) as cost_line_id,
      c.period_start,
      -- a period written backwards is taken as its one start day rather than dropped
      greatest(c.period_end, c.period_start) as period_end,
      (greatest(c.period_end, c.period_start) - c.period_start + 1)::integer as period_days,
      c.category,
      c.amount,
      coalesce(nullif(upper(trim(c.currency)), ''), s.currency) as currency,
      coalesce(nullif(upper(trim(c.currency)), ''), s.currency) = s.currency as is_program_currency,
      c.ambassador_id,
      c.ambassador_id is null as is_program_wide,
      c.note,
      c._file_id as source_file_id,
      c._source_line as source_line
    from
      latest_file_wins as c
      cross join settings as s
  )
select
  *
from
  final
