-- grain: one row per outcome: a lead, conversion, application or hire; one person's records of one lead are one
-- key: outcome_id
-- depends_on: core.outcome_records
-- materialized: table
-- tests: not_null(occurred_at), not_null(occurred_on), not_null(source_systems), accepted_values(kind: lead, conversion, application, hire)
--
-- The outcomes the program counts: core.outcome_records without the leads of roster
-- members and without the leads merged into a person's earlier lead (see there). Each
-- is its first record (outcome_id, source_system, occurred_at, occurred_on, e-mail
-- hash); source_systems lists the sources of it and of the records merged into it,
-- merged_outcome_ids those records. Evidence of how the person came is the first
-- record's, else that of the earliest merged record that has it: the visitor id, the
-- tags (utm_*, attribution_value, own_ambassador_id, own_channel_group, taken together
-- from one record), the referrer and the value with its currency. An outcome with a
-- visitor id of its own is attributed on that visitor's journey only (see
-- core.attribution_touches); one without finds its journey through its e-mail hash.
-- occurred_on is the outcome's calendar day in the program's time zone; every day,
-- week and month count of outcomes uses it.
with
  records as (
    select
      *
    from
      core.outcome_records
  ),
  person_records as (
    select
      *,
      coalesce(merged_into_outcome_id, outcome_id) as counted_outcome_id,
      row_number() over (
        partition by
          coalesce(merged_into_outcome_id, outcome_id)
        order by
          merged_into_outcome_id is not null,
          occurred_at,
          outcome_id
      ) as evidence_rank
    from
      records
    where
      roster_ambassador_id is null
  ),
  lineage as (
    select
      counted_outcome_id as outcome_id,
      list_sort(list(distinct source_system)) as source_systems,
      coalesce(list_sort(list(outcome_id) filter(merged_into_outcome_id is not null)), []::varchar[]) as merged_outcome_ids,
      arg_min(visitor_id, evidence_rank) filter(visitor_id is not null) as visitor_id,
      arg_min(
        {
          'utm_source': utm_source,
          'utm_medium': utm_medium,
          'utm_campaign': utm_campaign,
          'utm_content': utm_content,
          'utm_term': utm_term,
          'attribution_value': attribution_value,
          'own_ambassador_id': own_ambassador_id,
          'own_channel_group': own_channel_group
        },
        evidence_rank
      ) filter(
        coalesce(utm_source, utm_medium, utm_campaign, utm_content, utm_term, own_channel_group) is not null
      ) as tags,
      arg_min({'referrer': referrer, 'referral_ambassador_id': referral_ambassador_id}, evidence_rank) filter(referrer is not null) as referral,
      arg_min({'value': value, 'currency': currency}, evidence_rank) filter(value is not null) as valued
    from
      person_records
    group by
      counted_outcome_id
  ),
  final as (
    select
      o.outcome_id,
      o.source_system,
      o.kind,
      o.occurred_at,
      o.occurred_on,
      o.has_time_of_day,
      l.visitor_id,
      o.email_hash,
      l.valued.value as value,
      coalesce(l.valued.value, o.value_effective)::decimal(18, 4) as value_effective,
      coalesce(l.valued.currency, o.currency) as currency,
      l.tags.utm_source as utm_source,
      l.tags.utm_medium as utm_medium,
      l.tags.utm_campaign as utm_campaign,
      l.tags.utm_content as utm_content,
      l.tags.utm_term as utm_term,
      l.tags.attribution_value as attribution_value,
      l.tags.own_ambassador_id as own_ambassador_id,
      l.referral.referrer as referrer,
      l.referral.referral_ambassador_id as referral_ambassador_id,
      l.tags.own_channel_group as own_channel_group,
      l.source_systems,
      l.merged_outcome_ids
    from
      person_records as o
      inner join lineage as l using (outcome_id)
    where
      o.merged_into_outcome_id is null
  )
select
  *
from
  final
