-- grain: one row per day, page section, measure and device of a company Page visitors export per loaded file (every snapshot)
-- key: _file_id, activity_on, section, measure, device
-- depends_on: raw.linkedin__page_visitors
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__page_visitors
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      page_name,
      ---------- time
      activity_on,
      ---------- what is counted: section (overview, life, jobs, total, ...), page_views or unique_visitors, desktop / mobile / total
      section,
      measure,
      device,
      ---------- metric
      value::integer as value
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      -- the export's own sum over every section, which a sum of the sections would count twice
      section = 'total' as is_all_sections
    from
      renamed
  )
select
  *
from
  final
