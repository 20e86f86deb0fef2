-- grain: one row per content item (hub or employee-made)
-- key: content_id
-- depends_on: core.content, core.ambassadors, core.posts, core.touchpoints, core.outcomes, core.program_bounds, intermediate.int_touchpoint_landings_matched, core.attribution_touches, core.touch_credits_by_rule, marts.attribution_credits, meta.settings
-- materialized: table
-- tests: accepted_values(origin: hub, employee)
--
-- A post is the item's when the share log names the item (content_id), or else when its
-- tracked link leads to the item's page. A visit is the item's when its landing page is
-- the item's page, or else when its utm_campaign is the item's content_id or slug.
--   eligible_ambassadors   enrolled on the day the item was published (null without a publish date)
--   share_rate             eligible ambassadors who shared it / eligible ambassadors
--   clicks                 ambassadors' visits (a tracked link) landing on the item; all_sessions: every visit
--   outcomes_credited      outcomes credited to ambassadors under the default attribution model, through
--                          their touches on the item: a rule-based model's own weight per touch, else the
--                          ambassador's credit shared equally over their touches in the journey; an outcome
--                          without a journey counts when its own utm_campaign names the item
--   days_to_first_share    first share's day - published_on
--   is_unshared            published (on or before the as-of day, the last day with data) and shared by nobody
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  content as (
    select
      *
    from
      core.content
  ),
  ambassador_posts as (
    select
      *,
      lower(rtrim(regexp_replace(regexp_replace(tracked_url, '^[a-zA-Z]+://[^/?#]+', ''), '[?#].*$', ''), '/')) as tracked_path
    from
      core.posts
    where
      owner = 'ambassador'
  ),
  posts_on_items as (
    select
      p.*,
      p.content_id as item_id
    from
      ambassador_posts as p
    where
      p.content_id in (
        select
          content_id
        from
          content
      )
    union all
    -- no content_id in the share log: the tracked link's page says which item
    select
      p.*,
      c.content_id as item_id
    from
      ambassador_posts as p
      inner join content as c on c.url_path = p.tracked_path
    where
      p.content_id is null
  ),
  touches_on_items as (
    select
      t.touchpoint_id,
      t.ambassador_id,
      t.is_ambassador_touch,
      l.content_id
    from
      core.touchpoints as t
      inner join intermediate.int_touchpoint_landings_matched as l on l.landing_page is not distinct from t.landing_page
      and l.utm_campaign is not distinct from t.utm_campaign
  ),
  ambassador_credits as (
    select
      outcome_id,
      ambassador_id,
      outcome_kind,
      credit,
      value_credit,
      basis
    from
      marts.attribution_credits
    where
      model = (
        select
          default_model
        from
          settings
      )
      and granularity = 'ambassador'
      and ambassador_id is not null
      and credit > 0
  ),
  journey_touch_credits as (
    select
      t.touchpoint_id,
      c.outcome_kind,
      -- the touch's own weight where the model is rule-based, else an equal share of the ambassador's credit
      coalesce(
        r.credit,
        c.credit / count(*) over (
          partition by
            t.outcome_id,
            t.ambassador_id
        )
      ) as credit,
      coalesce(
        r.credit / c.credit,
        1.0 / count(*) over (
          partition by
            t.outcome_id,
            t.ambassador_id
        )
      ) * c.value_credit as value_credit
    from
      core.attribution_touches as t
      inner join ambassador_credits as c on c.outcome_id = t.outcome_id
      and c.ambassador_id = t.ambassador_id
      and c.basis = 'journey'
      left join core.touch_credits_by_rule as r on r.outcome_id = t.outcome_id
      and r.granularity = 'ambassador'
      and r.touchpoint_id = t.touchpoint_id
      and r.model = (
        select
          default_model
        from
          settings
      )
    where
      t.granularity = 'ambassador'
      and t.ambassador_id is not null
  ),
  credits_on_items as (
    select
      i.content_id,
      j.outcome_kind,
      j.credit,
      j.value_credit
    from
      journey_touch_credits as j
      inner join touches_on_items as i using (touchpoint_id)
    union all
    -- credited from the outcome's own tags (no journey): its campaign names the item
    select
      c.content_id,
      a.outcome_kind,
      a.credit,
      a.value_credit
    from
      ambassador_credits as a
      inner join core.outcomes as o using (outcome_id)
      inner join content as c on nullif(lower(trim(o.utm_campaign)), '') in (lower(c.content_id), lower(c.url_slug))
    where
      a.basis = 'outcome_utm'
  ),
  eligibility as (
    select
      c.content_id,
      count(a.ambassador_id) as eligible_ambassadors
    from
      content as c
      left join core.ambassadors as a
      -- no joined_on: enrolled from the start
      on coalesce(a.joined_on, c.published_on) <= c.published_on
      and (
        a.left_on is null
        or a.left_on > c.published_on
      )
    where
      c.published_on is not null
    group by
      c.content_id
  ),
  share_totals as (
    select
      p.item_id as content_id,
      count(*) as shares,
      count(*) filter(p.platform = 'linkedin') as linkedin_shares,
      count(*) filter(p.platform = 'facebook') as facebook_shares,
      count(distinct p.ambassador_id) as sharers,
      count(distinct p.ambassador_id) filter(
        where
          coalesce(a.joined_on, c.published_on) <= c.published_on
          and (
            a.left_on is null
            or a.left_on > c.published_on
          )
      ) as eligible_sharers,
      sum(p.impressions) as impressions,
      sum(p.engagements) filter(p.impressions is not null) as engagements,
      min(p.posted_on) as first_shared_on
    from
      posts_on_items as p
      inner join content as c on c.content_id = p.item_id
      left join core.ambassadors as a on a.ambassador_id = p.ambassador_id
    group by
      p.item_id
  ),
  visit_totals as (
    select
      content_id,
      count(*) filter(is_ambassador_touch) as clicks,
      count(*) as all_sessions
    from
      touches_on_items
    group by
      content_id
  ),
  credit_totals as (
    select
      content_id,
      sum(credit::decimal(38, 18))::double as outcomes_credited,
      sum(credit::decimal(38, 18)) filter(outcome_kind = 'lead')::double as leads_credited,
      sum(credit::decimal(38, 18)) filter(outcome_kind = 'conversion')::double as conversions_credited,
      sum(credit::decimal(38, 18)) filter(outcome_kind = 'application')::double as applications_credited,
      sum(credit::decimal(38, 18)) filter(outcome_kind = 'hire')::double as hires_credited,
      sum(value_credit::decimal(38, 18))::double as value_credited
    from
      credits_on_items
    group by
      content_id
  ),
  final as (
    select
      c.content_id,
      c.title,
      c.url,
      c.content_type,
      c.origin,
      c.published_on,
      e.eligible_ambassadors::integer as eligible_ambassadors,
      coalesce(s.sharers, 0)::integer as sharers,
      coalesce(s.eligible_sharers, 0)::integer as eligible_sharers,
      (coalesce(s.eligible_sharers, 0) / nullif(e.eligible_ambassadors, 0))::double as share_rate,
      coalesce(s.shares, 0)::integer as shares,
      coalesce(s.linkedin_shares, 0)::integer as linkedin_shares,
      coalesce(s.facebook_shares, 0)::integer as facebook_shares,
      s.impressions::double as impressions,
      s.engagements::double as engagements,
      (s.engagements / nullif(s.impressions, 0))::double as engagement_rate,
      coalesce(v.clicks, 0)::integer as clicks,
      coalesce(v.all_sessions, 0)::integer as all_sessions,
      coalesce(k.outcomes_credited, 0)::double as outcomes_credited,
      coalesce(k.leads_credited, 0)::double as leads_credited,
      coalesce(k.conversions_credited, 0)::double as conversions_credited,
      coalesce(k.applications_credited, 0)::double as applications_credited,
      coalesce(k.hires_credited, 0)::double as hires_credited,
      coalesce(k.value_credited, 0)::double as value_credited,
      s.first_shared_on,
      (s.first_shared_on - c.published_on)::integer as days_to_first_share,
      coalesce(c.published_on <= x.last_day_with_data, true) as is_published,
      coalesce(c.published_on <= x.last_day_with_data, true)
      and coalesce(s.shares, 0) = 0 as is_unshared,
      x.last_day_with_data as as_of_on
    from
      content as c
      cross join core.program_bounds as x
      left join eligibility as e using (content_id)
      left join share_totals as s using (content_id)
      left join visit_totals as v using (content_id)
      left join credit_totals as k using (content_id)
    order by
      c.published_on,
      c.content_id
  )
select
  *
from
  final
