-- grain: one row per ambassador on any roster file; the latest file naming them wins, column by column
-- key: ambassador_id
-- depends_on: staging.stg_program__ambassadors
-- materialized: table
--
-- A roster file is a snapshot of the people in it. A later file that leaves out a column
-- an earlier one had (a re-export without the company's own columns) says nothing about
-- that column, so each person keeps its value from the latest of their files that has
-- it; columns_from_earlier_roster names those columns and marts.data_issues counts the
-- people. The warehouse keeps values, not headers: a file has a column when at least one
-- of its rows has a value there. A blank cell in such a file is a value (nothing), and a
-- column blank in every row of a file reads as left out.
--
-- Opt-out, an extra roster column (kept in _extra): leaderboard_opt_out or opt_out,
-- true/yes/ja/1/x, shows the ambassador as anonymous on leaderboards and success
-- stories. It holds until a later file with the column says otherwise (blank or any other
-- value there is "not opted out"); a file without the column, or with it blank for
-- everyone, never lifts an opt-out.
with
  roster as (
    select
      *,
      nullif(
        lower(
          trim(
            coalesce(
              json_extract_string(lower(_extra), '$.leaderboard_opt_out'),
              json_extract_string(lower(_extra), '$.opt_out')
            )
          )
        ),
        ''
      ) as opt_out
    from
      staging.stg_program__ambassadors
  ),
  files_with_columns as (
    select
      _file_id,
      bool_or(email is not null) as has_email,
      bool_or(department is not null) as has_department,
      bool_or(location is not null) as has_location,
      bool_or(title is not null) as has_title,
      bool_or(is_leader is not null) as has_is_leader,
      bool_or(lead_id is not null) as has_lead_id,
      bool_or(cohort is not null) as has_cohort,
      bool_or(joined_on is not null) as has_joined_on,
      bool_or(left_on is not null) as has_left_on,
      bool_or(linkedin_url is not null) as has_linkedin_url,
      bool_or(linkedin_headline is not null) as has_linkedin_headline,
      bool_or(opt_out is not null) as has_opt_out
    from
      roster
    group by
      _file_id
  ),
  -- each column from the latest of the person's files that has it; a person is once in a file
  merged as (
    select
      r.ambassador_id,
      max(r._file_id) as roster_file_id,
      -- required columns: in every file
      arg_max(r.name, r._file_id) as name,
      arg_max(r.utm_code, r._file_id) as utm_code,
      arg_max_null(r.email, (f.has_email, r._file_id)) as email,
      arg_max_null(r.department, (f.has_department, r._file_id)) as department,
      arg_max_null(r.location, (f.has_location, r._file_id)) as location,
      arg_max_null(r.title, (f.has_title, r._file_id)) as title,
      arg_max_null(r.is_leader, (f.has_is_leader, r._file_id)) as is_leader,
      arg_max_null(r.lead_id, (f.has_lead_id, r._file_id)) as lead_id,
      arg_max_null(r.cohort, (f.has_cohort, r._file_id)) as cohort,
      arg_max_null(r.joined_on, (f.has_joined_on, r._file_id)) as joined_on,
      arg_max_null(r.left_on, (f.has_left_on, r._file_id)) as left_on,
      arg_max_null(r.linkedin_url, (f.has_linkedin_url, r._file_id)) as linkedin_url,
      arg_max_null(r.linkedin_headline, (f.has_linkedin_headline, r._file_id)) as linkedin_headline,
      arg_max_null(r.opt_out, (f.has_opt_out, r._file_id)) as opt_out,
      list_filter(
        [
          case
            when max(r._file_id) filter(f.has_email) < max(r._file_id) then 'email'
          end,
          case
            when max(r._file_id) filter(f.has_department) < max(r._file_id) then 'department'
          end,
          case
            when max(r._file_id) filter(f.has_location) < max(r._file_id) then 'location'
          end,
          case
            when max(r._file_id) filter(f.has_title) < max(r._file_id) then 'title'
          end,
          case
            when max(r._file_id) filter(f.has_is_leader) < max(r._file_id) then 'is_leader'
          end,
          case
            when max(r._file_id) filter(f.has_lead_id) < max(r._file_id) then 'lead_id'
          end,
          case
            when max(r._file_id) filter(f.has_cohort) < max(r._file_id) then 'cohort'
          end,
          case
            when max(r._file_id) filter(f.has_joined_on) < max(r._file_id) then 'joined_on'
          end,
          case
            when max(r._file_id) filter(f.has_left_on) < max(r._file_id) then 'left_on'
          end,
          case
            when max(r._file_id) filter(f.has_linkedin_url) < max(r._file_id) then 'linkedin_url'
          end,
          case
            when max(r._file_id) filter(f.has_linkedin_headline) < max(r._file_id) then 'linkedin_headline'
          end,
          case
            when max(r._file_id) filter(f.has_opt_out) < max(r._file_id) then 'leaderboard_opt_out'
          end
        ],
        column_name -> column_name is not null
      ) as columns_from_earlier_roster
    from
      roster as r
      inner join files_with_columns as f using (_file_id)
    group by
      r.ambassador_id
  ),
  final as (
    select
      ambassador_id,
      name,
      email,
      department,
      location,
      title,
      coalesce(is_leader, false) as is_leader,
      lead_id,
      cohort,
      joined_on,
      left_on,
      linkedin_url,
      -- the vanity name identifies a member in LinkedIn URLs and file names
      nullif(regexp_extract(linkedin_url, 'linkedin\.com/in/([^/?#]+)', 1), '') as linkedin_vanity,
      linkedin_headline,
      utm_code,
      coalesce(opt_out in ('true', 'yes', 'y', 'ja', 'j', '1', 'x'), false) as is_leaderboard_opt_out,
      -- the latest roster file naming the ambassador
      roster_file_id,
      columns_from_earlier_roster
    from
      merged
  )
select
  *
from
  final
