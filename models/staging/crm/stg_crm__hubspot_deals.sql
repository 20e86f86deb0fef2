-- grain: one row per HubSpot deal per loaded file (every snapshot)
-- key: _file_id, deal_id
-- depends_on: raw.crm__hubspot_deals
-- materialized: view
with
  source as (
    select
      *
    from
      raw.crm__hubspot_deals
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      record_id as deal_id,
      -- ';'-separated contact record ids: they match stg_crm__hubspot_contacts.record_id
      contact_record_ids,
      ---------- state
      deal_stage,
      pipeline,
      deal_type,
      is_won,
      deal_owner,
      associated_company as company,
      original_source,
      ---------- value
      amount,
      amount_in_company_currency,
      upper(currency) as currency,
      ---------- dates
      created_at,
      closed_at
    from
      source
  ),
  final as (
    select
      *,
      -- a won deal is a conversion at its close date, worth its amount
      case
        when is_won then 'conversion'
      end as kind,
      case
        when is_won then closed_at
      end as occurred_at,
      case
        when is_won then coalesce(amount_in_company_currency, amount)
      end as value
    from
      renamed
  )
select
  *
from
  final
