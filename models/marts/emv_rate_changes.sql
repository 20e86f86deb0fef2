-- grain: one row per platform, rate metric, rate applied to past days and rate the config gives for them now, where the two differ
-- key: platform, metric, first_day
-- depends_on: marts.emv_daily
-- materialized: table
-- tests: not_null(applied_rate), not_null(days), accepted_values(platform: linkedin, facebook), accepted_values(rate_unit: per_1000, per_unit)
--
-- Past days keep the EMV rate they were first valued at (marts.emv_daily); this says where
-- the config's rates have changed since, for the leadership report: on how many days, and
-- what their EMV is at the applied rate and would be at the config's. A day the config
-- gives no rate for now would be left unvalued, so its EMV at the config's rate is 0.
-- Between two currencies there is no difference to compute (emv_difference null). A build
-- with --revalue-emv values history at the config's rates, and this mart is then empty.
-- A day has one applied and one configured rate per platform and metric, so the rows of a
-- platform and metric cover separate days, and their first days tell them apart.
with
  outdated as (
    select
      *
    from
      marts.emv_daily
    where
      is_rate_outdated
  ),
  final as (
    select
      platform,
      rate_metric as metric,
      rate_unit,
      rate as applied_rate,
      currency as applied_currency,
      config_rate,
      config_currency,
      count(distinct day)::integer as days,
      min(day) as first_day,
      max(day) as last_day,
      sum(emv)::double as emv_applied,
      coalesce(
        sum(
          quantity * config_rate / case
            when rate_unit = 'per_1000' then 1000
            else 1
          end
        ),
        0
      )::double as emv_at_config_rate,
      case
        when config_rate is null
        or config_currency = currency then emv_at_config_rate - emv_applied
      end as emv_difference
    from
      outdated
    group by
      platform,
      rate_metric,
      rate_unit,
      rate,
      currency,
      config_rate,
      config_currency
  )
select
  *
from
  final
order by
  platform,
  metric,
  applied_rate
