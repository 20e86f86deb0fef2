/**
 * marts.roi_by_period: ROI = (value - cost) / cost per calendar month, quarter and the
 * program to date, for every attribution model in marts.attribution_credits, with each
 * value and cost component, and a 90% percentile-bootstrap interval over ambassadors
 * (`statistics.bootstrap_samples` resamples, seeded by `statistics.seed`, so a rebuild
 * gives the same interval). Costs no ambassador carries (days nobody was enrolled, lines
 * for someone not on the roster) are a fixed part of every resample.
 *
 * interval_crosses_zero says, for the report's words, whether the interval includes an
 * ROI of 0 (the program may not have paid for itself); time_basis says whether the time
 * cost came from the costs file's "time" lines, was computed, or is not counted (see
 * value_components and `costs.people_time`).
 * The interval reflects which ambassadors the program happened to have, not the choice of
 * attribution model (compare the model rows) or of EMV rates. period_start and period_end
 * are the calendar month's or quarter's bounds; the program runs from its first month's
 * start to its last month's end. Resamples draw the same ambassadors for every model of
 * a period, so the models' intervals are comparable.
 */
import type { TsModelDefinition } from '../runner.ts';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { mapInParallel } from '../lib/parallel.ts';
import { MILLISECONDS_PER_DRAW } from '../lib/parallel-tasks.ts';
import {
  COST_COMPONENTS,
  roiColumns,
  roiPlan,
  roiRowsOf,
  VALUE_COMPONENTS,
  type ComponentColumns,
  type ResamplingOptions,
  type RoiOptions,
  type RoiResampling,
  type RoiRow,
} from '../lib/statistics/roi-table.ts';
import { RememberedResults, resultKey } from '../lib/remembered.ts';
import type { RoiEstimate, RoiUnits } from '../lib/statistics/roi.ts';
import { dayDate, writeRows } from '../lib/table.ts';

export const ROI_INTERVAL_LEVEL = 0.9;

/** marts.value_components as the ROI marts read it, as columns: days as text, measures as doubles. */
export const COMPONENTS_QUERY = `
select
  model,
  strftime(month_start, '%Y-%m-%d') as month_start,
  strftime(month_end, '%Y-%m-%d') as month_end,
  unit_id,
  cohort,
  department,
  posts,
  ${[...VALUE_COMPONENTS, ...COST_COMPONENTS].join(',\n  ')},
  time_from_cost_file
from marts.value_components
order by model, month_start, unit_id`;

export const model: TsModelDefinition = {
  grain: 'one row per period (month, quarter, program to date), its start and attribution model',
  key: ['period', 'period_start', 'model'],
  dependsOn: ['marts.value_components', 'meta.settings'],
  tests: [{ kind: 'accepted_values', column: 'period', values: ['month', 'quarter', 'program'] }],
  async build({ warehouse, config }, table) {
    const columns = (await warehouse.columns(COMPONENTS_QUERY)) as unknown as ComponentColumns;
    const settings = await warehouse.one<{ default_model: string }>(`select default_model from meta.settings`);
    const [result] = await roiRowsOfScopes(warehouse, table.qualified, columns, [
      {
        rows: columns.model.map((_, row) => row),
        options: {
          defaultModel: settings?.default_model ?? config.attribution.default_model,
          samples: config.statistics.bootstrap_samples,
          seed: config.statistics.seed,
          level: ROI_INTERVAL_LEVEL,
          scope: 'program',
          peopleTime: config.costs.people_time,
          minAmbassadors: config.statistics.min_group_size,
        },
      },
    ]);
    await writeRows(warehouse, table, roiColumns(dayDate), result!);
  },
};

/**
 * The ROI rows of each scope (the program, or each group of roi_by_group: its rows, as
 * indices into `columns`), the resamplings of a batch of scopes bootstrapped together, on
 * worker threads when they are many.
 *
 * A row's estimate depends on its own units and its resampling's stream alone (the
 * positions a resample draws do not depend on the other rows), so the estimates the
 * model's last build made are remembered by row, and a resampling is made again with only
 * the rows whose units changed: after a day of new data, the past months of the rule-based
 * attribution models are looked up.
 */
export async function roiRowsOfScopes(
  warehouse: Warehouse,
  owner: string,
  columns: ComponentColumns,
  scopes: readonly RoiScope[],
  rowsPerBatch = ROWS_PER_BATCH,
): Promise<RoiRow[][]> {
  const remembered = await RememberedResults.open<RoiEstimate>(warehouse, owner);
  const results: RoiRow[][] = [];
  for (const batch of scopeBatches(scopes, rowsPerBatch)) results.push(...(await roiRowsOfBatch(remembered, columns, batch)));
  await remembered.keep();
  return results;
}

export type RoiScope = { rows: readonly number[]; options: RoiOptions };

/**
 * Scopes in batches of at most this many rows of marts.value_components (a scope larger
 * than that alone): a scope's plan holds its sums per ambassador for every period and
 * model, so the groups of roi_by_group at ten thousand ambassadors, planned all at once,
 * held gigabytes.
 */
const ROWS_PER_BATCH = 250_000;

function scopeBatches(scopes: readonly RoiScope[], rowsPerBatch: number): RoiScope[][] {
  const batches: RoiScope[][] = [];
  let rows = Number.POSITIVE_INFINITY;
  for (const scope of scopes) {
    if (rows + scope.rows.length > rowsPerBatch) {
      batches.push([]);
      rows = 0;
    }
    batches.at(-1)!.push(scope);
    rows += scope.rows.length;
  }
  return batches;
}

/** The ROI rows of a batch of scopes, their resamplings bootstrapped together. */
async function roiRowsOfBatch(remembered: RememberedResults<RoiEstimate>, columns: ComponentColumns, scopes: readonly RoiScope[]): Promise<RoiRow[][]> {
  const plans = scopes.map(({ rows, options }) => roiPlan(columns, rows, options));
  // Every row of every resampling, in order, with the key of its estimate.
  const rows = plans.flatMap((plan, index) => {
    const { samples, seed, level } = scopes[index]!.options;
    const options = { samples, seed, level };
    return plan.resamplings.flatMap((resampling) => {
      const description = { key: resampling.key, withInterval: resampling.withInterval, options };
      return resampling.rows.map((row) => ({ resampling, options, row, key: resultKey(description, unitNumbers(row)) }));
    });
  });
  const estimates = await remembered.lookUp(
    rows.map(({ key }) => key),
    async (missing) => {
      // The rows left, each resampled with the others left of its resampling.
      const inputs = new Map<RoiResampling, { resampling: RoiResampling; options: ResamplingOptions }>();
      for (const index of missing) {
        const { resampling, options, row } = rows[index]!;
        const input = inputs.get(resampling) ?? { resampling: { ...resampling, rows: [] }, options };
        input.resampling.rows.push(row);
        inputs.set(resampling, input);
      }
      // A resampling draws, per sample, one position per ambassador and sums each row's series over them.
      const draws = [...inputs.values()].reduce(
        (sum, { resampling, options }) =>
          sum + (resampling.withInterval ? options.samples * (resampling.rows[0]?.units.length ?? 0) * (resampling.rows.length + 1) : 0),
        0,
      );
      return (await mapInParallel('roiResampling', [...inputs.values()], draws * MILLISECONDS_PER_DRAW)).flat();
    },
  );
  let next = 0;
  return plans.map((plan, index) => {
    const planEstimates = plan.resamplings.map(({ rows: resampled }) => {
      next += resampled.length;
      return estimates.slice(next - resampled.length, next);
    });
    return roiRowsOf(plan, planEstimates, scopes[index]!.options);
  });
}

/** A row's fixed part and units as the numbers its estimate is computed from. */
function unitNumbers({ units, fixed }: RoiUnits): Float64Array {
  const numbers = new Float64Array(2 + 2 * units.length);
  numbers[0] = fixed.value;
  numbers[1] = fixed.cost;
  units.forEach((unit, index) => {
    numbers[2 + 2 * index] = unit.value;
    numbers[3 + 2 * index] = unit.cost;
  });
  return numbers;
}
