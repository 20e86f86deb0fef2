/**
 * Progress against each goal: the cumulative actual against the linear pace to the
 * target, one panel per goal (headed with its status), from `marts.goal_progress`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, isoDate, num } from '../format.ts';
import type { GoalProgressRow, GoalStatus } from '../marts.ts';
import { goalProgressTitle, statusWords, type GoalFact, type GoalProgressFacts } from '../narrative/sentences.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, STATUS_COLORS, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** Problems first: off track, then at risk, then on track. */
const STATUS_ORDER: Record<GoalStatus, number> = { off_track: 0, at_risk: 1, on_track: 2 };

const ACTUAL_SERIES: Record<GoalStatus, string> = {
  on_track: 'Actual (on track)',
  at_risk: 'Actual (at risk)',
  off_track: 'Actual (off track)',
};
const PACE_SERIES = 'Linear pace to target';
const TARGET_SERIES = 'Target at period end';

/** One point of one goal's panel. */
export interface GoalProgressDatum {
  goal_id: string;
  /** The panel's heading: the goal's name and its status. */
  goal: string;
  status: GoalStatus;
  series: string;
  day: string;
  value: number;
}

interface Goal {
  id: string;
  name: string;
  label: string;
  rows: GoalProgressRow[];
  last: GoalProgressRow;
}

/** The goals, problems first, each with its rows by day. */
function goals(rows: readonly GoalProgressRow[]): Goal[] {
  const byId = new Map<string, GoalProgressRow[]>();
  for (const row of rows) byId.set(row.goal_id, [...(byId.get(row.goal_id) ?? []), row]);
  const list: Goal[] = [];
  for (const [id, goalRows] of byId) {
    const sorted = goalRows.sort((a, b) => compareText(isoDate(a.day), isoDate(b.day)));
    const last = sorted[sorted.length - 1];
    if (!last) continue;
    list.push({ id, name: last.goal_name, label: `${last.goal_name} (${last.metric}) · ${statusWords(last.status)}`, rows: sorted, last });
  }
  // Two goals with one name get their ids, so their panels stay apart.
  const names = new Map<string, number>();
  for (const goal of list) names.set(goal.name, (names.get(goal.name) ?? 0) + 1);
  for (const goal of list) if ((names.get(goal.name) ?? 0) > 1) goal.label = `${goal.name} (${goal.last.metric}, ${goal.id}) · ${statusWords(goal.last.status)}`;
  return list.sort(
    (a, b) => STATUS_ORDER[a.last.status] - STATUS_ORDER[b.last.status] || compareText(a.name, b.name) || compareText(a.id, b.id),
  );
}

/** Every goal's actual and pace by day, and its target at the period's end. */
export function goalProgressData(rows: readonly GoalProgressRow[]): GoalProgressDatum[] {
  return goals(rows).flatMap((goal) => {
    const base = { goal_id: goal.id, goal: goal.label, status: goal.last.status };
    return [
      ...goal.rows.map((row) => ({ ...base, series: ACTUAL_SERIES[goal.last.status], day: isoDate(row.day), value: num(row.actual) })),
      ...goal.rows.map((row) => ({ ...base, series: PACE_SERIES, day: isoDate(row.day), value: num(row.pace_target) })),
      { ...base, series: TARGET_SERIES, day: isoDate(goal.last.period_end), value: num(goal.last.target) },
    ];
  });
}

/** The numbers the title and the narrative state: each goal on its last day with data. */
export function goalProgressFacts(rows: readonly GoalProgressRow[]): GoalProgressFacts {
  return {
    goals: goals(rows).map(
      (goal): GoalFact => ({
        name: goal.name,
        status: goal.last.status,
        actual: num(goal.last.actual),
        pace: num(goal.last.pace_target),
        target: num(goal.last.target),
      }),
    ),
  };
}

/** Cumulative actual against linear pace, one panel per goal, coloured by status. */
export function goalProgressChart(rows: readonly GoalProgressRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const values = goalProgressData(rows);
  const panels = goals(rows).map((goal) => goal.label);
  const x = {
    field: 'day',
    type: 'temporal',
    timeUnit: 'utcyearmonthdate',
    title: 'Day',
    axis: { format: '%e %b', labelAngle: 0, tickCount: 4 },
  } as const;
  const y = { field: 'value', type: 'quantitative', title: 'Cumulative count' } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: {
      domain: [ACTUAL_SERIES.on_track, ACTUAL_SERIES.at_risk, ACTUAL_SERIES.off_track, PACE_SERIES, TARGET_SERIES],
      range: [STATUS_COLORS.on_track, STATUS_COLORS.at_risk, STATUS_COLORS.off_track, PALETTE.grey, '#000000'],
    },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      goalProgressTitle(goalProgressFacts(rows), format),
      'Solid: cumulative actual. Dashed: linear pace from 0 at the period’s start to the target at its end. Diamond: the target.',
    ),
    config: chartTheme(options),
    data: { values },
    columns: 2,
    facet: {
      field: 'goal',
      type: 'nominal',
      sort: panels,
      title: null,
      // Name (metric) on the first line, status on the second.
      header: { labelAnchor: 'start', labelExpr: "split(datum.label, ' · ')", labelLineHeight: 15 },
    },
    spacing: { column: 36, row: 20 },
    spec: {
      width: SIZES.facetWidth,
      height: SIZES.facetHeight,
      layer: [
        {
          transform: [{ filter: { field: 'series', oneOf: Object.values(ACTUAL_SERIES) } }],
          mark: { type: 'line', strokeWidth: 2.5 },
          encoding: { x, y, color },
        },
        {
          transform: [{ filter: { field: 'series', equal: PACE_SERIES } }],
          mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5 },
          encoding: { x, y, color },
        },
        {
          transform: [{ filter: { field: 'series', equal: TARGET_SERIES } }],
          mark: { type: 'point', shape: 'diamond', size: 70, filled: true },
          encoding: { x, y, color },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
