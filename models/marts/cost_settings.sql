-- grain: one row per costs.* setting of the config
-- key: setting
-- depends_on: meta.cost_settings
-- materialized: table
-- tests: not_null(value), not_null(is_default)
--
-- The settings people's time is priced with, as the config gives them (value as written),
-- the computed cost component each prices (none for costs.people_time, the switch that
-- turns both on or off), and whether it is the shipped default; position is its place in
-- the config's costs section.
select
  setting,
  position,
  component,
  value,
  is_default
from
  meta.cost_settings
order by
  position
