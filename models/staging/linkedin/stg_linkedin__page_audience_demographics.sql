-- grain: one row per audience (followers, visitors), dimension and value of a company Page export's demographic sheets per loaded file (every snapshot)
-- key: _file_id, audience, dimension, value
-- depends_on: raw.linkedin__page_audience_demographics
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__page_audience_demographics
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      page_name,
      ---------- time: the export's last day, when its file name says it
      as_of as as_of_on,
      ---------- who is counted, by what (location, job_function, seniority, industry, company_size)
      audience,
      dimension,
      value,
      ---------- metrics: the followers export counts followers, the visitors export page views
      followers::integer as followers,
      page_views::integer as page_views
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform
    from
      renamed
  )
select
  *
from
  final
