-- grain: one row per visit or click of a touchpoints file per loaded file (every snapshot)
-- key: _file_id, _source_line
-- depends_on: raw.web__touchpoints
-- materialized: view
with
  source as (
    select
      *
    from
      raw.web__touchpoints
  ),
  -- The adapter has no hooks (this file is big enough for DuckDB's read_csv), so the tags in the landing page's query string are read here
  tags_read_from_landing_page as (
    select
      *,
      -- the page's tags stand in only when the file gives none of its own (and only then are they read: a CASE is lazy)
      coalesce(utm_source, utm_medium, utm_campaign, utm_content, utm_term) is null as has_no_tag_columns,
      case
        when has_no_tag_columns then nullif(url_decode (replace(regexp_extract(landing_page, '(?i)[?&]utm_source=([^&#]*)', 1), '+', ' ')), '')
      end as page_utm_source,
      case
        when has_no_tag_columns then nullif(url_decode (replace(regexp_extract(landing_page, '(?i)[?&]utm_medium=([^&#]*)', 1), '+', ' ')), '')
      end as page_utm_medium,
      case
        when has_no_tag_columns then nullif(
          url_decode (replace(regexp_extract(landing_page, '(?i)[?&]utm_campaign=([^&#]*)', 1), '+', ' ')),
          ''
        )
      end as page_utm_campaign,
      case
        when has_no_tag_columns then nullif(url_decode (replace(regexp_extract(landing_page, '(?i)[?&]utm_content=([^&#]*)', 1), '+', ' ')), '')
      end as page_utm_content,
      case
        when has_no_tag_columns then nullif(url_decode (replace(regexp_extract(landing_page, '(?i)[?&]utm_term=([^&#]*)', 1), '+', ' ')), '')
      end as page_utm_term
    from
      source
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      visitor_id,
      ---------- time
      touched_at,
      ---------- campaign tags: the file's columns, else the landing page's query string
      case
        when has_no_tag_columns then page_utm_source
        else utm_source
      end as utm_source,
      case
        when has_no_tag_columns then page_utm_medium
        else utm_medium
      end as utm_medium,
      case
        when has_no_tag_columns then page_utm_campaign
        else utm_campaign
      end as utm_campaign,
      case
        when has_no_tag_columns then page_utm_content
        else utm_content
      end as utm_content,
      case
        when has_no_tag_columns then page_utm_term
        else utm_term
      end as utm_term,
      has_no_tag_columns
      and coalesce(page_utm_source, page_utm_medium, page_utm_campaign, page_utm_content, page_utm_term) is not null as are_tags_from_landing_page,
      ---------- pages
      landing_page,
      regexp_replace(landing_page, '[?#].*$', '') as page_path,
      referrer,
      _extra
    from
      tags_read_from_landing_page
  ),
  final as (
    select
      *,
      nullif(lower(trim(utm_source)), '') as utm_source_normalised,
      nullif(lower(trim(utm_medium)), '') as utm_medium_normalised,
      nullif(lower(trim(utm_campaign)), '') as utm_campaign_normalised,
      nullif(lower(trim(utm_content)), '') as utm_content_normalised,
      nullif(lower(trim(utm_term)), '') as utm_term_normalised
    from
      renamed
  )
select
  *
from
  final
