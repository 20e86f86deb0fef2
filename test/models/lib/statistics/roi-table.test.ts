import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COST_COMPONENTS,
  PROGRAM_UNIT,
  roiPlan,
  VALUE_COMPONENTS,
  type ComponentColumns,
  type ComponentRow,
} from '../../../../models/lib/statistics/roi-table.ts';
import type { RoiUnit } from '../../../../models/lib/statistics/roi.ts';

const MONTHS = [
  ['2026-01-01', '2026-01-31'],
  ['2026-02-01', '2026-02-28'],
  ['2026-04-01', '2026-04-30'],
] as const;

/** Rows of marts.value_components: whole amounts, so that sums do not depend on the order they are added in. */
function componentRows(units: readonly string[], seed: number): ComponentRow[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % 90;
  };
  return ['first_touch', 'linear'].flatMap((model) =>
    MONTHS.flatMap(([start, end]) =>
      [...units, PROGRAM_UNIT].map(
        (unit) =>
          ({
            model,
            month_start: start,
            month_end: end,
            unit_id: unit,
            posts: next(),
            time_from_cost_file: false,
            ...Object.fromEntries(
              [...VALUE_COMPONENTS, ...COST_COMPONENTS].map((name) => [name, unit === PROGRAM_UNIT && name.startsWith('value') ? 0 : next()]),
            ),
          }) as ComponentRow,
      ),
    ),
  );
}

function asColumns(rows: readonly ComponentRow[]): ComponentColumns {
  const names = Object.keys(rows[0]!) as (keyof ComponentRow)[];
  return Object.fromEntries(names.map((name) => [name, rows.map((row) => row[name])])) as unknown as ComponentColumns;
}

const options = { scope: 'program', minAmbassadors: 5 };

/** The units' values in January under the first model, in the order given. */
function januaryValues(rows: readonly ComponentRow[], units: readonly string[]): number[] {
  const january = rows.filter((row) => row.model === 'first_touch' && row.month_start === '2026-01-01');
  return units.map((unit) => VALUE_COMPONENTS.reduce((sum, name) => sum + january.find((row) => row.unit_id === unit)![name], 0));
}

/** Each period's and model's units as resampled, and the costs no ambassador carries, by period, start and model. */
function resampledUnits(plan: ReturnType<typeof roiPlan>): Record<string, { units: readonly RoiUnit[]; fixed: RoiUnit }> {
  return Object.fromEntries(
    plan.together.flat().map(({ aggregate, units, fixed }) => [`${aggregate.period}|${aggregate.start}|${aggregate.model}`, { units, fixed }]),
  );
}

describe('models/lib/statistics/roi-table', () => {
  it('plans each period’s units in the order of their names, whatever order the rows come in', () => {
    const units = Array.from({ length: 40 }, (_, index) => `A${String((index * 7919) % 1000).padStart(4, '0')}`);
    const rows = componentRows(units, 7);
    const plan = roiPlan(
      asColumns(rows),
      rows.map((_, index) => index),
      options,
    );
    // 3 months, 2 quarters and the program, each resampled with both models.
    expect(plan.resamplings.map((resampling) => resampling.key)).toHaveLength(6);
    for (const resampling of plan.resamplings) for (const row of resampling.rows) expect(row.units).toHaveLength(units.length);
    // A unit's value in the first month's first model: the units in the order of their names.
    const sorted = [...units].sort((a, b) => a.localeCompare(b));
    const first = plan.resamplings.find((resampling) => resampling.key === 'roi|program|month|2026-01-01')!;
    expect(first.rows[0]!.units.map((unit) => unit.value)).toEqual(januaryValues(rows, sorted));
    expect(first.rows[0]!.fixed.value).toBe(0);

    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: rows.length, maxLength: rows.length }), (keys) => {
        const shuffled = rows.map((row, index) => ({ row, key: keys[index]! })).sort((a, b) => a.key - b.key);
        const again = roiPlan(
          asColumns(shuffled.map(({ row }) => row)),
          shuffled.map((_, index) => index),
          options,
        );
        expect(resampledUnits(again)).toEqual(resampledUnits(plan));
      }),
      { numRuns: 25 },
    );
  });

  it('keeps apart units whose names compare equal, in the order the rows first give them', () => {
    // The same name in composed and decomposed form: equal to localeCompare, two units all the same.
    const units = ['Émilie', 'E\u0301milie', 'Anders', 'Zoë'];
    const rows = componentRows(units, 11);
    const plan = roiPlan(
      asColumns(rows),
      rows.map((_, index) => index),
      options,
    );
    const first = plan.resamplings.find((resampling) => resampling.key === 'roi|program|month|2026-01-01')!;
    expect(first.rows[0]!.units.map((unit) => unit.value)).toEqual(januaryValues(rows, ['Anders', 'Émilie', 'E\u0301milie', 'Zoë']));
  });
});
