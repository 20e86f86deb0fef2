import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { itKeepsTheStagingConventions, stagingWarehouse } from '../../helpers/staging.ts';

const FIXTURES = [
  'A004/Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx',
  'AggregateAnalytics_Jens Hansen_2026-10-01_2026-10-31.xlsx',
  'A005/Content_2026-08-01_2026-08-31_Peter Nielsen.csv',
  'A005/ENGAGEMENT.csv',
  'A005/DEMOGRAPHICS.csv',
  'A004/PostAnalytics_Mette Larsen, MBA_7371432207001234567.xlsx',
  'SinglePostAnalytics_Jens Hansen_7426000000000009999.xlsx',
  'A002/Shares.csv',
  'A003/Shares.csv',
  'nordlys-energi_content_2026-09-01_2026-09-30.xlsx',
  'nordlys-energi_content_2025-01-01_2025-03-31.xls',
  'nordlys-energi_content_2026-10-01_2026-10-31.csv',
];
const MODELS = [
  'stg_linkedin__member_posts',
  'stg_linkedin__member_daily',
  'stg_linkedin__member_discovery',
  'stg_linkedin__member_followers',
  'stg_linkedin__member_shares',
  'stg_linkedin__member_demographics',
  'stg_linkedin__member_post_analytics',
  'stg_linkedin__page_posts',
  'stg_linkedin__page_daily',
];

describe('models/staging/linkedin', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('linkedin', FIXTURES, MODELS);
  });

  afterAll(() => warehouse?.close());

  itKeepsTheStagingConventions('linkedin', MODELS, () => warehouse);

  it('stg_linkedin__member_posts: one row per post, canonical names, null (not 0) for the other table’s metric', async () => {
    const rows = await warehouse.all(
      `select post_id, posted_on::varchar as posted_on, impressions, engagements, member_name, member_name_normalised, folder_name, is_article
       from staging.stg_linkedin__member_posts where folder_name = 'A004' order by post_id limit 3`,
    );
    expect(rows).toEqual([
      {
        post_id: '7371432206977761283',
        posted_on: '2026-09-02',
        impressions: 3100,
        engagements: 52,
        member_name: 'Mette Larsen, MBA',
        member_name_normalised: 'mette larsen, mba',
        folder_name: 'A004',
        is_article: false,
      },
      {
        post_id: '7376200661669072897',
        posted_on: '2026-09-12',
        impressions: 4210,
        engagements: 31,
        member_name: 'Mette Larsen, MBA',
        member_name_normalised: 'mette larsen, mba',
        folder_name: 'A004',
        is_article: false,
      },
      {
        post_id: '7380867006855626752',
        posted_on: '2026-09-03',
        impressions: 640,
        engagements: 12,
        member_name: 'Mette Larsen, MBA',
        member_name_normalised: 'mette larsen, mba',
        folder_name: 'A004',
        is_article: false,
      },
    ]);
    const article = await warehouse.one(`select impressions, engagements, is_article from staging.stg_linkedin__member_posts where post_id is null`);
    expect(article).toEqual({ impressions: null, engagements: 5, is_article: true });
  });

  it('stg_linkedin__member_daily: both layouts, with engagements_total from the parts when only they are given', async () => {
    const rows = await warehouse.all(
      `select member_name, folder_name, activity_on::varchar as day, impressions, engagements, shares, engagements_total
       from staging.stg_linkedin__member_daily where activity_on in (date '2026-09-12', date '2026-10-01', date '2026-08-04') order by activity_on`,
    );
    expect(rows).toEqual([
      { member_name: null, folder_name: 'A005', day: '2026-08-04', impressions: 990, engagements: 21, shares: null, engagements_total: 21 },
      { member_name: 'Mette Larsen, MBA', folder_name: 'A004', day: '2026-09-12', impressions: 3012, engagements: 51, shares: null, engagements_total: 51 },
      { member_name: 'Jens Hansen', folder_name: 'inbox', day: '2026-10-01', impressions: 400, engagements: null, shares: 1, engagements_total: 21 },
    ]);
  });

  it('stg_linkedin__member_discovery and stg_linkedin__member_followers: one summary per file, follower days with the total', async () => {
    expect(
      await warehouse.all(
        `select member_name, period_start::varchar as period_start, impressions, members_reached from staging.stg_linkedin__member_discovery order by period_start`,
      ),
    ).toEqual([
      { member_name: 'Mette Larsen, MBA', period_start: '2026-09-01', impressions: 9480, members_reached: 2104 },
      { member_name: 'Jens Hansen', period_start: '2026-10-01', impressions: 1520, members_reached: 811 },
    ]);
    expect(
      await warehouse.one(
        `select new_followers, total_followers, total_followers_on::varchar as total_on from staging.stg_linkedin__member_followers where activity_on = date '2026-09-02'`,
      ),
    ).toEqual({
      new_followers: 11,
      total_followers: 1284,
      total_on: '2026-09-30',
    });
  });

  it('stg_linkedin__member_shares: posts from the archive with their text, UTC time and media count', async () => {
    const rows = await warehouse.all(
      `select folder_name, post_id, posted_at::varchar as posted_at, media_count, is_plain_repost, visibility
       from staging.stg_linkedin__member_shares where folder_name = 'A002' order by posted_at`,
    );
    expect(rows[0]).toEqual({
      folder_name: 'A002',
      post_id: '7368000000000000001',
      posted_at: '2025-09-01 07:30:12',
      media_count: 3,
      is_plain_repost: false,
      visibility: 'member_network',
    });
    expect(rows.filter((row) => row.is_plain_repost)).toHaveLength(1);
    const text = await warehouse.one<{ post_text: string }>(`select post_text from staging.stg_linkedin__member_shares where post_id = '7370000000000000003'`);
    expect(text!.post_text.split('\n')).toHaveLength(3);
  });

  it('stg_linkedin__member_demographics: every section of every member’s demographics, as of the period’s end, with share bounds', async () => {
    const rows = await warehouse.all(
      `select folder_name, member_name_normalised, section, count(*)::integer as rows, any_value(as_of)::varchar as as_of
       from staging.stg_linkedin__member_demographics group by all order by folder_name, section`,
    );
    expect(rows).toEqual([
      { folder_name: 'A004', member_name_normalised: 'mette larsen, mba', section: 'audience', rows: 7, as_of: '2026-09-30' },
      { folder_name: 'A005', member_name_normalised: null, section: 'audience', rows: 5, as_of: null },
      { folder_name: 'inbox', member_name_normalised: 'jens hansen', section: 'audience', rows: 5, as_of: '2026-10-31' },
      { folder_name: 'inbox', member_name_normalised: 'jens hansen', section: 'content', rows: 3, as_of: '2026-10-31' },
    ]);
    expect(
      await warehouse.one(
        `select dimension, share_low, share_high, share_label, is_share_exact from staging.stg_linkedin__member_demographics where value = 'Kystvind ApS'`,
      ),
    ).toEqual({
      dimension: 'company',
      share_low: 0,
      share_high: 0.01,
      share_label: '< 1%',
      is_share_exact: false,
    });
  });

  it('stg_linkedin__member_post_analytics: one row per single-post export, canonical names, engagements from the parts when the total is missing', async () => {
    const rows = await warehouse.all(
      `select post_id, posted_on::varchar as posted_on, posted_time::varchar as posted_time, impressions, members_reached, shares, clicks, social_engagements, engagements, is_article
       from staging.stg_linkedin__member_post_analytics order by posted_on`,
    );
    expect(rows).toEqual([
      {
        post_id: '7371432206977761283',
        posted_on: '2026-09-02',
        posted_time: '08:15:00',
        impressions: 3480,
        members_reached: 2011,
        shares: 3,
        clicks: null,
        social_engagements: null,
        engagements: 65,
        is_article: false,
      },
      {
        post_id: '7426000000000000002',
        posted_on: '2026-10-15',
        posted_time: '16:05:00',
        impressions: 1204,
        members_reached: 733,
        shares: 1,
        clicks: 9,
        social_engagements: 31,
        engagements: 31,
        is_article: false,
      },
    ]);
  });

  it('stg_linkedin__page_posts and stg_linkedin__page_daily: company posts of both generations and the daily triples', async () => {
    const posts = await warehouse.all(
      `select post_id, posted_on::varchar as posted_on, post_type, is_sponsored, impressions, reactions, shares, engagement_rate
       from staging.stg_linkedin__page_posts where post_id in ('7282000000000000002', '7371000000000000011') order by posted_on`,
    );
    expect(posts).toEqual([
      {
        post_id: '7282000000000000002',
        posted_on: '2025-01-07',
        post_type: 'sponsored',
        is_sponsored: true,
        impressions: 15400,
        reactions: 120,
        shares: 9,
        engagement_rate: 0.0354,
      },
      {
        post_id: '7371000000000000011',
        posted_on: '2026-09-01',
        post_type: 'organic',
        is_sponsored: false,
        impressions: 5120,
        reactions: 96,
        shares: 8,
        engagement_rate: expect.closeTo(0.0614, 10),
      },
    ]);
    const days = await warehouse.all(
      `select activity_on::varchar as day, impressions, shares_total from staging.stg_linkedin__page_daily order by activity_on limit 2`,
    );
    expect(days).toEqual([
      { day: '2025-01-06', impressions: 800, shares_total: 3 },
      { day: '2025-01-07', impressions: 750, shares_total: 1 },
    ]);
  });
});

const PAGE_FIXTURES = [
  'nordlys-energi_followers_2026-09-01_2026-09-30.xls',
  'nordlys-energi_followers_2026-09-15_2026-10-14.xlsx',
  'nordlys-energi_followers_2026-10-01_2026-10-31.csv',
  'nordlys-energi_visitors_2026-09-01_2026-09-30.xlsx',
  'nordlys-energi_visitors_2026-10-01_2026-10-31.csv',
];
const PAGE_MODELS = ['stg_linkedin__page_followers', 'stg_linkedin__page_visitors', 'stg_linkedin__page_audience_demographics'];

describe('models/staging/linkedin: the company Page followers and visitors exports', () => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await stagingWarehouse('linkedin', PAGE_FIXTURES, PAGE_MODELS);
  });

  afterAll(() => warehouse?.close());

  itKeepsTheStagingConventions('linkedin', PAGE_MODELS, () => warehouse);

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
