/**
 * A build keeps the models whose inputs are as they were when they were last built, builds
 * exactly those downstream of what changed (new files, the config, the day), and leaves the
 * same tables as a build of every model (`--full`).
 */
import { copyFileSync, writeFileSync } from 'node:fs';
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

/** What arrives the next day from the platforms: GA4's report and a CRM's deals, which no first file fed. */
const NEXT = ['ga4/traffic_acquisition.csv', 'crm/hubspot-crm-exports-all-deals-2026-11-30.csv'];
/** A small program's first exports. */
const FIRST = SMALL_PROGRAM.filter((file) => !NEXT.includes(file));
/** And the next day's click log: two visits the first one had, as the later export writes them, and two new ones. */
const NEXT_CLICKS = [
  'visitor_id,touched_at,utm_source,utm_medium,utm_campaign,utm_content,utm_term,landing_page,referrer,device_category',
  'GA1.1.1234.5678,2026-10-28T09:14:00Z,linkedin,employee_advocacy,rekruttering-q4,amb-7f3k2,,https://nordlys.dk/karriere/?utm_source=linkedin&utm_medium=employee_advocacy&utm_campaign=rekruttering-q4&utm_content=amb-7f3k2,https://www.linkedin.com/feed/,mobile',
  'GA1.1.1234.5678,2026-10-29T19:02:11Z,,,,,,https://nordlys.dk/kontakt,https://www.bing.com/,desktop',
  'GA1.1.7777.0006,2026-11-05T09:00:00Z,linkedin,employee_advocacy,rekruttering-q4,amb-q81zd,,https://nordlys.dk/karriere/,https://www.linkedin.com/,desktop',
  'GA1.1.8888.0007,2026-11-05T09:30:00Z,google,organic,,,,https://nordlys.dk/,https://www.google.com/,mobile',
].join('\n');
/** And the share log as the content hub writes it the next day: one share's text edited, one share new, and one left out (it stays as logged before). */
const NEXT_SHARE_LOG = [
  'ambassador_id,platform,shared_at,content_id,post_url,post_text,tracked_url',
  'A002,LinkedIn,2026-09-02 12:30,C002,https://www.linkedin.com/feed/update/urn:li:activity:7376200661669072897/,Min arbejdsgiver hos Nordlys har skrevet en god guide om varmepumper,https://nordlys.dk/blog/varmepumper?utm_source=linkedin&utm_medium=employee_advocacy&utm_campaign=varmepumper&utm_content=amb-q81zd',
  'A002,linkedin,2026-11-04T08:00:00+01:00,C002,https://www.linkedin.com/feed/update/urn:li:activity:7391000000000000001/,Reklame: Nordlys Energi om varmepumper,https://nordlys.dk/blog/varmepumper?utm_source=linkedin&utm_medium=employee_advocacy&utm_campaign=varmepumper&utm_content=amb-q81zd',
].join('\n');

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
    const clicks = join(folder, 'touchpoints_2026-11-05.csv');
    writeFileSync(clicks, `${NEXT_CLICKS}\n`);
    const shareLog = join(folder, 'share_log_2026-11-05.csv');
    writeFileSync(shareLog, `${NEXT_SHARE_LOG}\n`);
    await ingestFiles(warehouse, config, [...NEXT.map((file) => join(FIXTURES, file)), clicks, shareLog], { runId: null, log });
    const after = await rawCounts();
    rawTablesGrown = [...after].filter(([id, rows]) => rows !== before.get(id)).map(([id]) => id);
    next = await build(warehouse, config, { runId: null, log, now: NOW });
  }, 120_000);
  afterAll(() => warehouse?.close());

  it('builds every model the first time', () => {
    expect(builtIn(first)).toEqual(models.map((model) => model.id).sort());
  });

  it('after new files, builds exactly the models downstream of the raw tables they grew, and keeps the rest', () => {
    expect(rawTablesGrown.toSorted()).toEqual(['raw.crm__hubspot_deals', 'raw.ga4__traffic_acquisition', 'raw.program__share_log', 'raw.web__touchpoints']);
    const expected = downstreamOf(models, rawTablesGrown);
    expect(builtIn(next)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['staging.stg_ga4__traffic_daily', 'core.ga4_sessions', 'marts.figures']));
    expect(next.filter((result) => result.rows === null).map((result) => result.id)).toEqual(
      expect.arrayContaining(['core.ambassadors', 'core.content', 'core.trainings']),
    );
    expect(next).toHaveLength(models.length);
    expect(log.lines).toContain('kept core.ambassadors: what it reads has not changed since it was built');
  });

  it('adds the new click log to core.touchpoints on its own: its two new visits, and the later export of two known ones in their place', async () => {
    expect(log.lines).toContainEqual(expect.stringMatching(/^built core\.touchpoints \(4 rows from the files new to it, 10 rows in all, \d+ ms\)$/));
    expect(
      await warehouse.all(`select visitor_id, referrer from core.touchpoints where visitor_id in ('GA1.1.1234.5678', 'GA1.1.7777.0006') order by touched_at`),
    ).toEqual([
      { visitor_id: 'GA1.1.1234.5678', referrer: 'https://www.linkedin.com/feed/' },
      { visitor_id: 'GA1.1.1234.5678', referrer: 'https://www.bing.com/' },
      { visitor_id: 'GA1.1.7777.0006', referrer: 'https://www.linkedin.com/' },
    ]);
  });

  it("adds the next day's share log to core.shares on its own: the edited share in place of the old, the new one, and the one it left out as before", async () => {
    expect(log.lines).toContainEqual(expect.stringMatching(/^built core\.shares \(2 rows from the files new to it, \d+ rows in all, \d+ ms\)$/));
    expect(
      await warehouse.all(`select ambassador_id, shared_on::varchar as shared_on, post_text from core.shares where ambassador_id = 'A002' order by shared_at`),
    ).toEqual([
      { ambassador_id: 'A002', shared_on: '2026-09-02', post_text: 'Min arbejdsgiver hos Nordlys har skrevet en god guide om varmepumper' },
      { ambassador_id: 'A002', shared_on: '2026-09-03', post_text: 'Min kollega hos Nordlys Energi har skrevet en guide, "læs den"!' },
      { ambassador_id: 'A002', shared_on: '2026-11-04', post_text: 'Reklame: Nordlys Energi om varmepumper' },
    ]);
  });

  it('passes the check, and has the same rows in every model as a build of every model (--full)', async () => {
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

  it("builds what reads the config's tables when a setting changes", async () => {
    const changed = testConfig({ costs: { minutes_per_post: 12 } }, folder);
    expect(builtIn(await build(warehouse, changed, { runId: null, log, now: NOW }))).toEqual(downstreamOf(models, CONFIG_TABLES));
  });
});
