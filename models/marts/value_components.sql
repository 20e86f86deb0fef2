-- grain: one row per attribution model, calendar month and unit: an ambassador, or "(program)" for costs no ambassador carries
-- key: model, month_start, unit_id
-- depends_on: core.ambassadors, core.costs, core.cost_days, core.enrolled_days, core.trainings, core.posts, marts.emv_daily, marts.attribution_credits, meta.settings
-- materialized: table
--
-- The value and cost of the program, split by ambassador so that ROI can be resampled
-- over ambassadors (marts.roi_by_period, marts.roi_by_group). Amounts are in the
-- program's currency; EMV rows and cost lines in another currency are left out. Sums
-- run in decimals, so that they do not depend on the order DuckDB's threads add in and a
-- rebuild gives the same numbers to the last digit.
--
-- Value: the ambassador's EMV (marts.emv_daily) on the activity day, and the value of the
-- outcomes credited to them under each attribution model (marts.attribution_credits,
-- ambassador granularity; conversions at their own value or the unit value, the others
-- at their unit values, a hire at the cost per hire it saves).
--
-- Cost: what core.cost_days counts on each day of the program (from its first day to the
-- last day of ambassadors' activity; a month with value but no cost has no ROI), split
-- by ambassador:
-- * a cost line naming an ambassador, and an ambassador's time, is theirs (a line for
--   someone not on the roster goes to "(program)");
-- * a program-wide training line is shared by the ambassadors trained within its period
--   (core.trainings); if nobody was, it is shared like the other lines;
-- * other program-wide lines and the program leads' time are shared each day equally by
--   the ambassadors enrolled that day (core.enrolled_days); a day nobody is enrolled goes
--   to "(program)".
-- In a month whose costs file has "time" lines, those lines are the time cost
-- (cost_time_recorded, time_from_cost_file) and core.cost_days computes no ambassadors'
-- or leads' time.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  ambassadors as (
    select
      *
    from
      core.ambassadors
  ),
  models as (
    select distinct
      model
    from
      marts.attribution_credits
    union
    select
      default_model
    from
      settings
  ),
  enrolled_days as (
    select
      ambassador_id,
      day
    from
      core.enrolled_days
  ),
  enrolled_per_day as (
    select
      day,
      count(*) as enrolled
    from
      enrolled_days
    group by
      day
  ),
  ---------- costs
  cost_days as (
    select
      *
    from
      core.cost_days
  ),
  months_with_recorded_time as (
    select distinct
      date_trunc('month', day)::date as month_start
    from
      cost_days
    where
      category = 'time'
  ),
  own_costs as (
    select
      case
        when a.ambassador_id is not null then cd.ambassador_id
        else '(program)'
      end as unit_id,
      cd.day,
      cd.category,
      cd.amount
    from
      cost_days as cd
      left join ambassadors as a using (ambassador_id)
    where
      cd.ambassador_id is not null
  ),
  training_line_trainees as (
    select distinct
      c.cost_line_id,
      t.ambassador_id
    from
      core.costs as c
      inner join core.trainings as t on t.is_on_roster
      and t.trained_on between c.period_start and c.period_end
    where
      c.category = 'training'
      and c.is_program_wide
      and c.is_program_currency
  ),
  training_costs as (
    select
      t.ambassador_id as unit_id,
      cd.day,
      cd.category,
      cd.amount / count(*) over (
        partition by
          cd.cost_line_id,
          cd.day
      ) as amount
    from
      cost_days as cd
      inner join training_line_trainees as t using (cost_line_id)
  ),
  shared_per_day as (
    select
      day,
      category,
      sum(amount::decimal(38, 12))::double as amount
    from
      cost_days
    where
      ambassador_id is null
      and (
        cost_line_id is null
        or cost_line_id not in (
          select
            cost_line_id
          from
            training_line_trainees
        )
      )
    group by all
  ),
  shared_costs as (
    select
      e.ambassador_id as unit_id,
      s.day,
      s.category,
      s.amount / n.enrolled as amount
    from
      shared_per_day as s
      inner join enrolled_per_day as n using (day)
      inner join enrolled_days as e using (day)
    union all
    select
      '(program)',
      s.day,
      s.category,
      s.amount
    from
      shared_per_day as s
    where
      s.day not in (
        select
          day
        from
          enrolled_per_day
      )
  ),
  cost_rows as (
    select
      unit_id,
      day,
      category,
      amount
    from
      (
        from
          own_costs
        union all
        by name
        from
          training_costs
        union all
        by name
        from
          shared_costs
      )
  ),
  costs_per_month as (
    select
      unit_id,
      date_trunc('month', day)::date as month_start,
      sum(amount::decimal(38, 12)) filter(category = 'platform') as cost_platform,
      sum(amount::decimal(38, 12)) filter(category = 'training') as cost_training,
      sum(amount::decimal(38, 12)) filter(category = 'rewards') as cost_rewards,
      sum(amount::decimal(38, 12)) filter(category = 'content') as cost_content,
      sum(amount::decimal(38, 12)) filter(category = 'time') as cost_time_recorded,
      sum(amount::decimal(38, 12)) filter(category = 'other') as cost_other,
      sum(amount::decimal(38, 12)) filter(category = 'ambassador_time') as cost_ambassador_time,
      sum(amount::decimal(38, 12)) filter(category = 'lead_time') as cost_lead_time
    from
      cost_rows
    group by all
  ),
  ---------- value
  emv_per_month as (
    select
      e.ambassador_id as unit_id,
      date_trunc('month', e.day)::date as month_start,
      sum(e.emv::decimal(38, 12)) as emv
    from
      marts.emv_daily as e
      cross join settings as s
    where
      e.owner = 'ambassador'
      and e.emv is not null
      and e.currency = s.currency
      and e.ambassador_id in (
        select
          ambassador_id
        from
          ambassadors
      )
    group by all
  ),
  outcomes_per_month as (
    select
      c.model,
      c.ambassador_id as unit_id,
      date_trunc('month', c.occurred_on)::date as month_start,
      sum(c.value_credit::decimal(38, 12)) filter(c.outcome_kind = 'lead') as value_leads,
      sum(c.value_credit::decimal(38, 12)) filter(c.outcome_kind = 'conversion') as value_conversions,
      sum(c.value_credit::decimal(38, 12)) filter(c.outcome_kind = 'application') as value_applications,
      sum(c.value_credit::decimal(38, 12)) filter(c.outcome_kind = 'hire') as value_hires
    from
      marts.attribution_credits as c
    where
      c.granularity = 'ambassador'
      and c.ambassador_id in (
        select
          ambassador_id
        from
          ambassadors
      )
    group by all
  ),
  posts_per_month as (
    select
      ambassador_id as unit_id,
      date_trunc('month', posted_on)::date as month_start,
      count(*) as posts
    from
      core.posts
    where
      owner = 'ambassador'
      and ambassador_id in (
        select
          ambassador_id
        from
          ambassadors
      )
    group by all
  ),
  enrolled_per_month as (
    select
      ambassador_id as unit_id,
      date_trunc('month', day)::date as month_start,
      count(*) as enrolled_days
    from
      enrolled_days
    group by all
  ),
  unit_months as (
    select
      unit_id,
      month_start
    from
      enrolled_per_month
    union
    select
      unit_id,
      month_start
    from
      costs_per_month
    union
    select
      unit_id,
      month_start
    from
      emv_per_month
    union
    select
      unit_id,
      month_start
    from
      outcomes_per_month
  ),
  final as (
    select
      m.model,
      um.month_start,
      last_day(um.month_start) as month_end,
      um.unit_id,
      a.ambassador_id,
      a.cohort,
      a.department,
      coalesce(en.enrolled_days, 0)::integer as enrolled_days,
      coalesce(p.posts, 0)::integer as posts,
      coalesce(e.emv, 0)::double as value_emv,
      coalesce(o.value_leads, 0)::double as value_leads,
      coalesce(o.value_conversions, 0)::double as value_conversions,
      coalesce(o.value_applications, 0)::double as value_applications,
      coalesce(o.value_hires, 0)::double as value_hires,
      coalesce(c.cost_platform, 0)::double as cost_platform,
      coalesce(c.cost_training, 0)::double as cost_training,
      coalesce(c.cost_rewards, 0)::double as cost_rewards,
      coalesce(c.cost_content, 0)::double as cost_content,
      coalesce(c.cost_time_recorded, 0)::double as cost_time_recorded,
      coalesce(c.cost_other, 0)::double as cost_other,
      coalesce(c.cost_ambassador_time, 0)::double as cost_ambassador_time,
      coalesce(c.cost_lead_time, 0)::double as cost_lead_time,
      um.month_start in (
        select
          month_start
        from
          months_with_recorded_time
      ) as time_from_cost_file
    from
      unit_months as um
      cross join models as m
      left join ambassadors as a on a.ambassador_id = um.unit_id
      left join enrolled_per_month as en using (unit_id, month_start)
      left join posts_per_month as p using (unit_id, month_start)
      left join emv_per_month as e using (unit_id, month_start)
      left join outcomes_per_month as o on o.model = m.model
      and o.unit_id = um.unit_id
      and o.month_start = um.month_start
      left join costs_per_month as c using (unit_id, month_start)
    order by
      m.model,
      um.month_start,
      um.unit_id
  )
select
  *
from
  final
