/** One prepared warehouse for the cases of a describe block, which read what `setUp` built or each rebuild what they read. */
import { afterAll, beforeAll } from 'vitest';
import { prepareWarehouse } from '../../pipelines/meta.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { adapters } from '../../sources/index.ts';

/**
 * Stands in for withWarehouse in a describe block whose cases only read what `setUp` built
 * once for all of them, or each rebuild every model they read, on tables they make by hand or
 * on the ones `setUp` makes: its cases share one prepared warehouse (opened before the first,
 * closed after the last) rather than each opening and preparing one.
 */
export function sharedWarehouse(setUp?: (warehouse: Warehouse) => Promise<void>): <T>(work: (warehouse: Warehouse) => Promise<T>) => Promise<T> {
  let shared: Warehouse | undefined;
  beforeAll(async () => {
    shared = await Warehouse.open(':memory:');
    await prepareWarehouse(shared, adapters);
    await setUp?.(shared);
  });
  afterAll(() => shared?.close());
  return (work) => work(shared!);
}
