import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../pipelines/config.ts';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { prepareWarehouse } from '../../../pipelines/meta.ts';
import { Warehouse } from '../../../pipelines/warehouse.ts';
import { adapters } from '../../../sources/index.ts';

const ROOT = new URL('../../../', import.meta.url);
const FIXTURES = ['ambassadors.csv', 'goals.csv', 'aliases.csv', 'content.csv', 'share_log.csv', 'trainings.csv', 'costs.csv'];
const MODELS = [
  'stg_program__ambassadors',
  'stg_program__goals',
  'stg_program__aliases',
  'stg_program__content',
  'stg_program__shares',
  'stg_program__trainings',
  'stg_program__costs',
];

const modelSql = (name: string) => readFileSync(new URL(`models/staging/program/${name}.sql`, ROOT), 'utf8');

describe('models/staging/program', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await prepareWarehouse(warehouse, adapters);
    const config = validateConfig({ company: { name: 'Nordlys Energi' }, salt: 'test-salt-1234' }, { root: mkdtempSync(join(tmpdir(), 'stg-program-')), env: {} });
    for (const file of FIXTURES) {
      const outcome = await ingestFile(warehouse, config, fileURLToPath(new URL(`fixtures/exports/program/${file}`, ROOT)), { runId: null, log: memoryLogger() });
      expect(outcome, file).toMatchObject({ status: 'loaded' });
    }
    for (const name of MODELS) await warehouse.run(`create view staging.${name} as ${modelSql(name)}`);
  });

  afterAll(() => warehouse?.close());

  it.each(MODELS)('%s has the model header, one select, and no join or group by', (name) => {
    const sql = modelSql(name);
    expect(sql).toMatch(/^-- grain: .+\n-- key: .+\n-- depends_on: raw\.program__\w+\n-- materialized: view\n/);
    expect(sql.trimEnd()).not.toMatch(/;$/);
    expect(sql).not.toMatch(/\bjoin\b|\bgroup by\b/i);
  });

  it.each(MODELS)('%s: the key in its header is unique and never null', async (name) => {
    const key = /^-- key: (.+)$/m.exec(modelSql(name))![1]!;
    const row = await warehouse.one<{ total: number; distinct_keys: number; null_keys: number }>(
      `select count(*)::integer as total, count(distinct (${key}))::integer as distinct_keys,
              count(*) filter (where ${key.split(',').map((column) => `${column.trim()} is null`).join(' or ')})::integer as null_keys
       from staging.${name}`,
    );
    expect(row!.total).toBeGreaterThan(0);
    expect(row).toMatchObject({ distinct_keys: row!.total, null_keys: 0 });
  });

  it('stg_program__ambassadors and stg_program__goals: the roster and goals, typed, with the utm code normalised', async () => {
    expect(await warehouse.one(`select ambassador_id, is_leader, lead_id, joined_on::varchar as joined_on, utm_code_normalised from staging.stg_program__ambassadors where ambassador_id = 'A002'`)).toEqual({
      ambassador_id: 'A002',
      is_leader: false,
      lead_id: 'A001',
      joined_on: '2026-05-01',
      utm_code_normalised: 'amb-q81zd',
    });
    expect(await warehouse.one(`select kind, metric, target, unit_value, period_days from staging.stg_program__goals where goal_id = 'G2'`)).toEqual({
      kind: 'applications',
      metric: 'applications',
      target: 40,
      unit_value: 750,
      period_days: 184,
    });
  });

  it('stg_program__aliases: aliases folded for matching, and what kind each is', async () => {
    const rows = await warehouse.all(`select ambassador_id, alias_normalised, alias_kind from staging.stg_program__aliases order by _source_line`);
    expect(rows).toEqual([
      { ambassador_id: 'A001', alias_normalised: 'søren kjærgaard', alias_kind: 'name' },
      { ambassador_id: 'A001', alias_normalised: 'https://www.linkedin.com/in/sorenkj', alias_kind: 'linkedin_url' },
      { ambassador_id: 'A002', alias_normalised: 'åse mølgaard', alias_kind: 'name' },
      { ambassador_id: 'A004', alias_normalised: 'mette larsen, mba', alias_kind: 'name' },
      { ambassador_id: 'A004', alias_normalised: 'mette.larsen@nordlys.dk', alias_kind: 'email' },
    ]);
  });

  it('stg_program__content: the page address without scheme, www or tracking tags, keeping the case of its path', async () => {
    const rows = await warehouse.all(`select content_id, content_type, origin, url_normalised from staging.stg_program__content where content_id in ('C001', 'C004', 'C009') order by content_id`);
    expect(rows).toEqual([
      { content_id: 'C001', content_type: 'job_post', origin: 'hub', url_normalised: 'nordlys.dk/job/aarhus-40' },
      { content_id: 'C004', content_type: 'video', origin: 'hub', url_normalised: 'youtube.com/watch?v=abc123' },
      { content_id: 'C009', content_type: 'infographic', origin: 'hub', url_normalised: 'nordlys.dk/infografik/elregning' },
    ]);
  });

  it('stg_program__shares: the share log with shared_at and the tags, utm_content normalised', async () => {
    const rows = await warehouse.all(
      `select ambassador_id, platform, shared_at::varchar as shared_at, post_id, utm_content, utm_content_normalised
       from staging.stg_program__shares where ambassador_id = 'A002' order by shared_at`,
    );
    expect(rows).toEqual([
      { ambassador_id: 'A002', platform: 'linkedin', shared_at: '2026-09-02 10:30:00', post_id: '7376200661669072897', utm_content: 'amb-q81zd', utm_content_normalised: 'amb-q81zd' },
      { ambassador_id: 'A002', platform: 'facebook', shared_at: '2026-09-03 16:00:00', post_id: null, utm_content: 'AMB-Q81ZD', utm_content_normalised: 'amb-q81zd' },
    ]);
  });

  it('stg_program__trainings and stg_program__costs: trainings as given; costs in one currency-tagged amount per line', async () => {
    expect(await warehouse.one(`select count(*)::integer as n, count(course)::integer as with_course from staging.stg_program__trainings`)).toEqual({ n: 5, with_course: 4 });
    const costs = await warehouse.one<{ total: number; program_wide: number; lines: number }>(
      `select sum(amount)::double as total, count(*) filter (where is_program_wide)::integer as program_wide, count(*)::integer as lines from staging.stg_program__costs`,
    );
    expect(costs).toEqual({ total: 81601, program_wide: 6, lines: 12 });
  });
});
