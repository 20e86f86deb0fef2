-- grain: one row per Greenhouse application per loaded file (every snapshot)
-- key: _file_id, application_id
-- depends_on: raw.ats__greenhouse_applications
-- materialized: view
with
  source as (
    select
      *
    from
      raw.ats__greenhouse_applications
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      'greenhouse' as ats,
      application_id,
      candidate_id,
      email_hash,
      ---------- job and pipeline state
      job,
      job_id,
      status,
      current_stage,
      recruiter,
      rejected_on,
      rejection_reason,
      last_activity_on,
      ---------- who brought the candidate (credited_to: an employee's name or referral code)
      source,
      credited_to,
      nullif(lower(trim(credited_to)), '') as credited_to_normalised,
      ---------- dates
      applied_on,
      -- a hire's date: Hired On where the report has it, else the last activity (the offer's acceptance)
      case
        when status = 'hired' then coalesce(hired_on, last_activity_on)
      end as hired_on
    from
      source
  ),
  final as (
    select
      *,
      case
        when status = 'hired' then 'hire'
        else 'application'
      end as kind,
      -- the reports have no time of day: the outcome is a local calendar day (core.outcomes gives it an instant)
      case
        when status = 'hired' then hired_on
        else applied_on
      end as occurred_on
    from
      renamed
  )
select
  *
from
  final
