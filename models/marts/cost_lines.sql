-- grain: one row per cost component: each line of the costs files, and each month's ambassadors' time and program leads' time
-- key: component_id
-- depends_on: core.costs, core.cost_days, core.program_days, meta.files, meta.settings, meta.cost_settings
-- materialized: table
-- tests: not_null(category), not_null(source), not_null(amount_counted), not_null(period_start), not_null(period_end), accepted_values(source_kind: costs_file, config)
--
-- Every cost the ROI counts, with where it comes from and how much of it counts: the sum
-- of amount_counted is the cost in marts.value_components, because both add up
-- core.cost_days. A costs-file line names its file (meta.files) and line; a computed
-- component names the config settings it was priced with, each marked "(default)" when
-- it has the shipped value or "(set in the config)". amount_entered is the line's amount
-- in its own currency (null for computed components); amount_counted is in the program's
-- currency. period_start and period_end are the line's period, or the month of a
-- computed component; counted_start and counted_end the days counted (null when none);
-- data_ends_on the last day of ambassadors' activity, up to which costs count.
-- proration_reason says why less than the whole period counts (data_ends,
-- after_data_end, no_activity, other_currency, and part_of_month for program leads'
-- time), and proration_note says it in words, e.g. "3,000 for 1–30 Nov 2026, counted
-- 1,100 for 1–11 Nov 2026: the data ends on 11 Nov 2026". Ambassadors' time is counted
-- per post, so it is never prorated.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  program as (
    select
      min(day) as first_day,
      max(day) as last_day
    from
      core.program_days
  ),
  counted as (
    select
      coalesce(cost_line_id, concat_ws(' ', category, strftime(day, '%Y-%m'))) as component_id,
      category,
      cost_line_id is null as is_computed,
      sum(amount::decimal(38, 12))::double as amount_counted,
      min(day) as counted_start,
      max(day) as counted_end,
      count(distinct day)::integer as days_counted,
      sum(posts)::integer as posts,
      max(program_leads)::integer as program_leads
    from
      core.cost_days
    group by all
  ),
  component_settings as (
    select
      component,
      string_agg(
        setting || ' = ' || value || case
          when is_default then ' (default)'
          else ' (set in the config)'
        end,
        ', '
        order by
          position
      ) as source
    from
      meta.cost_settings
    where
      component is not null
    group by
      component
  ),
  file_lines as (
    select
      c.cost_line_id as component_id,
      c.category,
      'costs_file' as source_kind,
      concat(coalesce(f.file_name, 'file ' || c.source_file_id), ' line ', c.source_line) as source,
      f.file_name as source_file,
      c.source_file_id,
      c.source_line,
      c.ambassador_id,
      c.note,
      c.currency,
      c.amount::double as amount_entered,
      c.period_start,
      c.period_end,
      c.period_days,
      coalesce(k.amount_counted, 0) as amount_counted,
      k.counted_start,
      k.counted_end,
      coalesce(k.days_counted, 0) as days_counted,
      null::integer as posts,
      null::integer as program_leads,
      case
        when coalesce(k.days_counted, 0) = c.period_days then null
        when not c.is_program_currency then 'other_currency'
        when p.last_day is null then 'no_activity'
        when k.days_counted is null then 'after_data_end'
        else 'data_ends'
      end as proration_reason
    from
      core.costs as c
      cross join program as p
      left join meta.files as f on f.file_id = c.source_file_id
      left join counted as k on k.component_id = c.cost_line_id
  ),
  computed as (
    select
      k.component_id,
      k.category,
      'config' as source_kind,
      cs.source,
      null::varchar as source_file,
      null::integer as source_file_id,
      null::integer as source_line,
      null::varchar as ambassador_id,
      null::varchar as note,
      s.currency,
      null::double as amount_entered,
      date_trunc('month', k.counted_start)::date as period_start,
      last_day(k.counted_start) as period_end,
      dayofmonth(last_day(k.counted_start))::integer as period_days,
      k.amount_counted,
      -- ambassadors' time counts on the days they posted; its period is the month's days of the program
      case
        when k.category = 'ambassador_time' then greatest(date_trunc('month', k.counted_start)::date, p.first_day)
        else k.counted_start
      end as counted_start,
      case
        when k.category = 'ambassador_time' then least(last_day(k.counted_start), p.last_day)
        else k.counted_end
      end as counted_end,
      k.days_counted,
      k.posts,
      k.program_leads,
      case
        when k.category = 'lead_time'
        and k.days_counted < dayofmonth(last_day(k.counted_start)) then 'part_of_month'
      end as proration_reason
    from
      counted as k
      cross join settings as s
      cross join program as p
      inner join component_settings as cs on cs.component = k.category
    where
      k.is_computed
  ),
  components as (
    select
      *
    from
      file_lines
    union all
    by name
    select
      *
    from
      computed
  ),
  final as (
    select
      c.component_id,
      c.category,
      c.source_kind,
      c.source,
      c.source_file,
      c.source_file_id,
      c.source_line,
      c.ambassador_id,
      c.note,
      c.currency,
      c.amount_entered,
      c.period_start,
      c.period_end,
      c.period_days,
      c.amount_counted,
      c.counted_start,
      c.counted_end,
      c.days_counted,
      c.posts,
      c.program_leads,
      p.last_day as data_ends_on,
      c.proration_reason,
      case c.proration_reason
        when 'data_ends' then concat(
          amount_text (c.amount_entered),
          ' for ',
          day_span (c.period_start, c.period_end),
          ', counted ',
          amount_text (c.amount_counted),
          ' for ',
          day_span (c.counted_start, c.counted_end),
          ': the data ends on ',
          day_span (p.last_day, p.last_day)
        )
        when 'after_data_end' then concat(
          amount_text (c.amount_entered),
          ' for ',
          day_span (c.period_start, c.period_end),
          ', not counted: the data ends on ',
          day_span (p.last_day, p.last_day),
          ', before the period starts'
        )
        when 'no_activity' then concat(
          amount_text (c.amount_entered),
          ' for ',
          day_span (c.period_start, c.period_end),
          ', not counted: there is no ambassadors'' activity yet'
        )
        when 'other_currency' then concat(
          amount_text (c.amount_entered),
          ' ',
          c.currency,
          ' for ',
          day_span (c.period_start, c.period_end),
          ', not counted: only lines in ',
          s.currency,
          ', the program''s currency, count'
        )
        when 'part_of_month' then concat(
          'counted ',
          amount_text (c.amount_counted),
          ' for ',
          c.days_counted,
          ' of the month''s ',
          c.period_days,
          ' days (',
          day_span (c.counted_start, c.counted_end),
          '): program leads'' time counts on the program''s days with someone enrolled, up to the last day with data (',
          day_span (p.last_day, p.last_day),
          ')'
        )
      end as proration_note
    from
      components as c
      cross join program as p
      cross join settings as s
    order by
      c.period_start,
      c.source_kind desc,
      c.category,
      c.source_file_id,
      c.source_line
  )
select
  *
from
  final
