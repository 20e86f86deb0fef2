/**
 * The marts' contracts (models/marts/contracts.ts): the runner fails a build whose mart
 * departs from its contract, naming the model file, the column and both types; every mart
 * the demo builds matches its contract, and every contract has a model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { build } from '../../../pipelines/build.ts';
import { MartContractError } from '../../../pipelines/errors.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { quotedIdentifier } from '../../../pipelines/warehouse.ts';
import { MART_CONTRACTS, builtColumns, contractMismatch, isContractMart, type ContractRow, type DeclaredColumn } from '../../../models/marts/contracts.ts';
import { discoverModels, MODELS_DIR, parseSqlModel } from '../../../models/runner.ts';
import { withDemoWarehouse } from '../../helpers/demo.ts';
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
    const renamed = COST_SETTINGS.replace(
      'select setting, position, component, value, is_default',
      'select setting, position, component, value, is_default as is_shipped_default',
    );
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
    const retyped = COST_SETTINGS.replace('select setting, position,', 'select setting, position::bigint as position,');
    expect(retyped).not.toBe(COST_SETTINGS);
    const error = await buildCostSettings(retyped);
    expect(error).toBeInstanceOf(MartContractError);
    expect((error as MartContractError).message).toContain(
      'column 2 (position): models/marts/contracts.ts declares position INTEGER, the built mart has position BIGINT',
    );
  });

  it('a model that drops or adds a column fails the build', async () => {
    const dropped = COST_SETTINGS.replace('select setting, position, component, value, is_default', 'select setting, position, component, value');
    expect(((await buildCostSettings(dropped)) as Error).message).toContain(
      'column 5 (is_default): models/marts/contracts.ts declares is_default BOOLEAN, the built mart has no column there',
    );
    const added = COST_SETTINGS.replace(
      'select setting, position, component, value, is_default',
      'select setting, position, component, value, is_default, 1 as extra',
    );
    expect(((await buildCostSettings(added)) as Error).message).toContain(
      'column 6 (extra): models/marts/contracts.ts declares no column there, the built mart has extra INTEGER',
    );
  });

  it('every mart the demo builds matches its contract, and every contract has a model', async () => {
    const models = new Set((await discoverModels()).filter((model) => model.layer === 'marts').map((model) => model.name));
    expect(Object.keys(MART_CONTRACTS).filter((name) => !models.has(name))).toEqual([]);
    await withDemoWarehouse(async (warehouse) => {
      const marts = (
        await warehouse.all<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'marts' order by 1`)
      ).map((row) => row.name);
      expect(marts.filter((name) => !isContractMart(name))).toEqual([]);
      for (const name of marts.filter(isContractMart)) expect(contractMismatch(name, await builtColumns(warehouse, name)), name).toBeNull();
    });
  });

  it('columns the contracts declare without `?` hold no nulls on the demo', async () => {
    await withDemoWarehouse(async (warehouse) => {
      for (const [name, columns] of Object.entries(MART_CONTRACTS) as [string, Record<string, DeclaredColumn>][]) {
        const required = Object.entries(columns)
          .filter(([, type]) => !type.endsWith('?'))
          .map(([column]) => column);
        const counts = await warehouse.one<Record<string, number>>(
          `select ${required.map((column) => `count_if(${quotedIdentifier(column)} is null)::integer as ${quotedIdentifier(column)}`).join(', ')} from marts.${quotedIdentifier(name)}`,
        );
        const withNulls = required.filter((column) => (counts?.[column] ?? 0) > 0);
        expect(withNulls, `marts.${name}`).toEqual([]);
      }
    });
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
