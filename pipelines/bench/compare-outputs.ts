/**
 * `npm run compare-outputs -- <folder A> <folder B>`: whether two runs of the demo (or of any
 * program) produced the same outputs, for a change that must not change a number. Each
 * folder is one `advocacy demo` (or `run`) folder: its `out/latest/` and its warehouse.
 *
 * - Every file under `out/latest/` is compared byte for byte, but for `.fingerprint`, which
 *   records the code version, and `.chart-images/`, whose file names hash it (its images
 *   are the charts' own, compared under `charts/` and in the pages). Parquet files hold the
 *   writer's metadata only, so they are compared too.
 * - Every table of the staging, core and marts layers is compared row for row (EXCEPT ALL
 *   both ways), and their column lists too.
 *
 * Prints each difference and exits 1 when there is any. Not a test: it compares two
 * builds that a test cannot make, one of them from another version of the code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHART_IMAGES_FOLDER } from '../../reports/render/images.ts';
import { quotedIdentifier, quotedString, Warehouse } from '../warehouse.ts';

const IGNORED_FILES = new Set(['.fingerprint']);
const LAYERS = ['staging', 'core', 'intermediate', 'marts'];

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((path) => statSync(join(folder, path)).isFile() && !IGNORED_FILES.has(path.split('/').at(-1)!) && !path.startsWith(`${CHART_IMAGES_FOLDER}/`))
    .sort();
}

function compareFiles(a: string, b: string): string[] {
  const [left, right] = [filesUnder(a), filesUnder(b)];
  const differences = [
    ...left.filter((path) => !right.includes(path)).map((path) => `only in ${a}: ${path}`),
    ...right.filter((path) => !left.includes(path)).map((path) => `only in ${b}: ${path}`),
  ];
  for (const path of left.filter((one) => right.includes(one))) {
    if (!readFileSync(join(a, path)).equals(readFileSync(join(b, path)))) differences.push(`differs: ${path}`);
  }
  return differences;
}

async function compareWarehouses(a: string, b: string): Promise<{ tables: number; differences: string[] }> {
  const warehouse = await Warehouse.open(':memory:');
  try {
    await warehouse.run(`attach ${quotedString(a)} as a (read_only); attach ${quotedString(b)} as b (read_only)`);
    const layers = LAYERS.map(quotedString).join(', ');
    const tables = await warehouse.all<{ id: string; schema: string; name: string; databases: number; columns_a: string | null; columns_b: string | null }>(
      `select schema_name || '.' || table_name as id, schema_name as schema, table_name as name, count(distinct database_name)::integer as databases,
         max(columns) filter (where database_name = 'a') as columns_a, max(columns) filter (where database_name = 'b') as columns_b
       from (select database_name, schema_name, table_name, string_agg(column_name || ' ' || data_type, ', ' order by column_index) as columns
             from duckdb_columns() where database_name in ('a', 'b') and schema_name in (${layers}) group by all)
       group by all order by id`,
    );
    const differences: string[] = [];
    for (const table of tables) {
      if (table.databases < 2) {
        differences.push(`only in ${table.columns_a === null ? b : a}: table ${table.id}`);
        continue;
      }
      if (table.columns_a !== table.columns_b) {
        differences.push(`columns of ${table.id} differ: ${table.columns_a} | ${table.columns_b}`);
        continue;
      }
      const qualified = `${quotedIdentifier(table.schema)}.${quotedIdentifier(table.name)}`;
      const counted = await warehouse.one<{ only_a: number; only_b: number }>(
        `select (select count(*) from (from a.${qualified} except all from b.${qualified}))::integer as only_a,
                (select count(*) from (from b.${qualified} except all from a.${qualified}))::integer as only_b`,
      );
      if (counted && (counted.only_a > 0 || counted.only_b > 0))
        differences.push(`rows of ${table.id} differ: ${counted.only_a} only in A, ${counted.only_b} only in B`);
    }
    return { tables: tables.length, differences };
  } finally {
    warehouse.close();
  }
}

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  process.stderr.write('usage: npm run compare-outputs -- <folder A> <folder B>  (each holding out/latest/ and warehouse/advocacy.duckdb)\n');
  process.exit(2);
}
for (const folder of [a, b]) {
  const missing = ['out/latest', 'warehouse/advocacy.duckdb'].filter((part) => !existsSync(join(folder, part)));
  if (missing.length > 0) {
    process.stderr.write(`${folder} holds no ${missing.join(' and no ')}: give the folder a demo or run wrote into (the one holding out/ and warehouse/)\n`);
    process.exit(2);
  }
}
const files = compareFiles(join(a, 'out/latest'), join(b, 'out/latest'));
const warehouses = await compareWarehouses(join(a, 'warehouse/advocacy.duckdb'), join(b, 'warehouse/advocacy.duckdb'));
const differences = [...files, ...warehouses.differences];
for (const line of differences) process.stdout.write(`${line}\n`);
process.stdout.write(
  `${differences.length === 0 ? 'identical' : `${differences.length} differences`}: ${filesUnder(join(a, 'out/latest')).length} report files and ${warehouses.tables} tables compared (${relative(process.cwd(), a) || a} against ${relative(process.cwd(), b) || b})\n`,
);
process.exitCode = differences.length === 0 ? 0 : 1;
