/**
 * ROI rows from marts.value_components: months, quarters and the program to date, per
 * attribution model, each with its value and cost components, totals, ROI and the
 * bootstrap interval over ambassadors (see roi.ts). Pure: rows in, rows out.
 */
import { seededRandom } from './random.ts';
import { roiWithInterval, type RoiUnit } from './roi.ts';
import type { Column } from './table.ts';

export const VALUE_COMPONENTS = ['value_emv', 'value_leads', 'value_conversions', 'value_applications', 'value_hires'] as const;
export const COST_COMPONENTS = [
  'cost_platform',
  'cost_training',
  'cost_rewards',
  'cost_content',
  'cost_time_recorded',
  'cost_other',
  'cost_ambassador_time',
  'cost_lead_time',
] as const;
type Component = (typeof VALUE_COMPONENTS)[number] | (typeof COST_COMPONENTS)[number];

/** The unit that carries costs no ambassador carries. */
export const PROGRAM_UNIT = '(program)';

/** One row of marts.value_components, as read. */
export type ComponentRow = {
  model: string;
  month_start: string;
  month_end: string;
  unit_id: string;
  posts: number;
  time_from_cost_file: boolean;
} & Record<Component, number>;

export type PeriodKind = 'month' | 'quarter' | 'program';
export const PERIOD_ORDER: Record<PeriodKind, number> = { month: 0, quarter: 1, program: 2 };

export type RoiRow = {
  period: PeriodKind;
  period_start: string;
  period_end: string;
  model: string;
  is_default_model: boolean;
  ambassadors: number;
  posts: number;
  value_total: number;
  cost_total: number;
  roi: number | null;
  roi_low: number | null;
  roi_high: number | null;
  interval_level: number;
  interval_crosses_zero: boolean | null;
  time_basis: 'computed' | 'cost_file' | 'mixed';
} & Record<Component, number>;

export interface RoiOptions {
  defaultModel: string;
  samples: number;
  seed: number;
  level: number;
  /** Names the rows' resampling streams (e.g. `program` or `cohort=pilot`). */
  scope: string;
}

function quarterStart(month: string): string {
  const [year, monthNumber] = month.split('-') as [string, string];
  const first = Math.floor((Number(monthNumber) - 1) / 3) * 3 + 1;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

function quarterEnd(start: string): string {
  const [year, monthNumber] = start.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber + 2, 0)).toISOString().slice(0, 10);
}

interface Aggregate {
  period: PeriodKind;
  start: string;
  end: string;
  model: string;
  units: Map<string, { posts: number } & Record<Component, number>>;
  timeFromFile: Set<boolean>;
}

const emptySums = (): { posts: number } & Record<Component, number> =>
  Object.fromEntries([...VALUE_COMPONENTS, ...COST_COMPONENTS, 'posts'].map((name) => [name, 0])) as { posts: number } & Record<Component, number>;

/** Sums the rows per period and model, and computes each ROI with its interval. */
export function roiRows(rows: readonly ComponentRow[], options: RoiOptions): RoiRow[] {
  if (rows.length === 0) return [];
  const programStart = rows.reduce((first, row) => (row.month_start < first ? row.month_start : first), rows[0]!.month_start);
  const programEnd = rows.reduce((last, row) => (row.month_end > last ? row.month_end : last), rows[0]!.month_end);
  const aggregates = new Map<string, Aggregate>();
  for (const row of rows) {
    const quarter = quarterStart(row.month_start);
    const periods: [PeriodKind, string, string][] = [
      ['month', row.month_start, row.month_end],
      ['quarter', quarter, quarterEnd(quarter)],
      ['program', programStart, programEnd],
    ];
    for (const [period, start, end] of periods) {
      const key = `${period}|${start}|${row.model}`;
      let aggregate = aggregates.get(key);
      if (!aggregate) {
        aggregate = { period, start, end, model: row.model, units: new Map(), timeFromFile: new Set() };
        aggregates.set(key, aggregate);
      }
      aggregate.timeFromFile.add(row.time_from_cost_file);
      let sums = aggregate.units.get(row.unit_id);
      if (!sums) {
        sums = emptySums();
        aggregate.units.set(row.unit_id, sums);
      }
      sums.posts += row.posts;
      for (const name of [...VALUE_COMPONENTS, ...COST_COMPONENTS]) sums[name] += row[name];
    }
  }
  const result: RoiRow[] = [];
  for (const aggregate of aggregates.values()) {
    const totals = emptySums();
    const units: RoiUnit[] = [];
    let fixed: RoiUnit = { value: 0, cost: 0 };
    // Units in a stable order, so that the same seed draws the same ambassadors.
    for (const [unitId, sums] of [...aggregate.units.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      for (const name of [...VALUE_COMPONENTS, ...COST_COMPONENTS, 'posts'] as const) totals[name] += sums[name];
      const unit = {
        value: VALUE_COMPONENTS.reduce((sum, name) => sum + sums[name], 0),
        cost: COST_COMPONENTS.reduce((sum, name) => sum + sums[name], 0),
      };
      if (unitId === PROGRAM_UNIT) fixed = unit;
      else units.push(unit);
    }
    const random = seededRandom(options.seed, `roi|${options.scope}|${aggregate.period}|${aggregate.start}`);
    const estimate = roiWithInterval(units, fixed, options.samples, random, options.level);
    const basis = aggregate.timeFromFile.size > 1 ? 'mixed' : aggregate.timeFromFile.has(true) ? 'cost_file' : 'computed';
    result.push({
      period: aggregate.period,
      period_start: aggregate.start,
      period_end: aggregate.end,
      model: aggregate.model,
      is_default_model: aggregate.model === options.defaultModel,
      ambassadors: units.length,
      ...totals,
      value_total: estimate.value,
      cost_total: estimate.cost,
      roi: estimate.roi,
      roi_low: estimate.low,
      roi_high: estimate.high,
      interval_level: options.level,
      interval_crosses_zero: estimate.low === null || estimate.high === null ? null : estimate.low <= 0 && estimate.high >= 0,
      time_basis: basis,
    });
  }
  return result.sort(
    (a, b) => PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period] || a.period_start.localeCompare(b.period_start) || a.model.localeCompare(b.model),
  );
}

/** The columns of marts.roi_by_period (and, after the group columns, marts.roi_by_group). */
export function roiColumns<Row extends RoiRow>(day: (text: string) => Date): Column<Row>[] {
  return [
    { name: 'period', type: 'varchar', value: (row) => row.period },
    { name: 'period_start', type: 'date', value: (row) => day(row.period_start) },
    { name: 'period_end', type: 'date', value: (row) => day(row.period_end) },
    { name: 'model', type: 'varchar', value: (row) => row.model },
    { name: 'is_default_model', type: 'boolean', value: (row) => row.is_default_model },
    { name: 'ambassadors', type: 'integer', value: (row) => row.ambassadors },
    { name: 'posts', type: 'integer', value: (row) => row.posts },
    ...VALUE_COMPONENTS.map((name): Column<Row> => ({ name, type: 'double', value: (row) => row[name] })),
    { name: 'value_total', type: 'double', value: (row) => row.value_total },
    ...COST_COMPONENTS.map((name): Column<Row> => ({ name, type: 'double', value: (row) => row[name] })),
    { name: 'cost_total', type: 'double', value: (row) => row.cost_total },
    { name: 'roi', type: 'double', value: (row) => row.roi },
    { name: 'roi_low', type: 'double', value: (row) => row.roi_low },
    { name: 'roi_high', type: 'double', value: (row) => row.roi_high },
    { name: 'interval_level', type: 'double', value: (row) => row.interval_level },
    { name: 'interval_crosses_zero', type: 'boolean', value: (row) => row.interval_crosses_zero },
    { name: 'time_basis', type: 'varchar', value: (row) => row.time_basis },
  ];
}
