import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../pipelines/warehouse.ts';
import { mulberry32 } from '../../../../models/lib/statistics/random.ts';
import { withWarehouse } from '../../../helpers/warehouse.ts';
import { buildAttribution, type OutcomeInput, type TouchInput } from '../../marts/attribution_setup.ts';
import { outcomesWithin, shapleyValues } from './shapley-reference.ts';

const NOTEBOOK_OUTCOMES = [
  ...Array.from({ length: 20 }, () => ['F']),
  ...Array.from({ length: 10 }, () => ['O']),
  ...Array.from({ length: 17 }, () => ['L']),
  ...Array.from({ length: 17 }, () => ['O', 'F']),
  ...Array.from({ length: 30 }, () => ['L', 'F']),
  ...Array.from({ length: 6 }, () => ['F', 'O', 'L']),
];

/** Journeys of one to six touches (repeats included) over six channels, two of them ambassadors. */
function randomJourneys(count: number): string[][] {
  const channels = ['A1', 'A2', 'Email', 'Organic Search', 'Paid Search', 'Referral'];
  const random = mulberry32(2018);
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => channels[Math.floor(random() * channels.length)]!));
}

/** Builds the attribution models on one outcome per journey, ids `<prefix><n>`, each with its own visitor. */
function journeysAsInput(prefix: string, journeys: readonly (readonly string[])[]): { outcomes: OutcomeInput[]; touches: TouchInput[] } {
  const outcomes = journeys.map((_, index) => ({ id: `${prefix}${index}`, visitor: `${prefix}v${index}`, at: '2026-06-30 12:00:00' }));
  const touches = journeys.flatMap((channels, index) =>
    channels.map((channel, position) => ({ visitor: `${prefix}v${index}`, at: `2026-06-2${position} 12:00:00`, channel })),
  );
  return { outcomes, touches };
}

/** The shapley credits of the outcomes `<prefix>*`, summed per channel. */
async function shapleyTotals(warehouse: Warehouse, prefix: string): Promise<Map<string, number>> {
  const rows = await warehouse.all<{ channel: string; credit: number }>(
    `select channel, sum(credit)::double as credit from core.channel_credits_by_path_model
     where model = 'shapley' and granularity = 'ambassador' and starts_with(outcome_id, $prefix) group by channel order by channel`,
    { prefix },
  );
  return new Map(rows.map((row) => [row.channel, row.credit]));
}

describe('models/core/attribution/channel_credits_by_path_model (shapley)', () => {
  it('reproduces the Facebook / Organic / LinkedIn example of "Data-driven marketing attribution" (Towards Data Science; notebook tomgorb/misc "Data Driven Attribution.ipynb") with the reference formula', () => {
    // Conversion ratios per coalition: F 0.2, O 0.1, L 0.17, F+O 0.17, F+L 0.3, L+O 0, F+L+O 0.06
    // (100 converting journeys); worth of a set = the conversions of every coalition inside it.
    const worth = outcomesWithin(NOTEBOOK_OUTCOMES);
    // the notebook's worth vector [0.2, 0.1, 0.17, 0.47, 0.67, 0.27, 1.0], in conversions
    expect(['F', 'O', 'L', 'F+O', 'F+L', 'L+O', 'F+L+O'].map((set) => worth(new Set(set.split('+'))))).toEqual([20, 10, 17, 47, 67, 27, 100]);
    const exact = shapleyValues(['F', 'O', 'L'], worth);
    expect(exact.get('F')! / 100).toBeCloseTo(0.455, 12);
    expect(exact.get('O')! / 100).toBeCloseTo(0.205, 12);
    expect(exact.get('L')! / 100).toBeCloseTo(0.34, 12);
  });

  it('credits each channel its exact Shapley value of the game "outcomes whose channels lie within S" (Zhao et al. 2018, theorem), on the notebook example and on random journeys with repeated touches', async () => {
    const random = randomJourneys(40);
    const notebook = journeysAsInput('n', NOTEBOOK_OUTCOMES);
    const journeys = journeysAsInput('r', random);
    await withWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [...notebook.outcomes, ...journeys.outcomes],
        [...notebook.touches, ...journeys.touches],
        ['core.channel_credits_by_path_model'],
      );
      for (const [prefix, outcomes] of [
        ['n', NOTEBOOK_OUTCOMES],
        ['r', random],
      ] as const) {
        const players = [...new Set(outcomes.flat())].sort();
        const exact = shapleyValues(players, outcomesWithin(outcomes));
        const credited = await shapleyTotals(warehouse, prefix);
        expect([...credited.keys()]).toEqual(players);
        for (const player of players) expect(credited.get(player), `${prefix}: ${player}`).toBeCloseTo(exact.get(player)!, 10);
        // efficiency: the values add up to the number of outcomes
        expect([...credited.values()].reduce((sum, value) => sum + value, 0)).toBeCloseTo(outcomes.length, 10);
      }
      expect((await shapleyTotals(warehouse, 'n')).get('F')).toBeCloseTo(45.5, 10);
    });
  });
});
