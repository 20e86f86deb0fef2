-- grain: one row per leaderboard period (contest or month) and one of its top five posts
-- key: period_kind, contest, story_rank
-- depends_on: core.points_scheme, marts.period_points, core.posts, core.content, core.touchpoints, intermediate.int_touchpoint_landings_matched, core.ambassadors, marts.disclosure_audit
-- materialized: table
-- tests: accepted_values(period_kind: contest, month)
--
-- The period's best posts by eligible ambassadors, to recognise: ranked by the points the
-- post itself earned under the scheme (post + reactions, comments and shares from its
-- latest metrics, an unsplit engagement total as reactions + visits through it), then engagements, impressions and time. A visit is
-- the post's when it came through the same ambassador's link to the same item and the
-- post is that ambassador's latest share of the item before the visit. Posts that fail the
-- disclosure audit are never success stories. An ambassador who opted out has no
-- display_name (is_opted_out): each report writes its own word for anonymous.
with
  scheme as (
    select
      *
    from
      core.points_scheme
  ),
  periods as (
    select distinct
      period_kind,
      contest,
      start_on,
      end_on
    from
      marts.period_points
  ),
  eligible as (
    select
      period_kind,
      contest,
      ambassador_id
    from
      marts.period_points
  ),
  posts as (
    select
      p.*,
      coalesce(p.posted_at, p.posted_on::timestamp) as posted_time
    from
      core.posts as p
      left join marts.disclosure_audit as d using (post_key)
    where
      p.owner = 'ambassador'
      and p.ambassador_id is not null
      and coalesce(d.status, 'unknown') <> 'non_compliant'
  ),
  ambassador_touches as (
    select
      touchpoint_id,
      ambassador_id,
      touched_at,
      landing_page,
      utm_campaign
    from
      core.touchpoints
    where
      ambassador_id is not null
  ),
  touches_on_items as (
    select
      t.touchpoint_id,
      t.ambassador_id,
      t.touched_at,
      l.content_id
    from
      ambassador_touches as t
      inner join intermediate.int_touchpoint_landings_matched as l on l.landing_page is not distinct from t.landing_page
      and l.utm_campaign is not distinct from t.utm_campaign
  ),
  -- Shares and visits on one timeline per ambassador and item, so that each visit can take
  -- the latest share before it. (An asof join says the same, but the planner runs it as a
  -- nested loop when the build's fresh tables leave it without row estimates.)
  shares_and_visits as (
    select
      ambassador_id,
      content_id,
      posted_time as happened_at,
      false as is_visit,
      post_key
    from
      posts
    where
      content_id is not null
      and posted_time is not null
    union all
    select
      ambassador_id,
      content_id,
      touched_at,
      true,
      null
    from
      touches_on_items
    where
      touched_at is not null
  ),
  visits_to_shares as (
    select
      is_visit,
      -- a share and a visit at the same instant: the visit is the share's
      last_value (post_key ignore nulls) over (
        partition by
          ambassador_id,
          content_id
        order by
          happened_at,
          is_visit,
          post_key rows between unbounded preceding
          and current row
      ) as post_key
    from
      shares_and_visits
  ),
  sessions_per_post as (
    select
      post_key,
      count(*) as sessions
    from
      visits_to_shares
    where
      is_visit
      and post_key is not null
    group by
      post_key
  ),
  scored as (
    select
      p.*,
      coalesce(v.sessions, 0) as sessions,
      -- as in marts.points_daily: an engagement total without a split counts as reactions
      s.post + coalesce(
        p.reactions,
        case
          when p.comments is null
          and p.shares is null then p.engagements
        end,
        0
      ) * s.reaction + coalesce(p.comments, 0) * s.comment + coalesce(p.shares, 0) * s.share + coalesce(v.sessions, 0) * s.click as post_points
    from
      posts as p
      cross join scheme as s
      left join sessions_per_post as v using (post_key)
  ),
  ranked as (
    select
      r.period_kind,
      r.contest,
      p.*,
      row_number() over (
        partition by
          r.period_kind,
          r.contest
        order by
          p.post_points desc,
          p.engagements desc nulls last,
          p.impressions desc nulls last,
          p.posted_time,
          p.post_key
      ) as story_rank
    from
      periods as r
      inner join scored as p on p.posted_on between r.start_on and r.end_on
      inner join eligible as e on e.period_kind = r.period_kind
      and e.contest = r.contest
      and e.ambassador_id = p.ambassador_id
    qualify
      story_rank <= 5
  ),
  final as (
    select
      r.period_kind,
      r.contest,
      r.story_rank::integer as story_rank,
      r.post_key,
      r.post_url,
      r.platform,
      r.ambassador_id,
      case
        when not coalesce(a.is_leaderboard_opt_out, false) then coalesce(a.name, r.ambassador_id)
      end as display_name,
      coalesce(a.is_leaderboard_opt_out, false) as is_opted_out,
      r.posted_on,
      r.content_id,
      c.title as content_title,
      r.post_text,
      r.impressions::double as impressions,
      r.reactions::double as reactions,
      r.comments::double as comments,
      r.shares::double as shares,
      r.engagements::double as engagements,
      r.sessions::integer as sessions,
      round(r.post_points, 2)::double as points
    from
      ranked as r
      left join core.ambassadors as a using (ambassador_id)
      left join core.content as c using (content_id)
    order by
      r.period_kind,
      r.contest,
      r.story_rank
  )
select
  *
from
  final
