/**
 * Build: writes the config's settings as `meta.*` tables (so models stay pure SQL),
 * then runs the models in dependency order inside one transaction. A model whose inputs
 * are what they were when it was last built is kept as it is (`pipelines/model-state.ts`);
 * `full` builds every one, and computes again what models remember from earlier builds
 * (`models/lib/remembered.ts`). A failed model or check leaves the warehouse as it was before
 * the build.
 */
import { createHash } from 'node:crypto';
import {
  discoverModels,
  buildModel,
  buildModelIncrementally,
  existingObjects,
  orderModels,
  readMacros,
  type Model,
  type ModelResult,
} from '../models/runner.ts';
import { disclosurePhrases } from '../models/lib/disclosure/phrases.ts';
import { forgetRememberedResults } from '../models/lib/remembered.ts';
import { MONEY_SQL_TYPE } from '../sources/read/money.ts';
import { localCalendarDay } from '../sources/read/values.ts';
import { ModelError } from './errors.ts';
import { collectGarbage } from './garbage.ts';
import { COST_DEFAULTS, type Config } from './config.ts';
import type { Logger } from './log.ts';
import {
  buildPlan,
  configVersion,
  definitionKey,
  inputKey,
  inputsOf,
  inputVersions,
  modelCodeVersion,
  readModelState,
  writeModelState,
  type ModelState,
} from './model-state.ts';
import { stageFields } from './progress.ts';
import type { Warehouse } from './warehouse.ts';

export interface BuildOptions {
  runId: number | null;
  log: Logger;
  /** Models to build; all when absent. */
  models?: Model[];
  /** Tables to treat as inputs besides raw and meta (tests build a few models on hand-made tables). */
  inputs?: string[];
  /**
   * Value all of history's EMV at the config's current rates, forgetting the rates recorded
   * when each day was first valued (`--revalue-emv`).
   * __Default value:__ `false`
   */
  revalueEmv?: boolean;
  /**
   * Build every model, including those whose inputs have not changed since they were built (`--full`).
   * __Default value:__ `false`
   */
  full?: boolean;
  /** The moment the build runs at: its day is `meta.build_day`. __Default value:__ now */
  now?: Date;
}

/** The JavaScript heap, in bytes, above which the build collects garbage after a TypeScript model. */
const GARBAGE_WORTH_COLLECTING = 256 * 2 ** 20;

/** The tables `writeSettings` makes from the config and the build's options. */
export const CONFIG_TABLES = [
  'meta.settings',
  'meta.cost_settings',
  'meta.emv_rates',
  'meta.outcome_unit_values',
  'meta.excluded_lead_stages',
  'meta.points',
  'meta.points_daily_cap',
  'meta.contests',
  'meta.company_names',
  'meta.disclosure_phrases',
] as const;

export async function build(warehouse: Warehouse, config: Config, options: BuildOptions): Promise<ModelResult[]> {
  return warehouse.purgingFreedMemory(() => buildModels(warehouse, config, options));
}

/** The build itself, in one transaction. */
async function buildModels(warehouse: Warehouse, config: Config, options: BuildOptions): Promise<ModelResult[]> {
  const models = options.models ?? (await discoverModels());
  const day = localCalendarDay(options.now ?? new Date(), config.timezone);
  const revalueEmv = options.revalueEmv ?? false;
  return warehouse.transaction(async () => {
    await writeSettings(warehouse, config, { revalueEmv, day });
    for (const macro of readMacros()) {
      try {
        await warehouse.run(macro.sql);
      } catch (error) {
        throw new ModelError(`models/${macro.file} failed: ${(error as Error).message}`);
      }
    }
    const external = await externalTables(warehouse);
    for (const input of options.inputs ?? []) external.add(input);
    const ordered = orderModels(models, external);
    options.log.info(`build: ${ordered.length} models`, stageFields('build', ordered.length));
    if (revalueEmv) options.log.info("EMV: every past day is valued at the config's rates, not the rates it was first valued at (--revalue-emv)");
    const code = modelCodeVersion(import.meta.url);
    const versions = await inputVersions(warehouse, config, external, {
      written: [...CONFIG_TABLES],
      day,
      options: { revalueEmv },
      handMade: options.inputs ?? [],
    });
    const previous = options.full ? new Map<string, ModelState>() : await readModelState(warehouse);
    if (options.full) await forgetRememberedResults(warehouse);
    const fileWatermark = (await warehouse.one<{ id: number }>(`select coalesce(max(file_id), 0)::integer as id from meta.files`))!.id;
    const existing = await existingObjects(warehouse);
    const results: ModelResult[] = [];
    const built = new Map<string, ModelState>();
    for (const model of ordered) {
      const definition = definitionKey(model, code);
      const inputs = inputsOf(model, versions);
      const state: ModelState = { inputKey: inputKey(definition, inputs), definitionKey: definition, inputs, fileWatermark };
      versions.set(model.id, state.inputKey);
      const before = previous.get(model.id);
      const plan = buildPlan(model, before, state, existing.get(model.id) === model.materialized);
      if (plan === 'keep') {
        results.push({ id: model.id, rows: null, milliseconds: 0, checks: model.tests.length });
        options.log.info(`kept ${model.id}: what it reads has not changed since it was built`, { model: model.id, kept: true });
        continue;
      }
      built.set(model.id, state);
      if (plan === 'incremental' && model.kind === 'sql') {
        const { newRows, ...result } = await buildModelIncrementally(model, warehouse, before!.fileWatermark);
        results.push(result);
        options.log.info(`built ${model.id} (${newRows} rows from the files new to it, ${result.rows} rows in all, ${Math.round(result.milliseconds)} ms)`, {
          model: model.id,
          ...result,
          newRows,
        });
        continue;
      }
      const result = await buildModel(model, { warehouse, config }, existing);
      // What a TypeScript model read into JavaScript is garbage now: collected before the next
      // model when it has grown large (at L the heap reaches gigabytes; at M it stays small).
      if (model.kind === 'ts') collectGarbage({ heapAbove: GARBAGE_WORTH_COLLECTING });
      results.push(result);
      options.log.info(`built ${model.id} (${result.rows} rows, ${Math.round(result.milliseconds)} ms)`, { model: model.id, ...result });
    }
    await writeModelState(warehouse, built);
    // The build's time (the transaction's start, as now() gives it) stamps every model it built.
    const { built_at } = (await warehouse.one<{ built_at: Date }>(`select now()::timestamp as built_at`))!;
    await warehouse.append(
      'meta',
      'model_runs',
      ordered.flatMap((model, index) => {
        const { rows, milliseconds } = results[index]!;
        return rows === null ? [] : [[options.runId, model.id, model.materialized, rows, milliseconds, built_at]];
      }),
    );
    // Only a full build is what a later run can compare itself with.
    if (!options.models) {
      await warehouse.run(
        `create or replace table meta.build_state as select $fingerprint::varchar as fingerprint, now()::timestamp as built_at, null::timestamp as checked_at`,
        { fingerprint: await buildFingerprint(warehouse, config, options.now, code) },
      );
    }
    return results;
  });
}

/** How many of a build's models it built, and how many it kept as they were. */
export function countModels(results: readonly ModelResult[]): { modelsBuilt: number; modelsKept: number } {
  const modelsKept = results.filter((result) => result.rows === null).length;
  return { modelsBuilt: results.length - modelsKept, modelsKept };
}

/** The summary line's words for a build: `models: 34 built, 79 kept as they were`. */
export function describeModels({ modelsBuilt, modelsKept }: { modelsBuilt: number; modelsKept: number }): string {
  return `models: ${modelsBuilt} built${modelsKept > 0 ? `, ${modelsKept} kept as they were (nothing they read had changed)` : ''}`;
}

/** Tables models may read without building them: the raw layer and the meta layer. */
async function externalTables(warehouse: Warehouse): Promise<Set<string>> {
  const rows = await warehouse.all<{ id: string }>(
    `select table_schema || '.' || table_name as id from information_schema.tables where table_schema in ('raw', 'meta')`,
  );
  return new Set(rows.map((row) => row.id));
}

/** The actions the points scheme prices (`meta.points`). */
export const POINT_ACTIONS = ['post', 'reaction', 'comment', 'share', 'click', 'lead', 'application', 'hire'] as const;

/**
 * The config as tables: `meta.settings` (one row of scalar settings, and the build's
 * `revalue_emv` option),
 * `meta.emv_rates` (effective-dated), `meta.outcome_unit_values`, `meta.excluded_lead_stages`
 * (the CRM stages and statuses that are not leads), `meta.company_names`,
 * `meta.points`, `meta.points_daily_cap`, `meta.contests`, `meta.disclosure_phrases`,
 * `meta.cost_settings` (each `costs.*` setting, the component it prices, and whether it
 * is the default), and `meta.build_day` (the day the build runs on, in the program's time
 * zone: what a model that depends on the day reads, instead of the clock).
 */
export async function writeSettings(warehouse: Warehouse, config: Config, options: { revalueEmv?: boolean; day: string }): Promise<void> {
  const { attribution } = config;
  await warehouse.run(
    `create or replace table meta.settings as select
       $companyName::varchar as company_name,
       $currency::varchar as currency,
       $timezone::varchar as timezone,
       $locale::varchar as locale,
       $parameter::varchar as attribution_parameter,
       $lookback::integer as lookback_days,
       $halfLife::double as half_life_days,
       $ignoreDirect::boolean as ignore_direct,
       $markovOrder::integer as markov_order,
       $defaultModel::varchar as default_model,
       $minutesPerPost::double as minutes_per_post,
       $ambassadorHourlyRate::double as ambassador_hourly_rate,
       $leadHoursPerMonth::double as lead_hours_per_month,
       $leadHourlyRate::double as lead_hourly_rate,
       $peopleTime::boolean as people_time,
       $onTrackRatio::double as on_track_ratio,
       $atRiskRatio::double as at_risk_ratio,
       $inactiveWeeks::integer as inactive_weeks,
       $disclosureMode::varchar as disclosure_mode,
       $recomputeContests::boolean as recompute_contests,
       $minGroupSize::integer as min_group_size,
       $samePersonWindow::integer as same_person_window_days,
       $revalueEmv::boolean as revalue_emv`,
    {
      companyName: config.company.name,
      currency: config.currency,
      timezone: config.timezone,
      locale: config.locale,
      parameter: attribution.parameter,
      lookback: attribution.lookback_days,
      halfLife: attribution.half_life_days,
      ignoreDirect: attribution.ignore_direct,
      markovOrder: attribution.markov_order,
      defaultModel: attribution.default_model,
      minutesPerPost: config.costs.minutes_per_post,
      ambassadorHourlyRate: config.costs.ambassador_hourly_rate,
      leadHoursPerMonth: config.costs.lead_hours_per_month,
      leadHourlyRate: config.costs.lead_hourly_rate,
      peopleTime: config.costs.people_time,
      onTrackRatio: config.goals.on_track_ratio,
      atRiskRatio: config.goals.at_risk_ratio,
      inactiveWeeks: config.nudges.inactive_weeks,
      disclosureMode: config.disclosure.mode,
      recomputeContests: config.points.recompute_finished_contests,
      minGroupSize: config.statistics.min_group_size,
      samePersonWindow: config.outcomes.same_person_window_days,
      revalueEmv: options.revalueEmv ?? false,
    },
  );
  await warehouse.run(`create or replace table meta.build_day as select $day::date as day`, { day: options.day });
  // the salt is in no table, so the warehouse never holds it: core.outcome_records hashes roster e-mails with it
  await warehouse.run(`set variable advocacy_salt = $salt::varchar`, { salt: config.salt });
  await warehouse.run(`create or replace table meta.cost_settings (setting varchar, position integer, component varchar, value varchar, is_default boolean)`);
  await warehouse.append(
    'meta',
    'cost_settings',
    Object.entries(COST_SETTING_COMPONENTS).map(([key, component], position) => {
      const value = config.costs[key as keyof Config['costs']];
      return [`costs.${key}`, position + 1, component, String(value), value === COST_DEFAULTS[key as keyof Config['costs']]];
    }),
  );
  await warehouse.run(`create or replace table meta.emv_rates (
    platform varchar, metric varchar, rate double, currency varchar, valid_from date)`);
  await warehouse.append(
    'meta',
    'emv_rates',
    config.emv.rates.map((rate) => [rate.platform, rate.metric, rate.rate, rate.currency ?? config.currency, new Date(`${rate.valid_from}T00:00:00Z`)]),
  );
  await warehouse.run(`create or replace table meta.outcome_unit_values (kind varchar, unit_value ${MONEY_SQL_TYPE})`);
  await warehouse.append('meta', 'outcome_unit_values', Object.entries(config.outcomes.unit_values));
  const stages = config.outcomes.lead_stages;
  await warehouse.run(`create or replace table meta.excluded_lead_stages (crm varchar, field varchar, value varchar)`);
  await warehouse.append('meta', 'excluded_lead_stages', [
    ...stages.exclude_hubspot_lifecycle_stages.map((value) => ['hubspot', 'lifecycle_stage', value]),
    ...stages.exclude_hubspot_lead_statuses.map((value) => ['hubspot', 'lead_status', value]),
    ...stages.exclude_salesforce_lead_statuses.map((value) => ['salesforce', 'lead_status', value]),
  ]);
  await warehouse.run(`create or replace table meta.points (action varchar, points double)`);
  await warehouse.append(
    'meta',
    'points',
    POINT_ACTIONS.map((action) => [action, config.points[action]]),
  );
  await warehouse.run(`create or replace table meta.points_daily_cap as select $cap::double as daily_cap`, { cap: config.points.daily_cap });
  await warehouse.run(`create or replace table meta.contests (contest varchar, start_on date, end_on date, cohorts varchar[])`);
  for (const contest of config.contests) {
    await warehouse.run(`insert into meta.contests values ($name, $start::date, $end::date, $cohorts::varchar[])`, {
      name: contest.name,
      start: contest.start,
      end: contest.end,
      cohorts: JSON.stringify(contest.cohorts),
    });
  }
  await warehouse.run(`create or replace table meta.company_names (name varchar)`);
  await warehouse.append(
    'meta',
    'company_names',
    [config.company.name, ...config.company.aliases].map((name) => [name]),
  );
  // the shipped Danish and English disclosure phrases and the company's own ({company} = a name above)
  await warehouse.run(`create or replace table meta.disclosure_phrases (phrase varchar, language varchar)`);
  await warehouse.append(
    'meta',
    'disclosure_phrases',
    disclosurePhrases(config.disclosure.phrases).map((entry) => [entry.phrase, entry.language]),
  );
}

/** The computed cost component each `costs.*` setting prices; none for people_time, the switch that turns both on or off. */
const COST_SETTING_COMPONENTS: Record<keyof Config['costs'], 'ambassador_time' | 'lead_time' | null> = {
  people_time: null,
  minutes_per_post: 'ambassador_time',
  ambassador_hourly_rate: 'ambassador_time',
  lead_hours_per_month: 'lead_time',
  lead_hourly_rate: 'lead_time',
};

/**
 * What a build depends on: the loaded files, the config, every file under models/ and
 * the day (some marts are "as of" it). Equal fingerprints mean a rebuild would give the
 * same warehouse, so a run with nothing new can skip it.
 */
export async function buildFingerprint(warehouse: Warehouse, config: Config, today = new Date(), code = modelCodeVersion(import.meta.url)): Promise<string> {
  // The files by content, not by id: a rerun after a killed run loads the same files under other ids.
  const files = await warehouse.one<{ files: string | null }>(
    `select md5(string_agg(sha256, ',' order by sha256)) as files from meta.files where status = 'loaded'`,
  );
  return createHash('sha256')
    .update(JSON.stringify({ files: files?.files, config: configVersion(config), day: localCalendarDay(today, config.timezone), code }))
    .digest('hex');
}

/** The last full build when nothing it was made from has changed since (files, settings, models, day); else null. */
export async function currentBuild(warehouse: Warehouse, config: Config): Promise<{ builtAt: Date; checkedAt: Date | null } | null> {
  if (!(await warehouse.tableExists('meta', 'build_state'))) return null;
  const last = await warehouse.one<{ fingerprint: string; built_at: Date; checked_at: Date | null }>(`select * from meta.build_state`);
  if (!last || last.fingerprint !== (await buildFingerprint(warehouse, config))) return null;
  return { builtAt: last.built_at, checkedAt: last.checked_at ?? null };
}
