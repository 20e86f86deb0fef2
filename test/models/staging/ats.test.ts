import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itHasTheStagingShape, stagingWarehouse } from '../../helpers/staging.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';

const FIXTURES = ['greenhouse_applications.csv', 'workable_candidates.csv', 'teamtailor_applications.csv'];
const MODELS = ['stg_ats__applications', 'stg_ats__workable_candidates', 'stg_ats__teamtailor_applications'];

describe('models/staging/ats', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('ats', FIXTURES, MODELS);
  });

  afterAll(() => warehouse?.close());

  itHasTheStagingShape('ats', MODELS);

  it('stg_ats__applications gives each application its outcome kind, and a hire its hire date, as calendar days', async () => {
    const rows = await warehouse.all(
      `select application_id, kind, status, applied_on, hired_on, occurred_on, credited_to_normalised
       from staging.stg_ats__applications order by _source_line`,
    );
    expect(rows).toEqual([
      {
        application_id: '50098761',
        kind: 'hire',
        status: 'hired',
        applied_on: new Date('2026-10-03T00:00:00Z'),
        hired_on: new Date('2026-11-14T00:00:00Z'),
        occurred_on: new Date('2026-11-14T00:00:00Z'),
        credited_to_normalised: 'søren kjærgaard',
      },
      {
        application_id: '50098762',
        kind: 'application',
        status: 'active',
        applied_on: new Date('2026-10-05T00:00:00Z'),
        hired_on: null,
        occurred_on: new Date('2026-10-05T00:00:00Z'),
        credited_to_normalised: 'amb-q81zd',
      },
      expect.objectContaining({ application_id: '50098763', kind: 'application', status: 'rejected', hired_on: null }),
      expect.objectContaining({ application_id: '50098790', kind: 'application', credited_to_normalised: 'amb-7f3k2' }),
      expect.objectContaining({ application_id: '50098764', kind: 'application', credited_to_normalised: null }),
    ]);
  });

  it('keeps one row per application and the lineage', async () => {
    const row = await warehouse.one(
      `select count(*)::integer as rows, count(distinct application_id)::integer as applications, count(*) filter (where _file_id is null or _source_line is null)::integer as missing
       from staging.stg_ats__applications`,
    );
    expect(row).toEqual({ rows: 5, applications: 5, missing: 0 });
  });

  it('stg_ats__workable_candidates makes a hired candidate a hire at its hire time', async () => {
    const rows = await warehouse.all(
      `select kind, occurred_at, source_category, credited_to_normalised from staging.stg_ats__workable_candidates order by _source_line limit 2`,
    );
    expect(rows).toEqual([
      { kind: 'hire', occurred_at: new Date('2026-11-14T09:00:00Z'), source_category: 'Referrals', credited_to_normalised: 'søren kjærgaard' },
      { kind: 'application', occurred_at: new Date('2026-10-05T18:44:00Z'), source_category: 'Job Boards', credited_to_normalised: null },
    ]);
  });

  it('stg_ats__teamtailor_applications keeps the promotion channel that credits an ambassador', async () => {
    const rows = await warehouse.all(
      `select application_id, kind, promotion_channel_normalised, utm_content_normalised from staging.stg_ats__teamtailor_applications where promotion_channel like 'amb-%' order by application_id`,
    );
    expect(rows).toEqual([
      { application_id: '71000002', kind: 'application', promotion_channel_normalised: 'amb-q81zd', utm_content_normalised: 'amb-q81zd' },
      { application_id: '71000005', kind: 'application', promotion_channel_normalised: 'amb-7f3k2', utm_content_normalised: null },
    ]);
  });
});
