import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itHasTheStagingShape, stagingWarehouse } from '../../helpers/staging.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';

const FIXTURES = ['touchpoints.csv', 'outcomes.csv'];
const MODELS = ['stg_web__touchpoints', 'stg_web__outcomes'];

describe('models/staging/web', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('web', FIXTURES, MODELS);
  });

  afterAll(() => warehouse?.close());

  itHasTheStagingShape('web', MODELS);

  it('stg_web__touchpoints reads the tags from the landing page only when the tag columns are empty', async () => {
    const rows = await warehouse.all(
      `select _source_line, utm_source, utm_medium, utm_content, utm_content_normalised, are_tags_from_landing_page, page_path
       from staging.stg_web__touchpoints order by _source_line`,
    );
    expect(rows).toEqual([
      {
        _source_line: 2,
        utm_source: 'linkedin',
        utm_medium: 'employee_advocacy',
        utm_content: 'amb-7f3k2',
        utm_content_normalised: 'amb-7f3k2',
        are_tags_from_landing_page: false,
        page_path: 'https://nordlys.dk/karriere/',
      },
      {
        _source_line: 3,
        utm_source: null,
        utm_medium: null,
        utm_content: null,
        utm_content_normalised: null,
        are_tags_from_landing_page: false,
        page_path: 'https://nordlys.dk/kontakt',
      },
      {
        _source_line: 4,
        utm_source: 'facebook',
        utm_medium: 'employee_advocacy',
        utm_content: 'AMB-Q81ZD',
        utm_content_normalised: 'amb-q81zd',
        are_tags_from_landing_page: true,
        page_path: 'https://nordlys.dk/blog/groen-omstilling',
      },
      {
        _source_line: 5,
        utm_source: 'LinkedIn',
        utm_medium: 'Employee_Advocacy',
        utm_content: 'amb-7f3k2',
        utm_content_normalised: 'amb-7f3k2',
        are_tags_from_landing_page: false,
        page_path: 'https://nordlys.dk/karriere/',
      },
      {
        _source_line: 6,
        utm_source: 'google',
        utm_medium: 'organic',
        utm_content: null,
        utm_content_normalised: null,
        are_tags_from_landing_page: false,
        page_path: 'https://nordlys.dk/varmepumper',
      },
      {
        _source_line: 7,
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_content: 'amb-00x1a',
        utm_content_normalised: 'amb-00x1a',
        are_tags_from_landing_page: true,
        page_path: 'https://nordlys.dk/',
      },
      {
        _source_line: 8,
        utm_source: '(direct)',
        utm_medium: '(none)',
        utm_content: null,
        utm_content_normalised: null,
        are_tags_from_landing_page: false,
        page_path: 'https://nordlys.dk/',
      },
      {
        _source_line: 11,
        utm_source: 'linkedin',
        utm_medium: 'employee_advocacy',
        utm_content: 'amb-q81zd',
        utm_content_normalised: 'amb-q81zd',
        are_tags_from_landing_page: false,
        page_path: 'https://nordlys.dk/karriere/data-engineer',
      },
    ]);
  });

  it('stg_web__touchpoints keeps the instant and the visitor', async () => {
    const row = await warehouse.one(`select visitor_id, touched_at from staging.stg_web__touchpoints where _source_line = 4`);
    expect(row).toEqual({ visitor_id: 'GA1.1.2222.0001', touched_at: new Date('2026-10-28T09:05:00Z') });
  });

  it('stg_web__outcomes has canonical names, hashed e-mails and normalised referrers', async () => {
    const rows = await warehouse.all(
      `select outcome_id, kind, occurred_at, value, currency, referrer_normalised, length(email_hash)::integer as hash_length
       from staging.stg_web__outcomes order by outcome_id`,
    );
    expect(rows).toEqual([
      {
        outcome_id: 'o-0001',
        kind: 'lead',
        occurred_at: new Date('2026-10-29T19:05:00Z'),
        value: null,
        currency: null,
        referrer_normalised: null,
        hash_length: 64,
      },
      {
        outcome_id: 'o-0002',
        kind: 'conversion',
        occurred_at: new Date('2026-11-02T13:30:00Z'),
        value: 12500,
        currency: 'DKK',
        referrer_normalised: null,
        hash_length: 64,
      },
      {
        outcome_id: 'o-0003',
        kind: 'application',
        occurred_at: new Date('2026-11-02T23:00:00Z'),
        value: null,
        currency: null,
        referrer_normalised: 'amb-q81zd',
        hash_length: 64,
      },
      {
        outcome_id: 'o-0004',
        kind: 'hire',
        occurred_at: new Date('2026-11-20T08:00:00Z'),
        value: null,
        currency: null,
        referrer_normalised: 'søren kjærgaard',
        hash_length: 64,
      },
      {
        outcome_id: 'o-0005',
        kind: 'lead',
        occurred_at: new Date('2026-11-21T09:00:00Z'),
        value: null,
        currency: null,
        referrer_normalised: null,
        hash_length: null,
      },
    ]);
  });

  it('records the rejected rows with file, line and reason, and no personal data', async () => {
    const rejected = await warehouse.all(`select file_name, line, field, reason, raw from meta.rejected_rows where file_name = 'outcomes.csv'`);
    expect(rejected).toEqual([expect.objectContaining({ file_name: 'outcomes.csv', line: 7, field: 'kind', raw: expect.not.stringContaining('@') })]);
    expect(JSON.stringify(rejected)).not.toContain('Peter Petersen');
  });
});
