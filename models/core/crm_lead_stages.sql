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
      row_number() over (
        partition by
          record_id
        order by
          _file_id desc,
          _source_line desc
      ) = 1
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
      row_number() over (
        partition by
          lead_key
        order by
          _file_id desc,
          _source_line desc
      ) = 1
  ),
  records as (
    select
      *
    from
      hubspot
    union all
    select
      *
    from
      salesforce
  ),
  with_exclusions as (
    select
      r.*,
      crm_value_key (r.lifecycle_stage) in (
        select
          value_key
        from
          excluded as e
        where
          e.crm = r.crm
          and e.field = 'lifecycle_stage'
      ) as is_excluded_by_lifecycle_stage,
      crm_value_key (r.lead_status) in (
        select
          value_key
        from
          excluded as e
        where
          e.crm = r.crm
          and e.field = 'lead_status'
      ) as is_excluded_by_lead_status
    from
      records as r
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
