-- grain: one row per CRM lead record (a HubSpot contact, a Salesforce lead), as its latest export has it
-- key: outcome_id
-- depends_on: staging.stg_crm__hubspot_contacts, staging.stg_crm__salesforce_leads, meta.excluded_lead_stages
-- materialized: table
-- tests: not_null(is_lead), accepted_values(crm: hubspot, salesforce), accepted_values(stage_field: lifecycle_stage, lead_status)
--
-- Which CRM records are leads. A CRM export lists more than leads: HubSpot's contacts
-- include newsletter subscribers, Salesforce's leads the ones sales found unqualified. A
-- record whose lifecycle stage or lead status the config names in outcomes.lead_stages is
-- no lead outcome (core.outcomes leaves it out); it stays here, so the records left out
-- can be counted. stage_field and stage say what decided: the field and value that
-- excluded the record (the lifecycle stage before the lead status), else the record's
-- lifecycle stage (HubSpot) or lead status (Salesforce). outcome_id is the id the record
-- has, or would have, in core.outcomes.
with
  excluded as (
    select
      crm,
      field,
      crm_value_key (value) as value_key
    from
      meta.excluded_lead_stages
  ),
  hubspot as (
    select
      'hubspot:' || record_id as outcome_id,
      'hubspot' as crm,
      lifecycle_stage,
      lead_status
    from
      staging.stg_crm__hubspot_contacts
    qualify
      is_latest_export (record_id, _file_id, _source_line)
  ),
  salesforce as (
    select
      'salesforce:' || lead_key,
      'salesforce',
      null,
      lead_status
    from
      staging.stg_crm__salesforce_leads
    qualify
      is_latest_export (lead_key, _file_id, _source_line)
  ),
  records as (
    from
      hubspot
    union all
    from
      salesforce
  ),
  with_exclusions as (
    select
      r.*,
      coalesce(bool_or(by_stage.field is not null), false) as is_excluded_by_lifecycle_stage,
      coalesce(bool_or(by_status.field is not null), false) as is_excluded_by_lead_status
    from
      records as r
      -- equalities only, so that DuckDB joins by hash
      left join excluded as by_stage on by_stage.crm = r.crm
      and by_stage.field = 'lifecycle_stage'
      and by_stage.value_key = crm_value_key (r.lifecycle_stage)
      left join excluded as by_status on by_status.crm = r.crm
      and by_status.field = 'lead_status'
      and by_status.value_key = crm_value_key (r.lead_status)
    group by all
  ),
  final as (
    select
      outcome_id,
      crm,
      lifecycle_stage,
      lead_status,
      case
        when is_excluded_by_lifecycle_stage then 'lifecycle_stage'
        when is_excluded_by_lead_status then 'lead_status'
        when crm = 'hubspot' then 'lifecycle_stage'
        else 'lead_status'
      end as stage_field,
      case
        when stage_field = 'lifecycle_stage' then lifecycle_stage
        else lead_status
      end as stage,
      not (
        coalesce(is_excluded_by_lifecycle_stage, false)
        or coalesce(is_excluded_by_lead_status, false)
      ) as is_lead
    from
      with_exclusions
  )
select
  *
from
  final
