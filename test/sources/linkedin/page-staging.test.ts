import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { itKeepsTheStagingConventions, stagingWarehouse } from '../../helpers/staging.ts';

const FIXTURES = [
  'nordlys-energi_followers_2026-09-01_2026-09-30.xls',
  'nordlys-energi_followers_2026-09-15_2026-10-14.xlsx',
  'nordlys-energi_followers_2026-10-01_2026-10-31.csv',
  'nordlys-energi_visitors_2026-09-01_2026-09-30.xlsx',
  'nordlys-energi_visitors_2026-10-01_2026-10-31.csv',
];
const MODELS = ['stg_linkedin__page_followers', 'stg_linkedin__page_visitors', 'stg_linkedin__page_audience_demographics'];

describe('models/staging/linkedin: the company Page followers and visitors exports', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('linkedin', FIXTURES, MODELS);
  });

  afterAll(() => warehouse?.close());

  itKeepsTheStagingConventions('linkedin', MODELS, () => warehouse);

  it('stg_linkedin__page_followers: every snapshot of a day, the gain by source, and the total from its parts when a file lacks it', async () => {
    expect(
      await warehouse.all(
        `select page_name, new_followers_sponsored, new_followers_organic, new_followers_auto_invited, new_followers_total, new_followers
       from staging.stg_linkedin__page_followers where activity_on = date '2026-09-15' order by _file_id`,
      ),
    ).toEqual([
      {
        page_name: 'nordlys-energi',
        new_followers_sponsored: 0,
        new_followers_organic: 21,
        new_followers_auto_invited: 2,
        new_followers_total: 23,
        new_followers: 23,
      },
      {
        page_name: 'nordlys-energi',
        new_followers_sponsored: 0,
        new_followers_organic: 22,
        new_followers_auto_invited: 2,
        new_followers_total: 24,
        new_followers: 24,
      },
    ]);
    await warehouse.run(
      `insert into raw.linkedin__page_followers (_file_id, _source_line, activity_on, sponsored_followers, organic_followers) values (999, 2, date '2026-11-01', 1, 4)`,
    );
    expect(await warehouse.one(`select new_followers_total, new_followers from staging.stg_linkedin__page_followers where _file_id = 999`)).toEqual({
      new_followers_total: null,
      new_followers: 5,
    });
    await warehouse.run(`delete from raw.linkedin__page_followers where _file_id = 999`);
  });

  it('stg_linkedin__page_visitors: long rows, the export’s all-sections total marked', async () => {
    expect(
      await warehouse.all(
        `select section, measure, device, value, is_all_sections from staging.stg_linkedin__page_visitors
       where activity_on = date '2026-10-02' and device = 'total' and measure = 'page_views' and section in ('overview', 'total') order by section`,
      ),
    ).toEqual([
      { section: 'overview', measure: 'page_views', device: 'total', value: 1351, is_all_sections: false },
      { section: 'total', measure: 'page_views', device: 'total', value: 1569, is_all_sections: true },
    ]);
  });

  it('stg_linkedin__page_audience_demographics: followers and visitors, each sheet a dimension, as of the export’s last day', async () => {
    expect(
      await warehouse.all(
        `select audience, dimension, as_of_on::varchar as as_of_on, count(*)::integer as segments, sum(coalesce(followers, page_views))::integer as counted
       from staging.stg_linkedin__page_audience_demographics where dimension in ('location', 'seniority') group by all order by all`,
      ),
    ).toEqual([
      { audience: 'followers', dimension: 'location', as_of_on: '2026-09-30', segments: 3, counted: 2002 },
      { audience: 'followers', dimension: 'location', as_of_on: '2026-10-14', segments: 2, counted: 1891 },
      { audience: 'followers', dimension: 'seniority', as_of_on: '2026-09-30', segments: 5, counted: 1151 },
      { audience: 'followers', dimension: 'seniority', as_of_on: '2026-10-14', segments: 2, counted: 1076 },
      { audience: 'visitors', dimension: 'location', as_of_on: '2026-09-30', segments: 2, counted: 535 },
      { audience: 'visitors', dimension: 'seniority', as_of_on: '2026-09-30', segments: 2, counted: 331 },
    ]);
  });
});
