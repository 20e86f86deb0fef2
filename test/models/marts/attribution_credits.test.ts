import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { sharedWarehouse } from '../../helpers/shared-warehouse.ts';
import { buildAttribution, creditsOf, type TouchInput } from './attribution_setup.ts';

const T = '2026-06-30 12:00:00';
const MODELS = ['marts.attribution_credits'];

/** Hand-made core.outcomes (id, visitor, time, and what else the case needs) and core.touchpoints; a channel starting with A is an ambassador. */
function setUp(
  warehouse: Warehouse,
  outcomes: [id: string, visitor: string | null, at: string, extra?: { own?: string; referral?: string; value?: number; email?: string }][],
  touches: TouchInput[],
) {
  return buildAttribution(
    warehouse,
    outcomes.map(([id, visitor, at, extra]) => ({ id, visitor, at, ...extra })),
    touches,
    MODELS,
  );
}

describe('models/marts/attribution_credits (rule-based models)', () => {
  // Each case replaces core.outcomes and core.touchpoints and rebuilds the credits on them.
  const inWarehouse = sharedWarehouse();

  it('gives one touch all the credit in every model', async () => {
    await inWarehouse(async (warehouse) => {
      await setUp(warehouse, [['o1', 'v1', T]], [{ visitor: 'v1', at: '2026-06-28 12:00:00', channel: 'A1' }]);
      for (const model of ['last_touch', 'first_touch', 'linear', 'time_decay', 'position_based']) {
        expect(await creditsOf(warehouse, 'o1', model)).toEqual({ A1: 1 });
      }
      expect(await creditsOf(warehouse, 'o1', 'last_touch', 'program')).toEqual({ 'Employee advocacy': 1 });
    });
  });

  it('splits two touches as each model says (time decay: 2^(-age/7) normalised)', async () => {
    await inWarehouse(async (warehouse) => {
      await setUp(
        warehouse,
        [['o2', 'v2', T]],
        [
          { visitor: 'v2', at: '2026-06-20 12:00:00', channel: 'Organic Search' },
          { visitor: 'v2', at: '2026-06-29 12:00:00', channel: 'A1' },
        ],
      );
      expect(await creditsOf(warehouse, 'o2', 'last_touch')).toEqual({ A1: 1, 'Organic Search': 0 });
      expect(await creditsOf(warehouse, 'o2', 'first_touch')).toEqual({ A1: 0, 'Organic Search': 1 });
      expect(await creditsOf(warehouse, 'o2', 'linear')).toEqual({ A1: 0.5, 'Organic Search': 0.5 });
      expect(await creditsOf(warehouse, 'o2', 'position_based')).toEqual({ A1: 0.5, 'Organic Search': 0.5 });
      const recent = 2 ** (-1 / 7);
      const old = 2 ** (-10 / 7);
      const decay = await creditsOf(warehouse, 'o2', 'time_decay');
      expect(decay.A1).toBeCloseTo(recent / (recent + old), 10);
      expect(decay['Organic Search']).toBeCloseTo(old / (recent + old), 10);
    });
  });

  it('counts a touch exactly at the lookback boundary, not one second before it, and never one after the outcome', async () => {
    await inWarehouse(async (warehouse) => {
      await setUp(
        warehouse,
        [['o3', 'v3', T]],
        [
          { visitor: 'v3', at: '2026-05-31 11:59:59', channel: 'Email' },
          { visitor: 'v3', at: '2026-05-31 12:00:00', channel: 'A1' },
          { visitor: 'v3', at: '2026-06-30 12:00:01', channel: 'A2' },
        ],
      );
      expect(await creditsOf(warehouse, 'o3', 'linear')).toEqual({ A1: 1 });
    });
  });

  it('adds up repeated channels and spreads position-based 40/20/40', async () => {
    await inWarehouse(async (warehouse) => {
      await setUp(
        warehouse,
        [['o4', 'v4', T]],
        [
          { visitor: 'v4', at: '2026-06-10 12:00:00', channel: 'A1' },
          { visitor: 'v4', at: '2026-06-15 12:00:00', channel: 'Email' },
          { visitor: 'v4', at: '2026-06-20 12:00:00', channel: 'A1' },
          { visitor: 'v4', at: '2026-06-25 12:00:00', channel: 'A2' },
        ],
      );
      expect(await creditsOf(warehouse, 'o4', 'linear')).toEqual({ A1: 0.5, A2: 0.25, Email: 0.25 });
      expect(await creditsOf(warehouse, 'o4', 'position_based')).toEqual({ A1: 0.5, A2: 0.4, Email: 0.1 });
      expect(await creditsOf(warehouse, 'o4', 'first_touch')).toEqual({ A1: 1, A2: 0, Email: 0 });
      expect(await creditsOf(warehouse, 'o4', 'linear', 'program')).toEqual({ 'Employee advocacy': 0.75, Email: 0.25 });
    });
  });

  it('drops direct visits where other touches exist, and breaks ties in time by channel name', async () => {
    await inWarehouse(async (warehouse) => {
      await setUp(
        warehouse,
        [
          ['o5', 'v5', T],
          ['o6', 'v6', T],
        ],
        [
          { visitor: 'v5', at: '2026-06-28 12:00:00', channel: 'Email' },
          { visitor: 'v5', at: '2026-06-30 11:00:00', channel: 'Direct' },
          { visitor: 'v6', at: '2026-06-29 12:00:00', channel: 'Email' },
          { visitor: 'v6', at: '2026-06-29 12:00:00', channel: 'A1' },
        ],
      );
      expect(await creditsOf(warehouse, 'o5', 'last_touch')).toEqual({ Email: 1 });
      expect(await creditsOf(warehouse, 'o6', 'last_touch')).toEqual({ A1: 0, Email: 1 });
      expect(await creditsOf(warehouse, 'o6', 'first_touch')).toEqual({ A1: 1, Email: 0 });
    });
  });

  it('lets one touch serve several outcomes of a journey, each on its own window', async () => {
    await inWarehouse(async (warehouse) => {
      await setUp(
        warehouse,
        [
          ['o7', 'v7', '2026-06-10 12:00:00'],
          ['o8', 'v7', T],
        ],
        [
          { visitor: 'v7', at: '2026-06-05 12:00:00', channel: 'A1' },
          { visitor: 'v7', at: '2026-06-20 12:00:00', channel: 'Email' },
        ],
      );
      expect(await creditsOf(warehouse, 'o7', 'linear')).toEqual({ A1: 1 });
      expect(await creditsOf(warehouse, 'o8', 'linear')).toEqual({ A1: 0.5, Email: 0.5 });
    });
  });

  it('credits an outcome without touches from its own evidence, else to (unattributed)', async () => {
    await inWarehouse(async (warehouse) => {
      await setUp(
        warehouse,
        [
          ['o9', null, T, { own: 'A2' }],
          ['o10', 'v10', T, { referral: 'A3' }],
          ['o11', null, T],
        ],
        [],
      );
      const rows = await warehouse.all(
        `select outcome_id, channel, credit, basis from marts.attribution_credits
         where model = 'last_touch' and granularity = 'ambassador' order by outcome_id`,
      );
      expect(rows).toEqual([
        { outcome_id: 'o10', channel: 'A3', credit: 1, basis: 'referral' },
        { outcome_id: 'o11', channel: '(unattributed)', credit: 1, basis: 'none' },
        { outcome_id: 'o9', channel: 'A2', credit: 1, basis: 'outcome_utm' },
      ]);
    });
  });

  it("sums every model's credits to 1 per outcome and granularity, and values to the outcome value", async () => {
    await inWarehouse(async (warehouse) => {
      await setUp(
        warehouse,
        [
          ['o12', 'v12', T, { value: 2500 }],
          ['o13', null, T],
        ],
        [
          { visitor: 'v12', at: '2026-06-11 08:00:00', channel: 'Paid Search' },
          { visitor: 'v12', at: '2026-06-21 09:00:00', channel: 'A1' },
          { visitor: 'v12', at: '2026-06-29 10:00:00', channel: 'A2' },
        ],
      );
      const sums = await warehouse.all<{ total: number; value: number }>(
        `select sum(credit) as total, sum(value_credit) as value from marts.attribution_credits
         group by outcome_id, model, granularity`,
      );
      // 2 outcomes x 7 per-outcome models (5 rule-based, shapley, fractribution) x 2 granularities
      expect(sums).toHaveLength(2 * 7 * 2);
      for (const sum of sums) expect(sum.total).toBeCloseTo(1, 12);
      const values = await warehouse.all<{ value: number }>(
        `select sum(value_credit) as value from marts.attribution_credits where outcome_id = 'o12' group by model, granularity`,
      );
      for (const row of values) expect(row.value).toBeCloseTo(2500, 9);
    });
  });
});
