import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { itKeepsTheStagingConventions, stagingWarehouse } from '../../helpers/staging.ts';

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

describe('models/staging/program', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('program', FIXTURES, MODELS);
  });

  afterAll(() => warehouse?.close());

  itKeepsTheStagingConventions('program', MODELS, () => warehouse);

  it('stg_program__ambassadors and stg_program__goals: the roster and goals, typed, with the utm code normalised', async () => {
    expect(
      await warehouse.one(
        `select ambassador_id, is_leader, lead_id, joined_on::varchar as joined_on, utm_code_normalised from staging.stg_program__ambassadors where ambassador_id = 'A002'`,
      ),
    ).toEqual({
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
    const rows = await warehouse.all(
      `select content_id, content_type, origin, url_normalised from staging.stg_program__content where content_id in ('C001', 'C004', 'C009') order by content_id`,
    );
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
      {
        ambassador_id: 'A002',
        platform: 'linkedin',
        shared_at: '2026-09-02 10:30:00',
        post_id: '7376200661669072897',
        utm_content: 'amb-q81zd',
        utm_content_normalised: 'amb-q81zd',
      },
      {
        ambassador_id: 'A002',
        platform: 'facebook',
        shared_at: '2026-09-03 16:00:00',
        post_id: null,
        utm_content: 'AMB-Q81ZD',
        utm_content_normalised: 'amb-q81zd',
      },
    ]);
  });

  it('stg_program__trainings and stg_program__costs: trainings as given; costs in one currency-tagged amount per line', async () => {
    expect(await warehouse.one(`select count(*)::integer as n, count(course)::integer as with_course from staging.stg_program__trainings`)).toEqual({
      n: 5,
      with_course: 4,
    });
    const costs = await warehouse.one<{ total: number; program_wide: number; lines: number }>(
      `select sum(amount)::double as total, count(*) filter (where is_program_wide)::integer as program_wide, count(*)::integer as lines from staging.stg_program__costs`,
    );
    expect(costs).toEqual({ total: 94101, program_wide: 7, lines: 13 });
  });
});
