-- grain: one row per cost component and day it is counted on: a cost line, an ambassador's time in a month, or the program leads' time in a month
-- key: component_id, day
-- depends_on: core.costs, core.program_days, core.enrolled_days, core.ambassadors, core.posts, meta.settings
-- materialized: table
-- tests: not_null(category), not_null(amount), accepted_values(category: platform, training, rewards, content, time, other, ambassador_time, lead_time)
--
-- The one place that decides how much of each cost counts, and on which day; the
-- ambassadors' shares (marts.value_components) and the list of costs with their sources
-- (marts.cost_lines) both add these rows up. Amounts are in the program's currency; lines
-- in another currency are not counted.
-- * A cost line is spread evenly over the days of its period and counted on those that
--   are days of the program (core.program_days): a line running past the last day of
--   ambassadors' activity is counted up to that day only.
-- * Ambassadors' time (costs.people_time on): each ambassador's posts x
--   costs.minutes_per_post / 60 x costs.ambassador_hourly_rate, on the day they posted.
-- * Program leads' time (costs.people_time on): costs.lead_hours_per_month x
--   costs.lead_hourly_rate per lead (the distinct lead_id values of the enrolled
--   ambassadors, at least one) and month, spread over the month's days, on days with
--   someone enrolled.
-- Time is counted once: in a month whose costs file has "time" lines, those lines are the
-- time cost and no ambassadors' or leads' time is computed.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  program_days as (
    select
      day
    from
      core.program_days
  ),
  -- the days someone is enrolled, with their distinct program leads
  enrolment as (
    select
      e.day,
      count(distinct a.lead_id)::integer as program_leads
    from
      core.enrolled_days as e
      inner join core.ambassadors as a using (ambassador_id)
    group by
      e.day
  ),
  line_days as (
    select
      c.cost_line_id as component_id,
      c.cost_line_id,
      c.category,
      c.ambassador_id,
      d.day,
      c.amount::double / c.period_days as amount,
      null::integer as posts,
      null::integer as program_leads
    from
      core.costs as c
      inner join program_days as d on d.day between c.period_start and c.period_end
    where
      c.is_program_currency
  ),
  months_with_recorded_time as (
    select distinct
      date_trunc('month', day)::date as month_start
    from
      line_days
    where
      category = 'time'
  ),
  posts_per_day as (
    select
      p.ambassador_id,
      p.posted_on as day,
      count(*)::integer as posts
    from
      core.posts as p
    where
      p.owner = 'ambassador'
      and p.ambassador_id in (
        select
          ambassador_id
        from
          core.ambassadors
      )
      and p.posted_on in (
        select
          day
        from
          program_days
      )
    group by all
  ),
  ambassador_time_days as (
    select
      concat_ws(' ', 'ambassador_time', strftime(p.day, '%Y-%m'), p.ambassador_id) as component_id,
      null::varchar as cost_line_id,
      'ambassador_time' as category,
      p.ambassador_id,
      p.day,
      p.posts * s.minutes_per_post / 60.0 * s.ambassador_hourly_rate as amount,
      p.posts,
      null::integer as program_leads
    from
      posts_per_day as p
      cross join settings as s
    where
      s.people_time
      and date_trunc('month', p.day)::date not in (
        select
          month_start
        from
          months_with_recorded_time
      )
  ),
  lead_time_days as (
    select
      concat_ws(' ', 'lead_time', strftime(d.day, '%Y-%m')) as component_id,
      null::varchar as cost_line_id,
      'lead_time' as category,
      null::varchar as ambassador_id,
      d.day,
      greatest(1, d.program_leads) * s.lead_hours_per_month * s.lead_hourly_rate / dayofmonth(last_day(d.day)) as amount,
      null::integer as posts,
      greatest(1, d.program_leads) as program_leads
    from
      enrolment as d
      cross join settings as s
    where
      s.people_time
      and date_trunc('month', d.day)::date not in (
        select
          month_start
        from
          months_with_recorded_time
      )
  ),
  final as (
    select
      *
    from
      line_days
    union all
    select
      *
    from
      ambassador_time_days
    union all
    select
      *
    from
      lead_time_days
  )
select
  *
from
  final
