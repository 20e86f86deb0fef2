-- grain: one row per company Page and day of its followers exports: the followers it gained that day, by how they came
-- key: page_name, day
-- depends_on: staging.stg_linkedin__page_followers, meta.files, meta.settings
-- materialized: table
--
-- Overlapping exports give a day once, as the latest export says it: the one whose
-- period ends last, then the one loaded last. A file whose name does not say the page
-- (renamed, or a sheet saved as CSV under another name) counts for the company's page,
-- under the company's name.
with
  followers as (
    select
      *
    from
      staging.stg_linkedin__page_followers
  ),
  files as (
    select
      file_id,
      period_end
    from
      meta.files
  ),
  settings as (
    select
      *
    from
      meta.settings
  ),
  followers_with_page as (
    select
      coalesce(f.page_name, s.company_name) as page_name,
      f.activity_on,
      f.new_followers_sponsored,
      f.new_followers_organic,
      f.new_followers_auto_invited,
      f.new_followers,
      f._file_id,
      f._source_line,
      files.period_end
    from
      followers as f
      cross join settings as s
      left join files on files.file_id = f._file_id
  ),
  final as (
    select
      page_name,
      activity_on as day,
      new_followers_sponsored,
      new_followers_organic,
      new_followers_auto_invited,
      new_followers as new_followers_total
    from
      followers_with_page
    qualify
      is_latest_period_export ((page_name, activity_on), period_end, _file_id, _source_line)
  )
select
  *
from
  final
