-- grain: one row per way an ambassador shows up in exports (normalised alias)
-- key: alias_key
-- depends_on: core.ambassadors, staging.stg_program__aliases
-- materialized: table
-- tests: not_null(ambassador_id), accepted_values(alias_kind: utm_code, name, linkedin_vanity, linkedin_url, email, alias)
with
  ambassadors as (
    select
      *
    from
      core.ambassadors
  ),
  listed_aliases as (
    select
      *
    from
      staging.stg_program__aliases
    qualify
      is_latest_file ((ambassador_id, alias_key (alias)), _file_id)
  ),
  aliases_from_every_source as (
    select
      ambassador_id,
      utm_code as alias,
      'utm_code' as alias_kind,
      1 as priority
    from
      ambassadors
    union all
    select
      ambassador_id,
      name,
      'name',
      2
    from
      ambassadors
    union all
    select
      ambassador_id,
      linkedin_vanity,
      'linkedin_vanity',
      3
    from
      ambassadors
    union all
    select
      ambassador_id,
      linkedin_url,
      'linkedin_url',
      3
    from
      ambassadors
    union all
    select
      ambassador_id,
      email,
      'email',
      4
    from
      ambassadors
    union all
    select
      ambassador_id,
      alias,
      'alias',
      5
    from
      listed_aliases
  ),
  normalised as (
    select
      ambassador_id,
      alias,
      alias_kind,
      priority,
      alias_key (alias) as alias_key
    from
      aliases_from_every_source
    where
      alias_key (alias) is not null
  ),
  -- an alias that points at two ambassadors credits neither: it is left out (and shown by status)
  unambiguous as (
    select
      *
    from
      normalised
    qualify
      count(distinct ambassador_id) over (
        partition by
          alias_key
      ) = 1
  ),
  final as (
    select
      alias_key,
      alias,
      alias_kind,
      ambassador_id
    from
      unambiguous
    qualify
      row_number() over (
        partition by
          alias_key
        order by
          priority
      ) = 1
  )
select
  *
from
  final
