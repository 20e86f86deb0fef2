-- grain: one row per content item per loaded content catalogue (every snapshot)
-- key: _file_id, content_id
-- depends_on: raw.program__content
-- materialized: view
with
  source as (
    select
      *
    from
      raw.program__content
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      trim(content_id) as content_id,
      ---------- item
      title,
      url,
      type as content_type,
      coalesce(origin, 'hub') as origin,
      ---------- time
      published_on,
      ---------- columns the company added
      _extra
    from
      source
  ),
  url_split as (
    select
      *,
      lower(regexp_replace(regexp_extract(url, '^[a-zA-Z]+://([^/?#]+)', 1), '^www\.', '')) as url_host,
      -- the path keeps its case (video ids are case-sensitive); only tracking tags are dropped
      regexp_replace(
        regexp_replace(regexp_replace(url, '^[a-zA-Z]+://[^/?#]+', ''), '#.*$', ''),
        '\?((utm_[a-z]+|fbclid|gclid)=[^&]*&?)+$',
        '',
        'i'
      ) as url_rest
    from
      renamed
  ),
  final as (
    select
      * exclude (url_host, url_rest),
      -- the page itself, for matching shared links: no scheme, www, tracking tags, fragment or trailing slash
      url_host || rtrim(url_rest, '/') as url_normalised
    from
      url_split
  )
select
  *
from
  final
