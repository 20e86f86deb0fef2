-- grain: one row per distinct landing page and utm_campaign of the visits that lands on a content item, with that item
-- depends_on: core.touchpoints, core.content
-- materialized: table
-- tests: unique(landing_page, utm_campaign), not_null(content_id)
--
-- A visit is an item's when its landing page is the item's page, or else when its
-- utm_campaign is the item's content_id or slug (marts.content_performance,
-- marts.success_stories). The item depends only on the landing page and campaign, so it is
-- worked out once per distinct pair, not per visit.
with
  landings as (
    select
      landing_page,
      utm_campaign,
      lower(rtrim(regexp_replace(regexp_replace(landing_page, '^[a-zA-Z]+://[^/?#]+', ''), '[?#].*$', ''), '/')) as landing_path,
      nullif(lower(trim(utm_campaign)), '') as campaign
    from
      (
        select distinct
          landing_page,
          utm_campaign
        from
          core.touchpoints
      )
  ),
  landings_on_items as (
    select
      landing_page,
      utm_campaign,
      content_id
    from
      (
        select
          l.*,
          c.content_id,
          1 as match_order
        from
          landings as l
          inner join core.content as c on c.url_path = coalesce(nullif(l.landing_path, ''), '/')
        union all
        select
          l.*,
          c.content_id,
          2 as match_order
        from
          landings as l
          inner join core.content as c on l.campaign = lower(c.content_id)
        union all
        select
          l.*,
          c.content_id,
          3 as match_order
        from
          landings as l
          inner join core.content as c on l.campaign = lower(c.url_slug)
      )
      -- one item per visit: the landing page first
    qualify
      row_number() over (
        partition by
          landing_page,
          utm_campaign
        order by
          match_order,
          content_id
      ) = 1
  )
select
  *
from
  landings_on_items
