-- grain: one row per post (ambassadors' and the company page's) with its latest metrics
-- key: post_key
-- depends_on: core.shares, core.linkedin_post_identities, core.post_snapshots, core.ambassadors, core.ambassador_aliases, core.ambassador_daily_reach, staging.stg_linkedin__member_posts, staging.stg_linkedin__member_post_analytics, staging.stg_linkedin__page_posts, staging.stg_facebook__page_posts, meta.settings
-- materialized: table
-- tests: accepted_values(platform: linkedin, facebook), accepted_values(owner: ambassador, company), not_null(posted_on), accepted_values(match_basis: urn, url, ambassador_time_link, ambassador_time_text, ambassador_day), accepted_values(metrics_counted_in: daily_series, post_metrics), not_null(metrics_counted_in)
--
-- An ambassador's post is known from the share log (with its text) and from their
-- LinkedIn exports (with metrics: TOP POSTS, or a single post's export); the two are
-- one post when core.linkedin_post_identities says so: the same id or link, however
-- written, ids a source maps, the member's data archive post of the same link or text,
-- or the ambassador's one post that day on each side (match_basis: urn, url,
-- ambassador_time_link, ambassador_time_text or ambassador_day; null for a post named
-- one way only). A post in an export but not in the share log is still the
-- ambassador's: the export's folder (an ambassador_id) or member name (an alias) says
-- whose. Each metric is the latest snapshot's that gives it (metrics_as_of: the latest
-- snapshot of the post); a post the platform never exported has null metrics, not 0.
--
-- metrics_counted_in says where a post's impressions and engagements count, so that each
-- counts once: 'daily_series' for an ambassador's LinkedIn post posted between the first
-- and the last day of their LinkedIn daily series (core.ambassador_daily_reach counts it
-- on the days it was shown, and its own figures are not added), else 'post_metrics' (its
-- own figures, on the day it was posted: an ambassador without a daily series, a post
-- outside its days, a Facebook post, the company page's posts).
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  ordered_snapshots as (
    select
      *,
      row_number() over (
        partition by
          post_key
        order by
          snapshot_on,
          snapshot_file_id
      ) as snapshot_order
    from
      core.post_snapshots
  ),
  -- each measure from the latest snapshot that gives it: a later export may list a post in
  -- one of its top-50 tables only, and its silence on the other measure is not a 0
  latest_metrics as (
    select
      post_key,
      max(snapshot_on) as metrics_as_of,
      arg_max(impressions, snapshot_order) filter(impressions is not null) as impressions,
      arg_max(reach, snapshot_order) filter(reach is not null) as reach,
      arg_max(reactions, snapshot_order) filter(reactions is not null) as reactions,
      arg_max(comments, snapshot_order) filter(comments is not null) as comments,
      arg_max(shares, snapshot_order) filter(shares is not null) as shares,
      arg_max(clicks, snapshot_order) filter(clicks is not null) as clicks,
      arg_max(engagements, snapshot_order) filter(engagements is not null) as engagements
    from
      ordered_snapshots
    group by
      post_key
  ),
  identities as (
    select
      *
    from
      core.linkedin_post_identities
  ),
  daily_series_coverage as (
    select
      ambassador_id,
      min(day) as first_day,
      max(day) as last_day
    from
      core.ambassador_daily_reach
    group by
      ambassador_id
  ),
  shares as (
    select
      coalesce(
        i.post_key,
        s.platform || ':' || coalesce(s.post_id, s.post_url, s.ambassador_id || '@' || strftime(s.shared_at, '%Y-%m-%dT%H:%M:%S'))
      ) as post_key,
      s.*
    from
      core.shares as s
      -- one equality (a Facebook share's reference is null), so that DuckDB joins by hash
      left join identities as i on i.post_ref = case
        when s.platform = 'linkedin' then 'linkedin:' || coalesce(s.post_id, s.post_url)
      end
  ),
  member_exports as (
    select
      i.post_key,
      m.post_url,
      m.posted_on,
      m.folder_name,
      m.member_name,
      m.period_end,
      m._file_id
    from
      staging.stg_linkedin__member_posts as m
      inner join identities as i on i.post_ref = 'linkedin:' || coalesce(m.post_id, m.post_url)
    union all
    select
      i.post_key,
      a.post_url,
      a.posted_on,
      a.folder_name,
      a.member_name,
      null::date,
      a._file_id
    from
      staging.stg_linkedin__member_post_analytics as a
      inner join identities as i on i.post_ref = 'linkedin:' || coalesce(a.post_id, a.post_url)
  ),
  -- how a post's references were joined, where a source maps them or time and link, text or day do
  mapped_posts as (
    select distinct
      post_key,
      match_basis as mapped_basis
    from
      identities
    where
      match_basis is not null
  ),
  member_posts as (
    select
      post_key,
      post_url,
      posted_on,
      folder_name,
      member_name
    from
      member_exports
      -- the latest period's TOP POSTS row names the post; a single-post export, when no TOP POSTS does
    qualify
      row_number() over (
        partition by
          post_key
        order by
          period_end desc nulls last,
          _file_id desc
      ) = 1
  ),
  member_posts_with_owner as (
    select
      m.*,
      coalesce(by_folder.ambassador_id, by_name.ambassador_id) as ambassador_id
    from
      member_posts as m
      left join core.ambassadors as by_folder on by_folder.ambassador_id = m.folder_name
      left join core.ambassador_aliases as by_name on by_name.alias_key = alias_key (m.member_name)
  ),
  ambassador_posts as (
    select
      coalesce(s.post_key, m.post_key) as post_key,
      coalesce(s.platform, 'linkedin') as platform,
      'ambassador' as owner,
      coalesce(s.ambassador_id, m.ambassador_id) as ambassador_id,
      coalesce(m.member_name, null) as author_name,
      s.shared_at as posted_at,
      coalesce(s.shared_on, m.posted_on) as posted_on,
      coalesce(s.post_url, m.post_url) as post_url,
      s.post_text,
      s.tracked_url,
      s.content_id,
      s.post_key is not null as is_in_share_log,
      coalesce(
        mp.mapped_basis,
        case
          when s.post_key is not null
          and m.post_key is not null then (
            case
              when s.post_id is null then 'url'
              else 'urn'
            end
          )
        end
      ) as match_basis
    from
      shares as s
      full outer join member_posts_with_owner as m using (post_key)
      left join mapped_posts as mp using (post_key)
  ),
  linkedin_page_posts as (
    select
      'linkedin:' || coalesce(post_id, post_url) as post_key,
      'linkedin' as platform,
      'company' as owner,
      null as ambassador_id,
      posted_by as author_name,
      null::timestamp as posted_at,
      posted_on,
      post_url,
      post_text
    from
      staging.stg_linkedin__page_posts
    qualify
      is_latest_file (post_key, _file_id)
  ),
  facebook_page_posts as (
    select
      'facebook:' || post_id as post_key,
      'facebook' as platform,
      'company' as owner,
      null as ambassador_id,
      page_name as author_name,
      posted_at,
      local_day (
        posted_at,
        (
          select
            timezone
          from
            settings
        )
      ) as posted_on,
      post_url,
      post_text
    from
      staging.stg_facebook__page_posts
    qualify
      is_latest_file (post_key, _file_id)
  ),
  -- the company's own posts carry no tracked link and no content item, and are in no share log
  company_posts as (
    select
      *,
      null as tracked_url,
      null as content_id,
      false as is_in_share_log
    from
      (
        from
          linkedin_page_posts
        union all
        by name
        from
          facebook_page_posts
      )
  ),
  posts as (
    select
      *
    from
      ambassador_posts
    union all
    by name
    select
      *
    from
      company_posts
  ),
  final as (
    select
      p.post_key,
      p.platform,
      p.owner,
      p.ambassador_id,
      p.author_name,
      p.posted_at,
      p.posted_on,
      p.post_url,
      p.post_text,
      p.tracked_url,
      p.content_id,
      p.is_in_share_log,
      p.match_basis,
      s.* exclude (post_key),
      case
        when p.owner = 'ambassador'
        and p.platform = 'linkedin'
        and p.posted_on between c.first_day and c.last_day then 'daily_series'
        else 'post_metrics'
      end as metrics_counted_in
    from
      posts as p
      left join latest_metrics as s using (post_key)
      left join daily_series_coverage as c on c.ambassador_id = p.ambassador_id
  )
select
  *
from
  final
