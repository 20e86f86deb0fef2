import { describe, expect, it } from 'vitest';
import { estimateResampling, type RoiResampling } from '../../../models/lib/statistics/roi-table.ts';
import { forgetTaskOutputs, mapRemembered, TASK_OUTPUTS } from '../../../models/lib/remembered.ts';
import { MILLISECONDS_PER_DRAW } from '../../../models/lib/parallel-tasks.ts';
import { withWarehouse } from '../../helpers/warehouse.ts';

/** One period's resampling: a model's values over `ambassadors` ambassadors. */
function input(key: string, ambassadors: number, shift = 0): { resampling: RoiResampling; options: { samples: number; seed: number; level: number } } {
  return {
    resampling: {
      key,
      withInterval: true,
      rows: [
        {
          units: Array.from({ length: ambassadors }, (_, index) => ({ value: 50 + ((index * 37) % 90) + shift, cost: 40 + (index % 7) })),
          fixed: { value: 0, cost: 300 },
        },
      ],
    },
    options: { samples: 300, seed: 42, level: 0.9 },
  };
}

const cost = ({ resampling, options }: ReturnType<typeof input>) => options.samples * resampling.rows[0]!.units.length * 2 * MILLISECONDS_PER_DRAW;

describe('models/lib/remembered', () => {
  it('computes what it has no output for, reads back the rest, and keeps only the latest inputs of its model', async () => {
    await withWarehouse(async (warehouse) => {
      const january = input('roi|program|month|2026-01-01', 30);
      const february = input('roi|program|month|2026-02-01', 25);
      const first = await mapRemembered(warehouse, 'marts.roi_by_period', 'roiResampling', [january, february], cost);
      expect(first).toStrictEqual([january, february].map(({ resampling, options }) => estimateResampling(resampling, options)));

      // What is read back is what was kept: January's output changed in the table comes back changed.
      const [januaryKey, februaryKey] = (await warehouse.all<{ input_key: string }>(`select input_key from ${TASK_OUTPUTS} order by rowid`)).map(
        (row) => row.input_key,
      );
      await warehouse.run(
        `update ${TASK_OUTPUTS} set output = (select output from ${TASK_OUTPUTS} where input_key = $februaryKey) where input_key = $januaryKey`,
        {
          januaryKey: januaryKey!,
          februaryKey: februaryKey!,
        },
      );
      const march = input('roi|program|month|2026-03-01', 20, 5);
      expect(await mapRemembered(warehouse, 'marts.roi_by_period', 'roiResampling', [january, march], cost)).toStrictEqual([
        first[1],
        estimateResampling(march.resampling, march.options),
      ]);
      // Another model's outputs are its own.
      expect(await mapRemembered(warehouse, 'marts.roi_by_group', 'roiResampling', [january], cost)).toStrictEqual([first[0]]);

      // A changed input is a new one; the others of the model are dropped.
      const changed = input('roi|program|month|2026-01-01', 30, 1);
      expect(await mapRemembered(warehouse, 'marts.roi_by_period', 'roiResampling', [changed], cost)).toStrictEqual([
        estimateResampling(changed.resampling, changed.options),
      ]);
      expect(await warehouse.one(`select count(*)::integer as outputs from ${TASK_OUTPUTS} where owner = 'marts.roi_by_period'`)).toEqual({ outputs: 1 });

      await forgetTaskOutputs(warehouse);
      expect(await warehouse.tableExists('meta', 'task_outputs')).toBe(false);
    });
  });
});
