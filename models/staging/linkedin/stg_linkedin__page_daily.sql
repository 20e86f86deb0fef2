-- grain: one row per day of a company Page content export's Metrics sheet per loaded file (every snapshot)
-- key: _file_id, activity_on
-- depends_on: raw.linkedin__page_daily
-- materialized: view
with
  source as (
    select
      *
    from
      raw.linkedin__page_daily
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      page_name,
      ---------- time
      activity_on,
      ---------- metrics, organic / sponsored / total (older files: shares = reposts)
      impressions_organic::integer as impressions_organic,
      impressions_sponsored::integer as impressions_sponsored,
      impressions_total::integer as impressions_total,
      unique_impressions_organic::integer as unique_impressions_organic,
      unique_impressions_sponsored::integer as unique_impressions_sponsored,
      unique_impressions_total::integer as unique_impressions_total,
      clicks_organic::integer as clicks_organic,
      clicks_sponsored::integer as clicks_sponsored,
      clicks_total::integer as clicks_total,
      reactions_organic::integer as reactions_organic,
      reactions_sponsored::integer as reactions_sponsored,
      reactions_total::integer as reactions_total,
      comments_organic::integer as comments_organic,
      comments_sponsored::integer as comments_sponsored,
      comments_total::integer as comments_total,
      reposts_organic::integer as shares_organic,
      reposts_sponsored::integer as shares_sponsored,
      reposts_total::integer as shares_total,
      engagement_rate_organic,
      engagement_rate_sponsored,
      engagement_rate_total,
      ---------- columns of newer versions not known yet
      _extra
    from
      source
  ),
  final as (
    select
      *,
      'linkedin' as platform,
      -- some versions leave out the total; organic + sponsored is the same figure
      coalesce(
        impressions_total,
        case
          when impressions_organic is not null
          or impressions_sponsored is not null then coalesce(impressions_organic, 0) + coalesce(impressions_sponsored, 0)
        end
      ) as impressions
    from
      renamed
  )
select
  *
from
  final
