-- grain: one row per ambassador and day (in the program's time zone) with anything that earns points
-- key: ambassador_id, activity_on
-- depends_on: core.posts, core.sessions_daily, marts.attribution_credits, core.points_scheme, meta.points_daily_cap, meta.settings
-- materialized: table
--
-- The points scheme (config `points`, in meta.points) priced per ambassador and day, then
-- capped at meta.points_daily_cap against spam. What counts, and on which day:
--   post                         one per post the ambassador owns, on its day;
--   reaction, comment, share     the post's latest metrics (null counts as 0), on the post's day; where
--                                the platform gives only a total of engagements (LinkedIn's member
--                                export), the total counts as reactions;
--   click                        a session through the ambassador's tracked link (core.sessions_daily), on its day;
--   lead, application, hire      outcomes credited to the ambassador under the default attribution
--                                model (fractions as credited), on the day they occurred.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  scheme as (
    select
      *
    from
      core.points_scheme
  ),
  posts_per_day as (
    select
      ambassador_id,
      posted_on as activity_on,
      count(*) as posts,
      -- no split (reactions, comments and shares all unknown): the engagement total counts as reactions
      coalesce(
        sum(
          coalesce(
            reactions,
            case
              when comments is null
              and shares is null then engagements
            end
          )
        ),
        0
      ) as reactions,
      coalesce(sum(comments), 0) as comments,
      coalesce(sum(shares), 0) as shares
    from
      core.posts
    where
      owner = 'ambassador'
      and ambassador_id is not null
      and posted_on is not null
    group by all
  ),
  clicks_per_day as (
    select
      ambassador_id,
      day as activity_on,
      sum(sessions) as clicks
    from
      core.sessions_daily
    where
      ambassador_id is not null
    group by all
  ),
  credits_per_day as (
    select
      ambassador_id,
      occurred_on as activity_on,
      coalesce(sum(credit::decimal(38, 18)) filter(outcome_kind = 'lead')::double, 0) as leads,
      coalesce(sum(credit::decimal(38, 18)) filter(outcome_kind = 'application')::double, 0) as applications,
      coalesce(sum(credit::decimal(38, 18)) filter(outcome_kind = 'hire')::double, 0) as hires
    from
      marts.attribution_credits
    where
      granularity = 'ambassador'
      and ambassador_id is not null
      and model = (
        select
          default_model
        from
          settings
      )
      and outcome_kind in ('lead', 'application', 'hire')
    group by all
      -- a credit of 0 (an ambassador touch that lost under last touch) earns nothing
    having
      sum(credit::decimal(38, 18))::double > 0
  ),
  days as (
    select
      ambassador_id,
      activity_on
    from
      posts_per_day
    union
    select
      ambassador_id,
      activity_on
    from
      clicks_per_day
    union
    select
      ambassador_id,
      activity_on
    from
      credits_per_day
  ),
  counted as (
    select
      d.ambassador_id,
      d.activity_on,
      coalesce(p.posts, 0) as posts,
      coalesce(p.reactions, 0) as reactions,
      coalesce(p.comments, 0) as comments,
      coalesce(p.shares, 0) as shares,
      coalesce(k.clicks, 0) as clicks,
      coalesce(c.leads, 0) as leads,
      coalesce(c.applications, 0) as applications,
      coalesce(c.hires, 0) as hires
    from
      days as d
      left join posts_per_day as p using (ambassador_id, activity_on)
      left join clicks_per_day as k using (ambassador_id, activity_on)
      left join credits_per_day as c using (ambassador_id, activity_on)
  ),
  priced as (
    select
      c.*,
      -- rounded to cents of a point, so equal scores compare equal despite fractional credits
      round(
        c.posts * s.post + c.reactions * s.reaction + c.comments * s.comment + c.shares * s.share + c.clicks * s.click + c.leads * s.lead + c.applications * s.application + c.hires * s.hire,
        2
      ) as points_uncapped
    from
      counted as c
      cross join scheme as s
  ),
  final as (
    select
      ambassador_id,
      activity_on,
      posts::integer as posts,
      reactions::integer as reactions,
      comments::integer as comments,
      shares::integer as shares,
      clicks::integer as clicks,
      leads::double as leads,
      applications::double as applications,
      hires::double as hires,
      points_uncapped::double as points_uncapped,
      least(
        points_uncapped,
        (
          select
            daily_cap
          from
            meta.points_daily_cap
        )
      )::double as points,
      points_uncapped > (
        select
          daily_cap
        from
          meta.points_daily_cap
      ) as is_capped
    from
      priced
    order by
      ambassador_id,
      activity_on
  )
select
  *
from
  final
