import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { itKeepsTheStagingConventions, stagingWarehouse } from '../../helpers/staging.ts';

const FIXTURES = [
  'Aug-01-2026_Aug-31-2026_1039829308656930.csv',
  'Jan-01-2023_Jan-31-2023_1039829308656930.csv',
  'Facebook Insights Data Export (Post Level) - Nordlys Energi - 2015-11-01.csv',
  'Follows (1).csv',
  'Views (1).csv',
  'Audience.csv',
];
const MODELS = ['stg_facebook__page_posts', 'stg_facebook__insights_posts', 'stg_facebook__page_daily', 'stg_facebook__page_audience'];

describe('models/staging/facebook', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('facebook', FIXTURES, MODELS);
  });

  afterAll(() => warehouse?.close());

  itKeepsTheStagingConventions('facebook', MODELS, () => warehouse);

  it('stg_facebook__page_posts: Views and the older Impressions become impressions; the caption becomes post_text', async () => {
    const rows = await warehouse.all(
      `select post_id, posted_at::varchar as posted_at, post_type, impressions, reach, reactions, comments, shares, clicks, engagements, is_crosspost, post_text
       from staging.stg_facebook__page_posts where post_id in ('12215893428700102', '11998765432100001') order by posted_at`,
    );
    expect(rows).toEqual([
      {
        post_id: '11998765432100001',
        posted_at: '2023-01-02 09:00:00',
        post_type: 'photos',
        impressions: 4100,
        reach: 3300,
        reactions: 100,
        comments: 12,
        shares: 8,
        clicks: 60,
        engagements: 120,
        is_crosspost: false,
        post_text: 'Godt nytår fra alle os i Nordlys Energi',
      },
      {
        post_id: '12215893428700102',
        posted_at: '2026-08-07 14:40:00',
        post_type: 'reels',
        impressions: 22000,
        reach: 15010,
        reactions: 860,
        comments: 44,
        shares: 26,
        clicks: 310,
        engagements: 930,
        is_crosspost: false,
        post_text: 'Vindmøller, forklaret på 60 sekunder ⚡',
      },
    ]);
  });

  it('stg_facebook__insights_posts: the legacy export in the same canonical names', async () => {
    const row = await warehouse.one(
      `select page_id, post_type, posted_at::varchar as posted_at, impressions, reach, reactions, comments, shares from staging.stg_facebook__insights_posts where post_id = '286091638153001_1027488210680001'`,
    );
    expect(row).toEqual({
      page_id: '286091638153001',
      post_type: 'link',
      posted_at: '2015-10-01 19:00:00',
      impressions: 2840,
      reach: 1910,
      reactions: 41,
      comments: 3,
      shares: 5,
    });
  });

  it('stg_facebook__page_daily: one row per metric and day, with a short metric name', async () => {
    const rows = await warehouse.all(
      `select metric, activity_on::varchar as day, value from staging.stg_facebook__page_daily where activity_on = date '2026-08-02' order by metric`,
    );
    expect(rows).toEqual([
      { metric: 'follows', day: '2026-08-02', value: 7 },
      { metric: 'views', day: '2026-08-02', value: 3992 },
    ]);
  });

  it('stg_facebook__page_audience: one row per block and dimension; a ranking is over all followers', async () => {
    const rows = await warehouse.all(
      `select block, dimension, breakdown, value, value_kind from staging.stg_facebook__page_audience
       where (block = 'age_gender' and dimension = '65+') or (block in ('top_cities', 'top_pages') and _source_line in (13, 21) and dimension in ('Aarhus, Denmark', 'Ørsted'))
       order by block, breakdown`,
    );
    expect(rows).toEqual([
      { block: 'age_gender', dimension: '65+', breakdown: 'Men', value: 0.08, value_kind: 'share' },
      { block: 'age_gender', dimension: '65+', breakdown: 'Women', value: 0.061, value_kind: 'share' },
      { block: 'top_cities', dimension: 'Aarhus, Denmark', breakdown: 'all', value: 0.093, value_kind: 'share' },
      { block: 'top_pages', dimension: 'Ørsted', breakdown: 'all', value: 131.52, value_kind: 'score' },
    ]);
  });
});
