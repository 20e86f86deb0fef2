import { describe, expect, it } from 'vitest';
import { buildModels } from '../../helpers/models.ts';
import { sharedWarehouse } from '../../helpers/shared-warehouse.ts';
import { addLocalDay, testConfig } from '../../helpers/warehouse.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import type { ComponentColumns } from '../../../models/lib/statistics/roi-table.ts';
import { COMPONENTS_QUERY, roiRowsOfScopes } from '../../../models/marts/roi_by_period.model.ts';

const MODELS = ['marts.roi_by_period', 'marts.roi_by_group'];
const INPUTS = [
  'staging.stg_program__costs',
  'core.ambassadors',
  'core.trainings',
  'core.posts',
  'core.touchpoints',
  'marts.emv_daily',
  'marts.attribution_credits',
];

const day = (text: string) => new Date(`${text}T00:00:00Z`);

/**
 * Three ambassadors enrolled from 1 January (L leads A1 and A2); activity until 28 February.
 * Costs: a kick-off before anyone joined, January's licence and recorded time, a training
 * in February that A2 took, A1's gift card, a licence spanning February and March, and a
 * line in euros.
 */
async function setUp(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`create schema if not exists core; create schema if not exists staging; create schema if not exists marts;
    create table staging.stg_program__costs (_file_id integer, _source_line integer, ambassador_id varchar, category varchar,
      amount double, currency varchar, note varchar, period_start date, period_end date);
    create table core.ambassadors (ambassador_id varchar, name varchar, cohort varchar, department varchar, joined_on date, left_on date, lead_id varchar, is_leader boolean);
    create table core.trainings (ambassador_id varchar, trained_on date, is_on_roster boolean, is_first_training boolean);
    create table core.posts (post_key varchar, owner varchar, ambassador_id varchar, platform varchar, posted_on date);
    create table core.touchpoints (touchpoint_id varchar, ambassador_id varchar, touched_at timestamp);
    create table marts.emv_daily (day date, owner varchar, ambassador_id varchar, platform varchar, metric varchar, emv double, currency varchar);
    create table marts.attribution_credits (outcome_id varchar, outcome_kind varchar, occurred_at timestamp, model varchar,
      granularity varchar, channel varchar, ambassador_id varchar, credit double, value_credit double);`);
  await warehouse.append('staging', 'stg_program__costs', [
    [1, 2, null, 'other', 1000, 'DKK', 'Kick-off', day('2025-12-15'), day('2025-12-15')],
    [1, 3, null, 'platform', 3100, 'DKK', 'Licence', day('2026-01-01'), day('2026-01-31')],
    [1, 4, null, 'time', 900, null, 'Time', day('2026-01-01'), day('2026-01-31')],
    [1, 5, null, 'training', 600, 'DKK', 'Course', day('2026-02-10'), day('2026-02-10')],
    [1, 6, 'A1', 'rewards', 300, 'DKK', 'Gift card', day('2026-02-01'), day('2026-02-28')],
    [1, 7, null, 'platform', 2950, 'DKK', 'Licence', day('2026-02-01'), day('2026-03-31')],
    [1, 8, null, 'other', 500, 'EUR', 'Abroad', day('2026-02-01'), day('2026-02-01')],
    // The same line in a later file, corrected: it replaces the first.
    [2, 2, null, 'platform', 2950, 'DKK', 'Licence', day('2026-02-01'), day('2026-03-31')],
  ]);
  await warehouse.append('core', 'ambassadors', [
    ['A1', 'Ane', 'pilot', 'Sales', day('2026-01-01'), null, 'L', false],
    ['A2', 'Bo', 'pilot', 'HR', day('2026-01-01'), null, 'L', false],
    ['L', 'Lis', 'pilot', 'Sales', day('2026-01-01'), null, null, false],
  ]);
  await warehouse.append('core', 'trainings', [['A2', day('2026-02-10'), true, true]]);
  await warehouse.append(
    'core',
    'posts',
    ['2026-01-10', '2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'].map((on, index) => [`p${index}`, 'ambassador', 'A1', 'linkedin', day(on)]),
  );
  await warehouse.append('core', 'touchpoints', [['t1', 'A2', new Date('2026-02-28T10:00:00Z')]]);
  await warehouse.append('marts', 'emv_daily', [
    [day('2026-01-10'), 'ambassador', 'A1', 'linkedin', 'impressions', 100, 'DKK'],
    [day('2026-02-02'), 'ambassador', 'A1', 'linkedin', 'impressions', 200, 'DKK'],
    [day('2026-02-02'), 'company', null, 'linkedin', 'impressions', 999, 'DKK'],
  ]);
  await warehouse.append('marts', 'attribution_credits', [
    ['o1', 'lead', new Date('2026-02-20T12:00:00Z'), 'last_touch', 'ambassador', 'A1', 'A1', 1, 1500],
    ['o1', 'lead', new Date('2026-02-20T12:00:00Z'), 'linear', 'ambassador', 'A1', 'A1', 0.5, 750],
    ['o1', 'lead', new Date('2026-02-20T12:00:00Z'), 'linear', 'ambassador', 'A2', 'A2', 0.5, 750],
  ]);
  await addLocalDay(warehouse, 'marts.attribution_credits');
}

interface RoiRow {
  period: string;
  period_start: string;
  model: string;
  ambassadors: number;
  value_total: number;
  cost_total: number;
  roi: number | null;
  roi_low: number | null;
  roi_high: number | null;
  time_basis: string;
  [column: string]: unknown;
}

async function roiRows(warehouse: Warehouse, table = 'roi_by_period', where = 'true'): Promise<RoiRow[]> {
  return warehouse.all<RoiRow>(`select * exclude (period_start, period_end), strftime(period_start, '%Y-%m-%d') as period_start
    from marts.${table} where ${where} order by all`);
}

describe('models/marts/roi_by_period (value_components, core.costs)', () => {
  // The cases build the marts, each with its own config, on the same input tables.
  const inWarehouse = sharedWarehouse(setUp);

  it('adds up each value and cost component per month, quarter and program, and computes ROI', async () => {
    await inWarehouse(async (warehouse) => {
      await buildModels(warehouse, testConfig({ statistics: { min_group_size: 2 } }), MODELS, INPUTS);
      const rows = await roiRows(warehouse, 'roi_by_period', `model = 'last_touch'`);
      const byKey = Object.fromEntries(rows.map((row) => [`${row.period} ${row.period_start}`, row]));
      expect(Object.keys(byKey).sort()).toEqual([
        'month 2025-12-01',
        'month 2026-01-01',
        'month 2026-02-01',
        'program 2025-12-01',
        'quarter 2025-10-01',
        'quarter 2026-01-01',
      ]);

      // December: the kick-off before anyone joined is the program's, with no ambassador to resample.
      const december = byKey['month 2025-12-01']!;
      expect([december.ambassadors, december.cost_other, december.cost_total, december.roi, december.roi_low]).toEqual([0, 1000, 1000, -1, null]);

      // January: licence and the recorded time; the computed time is not added on top.
      const january = byKey['month 2026-01-01']!;
      expect(january.value_emv).toBe(100);
      expect(january.cost_platform).toBeCloseTo(3100, 9);
      expect(january.cost_time_recorded).toBeCloseTo(900, 9);
      expect([january.cost_ambassador_time, january.cost_lead_time]).toEqual([0, 0]);
      expect(january.time_basis).toBe('cost_file');
      expect(january.roi).toBeCloseTo((100 - 4000) / 4000, 12);

      // February: training (A2's), the gift card, 28 of the licence's 59 days, computed time;
      // the euro line is left out and the corrected licence line counts once.
      const february = byKey['month 2026-02-01']!;
      const licence = (2950 * 28) / 59;
      const ambassadorTime = (4 * 15 * 450) / 60;
      const leadTime = 8 * 550;
      expect(february.cost_training).toBeCloseTo(600, 9);
      expect(february.cost_rewards).toBeCloseTo(300, 9);
      expect(february.cost_platform).toBeCloseTo(licence, 9);
      expect(february.cost_other).toBe(0);
      expect(february.cost_ambassador_time).toBeCloseTo(ambassadorTime, 9);
      expect(february.cost_lead_time).toBeCloseTo(leadTime, 9);
      expect(february.value_leads).toBe(1500);
      expect(february.value_total).toBe(1700);
      const februaryCost = 600 + 300 + licence + ambassadorTime + leadTime;
      expect(february.cost_total).toBeCloseTo(februaryCost, 9);
      expect(february.roi).toBeCloseTo((1700 - februaryCost) / februaryCost, 12);
      expect(february.time_basis).toBe('computed');

      const program = byKey['program 2025-12-01']!;
      expect(program.value_total).toBe(1800);
      expect(program.cost_total).toBeCloseTo(1000 + 4000 + februaryCost, 9);
      expect(program.time_basis).toBe('mixed');
      expect(program.roi_low!).toBeLessThanOrEqual(program.roi!);
      expect(program.roi_high!).toBeGreaterThanOrEqual(program.roi!);
      expect(program.interval_level).toBe(0.9);
      expect(program.interval_crosses_zero).toBe(false);
      const quarter = byKey['quarter 2026-01-01']!;
      expect(quarter.cost_total).toBeCloseTo(4000 + februaryCost, 9);

      // Every model in attribution_credits has its rows; linear splits the lead.
      const models = await warehouse.all<{ model: string; value_leads: number; is_default_model: boolean }>(
        `select model, value_leads, is_default_model from marts.roi_by_period where period = 'program' order by model`,
      );
      expect(models).toEqual([
        { model: 'last_touch', value_leads: 1500, is_default_model: true },
        { model: 'linear', value_leads: 1500, is_default_model: false },
      ]);
    });
  });

  it('shares program-wide costs among the ambassadors enrolled, so groups add up to the program less its own costs', async () => {
    await inWarehouse(async (warehouse) => {
      await buildModels(warehouse, testConfig(), MODELS, INPUTS);
      const a2 = await warehouse.one<{ training: number; platform: number }>(
        `select sum(cost_training) as training, sum(cost_platform) as platform from marts.value_components
         where model = 'last_touch' and unit_id = 'A2' and month_start = '2026-01-01'`,
      );
      expect(a2?.training).toBe(0);
      expect(a2?.platform).toBeCloseTo(3100 / 3, 9);
      const groups = await warehouse.all<{ dimension: string; group_name: string; cost_total: number; cost_training: number }>(
        `select dimension, group_name, cost_total, cost_training from marts.roi_by_group
         where period = 'program' and model = 'last_touch' order by dimension, group_name`,
      );
      const program = await warehouse.one<{ cost_total: number }>(
        `select cost_total from marts.roi_by_period where period = 'program' and model = 'last_touch'`,
      );
      const cohort = groups.find((row) => row.dimension === 'cohort' && row.group_name === 'pilot')!;
      expect(cohort.cost_total).toBeCloseTo(program!.cost_total - 1000, 9);
      const departments = groups.filter((row) => row.dimension === 'department');
      expect(departments.map((row) => row.group_name)).toEqual(['HR', 'Sales']);
      expect(departments.find((row) => row.group_name === 'HR')!.cost_training).toBeCloseTo(600, 9);
      expect(departments.reduce((sum, row) => sum + row.cost_total, 0)).toBeCloseTo(cohort.cost_total, 9);
    });
  });

  it('gives no interval to fewer ambassadors than statistics.min_group_size (a bootstrap over three people says nothing), and one from that size on', async () => {
    await inWarehouse(async (warehouse) => {
      await buildModels(warehouse, testConfig(), MODELS, INPUTS);
      const program = (await roiRows(warehouse, 'roi_by_period', `period = 'program'`))[0]!;
      expect(program).toMatchObject({ ambassadors: 3, roi_low: null, roi_high: null });
      expect(program.roi).not.toBeNull();
      expect((await roiRows(warehouse, 'roi_by_group')).filter((row) => row.roi_low !== null)).toEqual([]);
      await buildModels(warehouse, testConfig({ statistics: { min_group_size: 3 } }), MODELS, INPUTS);
      const withInterval = (await roiRows(warehouse, 'roi_by_period', `period = 'program'`))[0]!;
      expect(withInterval.roi).toBe(program.roi);
      expect(withInterval.roi_low).toBeLessThanOrEqual(withInterval.roi!);
      expect(withInterval.roi_high).toBeGreaterThanOrEqual(withInterval.roi!);
    });
  });

  it('gives the same rows, and remembers the same results, whether its scopes are planned in one batch or one at a time', async () => {
    await inWarehouse(async (warehouse) => {
      await buildModels(warehouse, testConfig(), ['marts.value_components'], INPUTS);
      const columns = (await warehouse.columns(COMPONENTS_QUERY)) as unknown as ComponentColumns;
      const options = { defaultModel: 'last_touch', samples: 200, seed: 7, level: 0.9, peopleTime: true, minAmbassadors: 2 };
      const all = columns.model.map((_, row) => row);
      const scopes = [
        { rows: all, options: { ...options, scope: 'program' } },
        { rows: all.filter((row) => columns.unit_id[row] !== 'A1'), options: { ...options, scope: 'without=A1' } },
        { rows: all.filter((row) => columns.unit_id[row] === 'A1'), options: { ...options, scope: 'only=A1' } },
      ];
      const together = await roiRowsOfScopes(warehouse, 'test.together', columns, scopes);
      const apart = await roiRowsOfScopes(warehouse, 'test.apart', columns, scopes, 1);
      expect(apart).toEqual(together);
      expect(together.flat().filter((row) => row.roi_low !== null).length).toBeGreaterThan(0);
      const kept = (owner: string) =>
        warehouse.all<{ result_key: string; result: string }>(`select result_key, result from meta.remembered_results where owner = $owner`, { owner });
      expect(await kept('test.apart')).toEqual(await kept('test.together'));
      expect((await kept('test.apart')).length).toBeGreaterThan(0);
      // Looked up the next time, in batches again: the same rows.
      expect(await roiRowsOfScopes(warehouse, 'test.apart', columns, scopes, 1)).toEqual(together);
    });
  });

  it('gives identical intervals on a rebuild', async () => {
    await inWarehouse(async (warehouse) => {
      const config = testConfig({ statistics: { min_group_size: 2 } });
      await buildModels(warehouse, config, MODELS, INPUTS);
      const first = await roiRows(warehouse);
      const firstGroups = await roiRows(warehouse, 'roi_by_group');
      await buildModels(warehouse, config, MODELS, INPUTS);
      expect(await roiRows(warehouse)).toEqual(first);
      expect(await roiRows(warehouse, 'roi_by_group')).toEqual(firstGroups);
      expect(first.filter((row) => row.roi_low !== null).length).toBeGreaterThan(0);
    });
  });
});
