-- grain: one row per content type, and one per origin (hub or employee-made)
-- key: dimension, value
-- depends_on: marts.content_performance
-- materialized: table
-- tests: accepted_values(dimension: content_type, origin)
--
-- marts.content_performance summed over its items. share_rate pools the items:
-- eligible ambassadors who shared / eligible ambassadors, over every item with a publish
-- date; engagement_rate is engagements / impressions over posts with metrics.
with
  items as (
    select
      *
    from
      marts.content_performance
  ),
  by_dimension as (
    select
      'content_type' as dimension,
      content_type as value,
      * exclude (content_type, origin)
    from
      items
    union all
    select
      'origin' as dimension,
      origin as value,
      * exclude (content_type, origin)
    from
      items
  ),
  final as (
    select
      dimension,
      value,
      count(*)::integer as items,
      count(*) filter(shares > 0)::integer as items_shared,
      count(*) filter(is_unshared)::integer as items_unshared,
      sum(eligible_ambassadors)::integer as eligible_ambassadors,
      sum(eligible_sharers) filter(eligible_ambassadors is not null)::integer as eligible_sharers,
      (
        sum(eligible_sharers) filter(eligible_ambassadors is not null) / nullif(sum(eligible_ambassadors), 0)
      )::double as share_rate,
      sum(shares)::integer as shares,
      (sum(shares) / count(*))::double as shares_per_item,
      sum(impressions)::double as impressions,
      sum(engagements)::double as engagements,
      (sum(engagements) / nullif(sum(impressions), 0))::double as engagement_rate,
      sum(clicks)::integer as clicks,
      sum(all_sessions)::integer as all_sessions,
      sum(outcomes_credited)::double as outcomes_credited,
      sum(value_credited)::double as value_credited,
      median(days_to_first_share)::double as median_days_to_first_share
    from
      by_dimension
    group by
      dimension,
      value
    order by
      dimension,
      value
  )
select
  *
from
  final
