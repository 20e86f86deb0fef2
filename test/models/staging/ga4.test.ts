import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itHasTheStagingShape, stagingWarehouse } from '../../helpers/staging.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';

const FIXTURES = ['traffic_acquisition.csv', 'traffic_acquisition.fr.csv', 'exploration.csv', 'landing_pages.csv'];
const MODELS = ['stg_ga4__traffic_daily', 'stg_ga4__landing_pages'];

describe('models/staging/ga4', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('ga4', FIXTURES, MODELS, { currency: 'EUR' });
  });

  afterAll(() => warehouse?.close());

  itHasTheStagingShape('ga4', MODELS);

  it('stg_ga4__traffic_daily renames to canonical names and merges UTM case variants in the normalised column', async () => {
    const rows = await warehouse.all(
      `select day::varchar as day, grain, utm_content, utm_content_normalised, sessions, engaged_sessions, key_events, revenue, engagement_rate
       from staging.stg_ga4__traffic_daily
       where report_title like 'Traffic acquisition%' and day = date '2026-10-29'
       order by _source_line`,
    );
    expect(rows).toEqual([
      {
        day: '2026-10-29',
        grain: 'day',
        utm_content: 'amb-7f3k2',
        utm_content_normalised: 'amb-7f3k2',
        sessions: 95,
        engaged_sessions: 61,
        key_events: 1,
        revenue: 1250,
        engagement_rate: 0.6421052631578947,
      },
      {
        day: '2026-10-29',
        grain: 'day',
        utm_content: 'AMB-7F3K2',
        utm_content_normalised: 'amb-7f3k2',
        sessions: 4,
        engaged_sessions: 2,
        key_events: 0,
        revenue: 0,
        engagement_rate: 0.5,
      },
    ]);
  });

  it('stg_ga4__traffic_daily maps (not set) to a null normalised tag, and reads source / medium from Explorations', async () => {
    const notSet = await warehouse.one(
      `select utm_content, utm_content_normalised from staging.stg_ga4__traffic_daily where utm_content = '(not set)' and grain = 'day'`,
    );
    expect(notSet).toEqual({ utm_content: '(not set)', utm_content_normalised: null });
    const explored = await warehouse.all(
      `select day::varchar as day, utm_source, utm_medium, sessions from staging.stg_ga4__traffic_daily where report_title = 'Free form 1' order by _source_line limit 2`,
    );
    expect(explored).toEqual([
      { day: '2025-10-01', utm_source: 'linkedin', utm_medium: 'employee_advocacy', sessions: 310 },
      { day: '2026-01-01', utm_source: 'linkedin', utm_medium: 'employee_advocacy', sessions: 120 },
    ]);
  });

  it('stg_ga4__landing_pages keeps the page, its path and its tags', async () => {
    const rows = await warehouse.all(
      `select page_path, utm_source, utm_source_normalised, utm_content_normalised, sessions, revenue, has_fbclid
       from staging.stg_ga4__landing_pages where utm_content_normalised is not null order by _source_line`,
    );
    expect(rows).toEqual([
      {
        page_path: '/karriere/',
        utm_source: 'linkedin',
        utm_source_normalised: 'linkedin',
        utm_content_normalised: 'amb-7f3k2',
        sessions: 84,
        revenue: 0,
        has_fbclid: false,
      },
      {
        page_path: '/karriere/',
        utm_source: 'LinkedIn',
        utm_source_normalised: 'linkedin',
        utm_content_normalised: 'amb-7f3k2',
        sessions: 6,
        revenue: 0,
        has_fbclid: false,
      },
      {
        page_path: '/blog/groen-omstilling',
        utm_source: 'facebook',
        utm_source_normalised: 'facebook',
        utm_content_normalised: 'amb-q81zd',
        sessions: 41,
        revenue: 0,
        has_fbclid: true,
      },
      {
        page_path: '/webinar',
        utm_source: 'linkedin',
        utm_source_normalised: 'linkedin',
        utm_content_normalised: 'amb-00x1a',
        sessions: 12,
        revenue: 1250,
        has_fbclid: false,
      },
    ]);
  });

  it('keeps the lineage: every staged row names its file and line', async () => {
    const row = await warehouse.one<{ files: number; missing: number }>(
      `select count(distinct _file_id)::integer as files, count(*) filter (where _source_line is null)::integer as missing from staging.stg_ga4__traffic_daily`,
    );
    expect(row).toEqual({ files: 3, missing: 0 });
  });
});
