import { describe, expect, it } from 'vitest';
import { forgetRememberedResults, RememberedResults, resultKey } from '../../../models/lib/remembered.ts';
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

  it("gives back each model's latest results exactly, keeps only those, and forgets them all for a full build", async () => {
    await withWarehouse(async (warehouse) => {
      const estimate = { value: 1234.5, cost: -0, roi: null, low: Number.NaN, high: 1 / 3 };
      const first = await RememberedResults.open<typeof estimate>(warehouse, 'marts.roi_by_period');
      expect(first.has('january')).toBe(false);
      await first.replaceWith(
        new Map([
          ['january', estimate],
          ['february', { ...estimate, value: 1 }],
        ]),
      );
      const other = await RememberedResults.open<typeof estimate>(warehouse, 'marts.roi_by_group');
      await other.replaceWith(new Map([['january', { ...estimate, value: 2 }]]));

      const second = await RememberedResults.open<typeof estimate>(warehouse, 'marts.roi_by_period');
      expect(second.get('january')).toStrictEqual(estimate);
      expect(Object.is(second.get('january')!.cost, -0)).toBe(true);
      expect(second.get('february')!.value).toBe(1);
      await second.replaceWith(
        new Map([
          ['february', { ...estimate, value: 99 }],
          ['march', { ...estimate, value: 3 }],
        ]),
      );

      const third = await RememberedResults.open<typeof estimate>(warehouse, 'marts.roi_by_period');
      expect(third.has('january')).toBe(false);
      // A result kept from before stays as it was computed then.
      expect(third.get('february')!.value).toBe(1);
      expect(third.get('march')!.value).toBe(3);
      expect((await RememberedResults.open<typeof estimate>(warehouse, 'marts.roi_by_group')).get('january')!.value).toBe(2);

      await forgetRememberedResults(warehouse);
      expect((await RememberedResults.open(warehouse, 'marts.roi_by_period')).has('february')).toBe(false);
    });
  });
});
