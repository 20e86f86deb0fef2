-- grain: one row per ambassador with a post of their own, program to date
-- key: ambassador_id
-- depends_on: core.posts
-- materialized: table
-- tests: not_null(posts), not_null(first_post_on)
--
-- An ambassador's own posts: how many, in how many ISO weeks (active weeks), the first
-- one's day, and their impressions and engagements where an export gives them
-- (posts_with_impressions counts those posts; engagements and
-- impressions_with_engagements sum the posts that give both).
select
  ambassador_id,
  count(*) as posts,
  count(distinct iso_week_start (posted_on)) as active_weeks,
  min(posted_on) as first_post_on,
  sum(impressions) as impressions,
  count(impressions) as posts_with_impressions,
  sum(engagements) filter(impressions is not null) as engagements,
  sum(impressions) filter(engagements is not null) as impressions_with_engagements
from
  core.posts
where
  owner = 'ambassador'
  and ambassador_id is not null
group by
  ambassador_id
