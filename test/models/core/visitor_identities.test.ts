/**
 * core.visitor_identities and the journeys of outcomes that carry only an e-mail hash:
 * hand-made outcomes and touches, credits computed by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { sharedWarehouse } from '../../helpers/shared-warehouse.ts';
import { buildAttribution, creditsOf } from '../marts/attribution_setup.ts';

const T = '2026-06-30 12:00:00';
const PER_OUTCOME_MODELS = ['last_touch', 'first_touch', 'linear', 'time_decay', 'position_based', 'shapley', 'fractribution'];

/** How an outcome was credited: its basis and how its journey was found, per model and granularity (the same for all). */
async function evidenceOf(warehouse: Warehouse, outcome: string): Promise<{ basis: string; journey_via: string }[]> {
  return warehouse.all(`select distinct basis, journey_via from marts.attribution_credits where outcome_id = $outcome`, { outcome });
}

describe('identity stitching: outcomes with only an e-mail hash', () => {
  // Each case replaces core.outcomes and core.touchpoints and rebuilds every attribution model on them.
  const inWarehouse = sharedWarehouse();

  it('gives an ATS application the journey of the visitor a HubSpot contact with the same e-mail hash was seen as', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [
          { id: 'hubspot:1', visitor: 'v1', email: 'hash-e1', at: '2026-06-25 12:00:00' },
          { id: 'greenhouse:1', visitor: null, email: 'hash-e1', at: T, kind: 'application' },
        ],
        [
          { visitor: 'v1', at: '2026-05-31 11:59:59', channel: 'A2' }, // one second before the application's 30-day lookback
          { visitor: 'v1', at: '2026-06-20 12:00:00', channel: 'Email' },
          { visitor: 'v1', at: '2026-06-28 12:00:00', channel: 'A1' },
          { visitor: 'v1', at: '2026-06-30 12:00:01', channel: 'A3' }, // after the application
        ],
      );
      expect(
        await warehouse.all(
          `select email_hash, visitor_id, first_seen_at::varchar as first_seen_at, last_seen_at::varchar as last_seen_at, outcomes from core.visitor_identities`,
        ),
      ).toEqual([{ email_hash: 'hash-e1', visitor_id: 'v1', first_seen_at: '2026-06-25 12:00:00', last_seen_at: '2026-06-25 12:00:00', outcomes: 1 }]);
      // the application: Email (06-20) and A1 (06-28); A2 is outside the lookback, A3 after it
      expect(await creditsOf(warehouse, 'greenhouse:1', 'last_touch')).toEqual({ A1: 1, Email: 0 });
      expect(await creditsOf(warehouse, 'greenhouse:1', 'linear')).toEqual({ A1: 0.5, Email: 0.5 });
      expect(await creditsOf(warehouse, 'greenhouse:1', 'last_touch', 'program')).toEqual({ 'Employee advocacy': 1, Email: 0 });
      expect(await evidenceOf(warehouse, 'greenhouse:1')).toEqual([{ basis: 'journey', journey_via: 'email_hash' }]);
      // the contact itself, five days earlier, on its own window: A2 is inside it, A1 came after it
      expect(await creditsOf(warehouse, 'hubspot:1', 'linear')).toEqual({ A2: 0.5, Email: 0.5 });
      expect(await evidenceOf(warehouse, 'hubspot:1')).toEqual([{ basis: 'journey', journey_via: 'visitor_id' }]);
      expect(await warehouse.all(`select distinct outcome_id, journey_via from core.attribution_touches order by outcome_id`)).toEqual([
        { outcome_id: 'greenhouse:1', journey_via: 'email_hash' },
        { outcome_id: 'hubspot:1', journey_via: 'visitor_id' },
      ]);
    });
  });

  it('leaves an outcome whose e-mail hash no other outcome has to its own evidence', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [
          { id: 'hubspot:1', visitor: 'v1', email: 'hash-e1', at: '2026-06-25 12:00:00' },
          { id: 'greenhouse:2', visitor: null, email: 'hash-e2', at: T, kind: 'application', referral: 'A3' },
          { id: 'greenhouse:3', visitor: null, email: 'hash-e3', at: T, kind: 'application' },
          { id: 'salesforce:1', visitor: null, at: T },
        ],
        [{ visitor: 'v1', at: '2026-06-20 12:00:00', channel: 'A1' }],
      );
      expect(await creditsOf(warehouse, 'greenhouse:2', 'last_touch')).toEqual({ A3: 1 });
      expect(await evidenceOf(warehouse, 'greenhouse:2')).toEqual([{ basis: 'referral', journey_via: 'none' }]);
      expect(await creditsOf(warehouse, 'greenhouse:3', 'linear')).toEqual({ '(unattributed)': 1 });
      expect(await evidenceOf(warehouse, 'greenhouse:3')).toEqual([{ basis: 'none', journey_via: 'none' }]);
      expect(await creditsOf(warehouse, 'salesforce:1', 'linear')).toEqual({ '(unattributed)': 1 });
    });
  });

  it('lets an outcome’s own visitor id win over its e-mail link, even when its own visitor has no touches', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [
          { id: 'hubspot:1', visitor: 'v1', email: 'hash-e1', at: '2026-06-25 12:00:00' },
          { id: 'web:1', visitor: 'v5', email: 'hash-e1', at: T, kind: 'conversion' },
          { id: 'web:2', visitor: 'v6', email: 'hash-e1', at: T, kind: 'conversion' },
        ],
        [
          { visitor: 'v1', at: '2026-06-28 12:00:00', channel: 'A1' },
          { visitor: 'v5', at: '2026-06-29 12:00:00', channel: 'Paid Search' },
        ],
      );
      expect(await creditsOf(warehouse, 'web:1', 'linear')).toEqual({ 'Paid Search': 1 });
      expect(await evidenceOf(warehouse, 'web:1')).toEqual([{ basis: 'journey', journey_via: 'visitor_id' }]);
      expect(await creditsOf(warehouse, 'web:2', 'linear')).toEqual({ '(unattributed)': 1 });
      expect(await evidenceOf(warehouse, 'web:2')).toEqual([{ basis: 'none', journey_via: 'none' }]);
    });
  });

  it('joins the touches of every visitor id one e-mail was seen with into one journey whose credits sum to 1', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [
          { id: 'hubspot:1', visitor: 'v1', email: 'hash-e1', at: '2026-06-20 12:00:00' },
          { id: 'web:1', visitor: 'v2', email: 'hash-e1', at: '2026-06-22 12:00:00', kind: 'conversion' },
          { id: 'greenhouse:1', visitor: null, email: 'hash-e1', at: T, kind: 'application' },
        ],
        [
          { visitor: 'v1', at: '2026-06-18 12:00:00', channel: 'A1' },
          { visitor: 'v2', at: '2026-06-21 12:00:00', channel: 'Email' },
          { visitor: 'v1', at: '2026-06-27 12:00:00', channel: 'A2' },
        ],
      );
      expect(await warehouse.all(`select visitor_id, outcomes from core.visitor_identities where email_hash = 'hash-e1' order by visitor_id`)).toEqual([
        { visitor_id: 'v1', outcomes: 1 },
        { visitor_id: 'v2', outcomes: 1 },
      ]);
      expect(await creditsOf(warehouse, 'greenhouse:1', 'last_touch')).toEqual({ A1: 0, A2: 1, Email: 0 });
      expect(await creditsOf(warehouse, 'greenhouse:1', 'first_touch')).toEqual({ A1: 1, A2: 0, Email: 0 });
      const third = Number((1 / 3).toFixed(12));
      expect(await creditsOf(warehouse, 'greenhouse:1', 'linear')).toEqual({ A1: third, A2: third, Email: third });
      expect(await creditsOf(warehouse, 'greenhouse:1', 'position_based')).toEqual({ A1: 0.4, A2: 0.4, Email: 0.2 });
      expect(await creditsOf(warehouse, 'greenhouse:1', 'linear', 'program')).toEqual({ 'Employee advocacy': Number((2 / 3).toFixed(12)), Email: third });
      const sums = await warehouse.all<{ model: string; total: number }>(
        `select model, sum(credit) as total from marts.attribution_credits where outcome_id = 'greenhouse:1' group by model, granularity`,
      );
      expect(new Set(sums.map((row) => row.model))).toEqual(new Set(PER_OUTCOME_MODELS));
      for (const row of sums) expect(row.total, row.model).toBeCloseTo(1, 12);
      // each outcome with a visitor id of its own keeps to it: the contact sees only v1, the conversion only v2
      expect(await creditsOf(warehouse, 'hubspot:1', 'linear')).toEqual({ A1: 1 });
      expect(await creditsOf(warehouse, 'web:1', 'linear')).toEqual({ Email: 1 });
    });
  });
});
