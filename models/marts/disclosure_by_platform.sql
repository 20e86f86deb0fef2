-- grain: one row per platform and disclosure status of audited posts
-- key: platform, status
-- depends_on: marts.disclosure_audit
-- materialized: table
-- tests: accepted_values(status: compliant, non_compliant, unknown)
--
-- The audit counted, for the program lead's page: posts per platform and status, and the
-- ambassadors behind them (an ambassador with posts on both platforms counts on each).
with
  audit as (
    select
      *
    from
      marts.disclosure_audit
  ),
  final as (
    select
      platform,
      status,
      count(*)::integer as posts,
      count(distinct ambassador_id)::integer as ambassadors
    from
      audit
    group by
      platform,
      status
    order by
      platform,
      status
  )
select
  *
from
  final
