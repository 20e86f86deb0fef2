-- grain: one row per ambassador on the roster
-- key: ambassador_id
-- depends_on: marts.disclosure_audit, core.ambassadors
-- materialized: table
--
-- Each ambassador's disclosure counts, for the program lead to follow up: posts that do
-- not make the employment evident (non_compliant) and posts that could not be judged
-- (unknown: no text). The audit holds roster members' posts only.
with
  audit as (
    select
      *
    from
      marts.disclosure_audit
  ),
  counts as (
    select
      ambassador_id,
      count(*) as posts_audited,
      count(*) filter(status = 'compliant') as compliant_posts,
      count(*) filter(status = 'non_compliant') as non_compliant_posts,
      count(*) filter(status = 'unknown') as unknown_posts,
      count(*) filter(
        where
          status = 'non_compliant'
          and platform = 'linkedin'
      ) as non_compliant_linkedin_posts,
      count(*) filter(
        where
          status = 'non_compliant'
          and platform = 'facebook'
      ) as non_compliant_facebook_posts,
      min(posted_on) filter(status = 'non_compliant') as first_non_compliant_on,
      max(posted_on) filter(status = 'non_compliant') as last_non_compliant_on,
      arg_max(post_url, coalesce(posted_at, posted_on::timestamp)) filter(status = 'non_compliant') as last_non_compliant_post_url
    from
      audit
    group by
      ambassador_id
  ),
  final as (
    select
      a.ambassador_id,
      a.name as ambassador_name,
      a.lead_id,
      coalesce(c.posts_audited, 0)::integer as posts_audited,
      coalesce(c.compliant_posts, 0)::integer as compliant_posts,
      coalesce(c.non_compliant_posts, 0)::integer as non_compliant_posts,
      coalesce(c.unknown_posts, 0)::integer as unknown_posts,
      coalesce(c.non_compliant_linkedin_posts, 0)::integer as non_compliant_linkedin_posts,
      coalesce(c.non_compliant_facebook_posts, 0)::integer as non_compliant_facebook_posts,
      c.first_non_compliant_on,
      c.last_non_compliant_on,
      c.last_non_compliant_post_url,
      coalesce(c.non_compliant_posts, 0) > 0 as needs_follow_up
    from
      core.ambassadors as a
      -- a lead follows up roster members only
      left join counts as c using (ambassador_id)
    order by
      ambassador_id
  )
select
  *
from
  final
