import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipelines/build.ts';
import { CheckFailedError, ModelError } from '../../pipelines/errors.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { discoverModels, materialiseSql, orderModels, parseSqlModel, type Model } from '../../models/runner.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

function model(id: string, dependsOn: string[] = [], sql = 'select 1 as x'): Model {
  const [layer, name] = id.split('.') as [string, string];
  const header = dependsOn.length ? `-- depends_on: ${dependsOn.join(', ')}\n` : '';
  return parseSqlModel(`${header}${sql}`, `${layer}/${name}.sql`);
}

describe('models/runner', () => {
  it('parses the header: grain, key, depends_on, materialized and tests', () => {
    const parsed = parseSqlModel(
      [
        '-- grain: one row per (platform, post_id); latest snapshot wins',
        '-- key: platform, post_id',
        '-- depends_on: staging.stg_a, raw.linkedin__member_posts',
        '-- materialized: table',
        '-- tests: not_null(ambassador_id), accepted_values(platform: linkedin, facebook)',
        '',
        'with source as (select * from staging.stg_a)',
        'select * from source;',
      ].join('\n'),
      'core/posts.sql',
    );
    expect(parsed).toMatchObject({
      id: 'core.posts',
      layer: 'core',
      grain: 'one row per (platform, post_id); latest snapshot wins',
      key: ['platform', 'post_id'],
      dependsOn: ['staging.stg_a', 'raw.linkedin__member_posts'],
      materialized: 'table',
    });
    expect(parsed.tests).toEqual([
      { kind: 'unique', columns: ['platform', 'post_id'] },
      { kind: 'not_null', column: 'platform' },
      { kind: 'not_null', column: 'post_id' },
      { kind: 'not_null', column: 'ambassador_id' },
      { kind: 'accepted_values', column: 'platform', values: ['linkedin', 'facebook'] },
    ]);
    expect(parsed.sql.endsWith(';')).toBe(false);
  });

  it('takes incremental_on only for a table with a key that depends on that staging view', () => {
    const header = (lines: string[]) => [...lines, 'select x from staging.stg_a'].join('\n');
    expect(parseSqlModel(header(['-- key: x', '-- depends_on: staging.stg_a', '-- incremental_on: staging.stg_a']), 'core/c.sql')).toMatchObject({
      incrementalOn: 'staging.stg_a',
    });
    expect(parseSqlModel(header(['-- key: x', '-- depends_on: staging.stg_a']), 'core/c.sql')).toMatchObject({ incrementalOn: null });
    for (const wrong of [
      ['-- depends_on: staging.stg_a', '-- incremental_on: staging.stg_a'],
      ['-- key: x', '-- depends_on: staging.stg_a', '-- incremental_on: staging.stg_b'],
      ['-- key: x', '-- depends_on: core.a', '-- incremental_on: core.a'],
      ['-- key: x', '-- depends_on: staging.stg_a', '-- materialized: view', '-- incremental_on: staging.stg_a'],
    ]) {
      expect(() => parseSqlModel(header(wrong), 'core/c.sql'), wrong.join(' ')).toThrow(
        /^models\/core\/c\.sql: "incremental_on: \S+" needs a table with a key that depends on that staging view/,
      );
    }
  });

  it('defaults staging models to views and the other layers to tables', () => {
    expect(model('staging.stg_a')).toMatchObject({ materialized: 'view' });
    expect(model('marts.m')).toMatchObject({ materialized: 'table' });
    expect(materialiseSql(model('marts.m') as Extract<Model, { kind: 'sql' }>)).toBe(
      'create or replace table "marts"."m" as\nselect * from (\nselect 1 as x\n) order by all',
    );
    expect(materialiseSql(model('core.c') as Extract<Model, { kind: 'sql' }>)).toBe('create or replace table "core"."c" as\nselect 1 as x');
  });

  it('orders models after their dependencies, ties by name', () => {
    const models = [
      model('marts.c', ['core.b', 'staging.a2']),
      model('core.b', ['staging.a1']),
      model('staging.a2', ['raw.t']),
      model('staging.a1', ['raw.t']),
    ];
    const order = orderModels(models, new Set(['raw.t'])).map((one) => one.id);
    expect(order).toEqual(['staging.a1', 'core.b', 'staging.a2', 'marts.c']);
  });

  it('names the file and the dependency when a dependency is unknown', () => {
    const models = [model('core.b', ['staging.missing'])];
    expect(() => orderModels(models, new Set())).toThrow(ModelError);
    expect(() => orderModels(models, new Set())).toThrow(/models\/core\/b\.sql depends on staging\.missing/);
  });

  it('names every file of a cycle', () => {
    const models = [model('core.a', ['core.c']), model('core.b', ['core.a']), model('core.c', ['core.b'])];
    expect(() => orderModels(models, new Set())).toThrow(/cycle: models\/core\/a\.sql → models\/core\/c\.sql → models\/core\/b\.sql → models\/core\/a\.sql/);
  });

  it('discovers .sql and .model.ts files by layer folder, skips lib/, and rejects two models with one name', async () => {
    const dir = tempFolder();
    mkdirSync(join(dir, 'staging', 'web'), { recursive: true });
    mkdirSync(join(dir, 'core'), { recursive: true });
    writeFileSync(join(dir, 'staging', 'web', 'stg_web__visits.sql'), '-- depends_on: raw.web__touchpoints\nselect 1 as x');
    writeFileSync(join(dir, 'core', 'visits.sql'), '-- key: x\n-- depends_on: staging.stg_web__visits\nselect x from staging.stg_web__visits');
    // lib/ holds what models use, not models
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'visits.sql'), 'select 3 as x');
    const found = await discoverModels(dir);
    expect(found.map((one) => one.id).sort()).toEqual(['core.visits', 'staging.stg_web__visits']);
    mkdirSync(join(dir, 'core', 'more'));
    writeFileSync(join(dir, 'core', 'more', 'visits.sql'), 'select 2 as x');
    await expect(discoverModels(dir)).rejects.toThrow(/Two models are named core\.visits/);
  });

  it('stores a mart’s rows ordered by all its columns, or as a TypeScript mart that says it is ordered wrote them', async () => {
    const tsMart = (name: string, ordered: boolean): Model => ({
      kind: 'ts',
      id: `marts.${name}`,
      layer: 'marts',
      name,
      file: `marts/${name}.model.ts`,
      grain: null,
      key: [],
      dependsOn: [],
      tests: [],
      materialized: 'table',
      definition: {
        grain: 'one row per x',
        dependsOn: [],
        ordered,
        async build({ warehouse }, table) {
          await warehouse.run(
            `create or replace table ${table.qualified} as select * from (values (2, 'b'), (1, 'z'), (3, 'a'), (1, 'y')) t(x, y) order by x desc, y`,
          );
        },
      },
    });
    await withWarehouse(async (warehouse) => {
      const models = [
        parseSqlModel("select * from (values (3, 'c'), (1, 'b'), (2, 'a'), (1, 'a')) t(x, y)", 'marts/by_sql.sql'),
        tsMart('sorted_by_runner', false),
        tsMart('sorted_by_itself', true),
      ];
      await build(warehouse, testConfig(), { runId: null, log: memoryLogger(), models });
      const stored = async (table: string) =>
        (await warehouse.all<{ x: number; y: string }>(`select x, y from marts.${table} order by rowid`)).map(({ x, y }) => `${x}${y}`);
      expect(await stored('by_sql')).toEqual(['1a', '1b', '2a', '3c']);
      expect(await stored('sorted_by_runner')).toEqual(['1y', '1z', '2b', '3a']);
      expect(await stored('sorted_by_itself')).toEqual(['3a', '2b', '1y', '1z']);
    });
  });

  it('builds in order and runs the key checks; a failing check rolls the build back', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig();
      const log = memoryLogger();
      const good = [
        model('staging.s', [], 'select * from (values (1), (2)) t(x)'),
        parseSqlModel('-- key: x\n-- depends_on: staging.s\nselect x from staging.s', 'core/k.sql'),
      ];
      const results = await build(warehouse, config, { runId: null, log, models: good });
      expect(results.map((one) => [one.id, one.rows])).toEqual([
        ['staging.s', 2],
        ['core.k', 2],
      ]);

      const duplicated = [model('staging.s', [], 'select * from (values (1), (1)) t(x)'), good[1]!];
      await expect(build(warehouse, config, { runId: null, log, models: duplicated })).rejects.toThrow(CheckFailedError);
      await expect(build(warehouse, config, { runId: null, log, models: duplicated })).rejects.toThrow(/unique\(x\) failed on core\.k/);
      // The failed build left the earlier one in place.
      expect(await warehouse.all('select x from core.k order by x')).toEqual([{ x: 1 }, { x: 2 }]);
    });
  });

  it('replaces a model that changed from view to table and back, and reports every check of a model in its header order, the first failure named', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig();
      const log = memoryLogger();
      const asView = [parseSqlModel(`-- materialized: view\nselect * from (values (1, 'a'), (2, 'b')) t(x, kind)`, 'core/m.sql')];
      const asTable = [parseSqlModel(`-- materialized: table\nselect * from (values (1, 'a'), (2, 'b')) t(x, kind)`, 'core/m.sql')];
      const kind = async () =>
        (await warehouse.one<{ kind: string }>(`select table_type as kind from information_schema.tables where table_schema = 'core' and table_name = 'm'`))
          ?.kind;
      await build(warehouse, config, { runId: null, log, models: asView });
      expect(await kind()).toBe('VIEW');
      await build(warehouse, config, { runId: null, log, models: asTable });
      expect(await kind()).toBe('BASE TABLE');
      await build(warehouse, config, { runId: null, log, models: asView });
      expect(await kind()).toBe('VIEW');

      const checked = (tests: string) => [parseSqlModel(`-- tests: ${tests}\nselect * from (values (1, 'a'), (null, 'z')) t(x, kind)`, 'core/c.sql')];
      await expect(build(warehouse, config, { runId: null, log, models: checked('accepted_values(kind: a, b), not_null(x)') })).rejects.toThrow(
        /^Check accepted_values\(kind: a, b\) failed on core\.c \(models\/core\/c\.sql\): 1 offending rows, e\.g\. z\.$/,
      );
      await expect(build(warehouse, config, { runId: null, log, models: checked('not_null(x), accepted_values(kind: a, b)') })).rejects.toThrow(
        /^Check not_null\(x\) failed/,
      );
      await expect(build(warehouse, config, { runId: null, log, models: checked('accepted_values(kind: a, z), not_null(nope)') })).rejects.toThrow(
        /^The check not_null\(nope\) of models\/core\/c\.sql cannot run: Binder Error/,
      );
      // An empty table passes every check, but a check naming a column that is gone still cannot run.
      const empty = (tests: string) => [parseSqlModel(`-- tests: ${tests}\nselect * from (values (1, 'a')) t(x, kind) where false`, 'core/e.sql')];
      expect((await build(warehouse, config, { runId: null, log, models: empty('not_null(x), unique(x, kind), accepted_values(kind: b)') }))[0]!.rows).toBe(0);
      await expect(build(warehouse, config, { runId: null, log, models: empty('unique(x, nope)') })).rejects.toThrow(
        /^The check unique\(x, nope\) of models\/core\/e\.sql cannot run: Binder Error/,
      );
    });
  });

  it('names the model file when its SQL fails', async () => {
    await withWarehouse(async (warehouse) => {
      const broken = [parseSqlModel('select nope from nowhere', 'core/broken.sql')];
      await expect(build(warehouse, testConfig(), { runId: null, log: memoryLogger(), models: broken })).rejects.toThrow(
        /models\/core\/broken\.sql failed: Catalog Error/,
      );
    });
  });
});
