/**
 * The model runner. A model is a `.sql` file holding one `select`, or a `.ts` module
 * beside the SQL where SQL is unfit; its folder under `models/` is its layer (the
 * schema) and its file name is its table name; `models/lib/` is no layer but the code the
 * models share. Each SQL model starts with a header:
 *
 * ```sql
 * -- grain: one row per (platform, post_id); latest snapshot wins
 * -- key: platform, post_id
 * -- depends_on: staging.stg_linkedin__member_posts, core.ambassadors
 * -- materialized: table
 * -- tests: not_null(ambassador_id), accepted_values(platform: linkedin, facebook)
 * ```
 *
 * A table with a key may add `-- incremental_on: staging.<view>`: when that view is the
 * only input that changed since the model was built, and it changed by new files alone,
 * the build runs the select on the new files' rows and puts them in place of the rows with
 * the same key (dbt's incremental materialisation, with its `unique_key`). Rows of a later
 * file win, as they do in the select that reads every file.
 *
 * Models run in dependency order; `raw.*` and `meta.*` are inputs, not models. An
 * unknown dependency or a cycle is an error naming the files. After each model, a mart
 * is checked against its contract (models/marts/contracts.ts: its columns, in order, with
 * their types), then the checks its header declares run (`key` is unique and not null).
 *
 * A mart's rows are stored ordered by all its columns (`order by all`), or, for a
 * TypeScript mart that says it is `ordered`, in the order of its own unique key: the same
 * order every build, which the extracts list them in without sorting them again.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckFailedError, MartContractError, ModelError } from '../pipelines/errors.ts';
import { qualifiedName, quotedIdentifier, quotedString, type Warehouse } from '../pipelines/warehouse.ts';
import type { Config } from '../pipelines/config.ts';
import { builtColumns, contractMismatch, describeMismatch, isContractMart } from './marts/contracts.ts';

export const MODELS_DIR = dirname(fileURLToPath(import.meta.url));
/** `.model.ts` run from the sources, `.model.js` from the compiled package: the same extension as this module's. */
const TS_MODEL_SUFFIX = `.model${extname(fileURLToPath(import.meta.url))}`;
export const MODEL_LAYERS = ['staging', 'core', 'intermediate', 'marts'] as const;
export type ModelLayer = (typeof MODEL_LAYERS)[number];

/** Checks a model declares; each names a column and, for accepted values, the values. */
export type ModelTest =
  | { kind: 'not_null'; column: string }
  | { kind: 'unique'; columns: string[] }
  | { kind: 'accepted_values'; column: string; values: string[] };

interface ModelBase {
  /** `layer.name`, e.g. `core.posts`. */
  id: string;
  layer: ModelLayer;
  name: string;
  /** The file, relative to `models/`. */
  file: string;
  grain: string | null;
  key: string[];
  dependsOn: string[];
  tests: ModelTest[];
}

export interface SqlModel extends ModelBase {
  kind: 'sql';
  materialized: 'view' | 'table';
  sql: string;
  /** The staging view whose new files' rows the model can add on their own (`incremental_on`); null when it is always built whole. */
  incrementalOn: string | null;
}

/** What a TypeScript model gets: the warehouse to read from and write its table into, and the config. */
export interface ModelContext {
  warehouse: Warehouse;
  config: Config;
}

/** The table a TypeScript model builds: `<layer>.<file name>`, by its two names and quoted for SQL. */
export interface ModelTable {
  schema: string;
  name: string;
  /** `"schema"."name"`, ready to put into SQL. */
  qualified: string;
}

/** The export a `.ts` model module provides. */
export interface TsModelDefinition {
  grain: string;
  key?: string[];
  dependsOn: string[];
  tests?: ModelTest[];
  /**
   * A mart whose build writes its rows sorted on a unique key, so that the runner need not
   * sort them by all their columns afterwards (as it does every other mart).
   */
  ordered?: boolean;
  /** Creates or replaces the table `<layer>.<file name>`. */
  build(context: ModelContext, table: ModelTable): Promise<void>;
}

export interface TsModel extends ModelBase {
  kind: 'ts';
  materialized: 'table';
  definition: TsModelDefinition;
}

export type Model = SqlModel | TsModel;

/**
 * The SQL macros under `models/macros/` (`create or replace macro ...` statements),
 * run before the models so that every layer can call them.
 */
export function readMacros(dir = MODELS_DIR): { file: string; sql: string }[] {
  const macros = join(dir, 'macros');
  return listFiles(macros)
    .filter((path) => path.endsWith('.sql'))
    .map((path) => ({ file: relative(dir, path).split(sep).join('/'), sql: readFileSync(path, 'utf8') }));
}

/** Reads every model under `dir` (recursively): `.sql` files and `.ts` modules exporting `model`. */
export async function discoverModels(dir = MODELS_DIR): Promise<Model[]> {
  const models: Model[] = [];
  for (const path of listFiles(dir)) {
    const file = relative(dir, path).split(sep).join('/');
    const layer = file.split('/')[0] as ModelLayer;
    if (!MODEL_LAYERS.includes(layer)) continue;
    if (path.endsWith('.sql')) models.push(parseSqlModel(readFileSync(path, 'utf8'), file));
    else if (path.endsWith(TS_MODEL_SUFFIX)) models.push(await loadTsModel(path, file, layer));
  }
  const seen = new Map<string, string>();
  for (const model of models) {
    const other = seen.get(model.id);
    if (other) throw new ModelError(`Two models are named ${model.id}: ${other} and ${model.file}; rename one of them.`);
    seen.set(model.id, model.file);
  }
  return models;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Parses a SQL model file: its header lines and its select. */
export function parseSqlModel(text: string, file: string): SqlModel {
  const layer = file.split('/')[0] as ModelLayer;
  const name = basename(file, '.sql');
  const header = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^--\s*([a-z_]+)\s*:\s*(.*)$/.exec(line.trim());
    if (!match) {
      if (line.trim() === '' || line.trim().startsWith('--')) continue;
      break;
    }
    header.set(match[1]!, match[2]!.trim());
  }
  const sql = text.trim().replace(/;\s*$/, '');
  if (!/\bselect\b/i.test(sql)) throw new ModelError(`models/${file} holds no select; a model file is one select statement.`);
  const materialized = header.get('materialized') ?? (layer === 'staging' ? 'view' : 'table');
  if (materialized !== 'view' && materialized !== 'table') {
    throw new ModelError(`models/${file}: "materialized: ${materialized}" is not allowed; use view or table.`);
  }
  const key = splitList(header.get('key'));
  const dependsOn = splitList(header.get('depends_on'));
  const incrementalOn = header.get('incremental_on') ?? null;
  if (incrementalOn !== null && (materialized !== 'table' || key.length === 0 || !incrementalOn.startsWith('staging.') || !dependsOn.includes(incrementalOn))) {
    throw new ModelError(
      `models/${file}: "incremental_on: ${incrementalOn}" needs a table with a key that depends on that staging view; correct the header or remove the line.`,
    );
  }
  return {
    kind: 'sql',
    id: `${layer}.${name}`,
    layer,
    name,
    file,
    grain: header.get('grain') ?? null,
    key,
    dependsOn,
    tests: [...keyTests(key), ...parseTests(header.get('tests') ?? '', file)],
    materialized,
    sql,
    incrementalOn,
  };
}

async function loadTsModel(path: string, file: string, layer: ModelLayer): Promise<TsModel> {
  const module = (await import(path)) as { model?: TsModelDefinition };
  const definition = module.model;
  if (!definition || typeof definition.build !== 'function') {
    throw new ModelError(`models/${file} does not export a "model" with a build function.`);
  }
  const name = basename(file, TS_MODEL_SUFFIX);
  const key = definition.key ?? [];
  return {
    kind: 'ts',
    id: `${layer}.${name}`,
    layer,
    name,
    file,
    grain: definition.grain,
    key,
    dependsOn: definition.dependsOn,
    tests: [...keyTests(key), ...(definition.tests ?? [])],
    materialized: 'table',
    definition,
  };
}

function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function keyTests(key: string[]): ModelTest[] {
  if (key.length === 0) return [];
  return [{ kind: 'unique', columns: key }, ...key.map((column) => ({ kind: 'not_null' as const, column }))];
}

/** `not_null(a), accepted_values(platform: linkedin, facebook), unique(a, b)` */
function parseTests(text: string, file: string): ModelTest[] {
  const tests: ModelTest[] = [];
  for (const match of text.matchAll(/([a-z_]+)\(([^)]*)\)/g)) {
    const [, kind, args] = match as unknown as [string, string, string];
    if (kind === 'not_null') tests.push({ kind, column: args.trim() });
    else if (kind === 'unique') tests.push({ kind, columns: splitList(args) });
    else if (kind === 'accepted_values') {
      const [column, values] = args.split(':') as [string, string | undefined];
      tests.push({ kind, column: column.trim(), values: splitList(values) });
    } else throw new ModelError(`models/${file}: unknown test "${kind}"; use not_null, unique or accepted_values.`);
  }
  return tests;
}

/**
 * `targets` and every model they read, directly or through other models, short of the
 * `inputs` (tables made by hand, by a test or a benchmark) and the raw and meta tables: what must be built for
 * the targets, from the models' depends_on.
 */
export function modelsFeeding(models: readonly Model[], targets: readonly string[], inputs: readonly string[] = []): Model[] {
  const byId = new Map(models.map((model) => [model.id, model]));
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id) || inputs.includes(id)) return;
    const model = byId.get(id);
    if (!model) return;
    needed.add(id);
    model.dependsOn.forEach(visit);
  };
  for (const target of targets) {
    if (!byId.has(target)) throw new Error(`${target} is not a model; name one under models/ (e.g. marts.data_issues).`);
    visit(target);
  }
  return models.filter((model) => needed.has(model.id));
}

/**
 * Orders models so that each comes after what it depends on (ties by id, so the order
 * is stable). `external` names the tables that are inputs (raw and meta tables).
 */
export function orderModels(models: readonly Model[], external: ReadonlySet<string>): Model[] {
  const byId = new Map(models.map((model) => [model.id, model]));
  for (const model of models) {
    for (const dependency of model.dependsOn) {
      if (!byId.has(dependency) && !external.has(dependency)) {
        throw new ModelError(`models/${model.file} depends on ${dependency}, which is neither a model nor a raw or meta table; correct its depends_on line.`);
      }
    }
  }
  const ordered: Model[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (model: Model, path: Model[]) => {
    const current = state.get(model.id);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...path.slice(path.indexOf(model)), model].map((one) => `models/${one.file}`);
      throw new ModelError(`The models depend on each other in a cycle: ${cycle.join(' → ')}; break it by removing one depends_on.`);
    }
    state.set(model.id, 'visiting');
    for (const dependency of [...model.dependsOn].sort()) {
      const upstream = byId.get(dependency);
      if (upstream) visit(upstream, [...path, model]);
    }
    state.set(model.id, 'done');
    ordered.push(model);
  };
  for (const model of [...models].sort((a, b) => a.id.localeCompare(b.id))) visit(model, []);
  return ordered;
}

/** The SQL that materialises a SQL model. */
export function materialiseSql(model: SqlModel): string {
  const select = model.layer === 'marts' && model.materialized === 'table' ? `select * from (\n${model.sql}\n) order by all` : model.sql;
  return `create or replace ${model.materialized} ${qualifiedName(model.layer, model.name)} as\n${select}`;
}

/** Every table and view the warehouse holds, by `schema.name`: what `buildModel` may have to replace. */
export async function existingObjects(warehouse: Warehouse): Promise<Map<string, 'table' | 'view'>> {
  const rows = await warehouse.all<{ id: string; kind: 'table' | 'view' }>(
    `select schema_name || '.' || table_name as id, 'table' as kind from duckdb_tables() where database_name = current_database()
     union all
     select schema_name || '.' || view_name, 'view' from duckdb_views() where database_name = current_database() and not internal`,
  );
  return new Map(rows.map((row) => [row.id, row.kind]));
}

/** A model that changed from view to table (or back) must lose its old object first. */
async function dropIfOtherKind(warehouse: Warehouse, model: Model, existing: ReadonlyMap<string, 'table' | 'view'>): Promise<void> {
  const kind = existing.get(model.id);
  if (!kind || (kind === 'view') === (model.materialized === 'view')) return;
  await warehouse.run(`drop ${kind} ${qualifiedName(model.layer, model.name)}`);
}

export interface ModelResult {
  id: string;
  /** The rows it holds; null for a model the build kept as it was. */
  rows: number | null;
  milliseconds: number;
  /** The model's declared checks, every one of which held on the table as built. */
  checks: number;
}

/** Builds one model and runs its checks; `existing` is what the warehouse held before the build (`existingObjects`). */
export async function buildModel(model: Model, context: ModelContext, existing: ReadonlyMap<string, 'table' | 'view'>): Promise<ModelResult> {
  const started = performance.now();
  const { warehouse } = context;
  await dropIfOtherKind(warehouse, model, existing);
  // A table made by `create table ... as` says how many rows it holds; a view or a table a
  // TypeScript model writes is counted (a build runs a hundred models: each query counts).
  let rows: number | undefined;
  if (model.kind === 'sql') {
    try {
      const made = await warehouse.all<{ Count?: number | bigint }>(materialiseSql(model));
      if (model.materialized === 'table') rows = Number(made[0]?.Count);
    } catch (error) {
      throw new ModelError(`models/${model.file} failed: ${(error as Error).message}`);
    }
  } else {
    const table = qualifiedName(model.layer, model.name);
    await model.definition.build(context, { schema: model.layer, name: model.name, qualified: table });
    if (model.layer === 'marts' && !model.definition.ordered) await warehouse.run(`create or replace table ${table} as from ${table} order by all`);
  }
  return checkBuilt(warehouse, model, started, rows);
}

/**
 * Adds to an incremental model's table the rows its select makes of the files loaded after
 * `fileWatermark` (the last file id when it was last built), in place of the rows with the
 * same key, then runs its checks on the whole table.
 */
export async function buildModelIncrementally(model: SqlModel, warehouse: Warehouse, fileWatermark: number): Promise<ModelResult & { newRows: number }> {
  const started = performance.now();
  const input = model.incrementalOn!;
  const [inputSchema, inputName] = input.split('.') as [string, string];
  const table = qualifiedName(model.layer, model.name);
  const matchesKey = model.key.map((column) => `t.${quotedIdentifier(column)} = n.${quotedIdentifier(column)}`).join(' and ');
  const select = model.sql.replace(new RegExp(`\\b${inputSchema}\\.${inputName}\\b`, 'g'), 'incremental_input');
  let newRows: number;
  try {
    await warehouse.run(
      `create or replace temp view incremental_input as select * from ${qualifiedName(inputSchema, inputName)} where _file_id > ${fileWatermark}`,
    );
    await warehouse.run(`create or replace temp table incremental_rows as\n${select}`);
    newRows = Number((await warehouse.one<{ rows: number }>(`select count(*)::double as rows from incremental_rows`))?.rows ?? 0);
    await warehouse.run(`delete from ${table} as t using incremental_rows as n where ${matchesKey}`);
    await warehouse.run(`insert into ${table} by name select * from incremental_rows`);
    await warehouse.run(`drop table incremental_rows; drop view incremental_input`);
  } catch (error) {
    throw new ModelError(`models/${model.file} failed on the new files' rows: ${(error as Error).message}`);
  }
  return { ...(await checkBuilt(warehouse, model, started)), newRows };
}

/** A model's table as built: its contract and its checks, and how many rows it holds. */
async function checkBuilt(warehouse: Warehouse, model: Model, started: number, rows?: number): Promise<ModelResult> {
  await checkContract(warehouse, model);
  const counted = rows ?? (await warehouse.one<{ rows: number }>(`select count(*)::double as rows from ${qualifiedName(model.layer, model.name)}`))?.rows ?? 0;
  if (counted > 0 || !(await checkedColumnsExist(warehouse, model))) await runChecks(warehouse, model);
  return { id: model.id, rows: counted, milliseconds: performance.now() - started, checks: model.tests.length };
}

/**
 * Whether every column a model's checks name exists. A table without rows passes every
 * check, and a small program leaves most models empty: for them this one cheap query
 * stands in for the checks, and only a column that is gone sends them to run (and say so).
 */
async function checkedColumnsExist(warehouse: Warehouse, model: Model): Promise<boolean> {
  const columns = [...new Set(model.tests.flatMap((test) => (test.kind === 'unique' ? test.columns : [test.column])))];
  if (columns.length === 0) return true;
  return warehouse.run(`select ${columns.map(quotedIdentifier).join(', ')} from ${qualifiedName(model.layer, model.name)} limit 0`).then(
    () => true,
    () => false,
  );
}

/** A mart with a contract (models/marts/contracts.ts) must be built with exactly its columns, in order and type. */
async function checkContract(warehouse: Warehouse, model: Model): Promise<void> {
  if (model.layer !== 'marts' || !isContractMart(model.name)) return;
  const mismatch = contractMismatch(model.name, await builtColumns(warehouse, model.name));
  if (!mismatch) return;
  throw new MartContractError(
    `models/${model.file} built marts.${model.name} unlike its contract, ${describeMismatch(mismatch)}; update the contract or the model so that they agree.`,
    `models/${model.file}`,
    mismatch.column,
    mismatch.declared,
    mismatch.actual,
  );
}

/** Runs a model's declared checks; the first failure is an error naming the model, check and an example. */
export async function runChecks(warehouse: Warehouse, model: Model): Promise<void> {
  for (const outcome of await evaluateChecks(warehouse, model)) {
    if (outcome.error !== null) {
      throw new ModelError(`The check ${describeTest(outcome.test)} of models/${model.file} cannot run: ${outcome.error}`);
    }
    if (outcome.failures > 0) {
      throw new CheckFailedError(
        `Check ${describeTest(outcome.test)} failed on ${model.id} (models/${model.file}): ${outcome.failures} offending rows, e.g. ${outcome.example}.`,
      );
    }
  }
}

export interface CheckOutcome {
  test: ModelTest;
  failures: number;
  example: string | null;
  /** Why the check could not run (a column it names is gone), or null. */
  error: string | null;
}

/**
 * Every declared check of a built model, in the header's order, from one query. Only when
 * that query fails is each check run alone, to tell which of them cannot run.
 */
export async function evaluateChecks(warehouse: Warehouse, model: Model): Promise<CheckOutcome[]> {
  const table = qualifiedName(model.layer, model.name);
  if (model.tests.length === 0) return [];
  const all = model.tests.map((test, index) => `select ${index} as check_index, failures, example from (${checkSql(test, table)})`).join('\nunion all\n');
  try {
    const rows = await warehouse.all<{ check_index: number; failures: number; example: string | null }>(`${all}\norder by check_index`);
    return rows.map((row) => ({ test: model.tests[row.check_index]!, failures: row.failures, example: row.example, error: null }));
  } catch {
    const outcomes: CheckOutcome[] = [];
    for (const test of model.tests) {
      const outcome = await warehouse.one<{ failures: number; example: string | null }>(checkSql(test, table)).then(
        (row) => ({ test, failures: row?.failures ?? 0, example: row?.example ?? null, error: null }),
        (error: Error) => ({ test, failures: 0, example: null, error: error.message }),
      );
      outcomes.push(outcome);
    }
    return outcomes;
  }
}

export function checkSql(test: ModelTest, table: string): string {
  switch (test.kind) {
    case 'not_null':
      return `select count(*)::integer as failures, 'a null ' || ${quotedString(test.column)} as example from ${table} where ${quotedIdentifier(test.column)} is null`;
    case 'unique': {
      const columns = test.columns.map(quotedIdentifier).join(', ');
      return `select count(*)::integer as failures, any_value(example) as example from (
        select concat_ws(', ', ${test.columns.map((column) => `${quotedIdentifier(column)}::varchar`).join(', ')}) as example
        from ${table} group by ${columns} having count(*) > 1)`;
    }
    case 'accepted_values':
      return `select count(*)::integer as failures, any_value(${quotedIdentifier(test.column)}::varchar) as example from ${table}
        where ${quotedIdentifier(test.column)} is not null
          and ${quotedIdentifier(test.column)}::varchar not in (${test.values.map(quotedString).join(', ')})`;
  }
}

/** A model test as its header writes it: `not_null(x)`, `unique(a, b)`, `accepted_values(k: a, b)`. */
export function describeTest(test: ModelTest): string {
  switch (test.kind) {
    case 'not_null':
      return `not_null(${test.column})`;
    case 'unique':
      return `unique(${test.columns.join(', ')})`;
    case 'accepted_values':
      return `accepted_values(${test.column}: ${test.values.join(', ')})`;
  }
}
