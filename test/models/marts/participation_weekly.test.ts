import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

/**
 * Weeks of 6, 13 and 20 April 2026. A posts in the first and third week, B only in the
 * second, C never, D joins in the third week and posts in it, E left on 8 April.
 */
const INPUTS = ['core.program_weeks', 'core.ambassadors', 'core.posts', 'core.sessions_daily'];

async function setUp(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`create schema if not exists core;
    create table core.program_weeks (week_start date, iso_week varchar, week_end date);
    create table core.ambassadors (ambassador_id varchar, joined_on date, left_on date);
    create table core.posts (post_key varchar, owner varchar, ambassador_id varchar, posted_on date);
    create table core.sessions_daily (day date, ambassador_id varchar, sessions bigint);`);
  await warehouse.append('core', 'program_weeks', [
    [day('2026-04-06'), '2026-W15', day('2026-04-12')],
    [day('2026-04-13'), '2026-W16', day('2026-04-19')],
    [day('2026-04-20'), '2026-W17', day('2026-04-26')],
  ]);
  await warehouse.append('core', 'ambassadors', [
    ['A', day('2026-04-01'), null],
    ['B', day('2026-04-01'), null],
    ['C', day('2026-04-01'), null],
    ['D', day('2026-04-21'), null],
    ['E', day('2026-04-01'), day('2026-04-08')],
  ]);
  await warehouse.append('core', 'posts', [
    ['p1', 'ambassador', 'A', day('2026-04-07')],
    ['p2', 'ambassador', 'A', day('2026-04-08')],
    ['p3', 'ambassador', 'B', day('2026-04-15')],
    ['p4', 'ambassador', 'A', day('2026-04-22')],
    ['p5', 'ambassador', 'D', day('2026-04-26')],
    ['p6', 'ambassador', 'E', day('2026-04-07')],
    ['p7', 'company', null, day('2026-04-14')],
  ]);
}

interface Row {
  enrolled: number;
  newly_enrolled: number;
  active: number;
  new: number;
  lapsed: number;
  never_active: number;
  participation_rate: number | null;
}

describe('models/marts/participation_weekly', () => {
  it('counts enrolled, active, new, lapsed and never-active ambassadors per week', async () => {
    await withWarehouse(async (warehouse) => {
      await setUp(warehouse);
      await buildModels(warehouse, testConfig(), ['marts.participation_weekly', 'marts.participation_monthly'], INPUTS);
      const weeks = await warehouse.all<Row>(
        `select enrolled, newly_enrolled, active, "new", lapsed, never_active, participation_rate from marts.participation_weekly order by week_start`,
      );
      expect(weeks).toEqual([
        // E left before the week's end; A is active and new; B and C have not posted yet.
        { enrolled: 3, newly_enrolled: 0, active: 1, new: 1, lapsed: 0, never_active: 2, participation_rate: 1 / 3 },
        // B posts for the first time; A lapses.
        { enrolled: 3, newly_enrolled: 0, active: 1, new: 1, lapsed: 1, never_active: 1, participation_rate: 1 / 3 },
        // D joins and posts on the last day with data; B lapses; C never posted.
        { enrolled: 4, newly_enrolled: 1, active: 2, new: 1, lapsed: 1, never_active: 1, participation_rate: 0.5 },
      ]);
      for (const week of weeks) expect(week.active + week.lapsed + week.never_active).toBe(week.enrolled);
    });
  });

  it('gives the same counts per calendar month (marts.participation_monthly)', async () => {
    await withWarehouse(async (warehouse) => {
      await setUp(warehouse);
      await buildModels(warehouse, testConfig(), ['marts.participation_monthly'], INPUTS);
      const months = await warehouse.all<Row & { month: string }>(
        `select month, enrolled, newly_enrolled, active, "new", lapsed, never_active, participation_rate from marts.participation_monthly`,
      );
      // April, as of the last day with data (26 April): E has left.
      expect(months).toEqual([{ month: '2026-04', enrolled: 4, newly_enrolled: 4, active: 3, new: 3, lapsed: 0, never_active: 1, participation_rate: 0.75 }]);
    });
  });
});
