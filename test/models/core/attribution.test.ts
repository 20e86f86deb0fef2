import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedWarehouse } from '../../helpers/shared-warehouse.ts';
import { buildAttribution, type OutcomeInput, type TouchInput } from '../marts/attribution_setup.ts';

const PER_OUTCOME_MODELS = ['last_touch', 'first_touch', 'linear', 'time_decay', 'position_based', 'shapley', 'fractribution'];
const ALL_MODELS = [...PER_OUTCOME_MODELS, 'markov'];
const KINDS = ['lead', 'conversion', 'application', 'hire'] as const;
const CHANNELS = ['A1', 'A2', 'A3', 'Email', 'Direct', 'Organic Search'];
const START = Date.parse('2026-06-01T00:00:00Z');

/** A timestamp `day` days and `second` seconds after the start, as 'YYYY-MM-DD HH:MM:SS'. */
function at(day: number, second: number): string {
  return new Date(START + day * 86_400_000 + second * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Small programs: up to 6 visitors, touches at distinct times (no ties, so names decide no order), outcomes with and without journeys. */
const programs = fc
  .record({
    touches: fc.array(fc.record({ visitor: fc.nat({ max: 5 }), day: fc.nat({ max: 40 }), channel: fc.constantFrom(...CHANNELS) }), { maxLength: 25 }),
    outcomes: fc.array(
      fc.record({
        visitor: fc.option(fc.nat({ max: 5 }), { freq: 4 }),
        day: fc.nat({ max: 45 }),
        kind: fc.constantFrom(...KINDS),
        value: fc.integer({ min: 0, max: 100 }).map((value) => value * 50),
        own: fc.option(fc.constantFrom('A1', 'A2'), { freq: 3 }),
      }),
      { minLength: 1, maxLength: 10 },
    ),
  })
  .map(({ touches, outcomes }) => ({
    touches: touches.map((touch, index): TouchInput => ({ visitor: `v${touch.visitor}`, at: at(touch.day, index * 7 + 1), channel: touch.channel })),
    outcomes: outcomes.map(
      (outcome, index): OutcomeInput => ({
        id: `o${index}`,
        visitor: outcome.visitor === null ? null : `v${outcome.visitor}`,
        at: at(outcome.day, 3_000 + index * 11),
        kind: outcome.kind,
        value: outcome.value,
        ...(outcome.own ? { own: outcome.own } : {}),
      }),
    ),
  }));

describe('attribution models: properties', () => {
  // Every run replaces core.outcomes and core.touchpoints and rebuilds the models on them.
  const inWarehouse = sharedWarehouse();

  it('credits sum to one per outcome, model and granularity, and values to the outcome value', async () => {
    await fc.assert(
      fc.asyncProperty(programs, async ({ touches, outcomes }) => {
        await inWarehouse(async (warehouse) => {
          await buildAttribution(warehouse, outcomes, touches);
          const sums = await warehouse.all<{ outcome_id: string; model: string; granularity: string; credit: number; value: number }>(
            `select outcome_id, model, granularity, sum(credit)::double as credit, sum(value_credit)::double as value
             from marts.attribution_credits group by all`,
          );
          expect(sums).toHaveLength(outcomes.length * PER_OUTCOME_MODELS.length * 2);
          for (const sum of sums) {
            expect(sum.credit).toBeCloseTo(1, 9);
            expect(sum.value).toBeCloseTo(outcomes.find((outcome) => outcome.id === sum.outcome_id)!.value!, 6);
          }
        });
      }),
      { numRuns: 8 },
    );
  });

  it("the summary's totals equal the number and value of outcomes, for every model (markov included), granularity and kind", async () => {
    await fc.assert(
      fc.asyncProperty(programs, async ({ touches, outcomes }) => {
        await inWarehouse(async (warehouse) => {
          await buildAttribution(warehouse, outcomes, touches);
          const totals = await warehouse.all<{ model: string; granularity: string; outcome_kind: string; outcomes: number; value: number }>(
            `select model, granularity, outcome_kind, sum(credited_outcomes)::double as outcomes, sum(credited_value)::double as value
             from marts.attribution_summary group by all`,
          );
          const kinds = [...new Set(outcomes.map((outcome) => outcome.kind!))];
          expect(totals).toHaveLength(ALL_MODELS.length * 2 * kinds.length);
          for (const total of totals) {
            const ofKind = outcomes.filter((outcome) => outcome.kind === total.outcome_kind);
            expect(total.outcomes).toBeCloseTo(ofKind.length, 9);
            expect(total.value).toBeCloseTo(
              ofKind.reduce((sum, outcome) => sum + outcome.value!, 0),
              6,
            );
          }
        });
      }),
      { numRuns: 8 },
    );
  });

  it('relabelling channels relabels the credits of every model', async () => {
    const rename: Record<string, string> = { A1: 'A7', A2: 'A5', A3: 'A9', Email: 'Organic Search', 'Organic Search': 'Email', Direct: 'Direct' };
    const relabel = (channel: string) => rename[channel] ?? channel;
    const read = async (warehouse: Parameters<Parameters<typeof inWarehouse>[0]>[0]) => {
      const credits = await warehouse.all<{ key: string; credit: number }>(
        `select outcome_id || '|' || model || '|' || granularity || '|' || channel as key, credit from marts.attribution_credits`,
      );
      const summary = await warehouse.all<{ key: string; credit: number }>(
        `select model || '|' || granularity || '|' || outcome_kind || '|' || channel as key, credited_outcomes as credit from marts.attribution_summary`,
      );
      return new Map([...credits, ...summary.map((row) => ({ key: `summary|${row.key}`, credit: row.credit }))].map((row) => [row.key, row.credit]));
    };
    await fc.assert(
      fc.asyncProperty(programs, async ({ touches, outcomes }) => {
        const original = await inWarehouse(async (warehouse) => {
          await buildAttribution(warehouse, outcomes, touches);
          return read(warehouse);
        });
        const renamed = await inWarehouse(async (warehouse) => {
          await buildAttribution(
            warehouse,
            outcomes.map((outcome) => ({ ...outcome, ...(outcome.own ? { own: relabel(outcome.own) } : {}) })),
            touches.map((touch) => ({ ...touch, channel: relabel(touch.channel) })),
          );
          return read(warehouse);
        });
        expect(renamed.size).toBe(original.size);
        for (const [key, credit] of original) {
          const parts = key.split('|');
          parts[parts.length - 1] = relabel(parts[parts.length - 1]!);
          expect(renamed.get(parts.join('|'))).toBeCloseTo(credit, 9);
        }
      }),
      { numRuns: 5 },
    );
  });

  it('markov with a single channel gives it every outcome that has a journey', async () => {
    await fc.assert(
      fc.asyncProperty(programs, async ({ touches, outcomes }) => {
        await inWarehouse(async (warehouse) => {
          const single = touches.map((touch) => ({ ...touch, channel: 'A1' }));
          const plain = outcomes.map(({ own: _own, ...outcome }) => outcome);
          await buildAttribution(warehouse, plain, single);
          const journeys = await warehouse.all<{ outcome_kind: string; outcomes: number }>(
            `select outcome_kind, count(*)::double as outcomes from core.attribution_paths where granularity = 'ambassador' group by all`,
          );
          const markov = await warehouse.all<{ outcome_kind: string; channel: string; credited_outcomes: number }>(
            `select outcome_kind, channel, credited_outcomes from marts.attribution_summary
             where model = 'markov' and granularity = 'ambassador' and channel <> '(unattributed)'`,
          );
          expect(markov.every((row) => row.channel === 'A1')).toBe(true);
          for (const journey of journeys) {
            expect(markov.find((row) => row.outcome_kind === journey.outcome_kind)?.credited_outcomes).toBeCloseTo(journey.outcomes, 9);
          }
          const trace = await warehouse.all<{ share: number; removal_effect: number }>(`select share, removal_effect from marts.markov_removal_effects`);
          for (const row of trace) expect(row).toEqual({ share: 1, removal_effect: 1 });
        });
      }),
      { numRuns: 5 },
    );
  });
});
