-- grain: one row per outcome record of a source: a lead, conversion, application or hire; the latest export of each wins
-- key: outcome_id
-- depends_on: staging.stg_crm__hubspot_contacts, staging.stg_crm__salesforce_leads, staging.stg_web__outcomes, staging.stg_ats__applications, core.ambassadors, core.ambassador_aliases, core.crm_lead_stages, meta.settings, meta.outcome_unit_values
-- materialized: table
-- tests: not_null(occurred_at), not_null(occurred_on), accepted_values(kind: lead, conversion, application, hire)
--
-- Every source's outcome records, conformed; core.outcomes counts them. No lead's or
-- candidate's name or e-mail is here: only the salted hash the adapters made at ingest.
-- own_ambassador_id is the ambassador named by the record's own tags (HubSpot keeps
-- them in First Page Seen); referral_ambassador_id the ambassador an ATS or outcomes file
-- credits as referrer; own_channel_group the channel its own source says, where it says
-- one. occurred_on is the record's calendar day in the program's time zone: as written
-- where the source gives only a date (has_time_of_day false), else the local day of its
-- instant. A CRM record is here only when core.crm_lead_stages says it is a lead (config
-- outcomes.lead_stages).
--
-- One person, one lead. roster_ambassador_id: a lead whose e-mail is a roster member's
-- (the ambassador's e-mail, or an alias that is an e-mail, hashed with the salt as the
-- adapters hash leads' e-mails) is that ambassador's, and no lead. merged_into_outcome_id:
-- a lead with the e-mail of an earlier lead at most outcomes.same_person_window_days
-- calendar days after it counts in that one, whichever sources the two come from; a
-- lead later than the window starts the person's next lead. A record without an e-mail
-- hash is never merged. Conversions, applications and hires count as their sources tell
-- them apart: a person buys twice, applies for two jobs.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  crm_leads as (
    select
      outcome_id
    from
      core.crm_lead_stages
    where
      is_lead
  ),
  hubspot as (
    select
      'hubspot:' || record_id as outcome_id,
      'hubspot' as source_system,
      kind,
      occurred_at,
      null::date as occurred_on,
      visitor_id,
      email_hash,
      null::decimal(18, 4) as value,
      null as currency,
      utm_source,
      utm_medium,
      utm_campaign,
      utm_content,
      utm_term,
      null as referrer,
      -- HubSpot's own source labels, in GA4's channel-group words
      case lower(trim(original_source))
        when 'organic search' then 'Organic Search'
        when 'paid search' then 'Paid Search'
        when 'email marketing' then 'Email'
        when 'organic social' then 'Organic Social'
        when 'social media' then 'Organic Social'
        when 'paid social' then 'Paid Social'
        when 'referrals' then 'Referral'
        when 'direct traffic' then 'Direct'
        when 'offline sources' then 'Offline'
        else null
      end as source_label_channel_group
    from
      staging.stg_crm__hubspot_contacts
      -- a contact whose latest export puts it in a stage that is not a lead (a subscriber) is no outcome
    where
      'hubspot:' || record_id in (
        from
          crm_leads
      )
    qualify
      is_latest_export (record_id, _file_id, _source_line)
  ),
  salesforce as (
    select
      'salesforce:' || lead_key as outcome_id,
      'salesforce' as source_system,
      kind,
      occurred_on,
      email_hash,
      utm_source,
      utm_medium,
      utm_campaign,
      utm_content,
      utm_term
    from
      staging.stg_crm__salesforce_leads
    where
      'salesforce:' || lead_key in (
        from
          crm_leads
      )
    qualify
      is_latest_export (lead_key, _file_id, _source_line)
  ),
  web as (
    select
      'web:' || outcome_id as outcome_id,
      'outcomes_file' as source_system,
      kind,
      occurred_at,
      visitor_id,
      email_hash,
      value,
      currency,
      referrer
    from
      staging.stg_web__outcomes
    qualify
      is_latest_export (outcome_id, _file_id, _source_line)
  ),
  applications_latest as (
    select
      *
    from
      staging.stg_ats__applications
    qualify
      is_latest_export ((ats, application_id), _file_id, _source_line)
  ),
  -- every application is an application when it was made; a hired one is also a hire when it was accepted
  ats_events as (
    select
      ats || ':' || application_id as outcome_id,
      ats,
      'application' as kind,
      applied_on as occurred_on,
      email_hash,
      credited_to
    from
      applications_latest
    where
      applied_on is not null
    union all
    select
      ats || ':' || application_id || ':hire',
      ats,
      'hire',
      hired_on,
      email_hash,
      credited_to
    from
      applications_latest
    where
      status = 'hired'
      and hired_on is not null
  ),
  ats as (
    select
      outcome_id,
      ats as source_system,
      kind,
      occurred_on,
      email_hash,
      credited_to as referrer
    from
      ats_events
  ),
  outcomes as (
    select
      *
    from
      hubspot
      -- a source without a column leaves it null
    union all
    by name
    select
      *
    from
      salesforce
    union all
    by name
    select
      *
    from
      web
    union all
    by name
    select
      *
    from
      ats
  ),
  with_attribution_value as (
    select
      o.*,
      case s.attribution_parameter
        when 'utm_content' then o.utm_content
        when 'utm_term' then o.utm_term
        when 'utm_campaign' then o.utm_campaign
        else o.utm_source
      end as attribution_value
    from
      outcomes as o
      cross join settings as s
  ),
  conformed as (
    select
      o.outcome_id,
      o.source_system,
      o.kind,
      -- a source with only a date gives the day; its instant is that day's end, so that
      -- touches earlier that day count as before it (see the local_day_end macro)
      coalesce(o.occurred_at, local_day_end (o.occurred_on, s.timezone)) as occurred_at,
      coalesce(o.occurred_on, local_day (o.occurred_at, s.timezone)) as occurred_on,
      o.occurred_at is not null as has_time_of_day,
      o.visitor_id,
      o.email_hash,
      o.value,
      coalesce(o.value, u.unit_value)::decimal(18, 4) as value_effective,
      coalesce(
        o.currency,
        (
          select
            currency
          from
            settings
        )
      ) as currency,
      o.utm_source,
      o.utm_medium,
      o.utm_campaign,
      o.utm_content,
      o.utm_term,
      o.attribution_value,
      own.ambassador_id as own_ambassador_id,
      o.referrer,
      referral.ambassador_id as referral_ambassador_id,
      coalesce(
        case
          when coalesce(o.utm_source, o.utm_medium, o.utm_campaign) is not null then channel_group (o.utm_source, o.utm_medium, o.utm_campaign, null)
        end,
        o.source_label_channel_group
      ) as own_channel_group
    from
      with_attribution_value as o
      cross join settings as s
      left join meta.outcome_unit_values as u on u.kind = o.kind
      left join core.ambassador_aliases as own on own.alias_key = alias_key (o.attribution_value)
      left join core.ambassador_aliases as referral on referral.alias_key = alias_key (o.referrer)
  ),
  roster_emails as (
    select
      ambassador_id,
      email
    from
      core.ambassadors
    union
    select
      ambassador_id,
      alias
    from
      core.ambassador_aliases
    where
      alias like '%@%'
  ),
  -- the salt is a session variable of the build (pipelines/build.ts), never in a table
  roster_email_hashes as (
    select
      sha256(getvariable ('advocacy_salt') || chr(0) || lower(trim(email))) as email_hash,
      min(ambassador_id) as ambassador_id
    from
      roster_emails
    where
      email is not null
      and getvariable ('advocacy_salt') is not null
    group by
      1
  ),
  person_leads as (
    select
      c.outcome_id,
      c.email_hash,
      c.occurred_on,
      row_number() over (
        partition by
          c.email_hash
        order by
          c.occurred_at,
          c.outcome_id
      ) as position
    from
      conformed as c
      anti join roster_email_hashes as r using (email_hash)
    where
      c.kind = 'lead'
      and c.email_hash is not null
  ),
  -- each person's leads in time order: a lead joins the person's current first lead when
  -- it lies within the window of it, else it is the next first lead
  first_leads as (
    with recursive
      walk as (
        select
          email_hash,
          position,
          outcome_id,
          outcome_id as first_outcome_id,
          occurred_on as first_on
        from
          person_leads
        where
          position = 1
        union all
        select
          l.email_hash,
          l.position,
          l.outcome_id,
          case
            when date_diff('day', w.first_on, l.occurred_on) <= s.same_person_window_days then w.first_outcome_id
            else l.outcome_id
          end,
          case
            when date_diff('day', w.first_on, l.occurred_on) <= s.same_person_window_days then w.first_on
            else l.occurred_on
          end
        from
          walk as w
          inner join person_leads as l on l.email_hash = w.email_hash
          and l.position = w.position + 1
          cross join settings as s
      )
    select
      *
    from
      walk
  ),
  final as (
    select
      c.*,
      r.ambassador_id as roster_ambassador_id,
      nullif(f.first_outcome_id, c.outcome_id) as merged_into_outcome_id
    from
      conformed as c
      -- one equality (only a lead's e-mail is looked up), so that DuckDB joins by hash
      left join roster_email_hashes as r on r.email_hash = case
        when c.kind = 'lead' then c.email_hash
      end
      left join first_leads as f on f.outcome_id = c.outcome_id
  )
select
  *
from
  final
