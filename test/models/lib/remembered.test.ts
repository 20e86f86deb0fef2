import { describe, expect, it } from 'vitest';
import { forgetRememberedResults, RememberedResults, resultKey, resultOfText, textOfResult } from '../../../models/lib/remembered.ts';
import { withWarehouse } from '../../helpers/warehouse.ts';

describe('models/lib/remembered', () => {
  it('keys a result by what names it and its numbers, bit for bit', () => {
    const description = { key: 'roi|program|month|2026-01-01', withInterval: true };
    const numbers = Float64Array.of(0.1 + 0.2, 3, 0);
    expect(resultKey(structuredClone(description), Float64Array.from(numbers))).toBe(resultKey(description, numbers));
    expect(resultKey(description, Float64Array.of(0.3, 3, 0))).not.toBe(resultKey(description, numbers));
    expect(resultKey(description, Float64Array.of(0.1 + 0.2, 3, -0))).not.toBe(resultKey(description, numbers));
    expect(resultKey({ ...description, key: 'roi|program|month|2026-02-01' }, numbers)).not.toBe(resultKey(description, numbers));
  });

  it('writes a result as text that reads back to the same bits, and equal results alike however their numbers were computed', () => {
    const result = {
      interval: [-0.125, 1 / 3],
      permutation: { pooled: Float64Array.of(0.1 + 0.2, -0, Number.NaN, 5e-324), reached: 3, draws: 1000, state: 2 ** 31 + 7 },
      roi: null,
      low: Number.NaN,
      high: Number.POSITIVE_INFINITY,
      cost: -0,
      label: 'Søren "quoted"',
    };
    const back = resultOfText(textOfResult(result)) as typeof result;
    expect(back).toStrictEqual(result);
    expect(Object.is(back.cost, -0)).toBe(true);
    expect(Object.is(back.permutation.pooled[1], -0)).toBe(true);
    expect(back.permutation.pooled).toBeInstanceOf(Float64Array);
    // The same values from other arithmetic: the same text.
    const halves = [0.5, 0.25].map((x) => x * 2 - x);
    expect(textOfResult({ value: 0, share: 0.5 })).toBe(textOfResult({ value: 0.5 - 0.5, share: halves[0] }));
    expect(textOfResult({ value: 3 })).toBe(textOfResult({ value: Math.sqrt(9) }));
  });

  it("computes only what is not kept, gives back each model's latest results exactly, keeps only those, and forgets them all for a full build", async () => {
    await withWarehouse(async (warehouse) => {
      type Estimate = { value: number; cost: number; roi: null; low: number; high: number };
      const estimate: Estimate = { value: 1234.5, cost: -0, roi: null, low: Number.NaN, high: 1 / 3 };
      const computedAt: number[][] = [];
      /** The results of `keys` for a model, computing those not kept as `made` gives them (and noting which it computed). */
      const resultsFor = async (owner: string, keys: string[], made: (key: string) => Estimate) =>
        (await RememberedResults.open<Estimate>(warehouse, owner)).resultsFor(keys, async (missing) => {
          computedAt.push(missing);
          return missing.map((index) => made(keys[index]!));
        });

      const first = await resultsFor('marts.roi_by_period', ['january', 'february'], (key) => (key === 'january' ? estimate : { ...estimate, value: 1 }));
      expect(computedAt.pop()).toEqual([0, 1]);
      expect(first[0]).toStrictEqual(estimate);
      await resultsFor('marts.roi_by_group', ['january'], () => ({ ...estimate, value: 2 }));
      expect(computedAt.pop()).toEqual([0]);

      // Kept results come back exactly, -0 and NaN included; only the new key is computed.
      const second = await resultsFor('marts.roi_by_period', ['january', 'february', 'march'], () => ({ ...estimate, value: 3 }));
      expect(computedAt.pop()).toEqual([2]);
      expect(second[0]).toStrictEqual(estimate);
      expect(Object.is(second[0]!.cost, -0)).toBe(true);
      expect(second.map((result) => result.value)).toEqual([1234.5, 1, 3]);

      // Only the latest keys are kept: January, left out, is computed again; another model's results are its own.
      const third = await resultsFor('marts.roi_by_period', ['february', 'january'], () => ({ ...estimate, value: 99 }));
      expect(computedAt.pop()).toEqual([]);
      const fourth = await resultsFor('marts.roi_by_period', ['march', 'january'], () => ({ ...estimate, value: 99 }));
      expect(computedAt.pop()).toEqual([0]);
      expect(third.map((result) => result.value)).toEqual([1, 1234.5]);
      expect(fourth.map((result) => result.value)).toEqual([99, 1234.5]);
      expect((await resultsFor('marts.roi_by_group', ['january'], () => estimate))[0]!.value).toBe(2);

      await forgetRememberedResults(warehouse);
      await resultsFor('marts.roi_by_period', ['january'], () => estimate);
      expect(computedAt.pop()).toEqual([0]);
    });
  });
});
