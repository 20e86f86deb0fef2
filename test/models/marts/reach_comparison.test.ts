import { describe, expect, it } from 'vitest';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

const INPUTS = [
  'core.posts',
  'core.ambassador_daily_reach',
  'core.ambassadors',
  'core.ambassador_aliases',
  'staging.stg_linkedin__page_posts',
  'staging.stg_linkedin__member_followers',
  'staging.stg_linkedin__member_discovery',
  'staging.stg_linkedin__page_daily',
];

/** The inputs' tables, as the models upstream make them. */
const TABLES = `create schema if not exists core; create schema if not exists staging;
  create table core.posts (post_key varchar, owner varchar, ambassador_id varchar, platform varchar, posted_on date,
    impressions double, engagements double, reach double, reactions double, comments double, shares double, metrics_counted_in varchar);
  create table core.ambassador_daily_reach (ambassador_id varchar, day date, impressions double, engagements double, clicks double);
  create table core.ambassadors (ambassador_id varchar);
  create table core.ambassador_aliases (alias_key varchar, ambassador_id varchar);
  create table staging.stg_linkedin__page_posts (post_id varchar, post_url varchar, is_sponsored boolean);
  create table staging.stg_linkedin__member_followers (_file_id integer, folder_name varchar, member_name varchar,
    activity_on date, new_followers integer, total_followers integer, total_followers_on date);
  create table staging.stg_linkedin__member_discovery (_file_id integer, _source_line integer, folder_name varchar, member_name varchar,
    period_start date, period_end date, members_reached integer);
  create table staging.stg_linkedin__page_daily (_file_id integer, _source_line integer, activity_on date, unique_impressions_organic integer);`;

describe('models/marts/reach_comparison', () => {
  it('sets the ambassadors beside the company page: realised impressions, potential reach, and people reached as bounds', async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(TABLES);
      await warehouse.append('core', 'ambassadors', [['A1'], ['A2']]);
      await warehouse.append(
        'core',
        'posts',
        [
          ['linkedin:1', 'ambassador', 'A1', 'linkedin', day('2026-03-02'), 1000, 30, null],
          ['linkedin:2', 'ambassador', 'A2', 'linkedin', day('2026-03-03'), 3000, 60, null],
          ['facebook:3', 'ambassador', 'A2', 'facebook', day('2026-03-04'), null, null, null],
          ['linkedin:4', 'company', null, 'linkedin', day('2026-03-02'), 500, 20, null],
          ['linkedin:5', 'company', null, 'linkedin', day('2026-03-05'), 9000, 90, null],
          ['facebook:6', 'company', null, 'facebook', day('2026-03-03'), 400, 12, 300],
          ['facebook:7', 'company', null, 'facebook', day('2026-03-04'), 200, 8, 150],
        ].map((post) => [...post, null, null, null, 'post_metrics']),
      );
      // Post 5 is sponsored: not organic.
      await warehouse.append('staging', 'stg_linkedin__page_posts', [
        ['4', null, false],
        ['5', null, true],
      ]);
      // A1 had 500 followers at the end of 3 March, gaining 10 on 3 March and 5 on 4 March.
      await warehouse.append('staging', 'stg_linkedin__member_followers', [
        [1, 'A1', 'Ane', day('2026-03-01'), 0, 505, day('2026-03-04')],
        [1, 'A1', 'Ane', day('2026-03-02'), 0, 505, day('2026-03-04')],
        [1, 'A1', 'Ane', day('2026-03-03'), 10, 505, day('2026-03-04')],
        [1, 'A1', 'Ane', day('2026-03-04'), 5, 505, day('2026-03-04')],
      ]);
      await warehouse.append('staging', 'stg_linkedin__member_discovery', [
        [1, 1, 'A1', 'Ane', day('2026-03-01'), day('2026-03-31'), 700],
        [2, 1, 'A2', 'Bo', day('2026-03-01'), day('2026-03-31'), 2100],
      ]);
      await warehouse.append(
        'staging',
        'stg_linkedin__page_daily',
        Array.from({ length: 31 }, (_, index) => [1, index, new Date(Date.UTC(2026, 2, index + 1)), index === 1 ? 400 : 10]),
      );
      await buildModels(warehouse, testConfig(), ['core.ambassador_impressions_daily', 'marts.reach_comparison'], INPUTS);

      const rows = await warehouse.all<{
        period: string;
        platform: string;
        measure: string;
        ambassadors_value: number | null;
        company_page_value: number | null;
        is_people_count: boolean;
        label: string;
      }>(`select period, platform, measure, ambassadors_value, company_page_value, is_people_count, label from marts.reach_comparison`);
      const find = (period: string, platform: string, measure: string) =>
        rows.find((row) => row.period === period && row.platform === platform && row.measure === measure);
      expect(find('month', 'linkedin', 'impressions')).toMatchObject({ ambassadors_value: 4000, company_page_value: 500 });
      expect(find('month', 'all', 'posts')).toMatchObject({ ambassadors_value: 3, company_page_value: 3 });
      expect(find('month', 'facebook', 'posts_with_impressions')).toMatchObject({ ambassadors_value: 0, company_page_value: 2 });
      // Followers at the end of the share day: 505 - 5 - 10 = 490 on 2 March.
      expect(find('month', 'linkedin', 'potential_reach')).toMatchObject({ ambassadors_value: 490, company_page_value: null });
      expect(find('month', 'linkedin', 'potential_reach')!.label).toMatch(/^Potential reach/);
      // People: the largest single figure and the sum, never one number.
      expect(find('export_window', 'linkedin', 'members_reached_at_least')).toMatchObject({
        ambassadors_value: 2100,
        company_page_value: 400,
        is_people_count: true,
      });
      expect(find('export_window', 'linkedin', 'members_reached_at_most')).toMatchObject({ ambassadors_value: 2800, company_page_value: 700 });
      expect(find('month', 'facebook', 'members_reached_at_most')).toMatchObject({ ambassadors_value: null, company_page_value: 450 });
      expect(find('month', 'all', 'members_reached_at_most')).toBeUndefined();
    });
  });

  it('“impressions” is one number: the ambassadors’ are their daily series on the days it covers, and a post’s own figure only outside them', async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(TABLES);
      await warehouse.append('core', 'ambassadors', [['A1'], ['A2']]);
      // A1's series covers 1 to 10 March: 100 impressions and 4 engagements a day, shown in March and April alike
      await warehouse.append('core', 'ambassador_daily_reach', [
        ...Array.from({ length: 10 }, (_, index) => ['A1', new Date(Date.UTC(2026, 2, index + 1)), 100, 4, null]),
        ['A1', day('2026-04-02'), 50, 1, null],
      ]);
      await warehouse.append('core', 'posts', [
        // inside A1's series: its own 800 are the series' already
        ['linkedin:1', 'ambassador', 'A1', 'linkedin', day('2026-03-02'), 800, 30, null, null, null, null, 'daily_series'],
        // A2 has no series: the post's own figures count
        ['linkedin:2', 'ambassador', 'A2', 'linkedin', day('2026-03-03'), 3000, 60, null, null, null, null, 'post_metrics'],
        ['linkedin:4', 'company', null, 'linkedin', day('2026-03-02'), 500, 20, null, null, null, null, 'post_metrics'],
      ]);
      await buildModels(warehouse, testConfig(), ['core.ambassador_impressions_daily', 'marts.reach_comparison'], INPUTS);

      const measures = await warehouse.all(
        `select strftime(period_start, '%Y-%m') as month, measure, ambassadors_value, company_page_value from marts.reach_comparison
         where period = 'month' and platform = 'linkedin' and measure in ('posts', 'posts_with_impressions', 'impressions', 'impressions_per_post', 'engagements')
         order by month, measure`,
      );
      expect(measures).toEqual([
        { month: '2026-03', measure: 'engagements', ambassadors_value: 40 + 60, company_page_value: 20 },
        { month: '2026-03', measure: 'impressions', ambassadors_value: 1000 + 3000, company_page_value: 500 },
        { month: '2026-03', measure: 'impressions_per_post', ambassadors_value: 2000, company_page_value: 500 },
        { month: '2026-03', measure: 'posts', ambassadors_value: 2, company_page_value: 1 },
        { month: '2026-03', measure: 'posts_with_impressions', ambassadors_value: 2, company_page_value: 1 },
        { month: '2026-04', measure: 'engagements', ambassadors_value: 1, company_page_value: null },
        { month: '2026-04', measure: 'impressions', ambassadors_value: 50, company_page_value: null },
        { month: '2026-04', measure: 'posts', ambassadors_value: 0, company_page_value: null },
        { month: '2026-04', measure: 'posts_with_impressions', ambassadors_value: 0, company_page_value: null },
      ]);
    });
  });
});
