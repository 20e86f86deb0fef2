-- grain: one row per calendar month of the program, from the month of the first enrolment to the last day of ambassadors' activity
-- key: month_start
-- depends_on: core.ambassadors, core.posts, core.sessions_daily
-- materialized: table
-- tests: not_null(enrolled)
--
-- The monthly twin of marts.participation_weekly, with the same definitions: enrolled at
-- the month's end (or the last day of ambassadors' activity); newly_enrolled = joined in the month;
-- active = posted in the month; new = active with their first post ever in the month;
-- lapsed = posted before the month, not in it; never_active = no post up to the month's
-- end; active + lapsed + never_active = enrolled; participation_rate = active / enrolled.

-- the last day of ambassadors' activity (posts, sessions from their links); outcomes trail it, so they do not extend it
with last_day_with_data as (
  select greatest(
    (select max(posted_on) from core.posts where owner = 'ambassador'),
    (select max(day) from core.sessions_daily where ambassador_id is not null)
  ) as day
),

first_day as (
  select least((select min(joined_on) from core.ambassadors), (select min(posted_on) from core.posts where owner = 'ambassador')) as day
),

periods as (
  select
    cast(t.month as date) as period_start,
    last_day(cast(t.month as date)) as period_end,
    least(last_day(cast(t.month as date)), l.day) as as_of
  from first_day as f
  cross join last_day_with_data as l,
    range(cast(date_trunc('month', f.day) as date), l.day + 1, interval 1 month) as t(month)
),

posting_days as (
  select distinct ambassador_id, posted_on
  from core.posts
  where owner = 'ambassador' and ambassador_id is not null
),

first_posts as (
  select ambassador_id, min(posted_on) as first_post_on from posting_days group by ambassador_id
),

enrolled as (
  select p.period_start, p.period_end, a.ambassador_id, a.joined_on between p.period_start and p.period_end as is_newly_enrolled
  from periods as p
  inner join core.ambassadors as a
    on coalesce(a.joined_on, p.as_of) <= p.as_of
    and (a.left_on is null or a.left_on >= p.as_of)
),

classified as (
  select
    e.period_start,
    e.is_newly_enrolled,
    exists (
      select 1 from posting_days as d
      where d.ambassador_id = e.ambassador_id and d.posted_on between e.period_start and e.period_end
    ) as is_active,
    f.first_post_on between e.period_start and e.period_end as is_new,
    f.first_post_on < e.period_start as posted_before,
    f.first_post_on is null or f.first_post_on > e.period_end as is_never_active
  from enrolled as e
  left join first_posts as f using (ambassador_id)
),

counts as (
  select
    period_start,
    count(*) as enrolled,
    count(*) filter (where is_active) as active,
    count(*) filter (where is_active and is_new) as new_active,
    count(*) filter (where is_newly_enrolled) as newly_enrolled,
    count(*) filter (where posted_before and not is_active) as lapsed,
    count(*) filter (where is_never_active) as never_active
  from classified
  group by period_start
),

final as (
  select
    p.period_start as month_start,
    strftime(p.period_start, '%Y-%m') as month,
    p.period_end as month_end,
    coalesce(c.enrolled, 0)::integer as enrolled,
    coalesce(c.newly_enrolled, 0)::integer as newly_enrolled,
    coalesce(c.active, 0)::integer as active,
    coalesce(c.new_active, 0)::integer as "new",
    coalesce(c.lapsed, 0)::integer as lapsed,
    coalesce(c.never_active, 0)::integer as never_active,
    (c.active / nullif(c.enrolled, 0))::double as participation_rate
  from periods as p
  left join counts as c using (period_start)
  order by p.period_start
)

select * from final
