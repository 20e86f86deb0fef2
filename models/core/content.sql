-- grain: one row per content item (hub or employee-made); the latest content catalogue wins
-- key: content_id
-- depends_on: staging.stg_program__content
-- materialized: table
-- tests: not_null(url_path), accepted_values(origin: hub, employee)
--
-- url_path and url_slug are what visits are matched on: a touchpoint's landing page
-- (a path, or a whole URL) is the item when its path is url_path; its utm_campaign is the
-- item when it is the content_id or url_slug (the last segment of the path).
with
  content as (
    select
      *
    from
      staging.stg_program__content
  ),
  content_deduplicated_to_latest_file as (
    select
      *
    from
      content
    qualify
      is_latest_export (content_id, _file_id, _source_line)
  ),
  paths as (
    select
      *,
      -- the path without scheme, host, query, fragment or trailing slash; lower case, as landing pages are compared
      lower(rtrim(regexp_replace(regexp_replace(url, '^[a-zA-Z]+://[^/?#]+', ''), '[?#].*$', ''), '/')) as path_part
    from
      content_deduplicated_to_latest_file
  ),
  final as (
    select
      content_id,
      title,
      url,
      url_normalised,
      coalesce(nullif(path_part, ''), '/') as url_path,
      nullif(regexp_extract(path_part, '([^/]+)$', 1), '') as url_slug,
      lower(trim(content_type)) as content_type,
      lower(trim(origin)) as origin,
      published_on
    from
      paths
  )
select
  *
from
  final
