/** The shared harness of the staging tests: a platform's fixtures loaded, its staging views made, and the conventions every staging model keeps. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { validateConfig } from '../../pipelines/config.ts';
import { ingestFile } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { prepareWarehouse } from '../../pipelines/meta.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { readMacros } from '../../models/runner.ts';
import { adapters } from '../../sources/index.ts';

const ROOT = new URL('../../', import.meta.url);

export function stagingModelSql(platform: string, name: string): string {
  return readFileSync(new URL(`models/staging/${platform}/${name}.sql`, ROOT), 'utf8');
}

/**
 * An in-memory warehouse with `files` (relative to fixtures/exports/<platform>/) loaded, the
 * macros made and the staging views made. The fixtures are copied first, so their folder
 * names (ambassador ids) come along. `settings` add to the config.
 */
export async function stagingWarehouse(
  platform: string,
  files: readonly string[],
  models: readonly string[],
  settings: Record<string, unknown> = {},
): Promise<Warehouse> {
  const warehouse = await Warehouse.open(':memory:');
  await prepareWarehouse(warehouse, adapters);
  const root = mkdtempSync(join(tmpdir(), `stg-${platform}-`));
  const config = validateConfig({ company: { name: 'Nordlys Energi' }, salt: 'test-salt-1234', ...settings }, { root, env: {} });
  const inbox = join(root, 'inbox');
  cpSync(fileURLToPath(new URL(`fixtures/exports/${platform}/`, ROOT)), inbox, { recursive: true });
  for (const file of files) {
    const outcome = await ingestFile(warehouse, config, join(inbox, file), { runId: null, log: memoryLogger() });
    expect(outcome, file).toMatchObject({ status: 'loaded' });
  }
  for (const macro of readMacros()) await warehouse.run(macro.sql);
  for (const name of models) await warehouse.run(`create view staging.${name} as ${stagingModelSql(platform, name)}`);
  return warehouse;
}

/** The test of every staging model's text: its header, and one select without join or group by. */
export function itHasTheStagingShape(platform: string, models: readonly string[]): void {
  it.each(models)('%s has the model header, one select, and no join or group by', (name) => {
    const sql = stagingModelSql(platform, name);
    expect(sql).toMatch(new RegExp(`^-- grain: .+\\n-- key: .+\\n-- depends_on: raw\\.${platform}__\\w+\\n-- materialized: view\\n`));
    expect(sql.trimEnd()).not.toMatch(/;$/);
    expect(sql).not.toMatch(/\bjoin\b|\bgroup by\b/i);
  });
}

/** The tests every staging model passes: its shape (`itHasTheStagingShape`), and a unique, never-null key. */
export function itKeepsTheStagingConventions(platform: string, models: readonly string[], warehouse: () => Warehouse): void {
  itHasTheStagingShape(platform, models);

  it.each(models)('%s: the key in its header is unique and never null', async (name) => {
    const key = /^-- key: (.+)$/m.exec(stagingModelSql(platform, name))![1]!;
    const row = await warehouse().one<{ total: number; distinct_keys: number; null_keys: number }>(
      `select count(*)::integer as total, count(distinct (${key}))::integer as distinct_keys,
              count(*) filter (where ${key
                .split(',')
                .map((column) => `${column.trim()} is null`)
                .join(' or ')})::integer as null_keys
       from staging.${name}`,
    );
    expect(row!.total).toBeGreaterThan(0);
    expect(row).toMatchObject({ distinct_keys: row!.total, null_keys: 0 });
  });
}
