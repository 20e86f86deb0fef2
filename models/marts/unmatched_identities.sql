-- grain: one row per name or code in an export that matches no ambassador, with the closest roster names
-- key: source, name
-- depends_on: core.ambassadors, core.ambassador_aliases, core.shares, core.touchpoints, staging.stg_linkedin__member_posts, staging.stg_ats__applications, staging.stg_web__outcomes
-- materialized: table
--
-- Rows that carry such a name are kept in core and marts (credited to no ambassador);
-- this list is what `advocacy status` shows, so someone can add an alias. Suggestions
-- are the three roster names most similar by Jaro-Winkler similarity (at least 0.75).
with
  aliases as (
    select
      *
    from
      core.ambassador_aliases
  ),
  linkedin_members as (
    select
      'LinkedIn export file name' as source,
      member_name as name,
      count(*) as rows
    from
      staging.stg_linkedin__member_posts
    where
      member_name is not null
      and alias_key (member_name) not in (
        select
          alias_key
        from
          aliases
      )
      and coalesce(folder_name, '') not in (
        select
          ambassador_id
        from
          core.ambassadors
      )
    group by all
  ),
  share_log_ids as (
    select
      'share log ambassador_id' as source,
      ambassador_id as name,
      count(*) as rows
    from
      core.shares
    where
      not is_on_roster
    group by all
  ),
  referrers as (
    select
      'ATS referrer' as source,
      credited_to as name,
      count(*) as rows
    from
      staging.stg_ats__applications
    where
      credited_to is not null
      and alias_key (credited_to) not in (
        select
          alias_key
        from
          aliases
      )
    group by all
    union all
    select
      'outcomes file referrer',
      referrer,
      count(*)
    from
      staging.stg_web__outcomes
    where
      referrer is not null
      and alias_key (referrer) not in (
        select
          alias_key
        from
          aliases
      )
    group by all
  ),
  -- a tracked link from an ambassador (utm_medium says so) whose code is nobody's
  ambassador_codes as (
    select
      'utm code in tracked visits' as source,
      attribution_value as name,
      count(*) as rows
    from
      core.touchpoints
    where
      ambassador_id is null
      and attribution_value is not null
      and lower(coalesce(utm_medium, '')) in ('employee_advocacy', 'employee-advocacy', 'advocacy', 'ambassador')
    group by all
  ),
  unmatched as (
    select
      *
    from
      linkedin_members
    union all
    select
      *
    from
      share_log_ids
    union all
    select
      *
    from
      referrers
    union all
    select
      *
    from
      ambassador_codes
  ),
  scored as (
    select
      u.source,
      u.name,
      u.rows,
      a.name as roster_name,
      a.ambassador_id,
      jaro_winkler_similarity(lower(u.name), lower(a.name)) as similarity
    from
      unmatched as u
      cross join core.ambassadors as a
  ),
  final as (
    select
      source,
      name,
      any_value(rows)::integer as rows,
      nullif(
        string_agg(
          case
            when similarity >= 0.75 then roster_name || ' (' || ambassador_id || ')'
          end,
          ', '
          order by
            similarity desc,
            ambassador_id
        ),
        ''
      ) as suggestions
    from
      (
        select
          *,
          row_number() over (
            partition by
              source,
              name
            order by
              similarity desc,
              ambassador_id
          ) as closeness
        from
          scored
      )
    where
      closeness <= 3
    group by
      source,
      name
  )
select
  *
from
  final
