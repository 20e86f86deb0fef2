/**
 * The marts' contracts (models/marts/contracts.ts): the runner fails a build whose mart
 * departs from its contract, naming the model file, the column and both types. That every
 * mart the demo builds matches its contract is tested in test/e2e/demo-marts.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { build } from '../../../pipelines/build.ts';
import { MartContractError } from '../../../pipelines/errors.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import type { ContractRow } from '../../../models/marts/contracts.ts';
import { MODELS_DIR, parseSqlModel } from '../../../models/runner.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const COST_SETTINGS = readFileSync(join(MODELS_DIR, 'marts/cost_settings.sql'), 'utf8');

/** Builds marts.cost_settings from `sql` (a copy of its model, changed) through the real build. */
async function buildCostSettings(sql: string): Promise<unknown> {
  return withWarehouse(async (warehouse) => {
    const model = parseSqlModel(sql, 'marts/cost_settings.sql');
    return build(warehouse, testConfig(), { runId: null, log: memoryLogger(), models: [model] }).then(
      () => null,
      (error: unknown) => error,
    );
  });
}

describe('models/marts/contracts', () => {
  it('the unchanged model builds and matches its contract', async () => {
    expect(await buildCostSettings(COST_SETTINGS)).toBeNull();
  });

  it('a model that renames a column fails the build, naming the model file, the column, the declared and the built one', async () => {
    const renamed = COST_SETTINGS.replace('  is_default\nfrom', '  is_default as is_shipped_default\nfrom');
    expect(renamed).not.toBe(COST_SETTINGS);
    const error = await buildCostSettings(renamed);
    expect(error).toBeInstanceOf(MartContractError);
    expect((error as MartContractError).message).toBe(
      'models/marts/cost_settings.sql built marts.cost_settings unlike its contract, column 5 (is_default): models/marts/contracts.ts declares is_default BOOLEAN, the built mart has is_shipped_default BOOLEAN; update the contract or the model so that they agree.',
    );
    expect(error).toMatchObject({
      modelFile: 'models/marts/cost_settings.sql',
      column: 'is_default',
      declared: 'is_default BOOLEAN',
      actual: 'is_shipped_default BOOLEAN',
      exitCode: 6,
    });
  });

  it('a model that builds a column with another type fails the build, naming both types', async () => {
    const retyped = COST_SETTINGS.replace('  position,\n', '  position::bigint as position,\n');
    expect(retyped).not.toBe(COST_SETTINGS);
    const error = await buildCostSettings(retyped);
    expect(error).toBeInstanceOf(MartContractError);
    expect((error as MartContractError).message).toContain(
      'column 2 (position): models/marts/contracts.ts declares position INTEGER, the built mart has position BIGINT',
    );
  });

  it('a model that drops or adds a column fails the build', async () => {
    const dropped = COST_SETTINGS.replace('  value,\n  is_default\nfrom', '  value\nfrom');
    expect(((await buildCostSettings(dropped)) as Error).message).toContain(
      'column 5 (is_default): models/marts/contracts.ts declares is_default BOOLEAN, the built mart has no column there',
    );
    const added = COST_SETTINGS.replace('  is_default\nfrom', '  is_default,\n  1 as extra\nfrom');
    expect(((await buildCostSettings(added)) as Error).message).toContain(
      'column 6 (extra): models/marts/contracts.ts declares no column there, the built mart has extra INTEGER',
    );
  });

  it('derives each row type from the contract: VARCHAR, DOUBLE, INTEGER, DATE, BOOLEAN, and `?` for null', () => {
    expectTypeOf<ContractRow<'program_summary'>['company_name']>().toEqualTypeOf<string>();
    expectTypeOf<ContractRow<'program_summary'>['impressions']>().toEqualTypeOf<number | null>();
    expectTypeOf<ContractRow<'program_summary'>['posts']>().toEqualTypeOf<number>();
    expectTypeOf<ContractRow<'program_summary'>['period_start']>().toEqualTypeOf<Date | null>();
    expectTypeOf<ContractRow<'ambassador_weekly'>['is_active']>().toEqualTypeOf<boolean>();
    expectTypeOf<ContractRow<'roi_by_period'>['value_emv']>().toEqualTypeOf<number>();
  });
});
