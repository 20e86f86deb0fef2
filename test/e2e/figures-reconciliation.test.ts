import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO_SALT } from '../../pipelines/demo.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { demoBuild } from '../helpers/demo.ts';
import { itReconcilesFiguresWithRawExports } from '../helpers/reconcile.ts';

describe("the demo program's figures, recomputed from its raw exports", () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await Warehouse.open(join(demoBuild().root, 'warehouse/advocacy.duckdb'), { readOnly: true });
  });
  afterAll(() => warehouse.close());

  itReconcilesFiguresWithRawExports(() => ({ warehouse, root: demoBuild().root, salt: DEMO_SALT }));
});
