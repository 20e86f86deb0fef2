-- grain: one row per cost category, source (a costs file, or the config's settings) and currency
-- key: category, source_id, currency
-- depends_on: marts.cost_lines
-- materialized: table
-- tests: not_null(amount_counted), accepted_values(source_kind: costs_file, config)
--
-- marts.cost_lines summed per category and where the amounts come from, for the
-- leadership report's cost breakdown and the status command. source_id is "file <id>"
-- (meta.files) or "config"; source is the file's name, or the settings a computed
-- component was priced with. components counts the lines (or, for computed components,
-- the months); components_prorated those of which less than the whole period counts.
with
  components as (
    select
      *,
      case
        when source_kind = 'costs_file' then 'file ' || source_file_id
        else 'config'
      end as source_id,
      case
        when source_kind = 'costs_file' then coalesce(source_file, 'file ' || source_file_id)
        else source
      end as source_name
    from
      marts.cost_lines
  ),
  final as (
    select
      category,
      source_id,
      currency,
      source_kind,
      source_name as source,
      count(*)::integer as components,
      min(period_start) as period_start,
      max(period_end) as period_end,
      sum(amount_entered::decimal(38, 12))::double as amount_entered,
      sum(amount_counted::decimal(38, 12))::double as amount_counted,
      count(proration_reason)::integer as components_prorated
    from
      components
    group by
      category,
      source_id,
      currency,
      source_kind,
      source_name
    order by
      source_kind desc,
      source_id,
      category,
      currency
  )
select
  *
from
  final
