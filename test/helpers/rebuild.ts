/**
 * For the tests of `advocacy rebuild --from-archive`: a small archive of fixture exports,
 * the rebuild in this process, and what to compare a rebuilt warehouse by.
 */
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../pipelines/config.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { describeRebuild, REBUILDING_SUFFIX, REPLACED_SUFFIX, rebuildFromArchive } from '../../pipelines/rebuild.ts';
import { qualifiedName, quotedString, Warehouse } from '../../pipelines/warehouse.ts';
import { FIXTURES } from './fixture-exports.ts';
import { tempFolder } from './warehouse.ts';

export const MINUTES = 60_000;

/** A roster, its shares and the company page's LinkedIn posts, whose impressions are valued as EMV. */
const EXPORTS = ['program/ambassadors.csv', 'program/share_log.csv', 'linkedin/nordlys-energi_content_2026-10-01_2026-10-31.csv'];

/** A project whose archive holds the exports a run loaded on `day`, with a copy of `warehouse` when given. */
export function smallProject(options: { warehouse?: string; day?: string } = {}) {
  const root = tempFolder('advocacy-rebuild-small-');
  const file = join(root, 'advocacy.config.json');
  writeFileSync(
    file,
    JSON.stringify({ company: { name: 'Nordlys Energi A/S' }, salt: 'rebuild-test-salt', lock: { wait_seconds: 0 }, ingest: { settle_seconds: 0 } }),
  );
  const config = loadConfig(file);
  const archived = EXPORTS.map((name) => join(config.paths.archive, options.day ?? '2026-10-01', name));
  for (const [index, path] of archived.entries()) cpSync(join(FIXTURES, EXPORTS[index]!), path);
  if (options.warehouse) cpSync(options.warehouse, config.paths.warehouse);
  return { root, file, config, warehouse: config.paths.warehouse, archived };
}

/** `advocacy rebuild --from-archive` in this process: its summary, and the lines the command prints. */
export async function rebuild(config: Config, force = false) {
  const summary = await rebuildFromArchive(config, memoryLogger(), { force });
  return { summary, out: describeRebuild(summary, config.paths.warehouse).join('\n') };
}

/** The files beside the warehouse: the replaced ones the rebuilds kept, and what else is there. */
export function warehouseFolder(warehouse: string) {
  const folder = join(warehouse, '..');
  const names = readdirSync(folder);
  return {
    replaced: names
      .filter((name) => name.startsWith(`advocacy.duckdb${REPLACED_SUFFIX}`) && !name.endsWith('.wal'))
      .sort()
      .map((name) => join(folder, name)),
    rebuilding: names.filter((name) => name.includes(REBUILDING_SUFFIX)),
  };
}

/** Every table (of the marts, or of `schemas`) whose rows differ between two warehouse files (either has rows the other has not), by exact value, as `schema.name`. */
export async function martsThatDiffer(a: string, b: string, schemas: readonly string[] = ['marts']): Promise<{ tables: number; differ: string[] }> {
  const warehouse = await Warehouse.open(':memory:');
  try {
    await warehouse.run(`attach ${quotedString(a)} as a (read_only); attach ${quotedString(b)} as b (read_only)`);
    const tables = await warehouse.all<{ schema: string; name: string; in_both: boolean }>(
      `select schema_name as schema, table_name as name, count(distinct database_name) = 2 as in_both from duckdb_tables()
       where schema_name in (${schemas.map(quotedString).join(', ')}) and database_name in ('a', 'b') group by all order by all`,
    );
    const differ: string[] = [];
    for (const table of tables) {
      const id = qualifiedName(table.schema, table.name);
      const rows = table.in_both
        ? await warehouse.one<{ rows: number }>(
            `select (select count(*) from (from a.${id} except all from b.${id})) + (select count(*) from (from b.${id} except all from a.${id}))::integer as rows`,
          )
        : { rows: 1 };
      if (Number(rows?.rows) > 0) differ.push(`${table.schema}.${table.name}`);
    }
    return { tables: tables.length, differ };
  } finally {
    warehouse.close();
  }
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export async function readWarehouse<T>(path: string, read: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await Warehouse.open(path, { readOnly: true });
  try {
    return await read(warehouse);
  } finally {
    warehouse.close();
  }
}

export function query<T extends object>(path: string, sql: string): Promise<T[]> {
  return readWarehouse(path, (warehouse) => warehouse.all<T>(sql));
}

export async function loadedPaths(warehouse: string): Promise<string[]> {
  return (await query<{ path: string }>(warehouse, `select path from meta.files where status = 'loaded' order by file_id`)).map((row) => row.path);
}
