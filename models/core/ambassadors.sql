-- grain: one row per ambassador; the latest roster file wins
-- key: ambassador_id
-- depends_on: staging.stg_program__ambassadors
-- materialized: table

with roster as (
  select * from staging.stg_program__ambassadors
),

roster_deduplicated_to_latest_file as (
  select *
  from roster
  qualify row_number() over (partition by ambassador_id order by _file_id desc, _source_line desc) = 1
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
    -- an extra roster column (kept in _extra): leaderboard_opt_out (or opt_out) true/yes/ja/1/x
    -- shows the ambassador as "Anonymous" on leaderboards and success stories
    coalesce(
      lower(trim(coalesce(
        json_extract_string(lower(_extra), '$.leaderboard_opt_out'),
        json_extract_string(lower(_extra), '$.opt_out')
      ))) in ('true', 'yes', 'y', 'ja', 'j', '1', 'x'),
      false
    ) as is_leaderboard_opt_out
  from roster_deduplicated_to_latest_file
)

select * from final
