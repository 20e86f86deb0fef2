-- grain: one row per e-mail hash and visitor id seen together on an outcome
-- key: email_hash, visitor_id
-- depends_on: core.outcomes
-- materialized: table
--
-- Identity stitching: an outcome that carries both a salted e-mail hash and a visitor id
-- (a HubSpot contact with its GA client id, an outcomes-file row with both) says that
-- the person behind that e-mail browsed as that visitor. core.attribution_touches uses
-- it to find the journey of an outcome that has only the e-mail hash (a Salesforce lead,
-- an ATS application). A link holds whenever it was seen: a visitor id is the same
-- person's before and after the outcome that revealed it. Only hashes are here, never
-- an e-mail.
with
  outcomes as (
    select
      *
    from
      core.outcomes
  ),
  final as (
    select
      email_hash,
      visitor_id,
      min(occurred_at) as first_seen_at,
      max(occurred_at) as last_seen_at,
      count(*)::integer as outcomes
    from
      outcomes
    where
      email_hash is not null
      and visitor_id is not null
    group by
      email_hash,
      visitor_id
  )
select
  *
from
  final
