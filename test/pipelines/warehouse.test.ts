import { readdirSync } from 'node:fs';
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

  it('reads a query’s columns a chunk at a time as the values its rows give, over many chunks, text of a few words and of more distinct values than are shared', async () => {
    const warehouse = await Warehouse.open(':memory:');
    try {
      const sql = `select
          i::integer as n,
          case when i % 5 = 0 then null else 'ambassador ' || i end as label,
          (date '2026-01-01' + (i % 400)::integer) as "day",
          i::bigint * 3 as big,
          (i / 8)::decimal(18, 4) as amount,
          i % 2 = 0 as even,
          i::double / 3 as n,
          case when i % 11 = 0 then null else 'model ' || (i % 7) end as model
        from range(90000) r(i) order by i desc`;
      const columns = await warehouse.columns(sql);
      // Row by row, as the whole result read at once gives them; a repeated name is told apart as DuckDB does.
      const rows = await warehouse.all<Record<string, unknown>>(sql);
      expect(Object.keys(columns)).toEqual(Object.keys(rows[0]!));
      expect(Object.keys(columns)).toHaveLength(8);
      for (const [name, values] of Object.entries(columns)) expect(values).toEqual(rows.map((row) => row[name]));
      expect(columns.n?.slice(0, 2)).toEqual([89999, 89998]);
      expect(new Set(columns.model)).toEqual(new Set([null, ...Array.from({ length: 7 }, (_, index) => `model ${index}`)]));
      expect(columns.label?.[4]).toBe(null);
      expect(await warehouse.columns('select 1 as n where false')).toEqual({ n: [] });
    } finally {
      warehouse.close();
    }
  });

  it('creates a new warehouse file whole, beside its place, and only then puts it there', async () => {
    const folder = tempFolder();
    const path = join(folder, 'nested', 'advocacy.duckdb');
    const warehouse = await Warehouse.open(path);
    try {
      // The file is in place, a valid database, and nothing of its making is left beside it.
      const files = readdirSync(join(folder, 'nested'));
      expect(files).toContain('advocacy.duckdb');
      expect(files.filter((file) => file.includes('.creating'))).toEqual([]);
      await warehouse.run('create table raw.kept as select 42 as n');
    } finally {
      warehouse.close();
    }
    const again = await Warehouse.open(path, { readOnly: true });
    try {
      expect(await again.all('select n from raw.kept')).toEqual([{ n: 42 }]);
    } finally {
      again.close();
    }
  });
});
