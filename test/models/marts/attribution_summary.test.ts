import { describe, expect, it } from 'vitest';
import { sharedWarehouse } from '../../helpers/shared-warehouse.ts';
import { buildAttribution, creditsOf, markovOf, summaryOf } from './attribution_setup.ts';

const T = '2026-06-30 12:00:00';
const PATH_MODELS = ['shapley', 'fractribution'];

describe('models/marts/attribution_credits, attribution_summary and markov_removal_effects (markov, shapley, fractribution)', () => {
  // Each case replaces core.outcomes and core.touchpoints and rebuilds every attribution model on them.
  const inWarehouse = sharedWarehouse();

  it('gives one touch everything in every path-based model, at both granularities', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(warehouse, [{ id: 'o1', visitor: 'v1', at: T }], [{ visitor: 'v1', at: '2026-06-28 12:00:00', channel: 'A1' }]);
      for (const model of PATH_MODELS) {
        expect(await creditsOf(warehouse, 'o1', model)).toEqual({ A1: 1 });
        expect(await creditsOf(warehouse, 'o1', model, 'program')).toEqual({ 'Employee advocacy': 1 });
      }
      const markov = await markovOf(warehouse);
      expect(markov.A1).toMatchObject({ removal_effect: 1, share: 1, p_conversion: 1, p_conversion_without: 0, attributed_outcomes: 1 });
      expect(await summaryOf(warehouse, 'markov')).toEqual({ A1: 1 });
      expect(await summaryOf(warehouse, 'markov', 'lead', 'program')).toEqual({ 'Employee advocacy': 1 });
    });
  });

  it('splits two touches: shapley 1/2 each; fractribution and markov by the journeys that did not convert', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [
          { id: 'o2', visitor: 'v2', at: T },
          { id: 'o3', visitor: 'v5', at: T },
        ],
        [
          { visitor: 'v2', at: '2026-06-20 12:00:00', channel: 'Organic Search' },
          { visitor: 'v2', at: '2026-06-29 12:00:00', channel: 'A1' },
          { visitor: 'v5', at: '2026-06-29 12:00:00', channel: 'A1' },
          // journeys without an outcome: null paths
          { visitor: 'v3', at: '2026-06-10 12:00:00', channel: 'Organic Search' },
          { visitor: 'v4', at: '2026-06-11 12:00:00', channel: 'A1' },
        ],
      );
      expect(await creditsOf(warehouse, 'o2', 'shapley')).toEqual({ A1: 0.5, 'Organic Search': 0.5 });
      // P(OS > A1) = 1/1; without OS: P(A1) = 1/2 (o3 against v4), drop 1/2; without A1: P(OS) = 0/1, drop 1
      expect(await creditsOf(warehouse, 'o2', 'fractribution')).toEqual({ A1: Number((2 / 3).toFixed(12)), 'Organic Search': Number((1 / 3).toFixed(12)) });
      expect(await creditsOf(warehouse, 'o3', 'fractribution')).toEqual({ A1: 1 });
      // start>OS 2/4, start>A1 2/4; OS>A1 1/2, OS>null 1/2; A1>conv 2/3, A1>null 1/3
      // P = 1/2 x 1/2 x 2/3 + 1/2 x 2/3 = 1/2; without OS 1/3 (RE 1/3); without A1 0 (RE 1)
      const markov = await markovOf(warehouse);
      expect(markov['Organic Search']!.p_conversion).toBeCloseTo(0.5, 12);
      expect(markov['Organic Search']!.p_conversion_without).toBeCloseTo(1 / 3, 12);
      expect(markov['Organic Search']!.removal_effect).toBeCloseTo(1 / 3, 12);
      expect(markov.A1!.removal_effect).toBeCloseTo(1, 12);
      expect(await summaryOf(warehouse, 'markov')).toEqual({ A1: 1.5, 'Organic Search': 0.5 });
      expect(markov.A1!.transitions).toBe(3);
    });
  });

  it('never counts touches after the outcome, and they form no null path', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [{ id: 'o4', visitor: 'v6', at: T }],
        [
          { visitor: 'v6', at: '2026-06-25 12:00:00', channel: 'Email' },
          { visitor: 'v6', at: '2026-06-30 13:00:00', channel: 'A2' },
        ],
      );
      for (const model of PATH_MODELS) expect(await creditsOf(warehouse, 'o4', model)).toEqual({ Email: 1 });
      expect(Object.keys(await markovOf(warehouse))).toEqual(['Email']);
      const nullPaths = await warehouse.all(`select * from core.attribution_null_paths`);
      expect(nullPaths).toEqual([]);
    });
  });

  it('counts a touch exactly at the lookback boundary but not one second before it, for converting and null paths', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [{ id: 'o5', visitor: 'v1', at: T }],
        [
          { visitor: 'v1', at: '2026-05-31 11:59:59', channel: 'Email' },
          { visitor: 'v1', at: '2026-05-31 12:00:00', channel: 'A1' },
          // a journey without outcome: its window ends at its last touch (2026-06-30 12:00)
          { visitor: 'v7', at: '2026-05-31 11:59:59', channel: 'Email' },
          { visitor: 'v7', at: '2026-05-31 12:00:00', channel: 'A2' },
          { visitor: 'v7', at: T, channel: 'Paid Search' },
        ],
      );
      for (const model of PATH_MODELS) expect(await creditsOf(warehouse, 'o5', model)).toEqual({ A1: 1 });
      const nullPaths = await warehouse.all<{ granularity: string; channels: string[]; journeys: number }>(
        `select granularity, channels, journeys from core.attribution_null_paths order by granularity`,
      );
      expect(nullPaths).toEqual([
        { granularity: 'ambassador', channels: ['A2', 'Paid Search'], journeys: 1 },
        { granularity: 'program', channels: ['Employee advocacy', 'Paid Search'], journeys: 1 },
      ]);
      // markov: start>A1 1/2 > conv; start>A2 1/2 > Paid Search > null
      const markov = await markovOf(warehouse);
      expect(markov.A1!.p_conversion).toBeCloseTo(0.5, 12);
      expect(markov.A1!.share).toBeCloseTo(1, 12);
      expect(markov.A2!.share).toBe(0);
      expect(markov.Email).toBeUndefined();
    });
  });

  it('handles repeated channels: shapley counts a channel once, fractribution collapses repeats in a row, markov ignores self-loops', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [{ id: 'o6', visitor: 'v1', at: T }],
        [
          { visitor: 'v1', at: '2026-06-10 12:00:00', channel: 'A1' },
          { visitor: 'v1', at: '2026-06-15 12:00:00', channel: 'Email' },
          { visitor: 'v1', at: '2026-06-20 12:00:00', channel: 'A1' },
          { visitor: 'v1', at: '2026-06-25 12:00:00', channel: 'A1' },
        ],
      );
      expect(await creditsOf(warehouse, 'o6', 'shapley')).toEqual({ A1: 0.5, Email: 0.5 });
      // exposure path A1 > Email > A1; every path one touch shorter is unseen (probability 0): a third each
      expect(await creditsOf(warehouse, 'o6', 'fractribution')).toEqual({ A1: Number((2 / 3).toFixed(12)), Email: Number((1 / 3).toFixed(12)) });
      const exposure = await warehouse.one<{ exposure_channels: string[] }>(
        `select exposure_channels from core.attribution_paths where granularity = 'ambassador'`,
      );
      expect(exposure!.exposure_channels).toEqual(['A1', 'Email', 'A1']);
      // without self-loops A1 leaves to Email or conversion, 1/2 each; Email goes back to A1. P = 1;
      // without Email 1/2 (RE 1/2); without A1 0 (RE 1): shares 2/3 and 1/3
      const markov = await markovOf(warehouse);
      expect(markov.Email!.removal_effect).toBeCloseTo(0.5, 12);
      expect(markov.A1!.share).toBeCloseTo(2 / 3, 12);
      expect(markov.A1!.transitions).toBe(3);
      expect(await creditsOf(warehouse, 'o6', 'fractribution', 'program')).toEqual({
        'Employee advocacy': Number((2 / 3).toFixed(12)),
        Email: Number((1 / 3).toFixed(12)),
      });
    });
  });

  it('lets one journey serve several outcomes, each on its own window and within its own kind', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [
          { id: 'o7', visitor: 'v8', at: '2026-06-05 12:00:00', kind: 'lead' },
          { id: 'o8', visitor: 'v8', at: '2026-06-20 12:00:00', kind: 'conversion', value: 5000 },
        ],
        [
          { visitor: 'v8', at: '2026-06-01 12:00:00', channel: 'A1' },
          { visitor: 'v8', at: '2026-06-10 12:00:00', channel: 'Email' },
        ],
      );
      expect(await creditsOf(warehouse, 'o7', 'shapley')).toEqual({ A1: 1 });
      expect(await creditsOf(warehouse, 'o8', 'shapley')).toEqual({ A1: 0.5, Email: 0.5 });
      expect(await creditsOf(warehouse, 'o7', 'fractribution')).toEqual({ A1: 1 });
      // within conversions, A1 > Email is the only path: both one-touch paths are unseen
      expect(await creditsOf(warehouse, 'o8', 'fractribution')).toEqual({ A1: 0.5, Email: 0.5 });
      expect(await summaryOf(warehouse, 'markov', 'lead')).toEqual({ A1: 1 });
      // conversion chain: start > A1 > Email > conv, no null path: removing either loses everything
      expect(await summaryOf(warehouse, 'markov', 'conversion')).toEqual({ A1: 0.5, Email: 0.5 });
      const all = await markovOf(warehouse, 'all');
      expect(all.A1!.attributed_outcomes + all.Email!.attributed_outcomes).toBeCloseTo(2, 12);
      const value = await warehouse.one<{ value: number }>(
        `select sum(credited_value)::double as value from marts.attribution_summary where model = 'markov' and granularity = 'ambassador' and outcome_kind = 'conversion'`,
      );
      expect(value!.value).toBeCloseTo(5000, 9);
    });
  });

  it('credits outcomes without touches from their own evidence, else to (unattributed), in every model including markov', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(
        warehouse,
        [
          { id: 'o9', visitor: null, at: T },
          { id: 'o10', visitor: null, at: T, own: 'A2' },
          { id: 'o11', visitor: 'v11', at: T, referral: 'A3' },
          { id: 'o12', visitor: 'v12', at: T },
        ],
        [{ visitor: 'v12', at: '2026-06-29 12:00:00', channel: 'A1' }],
      );
      for (const model of PATH_MODELS) {
        expect(await creditsOf(warehouse, 'o9', model)).toEqual({ '(unattributed)': 1 });
        expect(await creditsOf(warehouse, 'o10', model)).toEqual({ A2: 1 });
        expect(await creditsOf(warehouse, 'o11', model)).toEqual({ A3: 1 });
      }
      const basis = await warehouse.all(
        `select outcome_id, basis from marts.attribution_credits where model = 'shapley' and granularity = 'ambassador' order by outcome_id`,
      );
      expect(basis).toEqual([
        { outcome_id: 'o10', basis: 'outcome_utm' },
        { outcome_id: 'o11', basis: 'referral' },
        { outcome_id: 'o12', basis: 'journey' },
        { outcome_id: 'o9', basis: 'none' },
      ]);
      expect(await summaryOf(warehouse, 'markov')).toEqual({ '(unattributed)': 1, A1: 1, A2: 1, A3: 1 });
      expect(await summaryOf(warehouse, 'markov', 'lead', 'program')).toEqual({ '(unattributed)': 1, 'Employee advocacy': 3 });
      expect(Object.keys(await markovOf(warehouse))).toEqual(['A1']);
    });
  });

  it('has no markov rows in attribution_credits, and a summary row per model', async () => {
    await inWarehouse(async (warehouse) => {
      await buildAttribution(warehouse, [{ id: 'o1', visitor: 'v1', at: T }], [{ visitor: 'v1', at: '2026-06-28 12:00:00', channel: 'A1' }]);
      const models = await warehouse.all<{ model: string }>(`select distinct model from marts.attribution_credits order by model`);
      expect(models.map((row) => row.model)).toEqual(['first_touch', 'fractribution', 'last_touch', 'linear', 'position_based', 'shapley', 'time_decay']);
      const summarised = await warehouse.all<{ model: string }>(`select distinct model from marts.attribution_summary order by model`);
      expect(summarised.map((row) => row.model)).toEqual([
        'first_touch',
        'fractribution',
        'last_touch',
        'linear',
        'markov',
        'position_based',
        'shapley',
        'time_decay',
      ]);
    });
  });
});
