-- grain: one row per HubSpot contact (a lead) per loaded file (every snapshot)
-- key: _file_id, record_id
-- depends_on: raw.crm__hubspot_contacts
-- materialized: view
with
  source as (
    select
      *
    from
      raw.crm__hubspot_contacts
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      record_id,
      email_hash,
      visitor_id,
      ---------- the outcome: a contact is a lead from its create date
      'lead' as kind,
      created_at as occurred_at,
      ---------- lead state
      lower(lifecycle_stage) as lifecycle_stage,
      lead_status,
      number_of_associated_deals::integer as number_of_associated_deals,
      coalesce(associated_company, company_name) as company,
      country,
      ---------- how the lead came (HubSpot's source properties, and the tags of the first page's URL)
      original_source,
      original_source_drill_down_1,
      original_source_drill_down_2,
      first_conversion,
      first_page_seen,
      regexp_replace(first_page_seen, '[?#].*$', '') as first_page_path,
      last_page_seen,
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
