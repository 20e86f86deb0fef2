-- grain: one row per Teamtailor job application per loaded file (every snapshot)
-- key: _file_id, _source_line
-- depends_on: raw.ats__teamtailor_applications
-- materialized: view
with
  source as (
    select
      *
    from
      raw.ats__teamtailor_applications
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      'teamtailor' as ats,
      application_id,
      candidate_id,
      email_hash,
      ---------- job and pipeline state
      job,
      stage,
      rejected_at,
      ---------- who or what brought the candidate
      source,
      referring_site,
      job_link,
      promotion_id,
      promotion_channel,
      nullif(lower(trim(promotion_channel)), '') as promotion_channel_normalised,
      credited_to,
      nullif(lower(trim(credited_to)), '') as credited_to_normalised,
      utm_source,
      utm_medium,
      utm_campaign,
      utm_content,
      nullif(lower(trim(utm_content)), '') as utm_content_normalised,
      utm_term,
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
