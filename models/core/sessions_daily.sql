-- grain: one row per day (the program's calendar day), channel group, platform (the social network the link's utm_source names, else null) and ambassador (null: a visit from no ambassador's link)
-- depends_on: core.touchpoints, core.ga4_sessions, meta.settings
-- materialized: table
-- tests: unique(day, channel_group, platform, ambassador_id), not_null(day), not_null(channel_group), not_null(sessions), accepted_values(counted_from: touchpoints, ga4, ga4_period)
--
-- Every session figure reads this table: visits are counted from one source per day.
-- - A day with any visit in the visit-level touchpoints file is counted from those visits
--   alone (one session per visit); GA4's reports of that day are left out, so the same
--   traffic is never counted twice. Touchpoints know no engagement: engaged sessions and
--   key events are null on those days.
-- - Any other day is counted from GA4's reports (traffic acquisition, explorations and
--   landing pages) that give that single day. The ambassador's
--   code is read from the link parameter the program attributes by, in whichever report
--   carries it (the landing page's query string included): core.ga4_sessions.
-- - Reports overlap: a traffic acquisition report, an exploration and a landing-page report
--   of the same days are the same sessions. For a day and an ambassador (or, for traffic
--   without an ambassador, its code), one file counts: the one whose period ends last,
--   then the one loaded last; its rows of that day and code are summed (they are distinct
--   sessions: other sources, pages, or the code's case variants, which GA4 keeps apart).
-- - A report downloaded without a Date dimension gives each code's sessions for its whole
--   period only. Such a row counts on its period's last day (counted_from ga4_period), so
--   the program's totals hold them, but only where no daily data (visits, or a daily GA4
--   row of the same code) falls in that period; of overlapping period rows of one code, the
--   one whose period ends last (then the file loaded last) counts. The days and weeks inside
--   the period cannot show them; marts.data_issues says so and how to download by day.
with
  settings as (
    select
      *
    from
      meta.settings
  ),
  sessions_from_visits as (
    select
      local_day (
        touched_at,
        (
          select
            timezone
          from
            settings
        )
      ) as day,
      channel_group,
      ambassador_id,
      lower(utm_source) as utm_source,
      count(*) as sessions,
      null::bigint as engaged_sessions,
      null::double as key_events,
      'touchpoints' as counted_from
    from
      core.touchpoints
    group by all
  ),
  ga4_rows_of_days_without_visits as (
    select
      *
    from
      core.ga4_sessions
    where
      is_one_day
      and day not in (
        select
          day
        from
          sessions_from_visits
      )
  ),
  file_counted_per_day_and_code as (
    select
      day,
      code_key,
      _file_id
    from
      ga4_rows_of_days_without_visits
    group by
      day,
      code_key,
      _file_id,
      period_end
    qualify
      row_number() over (
        partition by
          day,
          code_key
        order by
          period_end desc nulls last,
          _file_id desc
      ) = 1
  ),
  ga4_period_rows as (
    select
      *
    from
      core.ga4_sessions
    where
      grain = 'period'
      and not is_one_day
      and period_end is not null
  ),
  -- each GA4 row that counts, on the day it counts: its own day, or its period's last day
  ga4_rows_counted as (
    select
      r.*,
      r.day as counted_on,
      'ga4' as counted_from
    from
      ga4_rows_of_days_without_visits as r
      semi join file_counted_per_day_and_code as f on f.day = r.day
      and f.code_key = r.code_key
      and f._file_id = r._file_id
    union all
    by name
    select
      r.*,
      r.period_end as counted_on,
      'ga4_period' as counted_from
    from
      ga4_period_rows as r
    where
      not exists (
        select
          1
        from
          sessions_from_visits as v
        where
          v.day between r.period_start and r.period_end
      )
      and not exists (
        select
          1
        from
          core.ga4_sessions as d
        where
          d.is_one_day
          and d.code_key = r.code_key
          and d.day between r.period_start and r.period_end
      )
      and not exists (
        select
          1
        from
          ga4_period_rows as o
        where
          o.code_key = r.code_key
          and o._file_id <> r._file_id
          and o.period_start <= r.period_end
          and o.period_end >= r.period_start
          and (
            o.period_end > r.period_end
            or (
              o.period_end = r.period_end
              and o._file_id > r._file_id
            )
          )
      )
  ),
  sessions_from_ga4 as (
    select
      counted_on as day,
      channel_group,
      ambassador_id,
      utm_source,
      sum(sessions) as sessions,
      sum(engaged_sessions) as engaged_sessions,
      sum(key_events) as key_events,
      counted_from
    from
      ga4_rows_counted
    group by
      counted_on,
      channel_group,
      ambassador_id,
      utm_source,
      counted_from
  ),
  sessions_by_source as (
    select
      *
    from
      sessions_from_visits
    union all
    by name
    select
      *
    from
      sessions_from_ga4
  ),
  final as (
    select
      day,
      channel_group,
      case
        when regexp_matches(coalesce(utm_source, ''), 'linkedin|lnkd') then 'linkedin'
        when regexp_matches(coalesce(utm_source, ''), 'facebook|^fb$|^m\.facebook') then 'facebook'
      end as platform,
      ambassador_id,
      sum(sessions)::bigint as sessions,
      sum(engaged_sessions)::bigint as engaged_sessions,
      sum(key_events)::double as key_events,
      counted_from
    from
      sessions_by_source
    group by all
  )
select
  *
from
  final
