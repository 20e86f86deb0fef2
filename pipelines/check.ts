/**
 * `advocacy check`: is the warehouse consistent with its own bookkeeping? Each check is
 * one query that counts offending rows and names one of them:
 *
 * - every loaded file's rows are in the raw layer, as many as `meta.files` says (no
 *   partial load, no double load), and its rejected rows as many as it says;
 * - no raw or rejected row belongs to a file that is not logged as loaded (orphans);
 * - no file content (SHA-256) is logged as loaded twice;
 * - each raw row's natural key is unique within its file;
 * - every model's declared checks (unique key, not null, accepted values) hold;
 * - in `marts.attribution_credits`, every outcome's credits sum to exactly one per model
 *   and granularity, every outcome is credited, and model and granularity are known.
 *
 * Data-quality findings that do not make the warehouse inconsistent (a roster naming a
 * lead who is not in it) come from `marts.data_issues` and are listed as warnings.
 */
import { discoverModels, describeTest, evaluateChecks, type Model, type ModelResult } from '../models/runner.ts';
import { rawTableName, type Adapter } from '../sources/adapter.ts';
import { adapters as allAdapters } from '../sources/index.ts';
import { ATTRIBUTION_MODELS } from './config.ts';
import { qualifiedName, quotedIdentifier, quotedString, type Warehouse } from './warehouse.ts';

export interface CheckProblem {
  /** What was checked, e.g. `raw rows per file`. */
  check: string;
  /** Offending rows (files, keys, outcomes). */
  failures: number;
  /** One of them, as a person can look it up. */
  example: string;
}

export interface CheckResult {
  /** Checks that ran. */
  checks: number;
  /** The models' declared checks that held as this process built them, and were not run again. */
  checksInBuild: number;
  problems: CheckProblem[];
  /** Data-quality findings: listed, but the warehouse is still consistent. */
  warnings: string[];
}

/** The granularities `marts.attribution_credits` credits at. */
export const CREDIT_GRANULARITIES = ['ambassador', 'program'] as const;

/** Tolerance for a sum of floating-point credits. */
const CREDIT_TOLERANCE = 1e-6;

export interface CheckOptions {
  adapters?: readonly Adapter[];
  models?: Model[];
  /**
   * The models this process has just built (`build`'s results). The build ran each one's
   * declared checks on the table it made, and nothing has written to those tables since:
   * their checks are counted, not run again.
   */
  built?: readonly ModelResult[];
  /**
   * Check the raw rows of the files after this file id only, in the checks made file by file
   * (`rawFilesCheckedTo`: the files up to it passed them, and raw rows never change).
   * __Default value:__ every file
   */
  rawFilesCheckedTo?: number;
}

export async function checkWarehouse(warehouse: Warehouse, options: CheckOptions = {}): Promise<CheckResult> {
  const adapters = options.adapters ?? allAdapters;
  const problems: CheckProblem[] = [];
  let checks = 0;
  const run = async (check: string, sql: string) => {
    checks += 1;
    let row: { failures: number; example: string | null } | undefined;
    try {
      row = await warehouse.one<{ failures: number; example: string | null }>(sql);
    } catch (error) {
      // A table that no longer fits its model (built by an older version) is a finding, not a crash.
      problems.push({ check, failures: 1, example: `the check cannot run: ${(error as Error).message.split('\n')[0]}` });
      return;
    }
    if (row && row.failures > 0) problems.push({ check, failures: row.failures, example: row.example ?? '' });
  };

  const raw = await existingRawTables(warehouse, adapters);
  const rawCounts = raw.length
    ? raw.map((table) => `select _file_id, count(*) as n from ${qualifiedName('raw', table)} group by _file_id`).join('\nunion all\n')
    : 'select null::integer as _file_id, 0::bigint as n where false';

  await run(
    'rows in the raw layer match meta.files.rows_loaded for each loaded file',
    `with landed as (select _file_id, sum(n) as n from (${rawCounts}) group by _file_id)
     select count(*)::integer as failures,
       any_value(f.file_name || ' (file ' || f.file_id || '): meta.files says ' || f.rows_loaded || ' rows, the raw layer holds ' || coalesce(l.n, 0)) as example
     from meta.files f left join landed l on l._file_id = f.file_id
     where f.status = 'loaded' and f.rows_loaded <> coalesce(l.n, 0)`,
  );
  await run(
    'raw rows belong to a file logged as loaded (no orphans)',
    `with landed as (select _file_id, sum(n) as n from (${rawCounts}) group by _file_id)
     select count(*)::integer as failures,
       any_value(coalesce(l._file_id::varchar, 'null') || ': ' || l.n || ' rows with no loaded file in meta.files') as example
     from landed l where l._file_id is null or not exists (select 1 from meta.files f where f.file_id = l._file_id and f.status = 'loaded')`,
  );
  await run(
    'rejected rows match meta.files.rows_rejected for each loaded file, and belong to one',
    `with kept as (select file_id, count(*) as n from meta.rejected_rows group by file_id)
     select count(*)::integer as failures,
       any_value(coalesce(f.file_name, 'file ' || k.file_id) || ': meta.files says ' || coalesce(f.rows_rejected, 0) || ' rejected rows, meta.rejected_rows holds ' || coalesce(k.n, 0)) as example
     from (select * from meta.files where status = 'loaded') f full join kept k on k.file_id = f.file_id
     where coalesce(f.rows_rejected, 0) <> coalesce(k.n, 0)`,
  );
  await run(
    'no file content (SHA-256) is loaded twice',
    `select count(*)::integer as failures, any_value(example) as example from (
       select string_agg(file_name || ' (file ' || file_id || ')', ' and ') as example
       from meta.files where status = 'loaded' group by sha256 having count(*) > 1)`,
  );
  for (const adapter of adapters) {
    const table = rawTableName(adapter);
    if (!raw.includes(table) || adapter.naturalKey.length === 0) continue;
    const key = adapter.naturalKey.map(quotedIdentifier);
    await run(
      `natural key (${adapter.naturalKey.join(', ')}) unique within each file in raw.${table}`,
      `select count(*)::integer as failures, any_value(example) as example from (
         select any_value(_source_file) || ': ' || concat_ws(', ', ${key.map((column) => `${column}::varchar`).join(', ')}) as example
         from ${qualifiedName('raw', table)} where _file_id > ${Math.trunc(options.rawFilesCheckedTo ?? 0)}
         group by _file_id, ${key.join(', ')} having count(*) > 1)`,
    );
  }

  const models = options.models ?? (await discoverModels());
  const built = await builtTables(warehouse);
  const checkedInBuild = new Map((options.built ?? []).map((result) => [result.id, result.checks]));
  for (const model of models) {
    if (!built.has(model.id) || checkedInBuild.has(model.id)) continue;
    for (const outcome of await evaluateChecks(warehouse, model)) {
      checks += 1;
      const check = `${describeTest(outcome.test)} on ${model.id} (models/${model.file})`;
      // A table that no longer fits its model (built by an older version) is a finding, not a crash.
      if (outcome.error !== null) problems.push({ check, failures: 1, example: `the check cannot run: ${outcome.error.split('\n')[0]}` });
      else if (outcome.failures > 0) problems.push({ check, failures: outcome.failures, example: outcome.example ?? '' });
    }
  }

  if (built.has('marts.attribution_credits')) {
    const credits = 'marts.attribution_credits';
    await run(
      'credits sum to one per outcome, model and granularity in marts.attribution_credits',
      `select count(*)::integer as failures,
         any_value('outcome ' || outcome_id || ', ' || model || ' / ' || granularity || ': credits sum to ' || round(total, 6)) as example
       from (select outcome_id, model, granularity, sum(credit) as total from ${credits} group by all)
       where abs(total - 1) > ${CREDIT_TOLERANCE}`,
    );
    await run(
      'model and granularity in marts.attribution_credits are known',
      `select count(*)::integer as failures, any_value(coalesce(model, 'null') || ' / ' || coalesce(granularity, 'null')) as example
       from ${credits}
       where model is null or granularity is null
          or model not in (${ATTRIBUTION_MODELS.map(quotedString).join(', ')})
          or granularity not in (${CREDIT_GRANULARITIES.map(quotedString).join(', ')})`,
    );
    if (built.has('core.outcomes')) {
      await run(
        'every outcome is credited by every model and granularity in marts.attribution_credits',
        `with pairs as (select distinct model, granularity from ${credits}),
              expected as (select o.outcome_id, p.model, p.granularity from core.outcomes o cross join pairs p),
              missing as (select * from expected e
                where not exists (select 1 from ${credits} c where c.outcome_id = e.outcome_id and c.model = e.model and c.granularity = e.granularity))
         select count(*)::integer as failures, any_value('outcome ' || outcome_id || ' has no ' || model || ' / ' || granularity || ' credit') as example from missing`,
      );
    }
  }

  const checksInBuild = [...checkedInBuild.values()].reduce((sum, count) => sum + count, 0);
  return { checks, checksInBuild, problems, warnings: await dataIssues(warehouse, built) };
}

/** The first findings of `marts.data_issues`, as lines. */
async function dataIssues(warehouse: Warehouse, built: ReadonlySet<string>): Promise<string[]> {
  if (!built.has('marts.data_issues')) return [];
  try {
    const rows = await warehouse.all<{ text: string }>(
      `select issue || ' (' || table_name || ', ' || row_key || ')' as text from marts.data_issues order by all limit 50`,
    );
    return rows.map((row) => row.text);
  } catch (error) {
    return [`marts.data_issues cannot be read (${(error as Error).message.split('\n')[0]}); rebuild with "advocacy build"`];
  }
}

/** The check's result as lines for people; empty problems means the warehouse is consistent. */
export function describeCheck(result: CheckResult): string[] {
  const lines =
    result.problems.length === 0
      ? [
          result.checksInBuild > 0
            ? `check: the warehouse is consistent (${result.checks} checks passed, and the models' ${result.checksInBuild} checks as they were built)`
            : `check: the warehouse is consistent (${result.checks} checks passed)`,
        ]
      : [
          `check: ${result.problems.length} of ${result.checks} checks failed:`,
          ...result.problems.map((problem) => `  ${problem.check}: ${problem.failures} offending, e.g. ${problem.example}`),
          'Nothing was changed. Rebuild with "advocacy build"; if a raw-layer check fails, report it as a bug with the output of "advocacy status".',
        ];
  if (result.warnings.length > 0)
    lines.push(`data issues (the warehouse is consistent, the data needs a look):`, ...result.warnings.map((warning) => `  ${warning}`));
  return lines;
}

async function existingRawTables(warehouse: Warehouse, adapters: readonly Adapter[]): Promise<string[]> {
  const rows = await warehouse.all<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'raw'`);
  const present = new Set(rows.map((row) => row.table_name));
  // Every raw table an adapter lands in, and any other raw table (an adapter since removed) that has lineage.
  const names = new Set(adapters.map(rawTableName).filter((name) => present.has(name)));
  const lineage = await warehouse.all<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'raw' and column_name = '_file_id'`,
  );
  for (const row of lineage) names.add(row.table_name);
  return [...names].sort();
}

async function builtTables(warehouse: Warehouse): Promise<Set<string>> {
  const rows = await warehouse.all<{ id: string }>(
    `select table_schema || '.' || table_name as id from information_schema.tables where table_schema in ('staging', 'core', 'intermediate', 'marts')`,
  );
  return new Set(rows.map((row) => row.id));
}
