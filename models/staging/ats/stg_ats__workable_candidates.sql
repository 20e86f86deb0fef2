-- grain: one row per Workable candidate in one job per loaded file (every snapshot)
-- key: _file_id, _source_line
-- depends_on: raw.ats__workable_candidates
-- materialized: view
with
  source as (
    select
      *
    from
      raw.ats__workable_candidates
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      'workable' as ats,
      candidate_id,
      email_hash,
      ---------- job and pipeline state
      job,
      job_shortcode,
      stage,
      is_disqualified,
      disqualification_reason,
      disqualified_at,
      ---------- who or what brought the candidate (first visit to the form)
      source,
      source_category,
      nullif(lower(trim(source)), '') as source_normalised,
      credited_to,
      nullif(lower(trim(credited_to)), '') as credited_to_normalised,
      ---------- dates
      applied_at,
      hired_at
    from
      source
  ),
  final as (
    select
      *,
      case
        when hired_at is not null then 'hire'
        else 'application'
      end as kind,
      coalesce(hired_at, applied_at) as occurred_at
    from
      renamed
  )
select
  *
from
  final
