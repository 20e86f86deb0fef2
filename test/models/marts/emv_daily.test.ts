import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../pipelines/build.ts';
import type { ConfigInput } from '../../../pipelines/config.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { discoverModels } from '../../../models/runner.ts';
import { buildProgramFiles } from '../../helpers/program-files.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const INPUTS = ['core.posts', 'core.ambassador_daily_reach', 'core.sessions_daily'];

/** An ambassador's LinkedIn post (impressions and total engagements only, as the member export gives) and a company page post. */
async function setUp(warehouse: Warehouse, days: string[]): Promise<void> {
  await warehouse.run(`create schema if not exists core;
    create or replace table core.posts (post_key varchar, platform varchar, owner varchar, ambassador_id varchar, posted_on date,
      impressions double, reactions double, comments double, shares double, clicks double, engagements double, metrics_counted_in varchar);
    create or replace table core.ambassador_daily_reach (ambassador_id varchar, day date, impressions double, engagements double, clicks double);
    create or replace table core.sessions_daily (day date, platform varchar, ambassador_id varchar, sessions bigint);`);
  await warehouse.append(
    'core',
    'posts',
    days.flatMap((day, index) => [
      [`a${index}`, 'linkedin', 'ambassador', 'A1', new Date(`${day}T00:00:00Z`), 1000, null, null, null, null, 40, 'post_metrics'],
      [`c${index}`, 'linkedin', 'company', null, new Date(`${day}T00:00:00Z`), 2000, 10, 2, 1, 5, 18, 'post_metrics'],
    ]),
  );
  // Two sessions from A1's LinkedIn links, one from a source that names no platform.
  await warehouse.append(
    'core',
    'sessions_daily',
    days.flatMap((day) => [
      [new Date(`${day}T00:00:00Z`), 'linkedin', 'A1', 2],
      [new Date(`${day}T00:00:00Z`), null, 'A1', 1],
    ]),
  );
}

async function buildEmv(warehouse: Warehouse, rates: NonNullable<ConfigInput['emv']>['rates'], revalueEmv = false): Promise<void> {
  const models = (await discoverModels()).filter((model) =>
    ['core.ambassador_impressions_daily', 'marts.emv_daily', 'marts.emv_rate_changes'].includes(model.id),
  );
  await build(warehouse, testConfig({ emv: { rates } }), { runId: null, log: memoryLogger(), models, inputs: INPUTS, revalueEmv });
}

interface EmvRow {
  day: string;
  owner: string;
  metric: string;
  quantity: number;
  rate: number | null;
  config_rate: number | null;
  is_rate_outdated: boolean;
  emv: number | null;
}

async function rows(warehouse: Warehouse, where = 'true'): Promise<EmvRow[]> {
  return warehouse.all<EmvRow>(`select strftime(day, '%Y-%m-%d') as day, owner, metric, quantity, rate, config_rate, is_rate_outdated, emv
    from marts.emv_daily where ${where} order by day, owner, metric`);
}

const BASE = [
  { platform: 'linkedin' as const, metric: 'impressions' as const, rate: 60 },
  { platform: 'linkedin' as const, metric: 'clicks' as const, rate: 12 },
  { platform: 'linkedin' as const, metric: 'reactions' as const, rate: 3 },
  { platform: 'linkedin' as const, metric: 'comments' as const, rate: 8 },
  { platform: 'linkedin' as const, metric: 'shares' as const, rate: 12 },
];

describe('models/marts/emv_daily', () => {
  it('values each metric at its rate (CPM per 1,000), with total engagements at the reactions rate and tracked visits as clicks', async () => {
    await withWarehouse(async (warehouse) => {
      await setUp(warehouse, ['2026-05-04']);
      await buildEmv(warehouse, BASE);
      const ambassador = await rows(warehouse, `owner = 'ambassador'`);
      expect(ambassador.map((row) => [row.metric, row.quantity, row.emv])).toEqual([
        ['clicks', 2, 24],
        ['engagements', 40, 120],
        ['impressions', 1000, 60],
      ]);
      const company = await rows(warehouse, `owner = 'company'`);
      expect(company.map((row) => [row.metric, row.emv])).toEqual([
        ['clicks', 60],
        ['comments', 16],
        ['impressions', 120],
        ['reactions', 30],
        ['shares', 12],
      ]);
    });
  });

  it('applies a rate change from its date on, and keeps the rate a day was valued at until it is re-valued', async () => {
    await withWarehouse(async (warehouse) => {
      await setUp(warehouse, ['2026-05-31', '2026-06-01']);
      const withJuneRate = [...BASE, { platform: 'linkedin' as const, metric: 'impressions' as const, rate: 80, valid_from: '2026-06-01' }];
      await buildEmv(warehouse, withJuneRate);
      const impressions = `owner = 'ambassador' and metric = 'impressions'`;
      expect((await rows(warehouse, impressions)).map((row) => [row.day, row.rate, row.emv])).toEqual([
        ['2026-05-31', 60, 60],
        ['2026-06-01', 80, 80],
      ]);

      // The config's June rate is edited to 100: history keeps 80, and says the config differs.
      const edited = [...BASE, { platform: 'linkedin' as const, metric: 'impressions' as const, rate: 100, valid_from: '2026-06-01' }];
      await buildEmv(warehouse, edited);
      expect((await rows(warehouse, impressions)).map((row) => [row.day, row.rate, row.config_rate, row.is_rate_outdated, row.emv])).toEqual([
        ['2026-05-31', 60, 60, false, 60],
        ['2026-06-01', 80, 100, true, 80],
      ]);

      // A day valued for the first time takes the config's rate in force.
      await warehouse.append('core', 'posts', [
        ['a9', 'linkedin', 'ambassador', 'A1', new Date('2026-06-02T00:00:00Z'), 1000, null, null, null, null, null, 'post_metrics'],
      ]);
      await buildEmv(warehouse, edited);
      expect((await rows(warehouse, `${impressions} and day = '2026-06-02'`)).map((row) => [row.rate, row.emv])).toEqual([[100, 100]]);

      // Re-valuing on purpose values all of history at the config's rates.
      await buildEmv(warehouse, edited, true);
      expect((await rows(warehouse, impressions)).map((row) => [row.day, row.rate, row.is_rate_outdated, row.emv])).toEqual([
        ['2026-05-31', 60, false, 60],
        ['2026-06-01', 100, false, 100],
        ['2026-06-02', 100, false, 100],
      ]);
    });
  });

  it('lists where the config’s rates differ from those applied to past days: days, and the EMV at either rate', async () => {
    await withWarehouse(async (warehouse) => {
      await setUp(warehouse, ['2026-05-31', '2026-06-01']);
      const juneImpressions = (rate: number) => ({ platform: 'linkedin' as const, metric: 'impressions' as const, rate, valid_from: '2026-06-01' });
      await buildEmv(warehouse, [...BASE, juneImpressions(80)]);
      const changes = () =>
        warehouse.all(`select platform, metric, rate_unit, applied_rate, applied_currency, config_rate, config_currency, days,
          strftime(first_day, '%Y-%m-%d') as first_day, strftime(last_day, '%Y-%m-%d') as last_day, emv_applied, emv_at_config_rate, emv_difference
        from marts.emv_rate_changes order by platform, metric`);
      expect(await changes()).toEqual([]);

      // June's CPM edited to 100, the CPC to 10, and the comments rate dropped.
      const edited = [
        ...BASE.filter((rate) => rate.metric !== 'comments').map((rate) => (rate.metric === 'clicks' ? { ...rate, rate: 10 } : rate)),
        juneImpressions(100),
      ];
      await buildEmv(warehouse, edited);
      expect(await changes()).toEqual([
        // 2 tracked LinkedIn visits and the page's 5 clicks a day, 2 days: 14 clicks at 12 (168) against 10 (140)
        {
          platform: 'linkedin',
          metric: 'clicks',
          rate_unit: 'per_unit',
          applied_rate: 12,
          applied_currency: 'DKK',
          config_rate: 10,
          config_currency: 'DKK',
          days: 2,
          first_day: '2026-05-31',
          last_day: '2026-06-01',
          emv_applied: 168,
          emv_at_config_rate: 140,
          emv_difference: -28,
        },
        // the page's 2 comments a day at 8: no rate in the config now, so re-valued they would be worth nothing
        {
          platform: 'linkedin',
          metric: 'comments',
          rate_unit: 'per_unit',
          applied_rate: 8,
          applied_currency: 'DKK',
          config_rate: null,
          config_currency: null,
          days: 2,
          first_day: '2026-05-31',
          last_day: '2026-06-01',
          emv_applied: 32,
          emv_at_config_rate: 0,
          emv_difference: -32,
        },
        // 1 June: the ambassador's 1,000 and the page's 2,000 impressions at a CPM of 80 (240) against 100 (300)
        {
          platform: 'linkedin',
          metric: 'impressions',
          rate_unit: 'per_1000',
          applied_rate: 80,
          applied_currency: 'DKK',
          config_rate: 100,
          config_currency: 'DKK',
          days: 1,
          first_day: '2026-06-01',
          last_day: '2026-06-01',
          emv_applied: 240,
          emv_at_config_rate: 300,
          emv_difference: 60,
        },
      ]);

      await buildEmv(warehouse, edited, true);
      expect(await changes()).toEqual([]);
    });
  });

  it('leaves a day with no rate in force unvalued (null, not 0)', async () => {
    await withWarehouse(async (warehouse) => {
      await setUp(warehouse, ['2026-05-04']);
      await buildEmv(warehouse, [{ platform: 'linkedin', metric: 'impressions', rate: 60, valid_from: '2026-06-01' }]);
      const impressions = await rows(warehouse, `owner = 'ambassador' and metric = 'impressions'`);
      expect(impressions.map((row) => [row.rate, row.emv])).toEqual([[null, null]]);
      expect(await warehouse.one<{ n: number }>(`select count(*)::integer as n from meta.emv_rates_applied`)).toEqual({ n: 0 });
    });
  });
});

describe('“impressions” is one number: EMV, the program’s impressions and the reach comparison count the same ambassadors’ impressions', () => {
  const TOP_POSTS_HEADER = 'Post URL,Post publish date,Engagements,,Post URL,Post publish date,Impressions';
  const post = (id: number) => `https://www.linkedin.com/feed/update/urn:li:activity:73714322069777${id}/`;
  const mdy = (day: number) => `9/${day}/2026`;
  /** Søren's LinkedIn daily series for September: 100 + the day impressions and 3 engagements a day. */
  const SEPTEMBER_SERIES = ['Date,Impressions,Engagements', ...Array.from({ length: 30 }, (_, index) => `${mdy(index + 1)},${101 + index},3`)].join('\n');
  const FILES: Record<string, string> = {
    'ambassadors.csv': ['ambassador_id,name,joined_on,utm_code', 'A001,Søren Kjærgaard,2026-08-01,amb-7f3k2', 'A002,Åse Mølgaard,2026-08-01,amb-q81zd'].join(
      '\n',
    ),
    // Søren: August's TOP POSTS alone (a post before his daily series), September's with its daily series
    'Content_2026-08-01_2026-08-31_Søren Kjærgaard.csv': [TOP_POSTS_HEADER, `${post(10)},8/28/2026,9,,${post(10)},8/28/2026,700`].join('\n'),
    'Content_2026-09-01_2026-09-30_Søren Kjærgaard.csv': [TOP_POSTS_HEADER, `${post(11)},9/5/2026,40,,${post(11)},9/5/2026,2500`].join('\n'),
    'AggregateAnalytics_Søren Kjærgaard_2026-09-01_2026-09-30.csv': SEPTEMBER_SERIES,
    // Åse: TOP POSTS only, no daily series
    'Content_2026-09-01_2026-09-30_Åse Mølgaard.csv': [TOP_POSTS_HEADER, `${post(12)},9/10/2026,25,,${post(12)},9/10/2026,1800`].join('\n'),
  };
  const seriesImpressions = Array.from({ length: 30 }, (_, index) => 101 + index).reduce((sum, value) => sum + value, 0);

  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await buildProgramFiles(FILES, {}, undefined, ['marts.emv_daily', 'marts.program_summary', 'marts.reach_comparison']);
  });
  afterAll(() => warehouse?.close());

  it('counts the daily series where it covers an ambassador’s days, each post’s own figures elsewhere, never both', async () => {
    expect(
      await warehouse.all(
        `select ambassador_id, quantity_source, metric, sum(quantity) as quantity, count(*)::integer as days, min(day)::varchar as first_day, max(day)::varchar as last_day
         from marts.emv_daily where owner = 'ambassador' and metric in ('impressions', 'engagements') group by all order by all`,
      ),
    ).toEqual([
      // Søren's 5 September post (2,500) lies inside his series and adds nothing; his 28 August post counts on its day
      {
        ambassador_id: 'A001',
        quantity_source: 'daily_series',
        metric: 'engagements',
        quantity: 90,
        days: 30,
        first_day: '2026-09-01',
        last_day: '2026-09-30',
      },
      {
        ambassador_id: 'A001',
        quantity_source: 'daily_series',
        metric: 'impressions',
        quantity: seriesImpressions,
        days: 30,
        first_day: '2026-09-01',
        last_day: '2026-09-30',
      },
      { ambassador_id: 'A001', quantity_source: 'post_metrics', metric: 'engagements', quantity: 9, days: 1, first_day: '2026-08-28', last_day: '2026-08-28' },
      {
        ambassador_id: 'A001',
        quantity_source: 'post_metrics',
        metric: 'impressions',
        quantity: 700,
        days: 1,
        first_day: '2026-08-28',
        last_day: '2026-08-28',
      },
      { ambassador_id: 'A002', quantity_source: 'post_metrics', metric: 'engagements', quantity: 25, days: 1, first_day: '2026-09-10', last_day: '2026-09-10' },
      {
        ambassador_id: 'A002',
        quantity_source: 'post_metrics',
        metric: 'impressions',
        quantity: 1800,
        days: 1,
        first_day: '2026-09-10',
        last_day: '2026-09-10',
      },
    ]);
  });

  it('the impressions EMV values are the program’s impressions figure, and the reach comparison’s for the same months', async () => {
    const total = seriesImpressions + 700 + 1800;
    expect(await warehouse.one(`select impressions, engagements from marts.program_summary`)).toEqual({ impressions: total, engagements: 90 + 9 + 25 });
    expect(await warehouse.one(`select sum(quantity) as impressions from marts.emv_daily where owner = 'ambassador' and metric = 'impressions'`)).toEqual({
      impressions: total,
    });
    expect(
      await warehouse.all(
        `select strftime(period_start, '%Y-%m') as month, ambassadors_value as impressions from marts.reach_comparison
         where period = 'month' and platform = 'all' and measure = 'impressions' order by month`,
      ),
    ).toEqual([
      { month: '2026-08', impressions: 700 },
      { month: '2026-09', impressions: seriesImpressions + 1800 },
    ]);
    expect(
      await warehouse.one(
        `select ambassadors_value as impressions from marts.reach_comparison where period = 'program' and platform = 'all' and measure = 'impressions'`,
      ),
    ).toEqual({ impressions: total });
  });
});
