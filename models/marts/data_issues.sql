-- grain: one row per data-quality finding: a row whose values are each readable but that does not fit the rest of the data
-- key: issue_kind, table_name, row_key
-- depends_on: core.ambassadors
-- materialized: table
-- tests: accepted_values(issue_kind: unknown_lead)
--
-- These rows are kept where they are (a roster row with an unknown lead still counts
-- as an ambassador); `advocacy check` lists them as warnings so someone can correct the
-- source file. A check that fails the build would throw away the whole build for one
-- typo, so findings live here instead.

with ambassadors as (
  select * from core.ambassadors
),

leads_that_name_nobody as (
  select
    'unknown_lead' as issue_kind,
    'core.ambassadors' as table_name,
    ambassador_id as row_key,
    'lead_id' as field,
    lead_id as value,
    'the roster names ' || lead_id || ' as the lead of ' || ambassador_id || ', and no ambassador has that id; correct lead_id in the roster or add the lead' as issue
  from ambassadors
  where lead_id is not null
    -- a lead must be on the roster to have a team view
    and lead_id not in (select ambassador_id from ambassadors)
),

final as (
  select * from leads_that_name_nobody
)

select * from final
