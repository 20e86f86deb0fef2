-- grain: one row per leaderboard period (a configured contest, or a calendar month) and eligible ambassador
-- key: period_kind, contest, ambassador_id
-- depends_on: marts.period_points, core.ambassadors
-- materialized: table
-- tests: not_null(rank), not_null(is_opted_out), accepted_values(period_kind: contest, month)
--
-- Ranked by points (the capped daily points summed over the period), ties ranked equal
-- (rank(), so two at 40 points are both 2nd and the next is 4th). Reports show
-- display_name, never name or ambassador_id; for an ambassador whose roster row says
-- leaderboard_opt_out it is null and is_opted_out true, and each report writes its own
-- word for anonymous ("Anonymous", "Anonym"). Finished contests come from their frozen
-- standings (see models/marts/points/period_points.model.ts); months are always live.
with
  standings as (
    select
      *
    from
      marts.period_points
  ),
  ambassadors as (
    select
      *
    from
      core.ambassadors
  ),
  ranked as (
    select
      s.*,
      rank() over (
        partition by
          s.period_kind,
          s.contest
        order by
          s.points desc
      ) as rank,
      count(*) over (
        partition by
          s.period_kind,
          s.contest
      ) as participants,
      -- the latest month, or the contest that started last
      s.start_on = max(s.start_on) over (
        partition by
          s.period_kind
      ) as is_latest
    from
      standings as s
  ),
  final as (
    select
      r.period_kind,
      r.contest,
      r.start_on,
      r.end_on,
      r.eligible_cohorts,
      r.rank::integer as rank,
      r.participants::integer as participants,
      r.ambassador_id,
      case
        when not coalesce(a.is_leaderboard_opt_out, false) then coalesce(a.name, r.ambassador_id)
      end as display_name,
      coalesce(a.is_leaderboard_opt_out, false) as is_opted_out,
      r.points,
      r.points_uncapped,
      r.capped_days,
      r.posts,
      r.reactions,
      r.comments,
      r.shares,
      r.clicks,
      r.leads,
      r.applications,
      r.hires,
      r.is_current,
      r.is_latest,
      r.is_frozen,
      r.frozen_at,
      r.as_of_on
    from
      ranked as r
      left join ambassadors as a using (ambassador_id)
    order by
      r.period_kind,
      r.start_on,
      r.contest,
      r.rank,
      display_name,
      r.ambassador_id
  )
select
  *
from
  final
