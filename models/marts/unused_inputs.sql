-- grain: one row per kind of rows that feed no figure and the file (or kind of export) they came in
-- key: kind, input
-- depends_on: core.ambassadors, core.ambassador_aliases, staging.stg_linkedin__member_shares, marts.unmatched_identities, meta.files
-- materialized: table
-- tests: accepted_values(kind: no_owner, names_nobody)
--
-- Rows that loaded but count nowhere, so that a run says so instead of keeping quiet:
-- a LinkedIn data-archive Shares.csv says nothing of whose posts it holds, so one that is
-- not in a folder named for an ambassador (by id or alias) belongs to nobody; and rows
-- whose name or code matches no ambassador (marts.unmatched_identities, by the kind of
-- export: the names themselves are listed there) are credited to nobody. what_to_do is
-- the sentence `advocacy status` and the run summary show.
with
  aliases as (
    select
      *
    from
      core.ambassador_aliases
  ),
  shares_without_owner as (
    select
      'no_owner' as kind,
      f.file_name as input,
      count(*)::integer as rows,
      'the LinkedIn Shares.csv in folder "' || coalesce(any_value(s.folder_name), '') || '" names no ambassador; put it in a folder named for the member''s ambassador_id (inbox/A017/Shares.csv) and load it again' as what_to_do
    from
      staging.stg_linkedin__member_shares as s
      inner join meta.files as f on f.file_id = s._file_id
    where
      s.folder_name is null
      or (
        s.folder_name not in (
          select
            ambassador_id
          from
            core.ambassadors
        )
        and alias_key (s.folder_name) not in (
          select
            alias_key
          from
            aliases
        )
      )
    group by
      f.file_name
  ),
  names_nobody as (
    select
      'names_nobody' as kind,
      source as input,
      sum(rows)::integer as rows,
      count(*)::varchar || ' name' || case
        when count(*) = 1 then ''
        else 's'
      end || ' in ' || source || ' match no ambassador, so their rows are credited to nobody; add each as an alias (advocacy status lists them with the closest roster names)' as what_to_do
    from
      marts.unmatched_identities
    group by
      source
  ),
  final as (
    select
      *
    from
      shares_without_owner
    union all
    select
      *
    from
      names_nobody
  )
select
  *
from
  final
