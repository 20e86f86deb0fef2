-- grain: one row per ambassador, platform and day: how often the ambassador's posts were shown and engaged with, each counted once
-- key: ambassador_id, platform, day
-- depends_on: core.ambassador_daily_reach, core.posts
-- materialized: table
-- tests: accepted_values(platform: linkedin, facebook), accepted_values(quantity_source: daily_series, post_metrics)
--
-- Two sources count an ambassador's impressions and engagements: LinkedIn's daily series
-- (core.ambassador_daily_reach: every post's, on the day they happened) and each post's
-- own lifetime figures (core.posts: only the posts an export lists, at most the top 50 of
-- each table, on the day posted). They are one quantity by one rule:
-- * an ambassador's daily series covers their LinkedIn posts from its first to its last
--   day: each day it gives counts its figures (quantity_source 'daily_series'), and a
--   LinkedIn post of theirs posted in that range adds nothing, the series counting it;
-- * every other ambassador's post counts its own figures on the day it was posted
--   (quantity_source 'post_metrics'): an ambassador without a daily series, a LinkedIn
--   post outside the series' days, a Facebook post (no daily series exists).
-- A post whose ambassador is not known counts for nobody here.
-- core.posts.metrics_counted_in applies the rule to each post. Engagements a source gives
-- only as a total (the daily series; LinkedIn's member export) are also in
-- unsplit_engagements, apart from those split into reactions, comments and shares.
-- Ambassadors' clicks are their tracked sessions (core.sessions_daily), not counted here.
with
  series_days as (
    select
      ambassador_id,
      'linkedin' as platform,
      day,
      'daily_series' as quantity_source,
      impressions,
      engagements,
      null::double as reactions,
      null::double as comments,
      null::double as shares,
      engagements as unsplit_engagements
    from
      core.ambassador_daily_reach
  ),
  posts_counted_by_own_figures as (
    select
      *
    from
      core.posts
    where
      owner = 'ambassador'
      and ambassador_id is not null
      and metrics_counted_in = 'post_metrics'
      and posted_on is not null
      and coalesce(impressions, engagements, reactions, comments, shares) is not null
  ),
  post_days as (
    select
      ambassador_id,
      platform,
      posted_on as day,
      'post_metrics' as quantity_source,
      sum(impressions)::double as impressions,
      sum(engagements)::double as engagements,
      sum(reactions)::double as reactions,
      sum(comments)::double as comments,
      sum(shares)::double as shares,
      (
        sum(engagements) filter(
          where
            reactions is null
            and comments is null
            and shares is null
        )
      )::double as unsplit_engagements
    from
      posts_counted_by_own_figures
    group by all
  ),
  final as (
    select
      *
    from
      series_days
    union all
    by name
    select
      *
    from
      post_days
  )
select
  *
from
  final
