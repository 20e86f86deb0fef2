import { describe, expect, it } from 'vitest';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('models/marts/ambassador_rates', () => {
  it('divides by active weeks, counts impressions only where an export gives them, and gives no rate without data', async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(`create schema if not exists core; create schema if not exists marts;
        create table core.ambassadors (ambassador_id varchar);
        create table core.posts (post_key varchar, owner varchar, ambassador_id varchar, posted_on date, impressions double, engagements double);
        create table marts.ambassador_weekly (ambassador_id varchar, week_start date, posts integer, sessions integer,
          leads double, applications double, is_active boolean);`);
      await warehouse.append('core', 'ambassadors', [['A1'], ['A2']]);
      // A1: 3 posts in two active weeks, sessions also in a week without posts; A2 never posted.
      await warehouse.append('marts', 'ambassador_weekly', [
        ['A1', day('2026-03-02'), 2, 5, 1, 0, true],
        ['A1', day('2026-03-09'), 0, 3, 0, 0, false],
        ['A1', day('2026-03-16'), 1, 2, 0, 1, true],
        ['A2', day('2026-03-02'), 0, 0, 0, 0, false],
      ]);
      await warehouse.append('core', 'posts', [
        ['p1', 'ambassador', 'A1', day('2026-03-02'), 1000, 50],
        ['p2', 'ambassador', 'A1', day('2026-03-03'), 3000, null],
        ['p3', 'ambassador', 'A1', day('2026-03-16'), null, null],
        ['c1', 'company', null, day('2026-03-02'), 9000, 900],
      ]);
      await buildModels(warehouse, testConfig(), ['marts.ambassador_rates'], ['core.ambassadors', 'core.posts', 'marts.ambassador_weekly']);
      const rows = await warehouse.all<{ ambassador_id: string; metric: string; value: number }>(`select * from marts.ambassador_rates order by all`);
      expect(rows).toEqual([
        { ambassador_id: 'A1', metric: 'applications_per_active_week', value: 0.5 },
        { ambassador_id: 'A1', metric: 'engagement_rate', value: 0.05 },
        { ambassador_id: 'A1', metric: 'impressions_per_post', value: 2000 },
        { ambassador_id: 'A1', metric: 'leads_per_active_week', value: 0.5 },
        { ambassador_id: 'A1', metric: 'posts_per_active_week', value: 1.5 },
        { ambassador_id: 'A1', metric: 'sessions_per_active_week', value: 5 },
      ]);
    });
  });
});
