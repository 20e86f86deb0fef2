/**
 * The recovery a damaged warehouse's message gives, followed as a user would: `advocacy
 * rebuild --from-archive` makes the warehouse again from the archive. The message itself is
 * tested in test/pipelines/warehouse-faults.test.ts.
 */
import { statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { advocacyProcess } from '../helpers/cli.ts';
import { builtWarehouse } from '../helpers/warehouse-faults.ts';

describe('a damaged warehouse file exits 7 with how to rebuild it, not as a bug', () => {
  it('the recovery the message gives rebuilds the warehouse from the archive', async () => {
    const folder = await builtWarehouse();
    writeFileSync(folder.warehouse, Buffer.alloc(statSync(folder.warehouse).size));
    expect(advocacyProcess(['status', '--config', folder.config], folder.cwd).status).toBe(ExitCode.warehouseDamaged);
    const rebuilt = advocacyProcess(['rebuild', '--from-archive', '--config', folder.config], folder.cwd);
    expect(rebuilt.status, rebuilt.stderr).toBe(ExitCode.ok);
    const warehouse = await Warehouse.open(folder.warehouse, { readOnly: true });
    try {
      expect(await warehouse.all(`select ambassador_id from raw.program__ambassadors order by all`)).toEqual([
        { ambassador_id: 'A001' },
        { ambassador_id: 'A002' },
      ]);
    } finally {
      warehouse.close();
    }
  });
});
