-- grain: one row per nudge a program lead should give
-- key: nudge_id
-- depends_on: core.ambassadors, core.posts, core.content, intermediate.int_ambassador_activity_bounded, core.outcomes, marts.disclosure_followup, meta.settings
-- materialized: table
-- tests: not_null(kind), not_null(detail), accepted_values(kind: inactive, unshared_content, disclosure)
--
-- As of the last day with data (posts, visits, outcomes; as_of_on), not the day of the
-- build, so a late export does not make everyone look inactive:
--   inactive          enrolled on the as-of day, and no post in the last inactive_weeks weeks
--                     (config nudges.inactive_weeks); since = the last post, or joined_on;
--   unshared_content  an item published in the last 14 days (as-of day included) that nobody
--                     has shared; ambassador_id is empty; since = published_on;
--   disclosure        an ambassador with posts that fail the disclosure audit; since = the
--                     first of them (marts.disclosure_followup has the counts).
-- lead_id is the ambassador's program lead, who gives the nudge.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  as_of as (
    select
      greatest(
        last_ambassador_post_on,
        last_session_on,
        (
          select
            max(occurred_on)
          from
            core.outcomes
        )
      ) as as_of_on
    from
      intermediate.int_ambassador_activity_bounded
  ),
  ambassadors as (
    select
      *
    from
      core.ambassadors
  ),
  last_posts as (
    select
      ambassador_id,
      max(posted_on) as last_post_on
    from
      core.posts,
      as_of
    where
      owner = 'ambassador'
      and ambassador_id is not null
      and posted_on <= as_of_on
    group by
      ambassador_id
  ),
  inactive as (
    select
      'inactive' as kind,
      a.ambassador_id,
      null::varchar as content_id,
      coalesce(l.last_post_on, a.joined_on) as since,
      case
        when l.last_post_on is null
        and a.joined_on is null then 'Has never posted'
        when l.last_post_on is null then 'Has not posted since joining on ' || strftime(a.joined_on, '%Y-%m-%d') || ' (' || ((x.as_of_on - a.joined_on) // 7) || ' weeks)'
        else 'Last post on ' || strftime(l.last_post_on, '%Y-%m-%d') || ' (' || ((x.as_of_on - l.last_post_on) // 7) || ' weeks before ' || strftime(x.as_of_on, '%Y-%m-%d') || ')'
      end as detail
    from
      ambassadors as a
      cross join as_of as x
      cross join settings as s
      left join last_posts as l using (ambassador_id)
    where
      x.as_of_on is not null
      -- enrolled on the as-of day
      and coalesce(a.joined_on, x.as_of_on) <= x.as_of_on
      and (
        a.left_on is null
        or a.left_on > x.as_of_on
      )
      -- nothing in the last N weeks (the as-of day and the 7N - 1 days before it)
      and coalesce(l.last_post_on, a.joined_on, date '0001-01-01') <= x.as_of_on - 7 * s.inactive_weeks
  ),
  shared_items as (
    select distinct
      content_id
    from
      core.posts
    where
      owner = 'ambassador'
      and content_id is not null
  ),
  unshared_content as (
    select
      'unshared_content' as kind,
      null::varchar as ambassador_id,
      c.content_id,
      c.published_on as since,
      'Published on ' || strftime(c.published_on, '%Y-%m-%d') || ' and not shared by anyone yet: ' || c.title as detail
    from
      core.content as c
      cross join as_of as x
    where
      c.published_on > x.as_of_on - 14
      and c.published_on <= x.as_of_on
      and c.content_id not in (
        select
          content_id
        from
          shared_items
      )
  ),
  disclosure as (
    select
      'disclosure' as kind,
      f.ambassador_id,
      null::varchar as content_id,
      f.first_non_compliant_on as since,
      f.non_compliant_posts || case
        when f.non_compliant_posts = 1 then ' post does'
        else ' posts do'
      end || ' not make the employment evident (latest on ' || coalesce(strftime(f.last_non_compliant_on, '%Y-%m-%d'), 'an unknown day') || '); ask for a disclosure such as "#reklame" or "min kollega hos ..."' as detail
    from
      marts.disclosure_followup as f
    where
      f.needs_follow_up
  ),
  nudges as (
    select
      *
    from
      inactive
    union all
    select
      *
    from
      unshared_content
    union all
    select
      *
    from
      disclosure
  ),
  final as (
    select
      n.kind || ':' || coalesce(n.ambassador_id, n.content_id) as nudge_id,
      n.kind,
      n.ambassador_id,
      a.name as ambassador_name,
      a.lead_id,
      n.content_id,
      n.detail,
      n.since,
      x.as_of_on
    from
      nudges as n
      cross join as_of as x
      left join ambassadors as a using (ambassador_id)
    order by
      n.kind,
      n.ambassador_id,
      n.content_id
  )
select
  *
from
  final
