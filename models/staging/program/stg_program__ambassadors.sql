-- grain: one row per ambassador per loaded roster file (every snapshot)
-- key: _file_id, ambassador_id
-- depends_on: raw.program__ambassadors
-- materialized: view
with
  source as (
    select
      *
    from
      raw.program__ambassadors
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      trim(ambassador_id) as ambassador_id,
      nullif(trim(lead_id), '') as lead_id,
      ---------- who
      name,
      nullif(lower(trim(email)), '') as email,
      department,
      location,
      title,
      -- left empty when not given, so core.ambassadors can tell a file without the column
      is_leader,
      cohort,
      linkedin_url,
      linkedin_headline,
      ---------- time
      joined_on,
      left_on,
      ---------- attribution
      utm_code,
      ---------- columns the company added
      _extra
    from
      source
  ),
  final as (
    select
      *,
      nullif(lower(trim(utm_code)), '') as utm_code_normalised
    from
      renamed
  )
select
  *
from
  final
