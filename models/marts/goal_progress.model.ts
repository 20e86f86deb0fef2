/**
 * marts.goal_progress: one row per goal and day of its period, up to the last day with
 * data: the cumulative actual, the linear pace to the target, and the goal's forecast to
 * its period's end with its status (the same on every row of a goal).
 *
 * - actual: the goal's metric summed since the period's start (marts.program_daily_metrics:
 *   ambassadors' posts, impressions, engagements, tracked sessions, and outcomes credited
 *   to ambassadors under the default model). measured_metric names what was measured:
 *   the goal's metric where the warehouse has it (visibility and reach -> impressions,
 *   social_actions -> engagements, traffic and clicks -> sessions), else its kind's.
 * - pace_target = target x days elapsed / days in the period (linear pace).
 * - forecast_end: actual to date + the sum of the daily values a least-squares line
 *   through this period's daily values so far predicts for the days left
 *   (simple-statistics' linearRegression), with a 90% prediction interval for that sum
 *   (forecast_low, forecast_high; lib/statistics/regression.ts). A cumulative total cannot
 *   fall, so none of the three goes below the actual. When the period is over, the
 *   forecast is the final actual (forecast_basis = period_over); with fewer than
 *   MIN_FORECAST_DAYS days of the period elapsed there is no forecast (pace).
 * - status, the rule the reports define: ratio = actual / pace_target on the last day
 *   with data (when the period is over, actual / target); on_track when ratio >=
 *   goals.on_track_ratio (default 0.95), at_risk when >= goals.at_risk_ratio (default
 *   0.8), off_track below; a target of 0 or less is on_track; no_data when the metric has
 *   no data at all in the period. The forecast is shown beside the status and never
 *   decides it: a trend line can promise the target while the actual lags its pace.
 */
import type { TsModelDefinition } from '../runner.ts';
import { fitLine, sumPredictionInterval } from '../lib/statistics/regression.ts';
import { writeRows, type Column } from '../lib/table.ts';

export const MIN_FORECAST_DAYS = 7;
export const FORECAST_INTERVAL_LEVEL = 0.9;
export const GOAL_STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
type GoalStatus = (typeof GOAL_STATUSES)[number];

const GOAL_DAYS = `
with goals as (
  select
    *,
    case
      when metric in ('posts', 'impressions', 'engagements', 'sessions', 'leads', 'conversions', 'applications', 'hires', 'value') then metric
      when metric in ('visibility', 'reach') then 'impressions'
      when metric = 'social_actions' then 'engagements'
      when metric in ('traffic', 'clicks') then 'sessions'
      else case kind
        when 'visibility' then 'impressions'
        when 'traffic' then 'sessions'
        when 'social_actions' then 'engagements'
        else kind
      end
    end as measured_metric
  from core.goals
),

metrics as (
  select * from marts.program_daily_metrics
),

last_day_with_data as (
  select max(day) as day from metrics
),

goal_days as (
  select
    g.goal_id,
    cast(d.day as date) as day,
    g.measured_metric
  from goals as g
  cross join last_day_with_data as l
  cross join range(g.period_start, least(g.period_end, l.day) + 1, interval 1 day) as d(day)
),

daily as (
  select
    d.goal_id,
    d.day,
    coalesce(m.value, 0) as value,
    sum(coalesce(m.value, 0)) over (partition by d.goal_id order by d.day) as actual,
    count(m.value) over (partition by d.goal_id) as days_with_data
  from goal_days as d
  left join metrics as m on m.day = d.day and m.metric = d.measured_metric
),

final as (
  select
    g.goal_id,
    g.goal_name,
    g.kind,
    g.metric,
    g.measured_metric,
    g.target::double as target,
    g.period_start,
    g.period_end,
    d.day,
    d.value::double as daily_value,
    d.actual::double as actual,
    (g.target * (date_diff('day', g.period_start, d.day) + 1) / (date_diff('day', g.period_start, g.period_end) + 1))::double as pace_target,
    d.days_with_data::integer as days_with_data,
    (date_diff('day', g.period_start, g.period_end) + 1)::integer as period_days
  from daily as d
  inner join goals as g using (goal_id)
)

select * from final`;

interface GoalDay {
  goal_id: string;
  target: number;
  daily_value: number;
  actual: number;
  pace_target: number;
  days_with_data: number;
  period_days: number;
}

interface GoalDayRow extends GoalDay {
  goal_name: string;
  kind: string;
  metric: string;
  measured_metric: string;
  period_start: Date;
  period_end: Date;
  day: Date;
}

export interface GoalForecast {
  goal_id: string;
  forecast_end: number | null;
  forecast_low: number | null;
  forecast_high: number | null;
  forecast_basis: 'trend' | 'period_over' | 'pace';
  status: GoalStatus;
}

export interface StatusRatios {
  onTrack: number;
  atRisk: number;
}

export function statusOf(ratio: number, ratios: StatusRatios): GoalStatus {
  if (ratio >= ratios.onTrack) return 'on_track';
  if (ratio >= ratios.atRisk) return 'at_risk';
  return 'off_track';
}

/** A goal's forecast and status from its days so far (in day order). */
export function forecastGoal(days: readonly GoalDay[], ratios: StatusRatios): GoalForecast {
  const last = days[days.length - 1]!;
  const goalId = last.goal_id;
  const elapsed = days.length;
  const actual = last.actual;
  const target = last.target;
  if (last.days_with_data === 0)
    return { goal_id: goalId, forecast_end: null, forecast_low: null, forecast_high: null, forecast_basis: 'pace', status: 'no_data' };
  const judge = (value: number, against: number) => (against <= 0 ? 'on_track' : statusOf(value / against, ratios));
  if (elapsed >= last.period_days) {
    return { goal_id: goalId, forecast_end: actual, forecast_low: actual, forecast_high: actual, forecast_basis: 'period_over', status: judge(actual, target) };
  }
  const fit = elapsed >= MIN_FORECAST_DAYS ? fitLine(days.map((day, index) => [index, day.daily_value] as const)) : null;
  if (!fit) {
    return { goal_id: goalId, forecast_end: null, forecast_low: null, forecast_high: null, forecast_basis: 'pace', status: judge(actual, last.pace_target) };
  }
  const remaining = Array.from({ length: last.period_days - elapsed }, (_, offset) => elapsed + offset);
  const rest = sumPredictionInterval(fit, remaining, FORECAST_INTERVAL_LEVEL);
  const forecastEnd = Math.max(actual, actual + rest.estimate);
  return {
    goal_id: goalId,
    forecast_end: forecastEnd,
    forecast_low: Math.max(actual, actual + rest.low),
    forecast_high: Math.max(actual, actual + rest.high),
    forecast_basis: 'trend',
    status: judge(actual, last.pace_target),
  };
}

type GoalProgressRow = GoalDayRow & GoalForecast;

const COLUMNS: Column<GoalProgressRow>[] = [
  { name: 'goal_id', type: 'varchar', value: (row) => row.goal_id },
  { name: 'goal_name', type: 'varchar', value: (row) => row.goal_name },
  { name: 'kind', type: 'varchar', value: (row) => row.kind },
  { name: 'metric', type: 'varchar', value: (row) => row.metric },
  { name: 'measured_metric', type: 'varchar', value: (row) => row.measured_metric },
  { name: 'target', type: 'double', value: (row) => row.target },
  { name: 'period_start', type: 'date', value: (row) => row.period_start },
  { name: 'period_end', type: 'date', value: (row) => row.period_end },
  { name: 'day', type: 'date', value: (row) => row.day },
  { name: 'actual', type: 'double', value: (row) => row.actual },
  { name: 'pace_target', type: 'double', value: (row) => row.pace_target },
  { name: 'forecast_end', type: 'double', value: (row) => row.forecast_end },
  { name: 'forecast_low', type: 'double', value: (row) => row.forecast_low },
  { name: 'forecast_high', type: 'double', value: (row) => row.forecast_high },
  { name: 'forecast_basis', type: 'varchar', value: (row) => row.forecast_basis },
  { name: 'status', type: 'varchar', value: (row) => row.status },
];

export const model: TsModelDefinition = {
  grain: 'one row per goal and day of its period, up to the last day with data',
  key: ['goal_id', 'day'],
  dependsOn: ['core.goals', 'marts.program_daily_metrics', 'meta.settings'],
  tests: [
    { kind: 'accepted_values', column: 'status', values: [...GOAL_STATUSES] },
    { kind: 'accepted_values', column: 'forecast_basis', values: ['trend', 'period_over', 'pace'] },
  ],
  async build({ warehouse }, table) {
    await warehouse.run(`create or replace temp table goal_progress_days as ${GOAL_DAYS}`);
    const days = await warehouse.all<GoalDayRow>(`select * from goal_progress_days order by goal_id, day`);
    await warehouse.run(`drop table goal_progress_days`);
    const settings = await warehouse.one<{ on_track_ratio: number; at_risk_ratio: number }>(`select on_track_ratio, at_risk_ratio from meta.settings`);
    const ratios = { onTrack: settings?.on_track_ratio ?? 0.95, atRisk: settings?.at_risk_ratio ?? 0.8 };
    const byGoal = new Map<string, GoalDayRow[]>();
    for (const day of days) {
      const list = byGoal.get(day.goal_id);
      if (list) list.push(day);
      else byGoal.set(day.goal_id, [day]);
    }
    const forecasts = new Map([...byGoal.entries()].map(([goalId, goalDays]) => [goalId, forecastGoal(goalDays, ratios)]));
    const rows = days.map((day) => ({ ...day, ...(forecasts.get(day.goal_id) as GoalForecast) }));
    await writeRows(warehouse, table, COLUMNS, rows);
  },
};
