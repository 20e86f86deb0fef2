-- grain: one row per Salesforce lead per loaded file (every snapshot)
-- key: _file_id, lead_key
-- depends_on: raw.crm__salesforce_leads
-- materialized: view
with
  source as (
    select
      *
    from
      raw.crm__salesforce_leads
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      -- report exports often lack the Lead ID; the adapter rejects rows with neither it nor an e-mail
      coalesce(lead_id, email_hash || '|' || strftime(created_on, '%Y-%m-%d')) as lead_key,
      lead_id,
      email_hash,
      ---------- the outcome: a lead from its create date
      'lead' as kind,
      -- the report has no time of day: the lead is a local calendar day (core.outcomes gives it an instant)
      created_on as occurred_on,
      ---------- lead state
      lead_owner,
      lead_source,
      lead_status,
      is_converted,
      converted_on,
      title,
      company,
      ---------- tags, from custom fields where the org has them
      utm_source,
      utm_medium,
      utm_campaign,
      utm_content,
      utm_term
    from
      source
  ),
  final as (
    select
      *,
      unnest(utm_normalised (utm_source, utm_medium, utm_campaign, utm_content, utm_term))
    from
      renamed
  )
select
  *
from
  final
