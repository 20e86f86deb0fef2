-- grain: one row per reference to an ambassador's LinkedIn post that a source makes (an id, or the link of a post without one), with the post it is
-- key: post_ref
-- depends_on: core.shares, core.ambassadors, core.ambassador_aliases, staging.stg_linkedin__member_posts, staging.stg_linkedin__member_post_analytics, staging.stg_linkedin__member_shares
-- materialized: table
-- tests: not_null(post_key), accepted_values(match_basis: urn, ambassador_time_link, ambassador_time_text, ambassador_day)
--
-- A post has several ids (its activity, and the share or ugcPost it was made as), and
-- the share log and the member's exports may each name it by another. A reference is
-- 'linkedin:' || the id (any kind: the numbers do not repeat across kinds), or the link
-- written one way when there is no id. References are one post when:
-- - urn: a source names both ids (a single-post export's Post URL and the id in its file name);
-- - ambassador_time_link, ambassador_time_text: a share-log post and a post of the member's
--   data archive (Shares.csv, which names the share or ugcPost id) are the ambassador's,
--   within 24 hours of each other, with the same link (its query aside) or the same text
--   (case and spacing aside), and neither side has another such candidate;
-- - ambassador_day: nothing maps them, but on one local day the ambassador has exactly one
--   post in the share log and one in the exports that no id matches, one named by its
--   activity id and the other by its share or ugcPost id (two posts' ids of one kind
--   that differ are two posts; a share-log row without a link is never guessed).
-- The post's key is its share-log reference, else its export's link, else a mapped id;
-- match_basis says how the post's references were joined (null when it has one).
with recursive
  share_refs as (
    select
      'linkedin:' || coalesce(post_id, post_url) as post_ref,
      ambassador_id,
      shared_on as posted_on,
      split_part(post_urn, ':', 3) as id_kind
    from
      core.shares
    where
      platform = 'linkedin'
      and coalesce(post_id, post_url) is not null
  ),
  member_exports as (
    select
      'linkedin:' || coalesce(post_id, post_url) as post_ref,
      null::varchar as file_ref,
      post_urn,
      posted_on,
      folder_name,
      member_name
    from
      staging.stg_linkedin__member_posts
    union all
    select
      'linkedin:' || coalesce(post_id, post_url),
      case
        when file_post_id <> post_id then 'linkedin:' || file_post_id
      end,
      post_urn,
      posted_on,
      folder_name,
      member_name
    from
      staging.stg_linkedin__member_post_analytics
  ),
  export_refs as (
    select
      e.post_ref,
      e.file_ref,
      coalesce(by_folder.ambassador_id, by_name.ambassador_id) as ambassador_id,
      e.posted_on,
      split_part(e.post_urn, ':', 3) as id_kind
    from
      member_exports as e
      left join core.ambassadors as by_folder on by_folder.ambassador_id = e.folder_name
      left join core.ambassador_aliases as by_name on by_name.alias_key = alias_key (e.member_name)
  ),
  mapped_ids as (
    select distinct
      post_ref as ref_a,
      file_ref as ref_b,
      'urn' as match_basis
    from
      export_refs
    where
      file_ref is not null
  ),
  archive_refs as (
    select
      'linkedin:' || coalesce(a.post_id, a.post_url) as post_ref,
      coalesce(by_folder.ambassador_id, by_name.ambassador_id) as ambassador_id,
      a.posted_at,
      split_part(a.shared_url, '?', 1) as link,
      nullif(lower(regexp_replace(trim(a.post_text), '\s+', ' ', 'g')), '') as text_key
    from
      staging.stg_linkedin__member_shares as a
      left join core.ambassadors as by_folder on by_folder.ambassador_id = a.folder_name
      left join core.ambassador_aliases as by_name on by_name.alias_key = alias_key (a.folder_name)
      -- the archive may be loaded again: one row per post
    qualify
      is_latest_file (post_ref, a._file_id)
  ),
  archive_candidates as (
    select
      s.post_ref as ref_a,
      a.post_ref as ref_b,
      case
        when split_part(s.tracked_url, '?', 1) = a.link then 'ambassador_time_link'
        when nullif(lower(regexp_replace(trim(s.post_text), '\s+', ' ', 'g')), '') = a.text_key then 'ambassador_time_text'
      end as match_basis
    from
      (
        select
          'linkedin:' || coalesce(post_id, post_url) as post_ref,
          ambassador_id,
          shared_at,
          tracked_url,
          post_text
        from
          core.shares
        where
          platform = 'linkedin'
          and coalesce(post_id, post_url) is not null
      ) as s
      inner join archive_refs as a on a.ambassador_id = s.ambassador_id
      and a.posted_at between s.shared_at - interval 24 hour and s.shared_at + interval 24 hour
      and a.post_ref <> s.post_ref
  ),
  archive_matches as (
    select
      ref_a,
      ref_b,
      match_basis
    from
      archive_candidates
    where
      match_basis is not null
    qualify
      count(*) over (
        partition by
          ref_a
      ) = 1
      and count(*) over (
        partition by
          ref_b
      ) = 1
  ),
  -- posts no id joins to the other side: an export post counts as joined when its mapped id, or the archive post its share-log post matches, is in the share log
  unjoined_shares as (
    select
      *
    from
      share_refs
    where
      post_ref not in (
        select
          post_ref
        from
          export_refs
      )
      and post_ref not in (
        select
          file_ref
        from
          export_refs
        where
          file_ref is not null
      )
      and post_ref not in (
        select
          ref_a
        from
          archive_matches
      )
  ),
  unjoined_exports as (
    select distinct
      post_ref,
      ambassador_id,
      posted_on,
      id_kind
    from
      export_refs
    where
      ambassador_id is not null
      and post_ref not in (
        select
          post_ref
        from
          share_refs
      )
      and coalesce(file_ref, '') not in (
        select
          post_ref
        from
          share_refs
      )
      and post_ref not in (
        select
          ref_b
        from
          archive_matches
      )
  ),
  -- the day's only unjoined post on each side: a day with more posts on either side gives more than one pair
  one_post_a_day as (
    select
      s.post_ref as ref_a,
      e.post_ref as ref_b,
      'ambassador_day' as match_basis
    from
      unjoined_shares as s
      inner join unjoined_exports as e using (ambassador_id, posted_on)
    qualify
      count(*) over (
        partition by
          ambassador_id,
          posted_on
      ) = 1
      and (
        s.id_kind = 'activity'
        and e.id_kind in ('share', 'ugcPost')
        or e.id_kind = 'activity'
        and s.id_kind in ('share', 'ugcPost')
      )
  ),
  matches as (
    select
      *
    from
      mapped_ids
    union all
    select
      *
    from
      archive_matches
    union all
    select
      *
    from
      one_post_a_day
  ),
  links as (
    select
      ref_a as post_ref,
      ref_b as other_ref,
      match_basis
    from
      matches
    union all
    select
      ref_b,
      ref_a,
      match_basis
    from
      matches
  ),
  refs as (
    -- the rank decides which reference names the post
    select
      post_ref,
      min(key_rank) as key_rank
    from
      (
        select
          post_ref,
          1 as key_rank
        from
          share_refs
        union all
        select
          post_ref,
          2
        from
          export_refs
        union all
        select
          file_ref,
          3
        from
          export_refs
        where
          file_ref is not null
        union all
        select
          ref_b,
          4
        from
          archive_matches
      )
    group by
      post_ref
  ),
  reachable (post_ref, other_ref) as (
    select
      post_ref,
      post_ref
    from
      refs
    union
    select
      r.post_ref,
      l.other_ref
    from
      reachable as r
      inner join links as l on l.post_ref = r.other_ref
  ),
  posts as (
    select
      r.post_ref,
      arg_min(r.other_ref, [k.key_rank::varchar, r.other_ref]) as post_key
    from
      reachable as r
      inner join refs as k on k.post_ref = r.other_ref
    group by
      r.post_ref
  ),
  -- the weakest join on the way is the post's: a guess anywhere makes the whole a guess
  post_bases as (
    select
      p.post_key,
      arg_max(
        l.match_basis,
        case l.match_basis
          when 'urn' then 1
          when 'ambassador_time_link' then 2
          when 'ambassador_time_text' then 3
          when 'ambassador_day' then 4
        end
      ) as match_basis
    from
      posts as p
      inner join links as l on l.post_ref = p.post_ref
    group by
      p.post_key
  ),
  final as (
    select
      p.post_ref,
      p.post_key,
      b.match_basis
    from
      posts as p
      left join post_bases as b using (post_key)
  )
select
  *
from
  final
