-- grain: one row per (ambassador, alias) per loaded aliases file (every snapshot)
-- key: _file_id, ambassador_id, alias
-- depends_on: raw.program__aliases
-- materialized: view
with
  source as (
    select
      *
    from
      raw.program__aliases
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      trim(ambassador_id) as ambassador_id,
      ---------- alias
      alias,
      ---------- columns the company added
      _extra
    from
      source
  ),
  final as (
    select
      *,
      -- compared without case, as file names and profiles spell names differently
      lower(trim(alias)) as alias_normalised,
      case
        when alias like '%@%' then 'email'
        when lower(alias) like '%linkedin.com/in/%' then 'linkedin_url'
        when lower(alias) like '%facebook.com/%' then 'facebook_url'
        when alias like '% %' then 'name'
        else 'code'
      end as alias_kind
    from
      renamed
  )
select
  *
from
  final
