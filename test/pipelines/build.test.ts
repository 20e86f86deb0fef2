/**
 * A build keeps the models whose inputs are as they were when they were last built, builds
 * exactly those downstream of what changed (new files, the config, the day), and leaves the
 * same tables as a build of every model (`--full`).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverModels, type Model, type ModelResult } from '../../models/runner.ts';
import { build, CONFIG_TABLES } from '../../pipelines/build.ts';
import { checkWarehouse } from '../../pipelines/check.ts';
import { ingestFiles } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { prepareWarehouse } from '../../pipelines/meta.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { adapters } from '../../sources/index.ts';
import { FIXTURES, SMALL_PROGRAM } from '../helpers/fixture-exports.ts';
import { martsThatDiffer } from '../helpers/rebuild.ts';
import { tempFolder, testConfig } from '../helpers/warehouse.ts';

const MODEL_LAYERS = ['staging', 'core', 'intermediate', 'marts'];

/** What arrives the next day: GA4's report and a CRM's deals, which no first file fed. */
const NEXT = ['ga4/traffic_acquisition.csv', 'crm/hubspot-crm-exports-all-deals-2026-11-30.csv'];
/** A small program's first exports. */
const FIRST = SMALL_PROGRAM.filter((file) => !NEXT.includes(file));

const NOW = new Date('2026-11-30T09:00:00Z');

/** The models that read any of `changed`, directly or through other models. */
function downstreamOf(models: readonly Model[], changed: Iterable<string>): string[] {
  const reached = new Set(changed);
  let grew = true;
  while (grew) {
    grew = false;
    for (const model of models) {
      if (!reached.has(model.id) && model.dependsOn.some((table) => reached.has(table))) {
        reached.add(model.id);
        grew = true;
      }
    }
  }
  return models
    .map((model) => model.id)
    .filter((id) => reached.has(id))
    .sort();
}

const builtIn = (results: readonly ModelResult[]) =>
  results
    .filter((result) => result.rows !== null)
    .map((result) => result.id)
    .sort();

describe('pipelines/build: a model is built again only when what it reads has changed', () => {
  const folder = tempFolder('advocacy-build-');
  const path = join(folder, 'advocacy.duckdb');
  const config = testConfig({}, folder);
  const log = memoryLogger();
  let warehouse: Warehouse;
  let models: Model[];
  let first: ModelResult[];
  let next: ModelResult[];
  let rawTablesGrown: string[];

  const rawCounts = async () =>
    new Map(
      (
        await warehouse.all<{ id: string; rows: number }>(
          `select 'raw.' || table_name as id, estimated_size::double as rows from duckdb_tables() where schema_name = 'raw'`,
        )
      ).map((row) => [row.id, row.rows]),
    );

  beforeAll(async () => {
    models = await discoverModels();
    warehouse = await Warehouse.open(path);
    await prepareWarehouse(warehouse, adapters);
    await ingestFiles(
      warehouse,
      config,
      FIRST.map((file) => join(FIXTURES, file)),
      { runId: null, log },
    );
    first = await build(warehouse, config, { runId: null, log, now: NOW });
    const before = await rawCounts();
    await ingestFiles(
      warehouse,
      config,
      NEXT.map((file) => join(FIXTURES, file)),
      { runId: null, log },
    );
    const after = await rawCounts();
    rawTablesGrown = [...after].filter(([id, rows]) => rows !== before.get(id)).map(([id]) => id);
    next = await build(warehouse, config, { runId: null, log, now: NOW });
  }, 120_000);
  afterAll(() => warehouse?.close());

  it('builds every model the first time', () => {
    expect(builtIn(first)).toEqual(models.map((model) => model.id).sort());
  });

  it('after new files, builds exactly the models downstream of the raw tables they grew, and keeps the rest', () => {
    expect(rawTablesGrown.toSorted()).toEqual(['raw.crm__hubspot_deals', 'raw.ga4__traffic_acquisition']);
    const expected = downstreamOf(models, rawTablesGrown);
    expect(builtIn(next)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['staging.stg_ga4__traffic_daily', 'core.ga4_sessions', 'marts.figures']));
    expect(next.filter((result) => result.rows === null).map((result) => result.id)).toEqual(expect.arrayContaining(['core.ambassadors', 'core.posts']));
    expect(next).toHaveLength(models.length);
    expect(log.lines).toContain('kept core.ambassadors: what it reads has not changed since it was built');
  });

  it('passes the check, and has the same rows in every model as a build of every model', async () => {
    expect((await checkWarehouse(warehouse, { models })).problems).toEqual([]);
    await warehouse.run('checkpoint');
    const copy = join(folder, 'full.duckdb');
    copyFileSync(path, copy);
    const full = await Warehouse.open(copy);
    try {
      const results = await build(full, config, { runId: null, log: memoryLogger(), now: NOW, full: true });
      expect(builtIn(results)).toHaveLength(models.length);
    } finally {
      full.close();
    }
    const compared = await martsThatDiffer(path, copy, MODEL_LAYERS);
    expect(compared.tables).toBeGreaterThan(60);
    expect(compared.differ).toEqual([]);
  });

  it('keeps every model when nothing changed; on the next day builds only what reads the day', async () => {
    expect(builtIn(await build(warehouse, config, { runId: null, log, now: NOW }))).toEqual([]);
    const tomorrow = await build(warehouse, config, { runId: null, log, now: addDays(NOW, 1) });
    expect(builtIn(tomorrow)).toEqual(downstreamOf(models, ['meta.build_day']));
    expect(builtIn(tomorrow)).toContain('marts.period_points');
  });

  it("builds what reads the config's tables when a setting changes, and everything with --full", async () => {
    const changed = testConfig({ costs: { minutes_per_post: 12 } }, folder);
    expect(builtIn(await build(warehouse, changed, { runId: null, log, now: NOW }))).toEqual(downstreamOf(models, CONFIG_TABLES));
    expect(builtIn(await build(warehouse, changed, { runId: null, log, now: NOW, full: true }))).toHaveLength(models.length);
  });
});
