/**
 * Adapters from mart rows to the rows the chart builders take: the ROI periods and their
 * components, participation, the training effect, leaders' example, and the ambassadors'
 * against the company page's impressions. Each reads its mart's contracted columns
 * (models/marts/contracts.ts). Pure: rows in, rows out.
 */
import { contractColumns } from '../models/marts/contracts.ts';
import { isoDate } from './format.ts';
import type { LeaderExampleRow, ParticipationWeeklyRow, ReachComparisonRow, RoiByPeriodRow, TrainingEffectRow } from './marts.ts';

// ---------- ROI by period

/** `month`, `quarter` or `to_date` (the program to date: the mart's `program` rows). */
export type PeriodKind = 'month' | 'quarter' | 'to_date';

/** The mart's `period` values (its accepted_values check) and what the charts call them. */
const PERIOD_KINDS = { month: 'month', quarter: 'quarter', program: 'to_date' } as const satisfies Record<string, PeriodKind>;

/** One value or cost component of a period, e.g. `{ kind: 'value', key: 'emv', amount: 12000 }`. */
export interface RoiComponent {
  kind: 'value' | 'cost';
  key: string;
  amount: number;
}

export interface RoiPeriod {
  kind: PeriodKind;
  /** `YYYY-MM-DD`. */
  start: string;
  model: string;
  value: number;
  cost: number;
  roi: number | null;
  low: number | null;
  high: number | null;
  components: RoiComponent[];
}

type RoiComponentColumn = Exclude<Extract<keyof RoiByPeriodRow, `value_${string}` | `cost_${string}`>, 'value_total' | 'cost_total'>;

/** The value and cost components: the contract's `value_*` and `cost_*` columns but the totals. */
const ROI_COMPONENT_COLUMNS = contractColumns('roi_by_period').filter((column): column is RoiComponentColumn => /^(value|cost)_(?!total$)/.test(column));

/** The periods of `marts.roi_by_period`, with their components. */
export function roiPeriods(rows: readonly RoiByPeriodRow[]): RoiPeriod[] {
  return rows.map((row) => ({
    kind: PERIOD_KINDS[row.period as keyof typeof PERIOD_KINDS],
    start: isoDate(row.period_start),
    model: row.model,
    value: row.value_total,
    cost: row.cost_total,
    roi: row.roi,
    low: row.roi_low,
    high: row.roi_high,
    components: ROI_COMPONENT_COLUMNS.map((column) => ({
      kind: column.startsWith('value_') ? ('value' as const) : ('cost' as const),
      key: column.replace(/^(value|cost)_/, ''),
      amount: row[column],
    })),
  }));
}

// ---------- participation

export interface ParticipationDatum {
  week_start: string;
  enrolled: number;
  active: number;
  /** active / enrolled; null without anyone enrolled. */
  rate: number | null;
  new_ambassadors: number;
  lapsed: number;
  never_active: number;
  /** Under 7 for a part week at the end of the data. */
  days_with_data: number;
}

/** Participation per week, from `marts.participation_weekly`. */
export function participationData(rows: readonly ParticipationWeeklyRow[]): ParticipationDatum[] {
  return rows.map((row) => ({
    week_start: isoDate(row.week_start),
    enrolled: row.enrolled,
    active: row.active,
    rate: row.participation_rate,
    new_ambassadors: row.new,
    lapsed: row.lapsed,
    never_active: row.never_active,
    days_with_data: row.days_with_data,
  }));
}

// ---------- training effect

export interface TrainingEffectDatum {
  metric: string;
  /** The estimator, as the mart names it. */
  method: string;
  estimate: number;
  ci_low: number | null;
  ci_high: number | null;
  n_trained: number;
  n_control: number;
}

/** The overall training effect per metric from `marts.training_effect` (its per-training-week rows detail it); metrics without an estimate are left out. */
export function trainingEffectData(rows: readonly TrainingEffectRow[]): TrainingEffectDatum[] {
  return rows.flatMap((row) =>
    row.scope === 'overall' && row.effect !== null
      ? [
          {
            metric: row.metric,
            method: row.method,
            estimate: row.effect,
            ci_low: row.ci_low,
            ci_high: row.ci_high,
            n_trained: row.n_trained,
            n_control: row.n_control,
          },
        ]
      : [],
  );
}

// ---------- leaders' example

export interface LeaderExampleDatum {
  ambassador_id: string;
  name: string;
  metric: string;
  /** The leader's own figure. */
  value: number;
  /** The median of the leader's team. */
  benchmark: number;
  team_size: number;
  below: boolean;
}

/** The metric the chart shows: posts per active week (posts / weeks with a post), the rate the cohort comparison sets leaders against staff on. */
const LEADER_METRIC = 'posts_per_active_week';

/** Each leader's posts per active week against their team's median, from `marts.leader_example`; leaders without a team have nothing to compare and are left out. */
export function leaderExampleData(rows: readonly LeaderExampleRow[]): LeaderExampleDatum[] {
  return rows.flatMap((row) =>
    row.metric === LEADER_METRIC && row.team_median !== null
      ? [
          {
            ambassador_id: row.leader_id,
            name: row.leader_name,
            metric: row.metric,
            // A leader who never posted has no active week to divide by: drawn at 0 posts.
            value: row.leader_value ?? 0,
            benchmark: row.team_median,
            team_size: row.team_size,
            below: row.is_below_team === true,
          },
        ]
      : [],
  );
}

// ---------- organic reach: ambassadors against the company page

export interface ReachDatum {
  /** The month's first day, `YYYY-MM-DD`. */
  period_start: string;
  /** `ambassadors` or `company_page`. */
  owner: 'ambassadors' | 'company_page';
  impressions: number;
}

/**
 * The ambassadors' and the company page's impressions per calendar month, from
 * `marts.reach_comparison` (its month rows for all platforms; months where a side has no
 * data are left out).
 */
export function reachData(rows: readonly ReachComparisonRow[]): ReachDatum[] {
  return rows
    .filter((row) => row.period === 'month' && row.platform === 'all' && row.measure === 'impressions')
    .flatMap((row) => {
      if (row.ambassadors_value === null || row.company_page_value === null) return [];
      const start = isoDate(row.period_start);
      return [
        { period_start: start, owner: 'ambassadors' as const, impressions: row.ambassadors_value },
        { period_start: start, owner: 'company_page' as const, impressions: row.company_page_value },
      ];
    });
}
