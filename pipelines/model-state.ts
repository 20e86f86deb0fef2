/**
 * What each model was last built from, so that a build rebuilds only the models whose
 * inputs changed (dbt's state comparison, kept inside the warehouse).
 *
 * A model's input key hashes the model code (every file under models/ and the build
 * module, as one version: a changed macro or library reaches every model) and the
 * version of each table its depends_on names:
 * - a raw table: the files whose rows it holds, by content (raw tables only grow, one
 *   whole file at a time);
 * - `meta.files`: none of its own. A file's row never changes once written, and models read
 *   it only for the files whose rows they read (a file's name, period and load time), so
 *   what they read of it changes with those raw tables' versions;
 * - the tables the build writes from the config (`meta.settings` and the rest): the
 *   config's settings and the build's options;
 * - `meta.build_day`: the day the build runs on (a model that reads the day says so);
 * - a model: its own input key, so a change reaches everything downstream of it.
 * A table made by hand (a test's or a benchmark's input) has no version: the models that
 * read it are always built.
 *
 * `meta.model_state` keeps what each model was last built from: the key, the version of
 * each input, and the last file id then (an incremental model's new files come after it).
 * It is written in the build's transaction, so it always describes the tables beside it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS_DIR, type Model } from '../models/runner.ts';
import type { Config } from './config.ts';
import { qualifiedName, quotedString, type Warehouse } from './warehouse.ts';

/**
 * The version of what a build reads from the config: every setting but where files live
 * and how runs wait for each other (they change nothing a model computes), and the salt,
 * hashed so that no stored key holds it.
 */
export function configVersion(config: Config): string {
  const { root: _root, file: _file, salt, paths: _paths, lock: _lock, ...settings } = config;
  const saltHash = createHash('sha256').update(`advocacy salt\0${salt}`).digest('hex');
  return createHash('sha256')
    .update(JSON.stringify({ settings, salt: saltHash }))
    .digest('hex');
}

/** Every file under `dir` (the models by default), in a stable order. */
export function listModelFiles(dir: string = MODELS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? listModelFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** One version of the model code: every file under models/, and the module that writes the config's tables. */
export function modelCodeVersion(buildModule: string): string {
  const hash = createHash('sha256');
  for (const path of [...listModelFiles(), fileURLToPath(buildModule)]) hash.update(path).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

export interface InputVersionOptions {
  /** The tables the build writes from the config, and `meta.build_day`. */
  written: readonly string[];
  /** The day the build runs on (`meta.build_day`). */
  day: string;
  /** The build's options that reach the config's tables (`--revalue-emv`). */
  options: Record<string, unknown>;
  /** Tables made by hand: never the same version twice. */
  handMade: readonly string[];
}

/** The version of every table outside the models that a build may read: raw, meta and hand-made tables. */
export async function inputVersions(
  warehouse: Warehouse,
  config: Config,
  external: ReadonlySet<string>,
  options: InputVersionOptions,
): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  const raw = [...external].filter((id) => id.startsWith('raw.')).sort();
  if (raw.length > 0) {
    // The files each raw table holds, by their content: the same files give the same version under any file ids.
    const rows = await warehouse.all<{ id: string; version: string }>(
      raw
        .map((id) => {
          const [schema, name] = id.split('.') as [string, string];
          return `select ${quotedString(id)} as id, md5(coalesce(string_agg(sha256, ',' order by sha256), '')) as version
            from meta.files where file_id in (select _file_id from ${qualifiedName(schema, name)})`;
        })
        .join('\nunion all\n'),
    );
    for (const row of rows) versions.set(row.id, row.version);
  }
  versions.set('meta.files', 'the rows of the files in the raw tables read');
  const settings = createHash('sha256')
    .update(JSON.stringify({ config: configVersion(config), options: options.options }))
    .digest('hex');
  for (const id of options.written) versions.set(id, settings);
  versions.set('meta.build_day', options.day);
  for (const id of options.handMade) versions.set(id, randomUUID());
  return versions;
}

/** What a model is, as text: its SQL or its build function, how it is materialised, and its checks. */
function modelDefinition(model: Model): string {
  const made = model.kind === 'sql' ? model.sql : String(model.definition.build);
  return JSON.stringify({ id: model.id, kind: model.kind, materialized: model.materialized, made, tests: model.tests });
}

/** The key of everything about a model but its inputs: the code's version and the model's own definition. */
export function definitionKey(model: Model, code: string): string {
  return createHash('sha256').update(code).update('\0').update(modelDefinition(model)).digest('hex');
}

/** The version of every table `model` reads (a table without one: a fresh version, never seen again). */
export function inputsOf(model: Model, versions: ReadonlyMap<string, string>): Record<string, string> {
  return Object.fromEntries([...model.dependsOn].sort().map((table) => [table, versions.get(table) ?? randomUUID()]));
}

/** The key of a model's definition and inputs: equal keys, equal tables. */
export function inputKey(definition: string, inputs: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(definition).update('\0').update(JSON.stringify(inputs)).digest('hex');
}

/** What a model was last built from. */
export interface ModelState {
  inputKey: string;
  definitionKey: string;
  /** The version of each table it read. */
  inputs: Record<string, string>;
  /** The highest file id when it was built: the files after it are new to the model. */
  fileWatermark: number;
}

/** The tables among `before` and `now`'s inputs whose versions differ. */
function changedInputs(before: Readonly<Record<string, string>>, now: Readonly<Record<string, string>>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(now)])].filter((table) => before[table] !== now[table]).sort();
}

/**
 * What a build does with a model: `keep` its table (its key is the one it was built with),
 * add the rows of its `incremental` input's new files (that input alone changed, and the
 * model did not), or build it `whole`. `exists`: its table or view is in the warehouse as
 * the model makes it.
 */
export function buildPlan(
  model: Model,
  before: ModelState | undefined,
  now: Omit<ModelState, 'fileWatermark'>,
  exists: boolean,
): 'keep' | 'incremental' | 'whole' {
  if (!before || !exists) return 'whole';
  if (before.inputKey === now.inputKey) return 'keep';
  const incrementalOn = model.kind === 'sql' ? model.incrementalOn : null;
  if (incrementalOn === null || before.definitionKey !== now.definitionKey) return 'whole';
  const changed = changedInputs(before.inputs, now.inputs);
  return changed.length === 1 && changed[0] === incrementalOn ? 'incremental' : 'whole';
}

/** What each model was last built from. */
export async function readModelState(warehouse: Warehouse): Promise<Map<string, ModelState>> {
  const rows = await warehouse.all<{ model: string; input_key: string; definition_key: string; inputs: string; file_watermark: number }>(
    `select model, input_key, definition_key, inputs, file_watermark from meta.model_state`,
  );
  return new Map(
    rows.map((row) => [
      row.model,
      {
        inputKey: row.input_key,
        definitionKey: row.definition_key,
        inputs: JSON.parse(row.inputs) as Record<string, string>,
        fileWatermark: row.file_watermark,
      },
    ]),
  );
}

/** Records what the models just built were built from, in the build's transaction. */
export async function writeModelState(warehouse: Warehouse, built: ReadonlyMap<string, ModelState>): Promise<void> {
  if (built.size === 0) return;
  await warehouse.run(`delete from meta.model_state where model in (${[...built.keys()].map(quotedString).join(', ')})`);
  await warehouse.append(
    'meta',
    'model_state',
    [...built].map(([model, state]) => [model, state.inputKey, state.definitionKey, JSON.stringify(state.inputs), state.fileWatermark]),
  );
}
