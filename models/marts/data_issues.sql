-- grain: one row per data-quality finding: a row whose values are each readable but that does not fit the rest of the data
-- key: issue_kind, table_name, row_key
-- depends_on: core.ambassadors, core.ga4_sessions, meta.files
-- materialized: table
-- tests: accepted_values(issue_kind: unknown_lead, ga4_sessions_without_a_day, roster_column_kept)
--
-- These rows are kept where they are (a roster row with an unknown lead still counts
-- as an ambassador); `advocacy check` lists them as warnings so someone can correct the
-- source file. A check that fails the build would throw away the whole build for one
-- typo, so findings live here instead.
with
  ambassadors as (
    select
      *
    from
      core.ambassadors
  ),
  leads_that_name_nobody as (
    select
      'unknown_lead' as issue_kind,
      'core.ambassadors' as table_name,
      ambassador_id as row_key,
      'lead_id' as field,
      lead_id as value,
      'the roster names ' || lead_id || ' as the lead of ' || ambassador_id || ', and no ambassador has that id; correct lead_id in the roster or add the lead' as issue
    from
      ambassadors
    where
      lead_id is not null
      -- a lead must be on the roster to have a team view
      and lead_id not in (
        select
          ambassador_id
        from
          ambassadors
      )
  ),
  -- a newer roster file without a column an earlier one had: its people keep the earlier values
  roster_columns_kept_from_earlier_files as (
    select
      'roster_column_kept' as issue_kind,
      'core.ambassadors' as table_name,
      kept.column_name as row_key,
      kept.column_name as field,
      count(*)::varchar as value,
      'the latest roster file (' || string_agg(
        distinct f.file_name,
        ', '
        order by
          f.file_name
      ) || ') has no ' || kept.column_name || ' column, so ' || count(*) || case
        when count(*) = 1 then ' ambassador keeps their '
        else ' ambassadors keep their '
      end || kept.column_name || ' from an earlier roster file; add the column to change them' as issue
    from
      ambassadors as a
      cross join unnest(a.columns_from_earlier_roster) as kept (column_name)
      join meta.files as f on f.file_id = a.roster_file_id
    group by
      kept.column_name
  ),
  -- sessions are counted per day (core.sessions_daily): a whole period's row counts on the period's last day at best
  ga4_ambassador_sessions_without_a_day as (
    select
      'ga4_sessions_without_a_day' as issue_kind,
      'core.ga4_sessions' as table_name,
      f.file_name || ' #' || f.file_id as row_key,
      'Date' as field,
      string_agg(
        distinct s.grain,
        ', '
        order by
          s.grain
      ) as value,
      f.file_name || ' gives ' || sum(s.sessions)::bigint || ' sessions from ambassadors'' links per month or for its whole period, not per day: a whole period''s sessions count on its last day where no daily data covers it, and the days and weeks inside it cannot show them; download the report again with Date as a dimension' as issue
    from
      core.ga4_sessions as s
      join meta.files as f on f.file_id = s._file_id
    where
      not s.is_one_day
      and s.ambassador_id is not null
    group by
      f.file_id,
      f.file_name
  ),
  final as (
    select
      *
    from
      leads_that_name_nobody
    union all
    select
      *
    from
      ga4_ambassador_sessions_without_a_day
    union all
    select
      *
    from
      roster_columns_kept_from_earlier_files
  )
select
  *
from
  final
