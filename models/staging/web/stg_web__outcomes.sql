-- grain: one row per outcome (lead, conversion, application or hire) of an outcomes file per loaded file (every snapshot)
-- key: _file_id, outcome_id
-- depends_on: raw.web__outcomes
-- materialized: view
with
  source as (
    select
      *
    from
      raw.web__outcomes
  ),
  renamed as (
    select
      ---------- ids
      _file_id,
      _source_line,
      outcome_id,
      visitor_id,
      email_hash,
      ---------- what and when
      kind,
      occurred_at,
      ---------- value (null: the config's unit value for the kind applies)
      value,
      currency,
      ---------- who referred it (an ambassador's code, name or alias)
      referrer,
      nullif(lower(trim(referrer)), '') as referrer_normalised,
      _extra
    from
      source
  ),
  final as (
    select
      *
    from
      renamed
  )
select
  *
from
  final
