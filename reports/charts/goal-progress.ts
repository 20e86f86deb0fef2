/**
 * Progress against each goal: the cumulative actual against the linear pace to the
 * target, one panel per goal (headed with its status), from `marts.goal_progress`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, isoDate, num } from '../format.ts';
import type { GoalProgressRow, GoalStatus } from '../marts.ts';
import { goalProgressTitle, statusWords, type GoalFact, type GoalProgressFacts } from '../narrative/sentences.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, STATUS_COLORS, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** Problems first: off track, then at risk, then on track, then goals without data. */
const STATUS_ORDER: Record<GoalStatus, number> = { off_track: 0, at_risk: 1, on_track: 2, no_data: 3 };

type Language = 'en' | 'da';

function series(language: Language) {
  const da = language === 'da';
  return {
    actual: {
      on_track: da ? 'Faktisk (på sporet)' : 'Actual (on track)',
      at_risk: da ? 'Faktisk (i fare)' : 'Actual (at risk)',
      off_track: da ? 'Faktisk (bagud)' : 'Actual (off track)',
      no_data: da ? 'Faktisk (uden data)' : 'Actual (without data)',
    } satisfies Record<GoalStatus, string>,
    pace: da ? 'Lineært tempo mod målet' : 'Linear pace to target',
    target: da ? 'Mål ved periodens slutning' : 'Target at period end',
    forecast: da ? 'Prognose ved periodens slutning' : 'Forecast at period end',
  };
}

/** One point of one goal's panel. */
export interface GoalProgressDatum {
  goal_id: string;
  /** The panel's heading: the goal's name and its status. */
  goal: string;
  status: GoalStatus;
  series: string;
  day: string;
  value: number;
  /** The forecast's prediction interval (forecast points only). */
  low?: number | null;
  high?: number | null;
}

interface Goal {
  id: string;
  name: string;
  label: string;
  rows: GoalProgressRow[];
  last: GoalProgressRow;
}

/** The goals, problems first, each with its rows by day. */
function goals(rows: readonly GoalProgressRow[], language: Language = 'en'): Goal[] {
  const words = (status: GoalStatus) => statusWords(status, { language });
  const byId = new Map<string, GoalProgressRow[]>();
  for (const row of rows) byId.set(row.goal_id, [...(byId.get(row.goal_id) ?? []), row]);
  const list: Goal[] = [];
  for (const [id, goalRows] of byId) {
    const sorted = goalRows.sort((a, b) => compareText(isoDate(a.day), isoDate(b.day)));
    const last = sorted[sorted.length - 1];
    if (!last) continue;
    list.push({ id, name: last.goal_name, label: `${last.goal_name} (${last.metric}) · ${words(last.status)}`, rows: sorted, last });
  }
  // Two goals with one name get their ids, so their panels stay apart.
  const names = new Map<string, number>();
  for (const goal of list) names.set(goal.name, (names.get(goal.name) ?? 0) + 1);
  for (const goal of list) if ((names.get(goal.name) ?? 0) > 1) goal.label = `${goal.name} (${goal.last.metric}, ${goal.id}) · ${words(goal.last.status)}`;
  return list.sort((a, b) => STATUS_ORDER[a.last.status] - STATUS_ORDER[b.last.status] || compareText(a.name, b.name) || compareText(a.id, b.id));
}

/** Every goal's actual and pace by day, and its target at the period's end. */
export function goalProgressData(rows: readonly GoalProgressRow[], language: Language = 'en'): GoalProgressDatum[] {
  const names = series(language);
  return goals(rows, language).flatMap((goal) => {
    const base = { goal_id: goal.id, goal: goal.label, status: goal.last.status };
    const forecast = goal.last.forecast_end;
    return [
      ...goal.rows.map((row) => ({ ...base, series: names.actual[goal.last.status], day: isoDate(row.day), value: num(row.actual) })),
      ...goal.rows.map((row) => ({ ...base, series: names.pace, day: isoDate(row.day), value: num(row.pace_target) })),
      { ...base, series: names.target, day: isoDate(goal.last.period_end), value: num(goal.last.target) },
      ...(typeof forecast === 'number' && Number.isFinite(forecast)
        ? [
            {
              ...base,
              series: names.forecast,
              day: isoDate(goal.last.period_end),
              value: forecast,
              low: goal.last.forecast_low ?? null,
              high: goal.last.forecast_high ?? null,
            },
          ]
        : []),
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
        forecast: typeof goal.last.forecast_end === 'number' ? goal.last.forecast_end : null,
      }),
    ),
  };
}

/** Cumulative actual against linear pace, one panel per goal, coloured by status. */
export function goalProgressChart(rows: readonly GoalProgressRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const language = format.language;
  const names = series(language);
  const values = goalProgressData(rows, language);
  const hasForecast = values.some((datum) => datum.series === names.forecast);
  const hasNoData = values.some((datum) => datum.status === 'no_data');
  const panels = goals(rows, language).map((goal) => goal.label);
  const x = {
    field: 'day',
    type: 'temporal',
    timeUnit: 'utcyearmonthdate',
    title: format.t({ en: 'Day', da: 'Dag' }),
    axis: { format: '%e %b', labelAngle: 0, tickCount: 4 },
  } as const;
  const y = { field: 'value', type: 'quantitative', title: format.t({ en: 'Cumulative count', da: 'Akkumuleret antal' }) } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: {
      domain: [
        names.actual.on_track,
        names.actual.at_risk,
        names.actual.off_track,
        ...(hasNoData ? [names.actual.no_data] : []),
        names.pace,
        names.target,
        ...(hasForecast ? [names.forecast] : []),
      ],
      range: [
        STATUS_COLORS.on_track,
        STATUS_COLORS.at_risk,
        STATUS_COLORS.off_track,
        ...(hasNoData ? [PALETTE.grey] : []),
        PALETTE.grey,
        '#000000',
        ...(hasForecast ? [PALETTE.purple] : []),
      ],
    },
  } as const;
  const tooltip = [
    { field: 'series', type: 'nominal', title: format.t({ en: 'Series', da: 'Serie' }) },
    { field: 'day', type: 'temporal', title: format.t({ en: 'Day', da: 'Dag' }), format: '%e %b %Y' },
    { field: 'value', type: 'quantitative', title: format.t({ en: 'Value', da: 'Værdi' }), format: ',.0f' },
  ] as const;
  const forecastLayers = hasForecast
    ? [
        {
          transform: [{ filter: { field: 'series', equal: names.forecast } }, { filter: 'isValid(datum.low) && isValid(datum.high)' }],
          mark: { type: 'rule' as const, strokeWidth: 2, color: PALETTE.purple },
          encoding: { x, y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' } },
        },
        {
          transform: [{ filter: { field: 'series', equal: names.forecast } }],
          mark: { type: 'point' as const, shape: 'circle', size: 60, filled: true },
          encoding: {
            x,
            y,
            color,
            tooltip: [
              ...tooltip,
              { field: 'low', type: 'quantitative' as const, title: format.t({ en: 'Forecast low', da: 'Prognose, lav' }), format: ',.0f' },
              { field: 'high', type: 'quantitative' as const, title: format.t({ en: 'Forecast high', da: 'Prognose, høj' }), format: ',.0f' },
            ],
          },
        },
      ]
    : [];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      goalProgressTitle(goalProgressFacts(rows), format),
      format.t({
        en: `Solid: cumulative actual. Dashed: linear pace from 0 at the period’s start to the target at its end. Diamond: the target.${hasForecast ? ' Purple dot and whisker: the forecast at the period’s end with its prediction interval.' : ''}`,
        da: `Fuldt optrukket: akkumuleret faktisk. Stiplet: lineært tempo fra 0 ved periodens start til målet ved dens slutning. Rombe: målet.${hasForecast ? ' Lilla prik og streg: prognosen ved periodens slutning med forudsigelsesinterval.' : ''}`,
      }),
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
          transform: [{ filter: { field: 'series', oneOf: Object.values(names.actual) } }],
          mark: { type: 'line', strokeWidth: 2.5 },
          encoding: { x, y, color, tooltip: [...tooltip] },
        },
        {
          transform: [{ filter: { field: 'series', equal: names.pace } }],
          mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5 },
          encoding: { x, y, color },
        },
        {
          transform: [{ filter: { field: 'series', equal: names.target } }],
          mark: { type: 'point', shape: 'diamond', size: 70, filled: true },
          encoding: { x, y, color, tooltip: [...tooltip] },
        },
        ...forecastLayers,
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
