-- grain: one row per post and export it appeared in: the metrics as of that export
-- key: post_key, snapshot_file_id
-- depends_on: core.linkedin_post_identities, staging.stg_linkedin__member_posts, staging.stg_linkedin__member_post_analytics, staging.stg_linkedin__page_posts, staging.stg_facebook__page_posts, meta.files, meta.settings
-- materialized: table
-- tests: accepted_values(platform: linkedin, facebook), accepted_values(owner: ambassador, company)
--
-- An ambassador's post is keyed as core.linkedin_post_identities names it, however the
-- export wrote its link. Metrics are lifetime totals as of the export, so a later export
-- of the same post replaces the earlier one's figures in core.posts, measure by measure where it
-- gives one (a null is not a 0); every snapshot is kept here. snapshot_on is
-- the end of the period the export covers, else the local day it was loaded (a single-post
-- export covers no period: it is as of the day it was exported, which it does not say).
with
  files as (
    select
      file_id,
      coalesce(
        period_end,
        local_day (
          loaded_at,
          (
            select
              timezone
            from
              meta.settings
          )
        )
      ) as snapshot_on
    from
      meta.files
  ),
  member_posts as (
    select
      'linkedin' as platform,
      'ambassador' as owner,
      coalesce(i.post_key, 'linkedin:' || coalesce(m.post_id, m.post_url)) as post_key,
      _file_id,
      _source_line,
      impressions::double as impressions,
      null::double as reach,
      null::double as reactions,
      null::double as comments,
      null::double as shares,
      null::double as clicks,
      engagements::double as engagements
    from
      staging.stg_linkedin__member_posts as m
      left join core.linkedin_post_identities as i on i.post_ref = 'linkedin:' || coalesce(m.post_id, m.post_url)
  ),
  member_post_analytics as (
    select
      'linkedin',
      'ambassador',
      coalesce(i.post_key, 'linkedin:' || coalesce(a.post_id, a.post_url)),
      _file_id,
      _source_line,
      impressions,
      members_reached,
      reactions,
      comments,
      shares,
      clicks,
      engagements
    from
      staging.stg_linkedin__member_post_analytics as a
      left join core.linkedin_post_identities as i on i.post_ref = 'linkedin:' || coalesce(a.post_id, a.post_url)
  ),
  page_posts as (
    select
      'linkedin' as platform,
      'company' as owner,
      'linkedin:' || coalesce(post_id, post_url) as post_key,
      _file_id,
      _source_line,
      impressions,
      null as reach,
      reactions,
      comments,
      shares,
      clicks
    from
      staging.stg_linkedin__page_posts
    union all
    select
      'facebook',
      'company',
      'facebook:' || post_id,
      _file_id,
      _source_line,
      impressions,
      reach,
      reactions,
      comments,
      shares,
      clicks
    from
      staging.stg_facebook__page_posts
  ),
  -- a page post's engagements are its reactions, comments, shares and clicks
  page_posts_with_engagements as (
    select
      *,
      coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(clicks, 0) as engagements
    from
      page_posts
  ),
  snapshots as (
    select
      *
    from
      member_posts
    union all
    select
      *
    from
      member_post_analytics
    union all
    select
      *
    from
      page_posts_with_engagements
  ),
  final as (
    select
      s.post_key,
      s.platform,
      s.owner,
      s._file_id as snapshot_file_id,
      f.snapshot_on,
      s.impressions,
      s.reach,
      s.reactions,
      s.comments,
      s.shares,
      s.clicks,
      s.engagements
    from
      snapshots as s
      inner join files as f on f.file_id = s._file_id
      -- one post appears once per export; a repeat inside one file keeps the first line
    qualify
      row_number() over (
        partition by
          s.post_key,
          s._file_id
        order by
          s._source_line
      ) = 1
  )
select
  *
from
  final
