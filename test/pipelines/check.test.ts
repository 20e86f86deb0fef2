/**
 * `advocacy check`: the warehouse against its own bookkeeping. A consistent warehouse
 * passes; each kind of damage (rows lost or doubled, orphaned rows, a file loaded twice,
 * a duplicate natural key, a broken model check, credits that do not sum to one) is
 * named with an example. That the command then exits 6 is tested as a process, in
 * test/e2e/check-exit-code.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWarehouse, describeCheck } from '../../pipelines/check.ts';
import { ingestFile } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { buildModels } from '../helpers/models.ts';
import { testConfig, withWarehouse } from '../helpers/warehouse.ts';

const PROGRAM = join(import.meta.dirname, '../../fixtures/exports/program');

async function loaded(warehouse: Warehouse): Promise<void> {
  const config = testConfig();
  for (const file of ['ambassadors.bad.csv', 'goals.csv']) {
    await ingestFile(warehouse, config, join(PROGRAM, file), { runId: null, log: memoryLogger() });
  }
}

/** The checks that failed, by name. */
async function failing(warehouse: Warehouse, models: Parameters<typeof checkWarehouse>[1] = { models: [] }): Promise<string[]> {
  return (await checkWarehouse(warehouse, models)).problems.map((problem) => `${problem.check} | ${problem.example}`);
}

describe('pipelines/check', () => {
  it('passes a warehouse that agrees with its file log', async () => {
    await withWarehouse(async (warehouse) => {
      await loaded(warehouse);
      const result = await checkWarehouse(warehouse, { models: [] });
      expect(result.problems).toEqual([]);
      expect(result.checks).toBeGreaterThan(20);
      expect(describeCheck(result)).toEqual([`check: the warehouse is consistent (${result.checks} checks passed)`]);
    });
  });

  it('finds rows lost from a file, and rows doubled', async () => {
    await withWarehouse(async (warehouse) => {
      await loaded(warehouse);
      await warehouse.run(`delete from raw.program__ambassadors where ambassador_id = 'A003'`);
      expect(await failing(warehouse)).toEqual([
        'rows in the raw layer match meta.files.rows_loaded for each loaded file | ambassadors.bad.csv (file 1): meta.files says 13 rows, the raw layer holds 12',
      ]);
      await warehouse.run(`insert into raw.program__ambassadors select * from raw.program__ambassadors where ambassador_id in ('A001', 'A002')`);
      expect(await failing(warehouse)).toEqual([
        'rows in the raw layer match meta.files.rows_loaded for each loaded file | ambassadors.bad.csv (file 1): meta.files says 13 rows, the raw layer holds 14',
        expect.stringMatching(/^natural key \(ambassador_id\) unique within each file in raw\.program__ambassadors \| ambassadors\.bad\.csv: A00[12]$/),
      ]);
    });
  });

  it('reads only the raw rows of the files after those that passed the checks made file by file, when told where they end', async () => {
    await withWarehouse(async (warehouse) => {
      await loaded(warehouse);
      // A repeated key in file 1, which (as a run's check would have found) is no longer as it was loaded.
      await warehouse.run(`update raw.program__ambassadors set ambassador_id = 'A001' where ambassador_id = 'A002'`);
      const repeatedKey = /^natural key \(ambassador_id\) unique within each file in raw\.program__ambassadors/;
      expect(await failing(warehouse, { models: [], rawFilesCheckedTo: 0 })).toEqual([expect.stringMatching(repeatedKey)]);
      expect(await failing(warehouse, { models: [], rawFilesCheckedTo: 1 })).toEqual([]);
      expect(await failing(warehouse, { models: [] })).toEqual([expect.stringMatching(repeatedKey)]);
    });
  });

  it('finds orphaned rows, rejected rows that do not add up, and a file loaded twice', async () => {
    await withWarehouse(async (warehouse) => {
      await loaded(warehouse);
      await warehouse.run(`insert into raw.program__goals select * replace (999 as _file_id) from raw.program__goals limit 1`);
      await warehouse.run(`delete from meta.rejected_rows where line = 9`);
      await warehouse.run(`insert into meta.files select * replace (77 as file_id) from meta.files where file_name = 'goals.csv'`);
      await warehouse.run(`insert into raw.program__goals select * replace (77 as _file_id) from raw.program__goals where _file_id = 2`);
      expect(await failing(warehouse)).toEqual([
        'raw rows belong to a file logged as loaded (no orphans) | 999: 1 rows with no loaded file in meta.files',
        'rejected rows match meta.files.rows_rejected for each loaded file, and belong to one | ambassadors.bad.csv: meta.files says 3 rejected rows, meta.rejected_rows holds 2',
        'no file content (SHA-256) is loaded twice | goals.csv (file 2) and goals.csv (file 77)',
      ]);
    });
  });

  it("runs every built model's declared checks, and says so when a table no longer fits its model", async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig();
      await loaded(warehouse);
      await buildModels(warehouse, config, ['marts.data_issues'], []);
      const { discoverModels } = await import('../../models/runner.ts');
      const models = { models: await discoverModels() };
      expect(await failing(warehouse, models)).toEqual([]);
      await warehouse.run(`insert into core.ambassadors select * from core.ambassadors where ambassador_id = 'A001'`);
      await warehouse.run(`create or replace table marts.data_issues as select 1 as something_else`);
      const problems = await failing(warehouse, models);
      expect(problems).toContain('unique(ambassador_id) on core.ambassadors (models/core/ambassadors.sql) | A001');
      expect(
        problems.some((line) => /^unique\(issue_kind, table_name, row_key\) on marts\.data_issues .*\| the check cannot run: Binder Error/.test(line)),
      ).toBe(true);
    });
  });

  it('counts the checks of the models this process has just built, which the build ran, instead of running them again', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig();
      await loaded(warehouse);
      const { discoverModels, modelsFeeding } = await import('../../models/runner.ts');
      const { build } = await import('../../pipelines/build.ts');
      const models = await discoverModels();
      const built = await build(warehouse, config, { runId: null, log: memoryLogger(), models: modelsFeeding(models, ['marts.data_issues']) });
      const everything = await checkWarehouse(warehouse, { models });
      const after = await checkWarehouse(warehouse, { models, built });
      const declared = built.reduce((sum, result) => sum + result.checks, 0);
      expect(declared).toBe(built.reduce((sum, result) => sum + models.find((model) => model.id === result.id)!.tests.length, 0));
      expect(after).toMatchObject({ checksInBuild: declared, checks: everything.checks - declared, problems: [] });
      expect(describeCheck(after)).toEqual([
        `check: the warehouse is consistent (${everything.checks - declared} checks passed, and the models' ${declared} checks as they were built)`,
      ]);
    });
  });

  it("checks that every outcome's credits sum to one per model and granularity, and that models and granularities are known", async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(`create table core.outcomes as select * from (values ('o1'), ('o2'), ('o3')) t(outcome_id)`);
      await warehouse.run(`create table marts.attribution_credits as select * from (values
        ('o1', 'last_touch', 'ambassador', 'A001', 1.0),
        ('o2', 'last_touch', 'ambassador', 'A001', 0.3),
        ('o2', 'last_touch', 'ambassador', '(unattributed)', 0.7),
        ('o3', 'last_touch', 'ambassador', 'A002', 0.5),
        ('o1', 'linear', 'ambassador', 'A001', 1.0),
        ('o1', 'astrology', 'team', 'A001', 1.0)
      ) t(outcome_id, model, granularity, channel, credit)`);
      expect(await failing(warehouse)).toEqual([
        'credits sum to one per outcome, model and granularity in marts.attribution_credits | outcome o3, last_touch / ambassador: credits sum to 0.5',
        'model and granularity in marts.attribution_credits are known | astrology / team',
        expect.stringMatching(
          /^every outcome is credited by every model and granularity in marts\.attribution_credits \| outcome o[23] has no (linear \/ ambassador|astrology \/ team) credit$/,
        ),
      ]);
    });
  });
});
