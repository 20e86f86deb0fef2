/**
 * ROI rows from marts.value_components: months, quarters and the program to date, per
 * attribution model, each with its value and cost components, totals, ROI and the
 * bootstrap interval over ambassadors (see roi.ts), in three pure steps: `roiPlan` sums
 * the rows and groups them as they resample, `estimateResampling` bootstraps one group
 * (the costly step, which marts.roi_by_period hands to worker threads when there is much
 * of it), and `roiRowsOf` makes the rows.
 */
import { seededRandom } from './random.ts';
import { roiEstimate, roisWithIntervals, type RoiEstimate, type RoiUnit, type RoiUnits } from './roi.ts';
import type { Column } from '../table.ts';

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
const COMPONENTS: readonly Component[] = [...VALUE_COMPONENTS, ...COST_COMPONENTS];

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

/** marts.value_components as columns: one array per column, a row being an index into them all. */
export type ComponentColumns = { [Name in keyof ComponentRow]: readonly ComponentRow[Name][] };

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
  /**
   * Where the time cost comes from: the costs file's time lines (`cost_file`), people's
   * time computed from the config (`computed`), both in different months (`mixed`), or,
   * with `costs.people_time: false`, nowhere (`not_counted`) or the file in some months only
   * (`cost_file_in_part`).
   */
  time_basis: 'computed' | 'cost_file' | 'mixed' | 'not_counted' | 'cost_file_in_part';
} & Record<Component, number>;

export interface RoiOptions {
  defaultModel: string;
  samples: number;
  seed: number;
  level: number;
  /** Names the rows' resampling streams (e.g. `program` or `cohort=pilot`). */
  scope: string;
  /** Whether people's time is counted where the costs file records none (config `costs.people_time`). */
  peopleTime: boolean;
  /**
   * Fewer ambassadors than this get no interval (config `statistics.min_group_size`): a
   * bootstrap over a handful of people has too few distinct resamples to say anything.
   */
  minAmbassadors: number;
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

/** Sums per measure, in the order of SUMMED. */
type Sums = Float64Array;
const SUMMED = [...COMPONENTS, 'posts'] as const;
const VALUE_INDICES = VALUE_COMPONENTS.map((name) => SUMMED.indexOf(name));
const COST_INDICES = COST_COMPONENTS.map((name) => SUMMED.indexOf(name));

/**
 * A period's sums for one attribution model, per unit. The units' sums lie one after
 * another in one array (at ten thousand ambassadors a plan holds millions of them: an
 * array each took gigabytes).
 */
interface Aggregate {
  period: PeriodKind;
  start: string;
  end: string;
  model: string;
  /** The units (indices into the plan's unit names), in the order rows first added to them. */
  units: number[];
  /** Each unit's place in `units` by its index, -1 for a unit the aggregate does not hold. */
  slots: Int32Array;
  /** Each unit's `SUMMED.length` sums, in the order of `units`. */
  sums: Sums;
  timeFromFile: Set<boolean>;
}

/** Adds a row's measures to a unit's sums in the aggregate, making room for a unit it did not hold. */
function addToAggregate(aggregate: Aggregate, unit: number, measures: Sums): void {
  let slot = aggregate.slots[unit]!;
  if (slot === -1) {
    slot = aggregate.units.length;
    aggregate.slots[unit] = slot;
    aggregate.units.push(unit);
    if ((slot + 1) * SUMMED.length > aggregate.sums.length) {
      const larger = new Float64Array(Math.max(aggregate.sums.length * 2, 64 * SUMMED.length));
      larger.set(aggregate.sums);
      aggregate.sums = larger;
    }
  }
  const at = slot * SUMMED.length;
  for (let index = 0; index < SUMMED.length; index += 1) aggregate.sums[at + index]! += measures[index]!;
}

/** An aggregate's sums over its units, and its units as the bootstrap resamples them. */
interface Resampled {
  aggregate: Aggregate;
  totals: Sums;
  units: RoiUnit[];
  fixed: RoiUnit;
}

/**
 * Each unit's place in the order of their names (localeCompare), names that compare equal
 * sharing one: sorting by place is sorting by name, without comparing names again.
 */
function unitPlaces(names: readonly string[]): number[] {
  const order = names.map((name, unit) => ({ name, unit })).sort((a, b) => a.name.localeCompare(b.name));
  const places = new Array<number>(names.length);
  order.forEach(({ name, unit }, index) => {
    const previous = order[index - 1];
    places[unit] = previous !== undefined && previous.name.localeCompare(name) === 0 ? places[previous.unit]! : index;
  });
  return places;
}

function resampled(aggregate: Aggregate, names: readonly string[], places: readonly number[]): Resampled {
  const totals = new Float64Array(SUMMED.length);
  const units: RoiUnit[] = [];
  let fixed: RoiUnit = { value: 0, cost: 0 };
  const sums = aggregate.sums;
  // Units in a stable order, so that the same seed draws the same ambassadors.
  const ordered = aggregate.units.map((unit, slot) => ({ unit, at: slot * SUMMED.length, place: places[unit]! }));
  for (const { unit, at } of ordered.sort((a, b) => a.place - b.place)) {
    for (let index = 0; index < SUMMED.length; index += 1) totals[index]! += sums[at + index]!;
    const sum = {
      value: VALUE_INDICES.reduce((total, index) => total + sums[at + index]!, 0),
      cost: COST_INDICES.reduce((total, index) => total + sums[at + index]!, 0),
    };
    if (names[unit] === PROGRAM_UNIT) fixed = sum;
    else units.push(sum);
  }
  return { aggregate, totals, units, fixed };
}

/**
 * A period's aggregates (one per attribution model) that resample together: the units
 * the bootstrap draws from, and the key of the stream it draws with. What
 * `estimateResampling` computes, and all it needs besides the options: plain data, so a
 * worker thread can take it.
 */
export interface RoiResampling {
  key: string;
  rows: RoiUnits[];
  /** False when the period has fewer ambassadors than `minAmbassadors`: estimates without an interval. */
  withInterval: boolean;
}

/** The rows summed per period and model, grouped as they resample. */
export interface RoiPlan {
  together: Resampled[][];
  resamplings: RoiResampling[];
}

/** The options `estimateResampling` reads. */
export type ResamplingOptions = Pick<RoiOptions, 'samples' | 'seed' | 'level'>;

/** Sums the rows (indices into `columns`) per period and model, and groups them as they resample. */
export function roiPlan(columns: ComponentColumns, rows: readonly number[], options: Pick<RoiOptions, 'scope' | 'minAmbassadors'>): RoiPlan {
  if (rows.length === 0) return { together: [], resamplings: [] };
  const { model: models, month_start: monthStarts, month_end: monthEnds, unit_id: unitIds, time_from_cost_file: timeFromFile } = columns;
  const programStart = rows.reduce((first, row) => (monthStarts[row]! < first ? monthStarts[row]! : first), monthStarts[rows[0]!]!);
  const programEnd = rows.reduce((last, row) => (monthEnds[row]! > last ? monthEnds[row]! : last), monthEnds[rows[0]!]!);
  // Each row's unit, as an index into the units' names.
  const unitOfName = new Map<string, number>();
  const names: string[] = [];
  const unitOfRow = new Int32Array(rows.length);
  rows.forEach((row, index) => {
    let unit = unitOfName.get(unitIds[row]!);
    if (unit === undefined) {
      unit = names.push(unitIds[row]!) - 1;
      unitOfName.set(unitIds[row]!, unit);
    }
    unitOfRow[index] = unit;
  });
  const aggregates = new Map<string, Aggregate>();
  const aggregateOf = (period: PeriodKind, start: string, end: string, model: string): Aggregate => {
    const key = `${period}|${start}|${model}`;
    let aggregate = aggregates.get(key);
    if (!aggregate) {
      aggregate = { period, start, end, model, units: [], slots: new Int32Array(names.length).fill(-1), sums: new Float64Array(0), timeFromFile: new Set() };
      aggregates.set(key, aggregate);
    }
    return aggregate;
  };
  // The aggregates a row adds to (its month, its quarter, the program), found once per model and month.
  const rowTargets = new Map<string, Aggregate[]>();
  const measureColumns = SUMMED.map((name) => columns[name]);
  const measures = new Float64Array(SUMMED.length);
  rows.forEach((row, index) => {
    const model = models[row]!;
    const monthStart = monthStarts[row]!;
    let targets = rowTargets.get(`${model}|${monthStart}`);
    if (!targets) {
      const quarter = quarterStart(monthStart);
      targets = [
        aggregateOf('month', monthStart, monthEnds[row]!, model),
        aggregateOf('quarter', quarter, quarterEnd(quarter), model),
        aggregateOf('program', programStart, programEnd, model),
      ];
      rowTargets.set(`${model}|${monthStart}`, targets);
    }
    for (let measure = 0; measure < SUMMED.length; measure += 1) measures[measure] = measureColumns[measure]![row]!;
    for (const aggregate of targets) {
      aggregate.timeFromFile.add(timeFromFile[row]!);
      addToAggregate(aggregate, unitOfRow[index]!, measures);
    }
  });
  const places = unitPlaces(names);
  // A period's models resample with one stream (its key names no model), so those with
  // as many ambassadors draw the same ones: they are bootstrapped together.
  const resamplings = new Map<string, Resampled[]>();
  for (const aggregate of aggregates.values()) {
    const one = resampled(aggregate, names, places);
    const key = `${aggregate.period}|${aggregate.start}|${one.units.length}`;
    const together = resamplings.get(key);
    if (together) together.push(one);
    else resamplings.set(key, [one]);
  }
  const together = [...resamplings.values()];
  return {
    together,
    resamplings: together.map((group) => {
      const { period, start } = group[0]!.aggregate;
      return {
        key: `roi|${options.scope}|${period}|${start}`,
        rows: group.map(({ units, fixed }) => ({ units, fixed })),
        withInterval: group[0]!.units.length >= options.minAmbassadors,
      };
    }),
  };
}

/** The ROIs of one resampling, with their intervals when it has them: the costly part, run on worker threads when there is much of it. */
export function estimateResampling(resampling: RoiResampling, options: ResamplingOptions): RoiEstimate[] {
  if (!resampling.withInterval) return resampling.rows.map(roiEstimate);
  return roisWithIntervals(resampling.rows, options.samples, seededRandom(options.seed, resampling.key), options.level);
}

/** The rows of a plan, given each of its resamplings' estimates (in the plan's order). */
export function roiRowsOf(plan: RoiPlan, estimates: readonly (readonly RoiEstimate[])[], options: RoiOptions): RoiRow[] {
  const result: RoiRow[] = [];
  for (const [position, together] of plan.together.entries()) {
    for (const [index, one] of together.entries()) result.push(roiRow(one, estimates[position]![index]!, options));
  }
  return result.sort(
    (a, b) => PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period] || a.period_start.localeCompare(b.period_start) || a.model.localeCompare(b.model),
  );
}

function roiRow({ aggregate, totals, units }: Resampled, estimate: RoiEstimate, options: RoiOptions): RoiRow {
  const computed = options.peopleTime ? 'computed' : 'not_counted';
  const basis =
    aggregate.timeFromFile.size > 1 ? (options.peopleTime ? 'mixed' : 'cost_file_in_part') : aggregate.timeFromFile.has(true) ? 'cost_file' : computed;
  return {
    period: aggregate.period,
    period_start: aggregate.start,
    period_end: aggregate.end,
    model: aggregate.model,
    is_default_model: aggregate.model === options.defaultModel,
    ambassadors: units.length,
    ...(Object.fromEntries(SUMMED.map((name, index) => [name, totals[index]])) as { posts: number } & Record<Component, number>),
    value_total: estimate.value,
    cost_total: estimate.cost,
    roi: estimate.roi,
    roi_low: estimate.low,
    roi_high: estimate.high,
    interval_level: options.level,
    interval_crosses_zero: estimate.low === null || estimate.high === null ? null : estimate.low <= 0 && estimate.high >= 0,
    time_basis: basis,
  };
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
