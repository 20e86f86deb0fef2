import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder } from '../helpers/warehouse.ts';

describe('pipelines/warehouse', () => {
  it('opens a second connection that sees what is committed and attached, not the first one’s temp tables, and leaves the database open when closed', async () => {
    const warehouse = await Warehouse.open(join(tempFolder(), 'warehouse.duckdb'));
    try {
      await warehouse.run(`create table marts.shared as select 1 as n`);
      await warehouse.run(`create temp table own as select 2 as n`);
      await warehouse.run(`attach ':memory:' as scratch; create table scratch.sorted as select 3 as n`);
      const second = await warehouse.connectAgain();
      try {
        expect(await second.all(`select (select n from marts.shared) as shared, (select n from scratch.sorted) as sorted`)).toEqual([{ shared: 1, sorted: 3 }]);
        await expect(second.all(`select n from own`)).rejects.toThrow(/Table with name own does not exist/);
        // Both connections work at once.
        const [first, other] = await Promise.all([warehouse.one(`select count(*)::integer as n from range(2000000)`), second.one(`select 4 as n`)]);
        expect([first, other]).toEqual([{ n: 2_000_000 }, { n: 4 }]);
        // Its session is in UTC too.
        expect(await second.one(`select current_setting('TimeZone') as zone`)).toEqual({ zone: 'UTC' });
      } finally {
        second.close();
      }
      expect(await warehouse.one(`select n from own`)).toEqual({ n: 2 });
    } finally {
      warehouse.close();
    }
  });
});
