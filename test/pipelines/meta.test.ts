import { describe, expect, it } from 'vitest';
import { prepareWarehouse } from '../../pipelines/meta.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { adapters } from '../../sources/index.ts';

describe('pipelines/meta', () => {
  it('makes an amount a raw table keeps as DOUBLE a DECIMAL(18,4), with its values and the views over it', async () => {
    const warehouse = await Warehouse.open(':memory:');
    try {
      await prepareWarehouse(warehouse, adapters);
      await warehouse.run(`alter table raw.program__costs alter column amount set data type double;
        insert into raw.program__costs (_file_id, _source_line, amount) values (1, 2, 12500.5), (1, 3, 0.1);
        create view main.costs_seen as select amount from raw.program__costs`);
      await prepareWarehouse(warehouse, adapters);
      expect(
        await warehouse.one(
          `select data_type from information_schema.columns where table_schema = 'raw' and table_name = 'program__costs' and column_name = 'amount'`,
        ),
      ).toEqual({
        data_type: 'DECIMAL(18,4)',
      });
      expect(await warehouse.all(`select amount::varchar as amount from main.costs_seen order by amount`)).toEqual([
        { amount: '0.1000' },
        { amount: '12500.5000' },
      ]);
    } finally {
      warehouse.close();
    }
  });
});
