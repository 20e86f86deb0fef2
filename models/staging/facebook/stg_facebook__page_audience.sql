-- grain: one row per block (age and gender, top cities, top countries, top pages, a daily series) and dimension value per loaded Meta Audience.csv (every snapshot)
-- key: _file_id, block, dimension, breakdown
-- depends_on: raw.facebook__page_audience
-- materialized: view
with
  source as (
    select
      *
    from
      raw.facebook__page_audience
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      ---------- which block, and which of its values
      block,
      block_title,
      dimension,
      -- the second dimension of a table block (the gender in age_gender); a ranking
      -- such as top_cities is over all the Page's followers
      coalesce(dimension_2, 'all') as breakdown,
      ---------- value: a share is a fraction of the Page's followers (0 to 1); a score is
      ---------- Meta's affinity index as written; unknown is an unknown block's number as written
      value,
      value_kind
    from
      source
  ),
  final as (
    select
      *,
      'facebook' as platform
    from
      renamed
  )
select
  *
from
  final
