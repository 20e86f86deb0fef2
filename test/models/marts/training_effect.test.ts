import { describe, expect, it } from 'vitest';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const week = (index: number) => new Date(Date.UTC(2026, 2, 2 + 7 * index));

describe('models/marts/training_effect (and training_before_after)', () => {
  it('estimates the effect of staggered trainings against not-yet-trained ambassadors, and the plain before/after', async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(`create schema if not exists core; create schema if not exists marts;
        create table core.program_weeks (week_start date, iso_week varchar, week_end date);
        create table core.ambassadors (ambassador_id varchar, name varchar, cohort varchar, department varchar, joined_on date, left_on date);
        create table core.trainings (ambassador_id varchar, trained_on date, course varchar, is_first_training boolean, is_on_roster boolean);
        create table core.posts (post_key varchar, owner varchar, ambassador_id varchar, posted_on date);
        create table core.sessions_daily (day date, ambassador_id varchar, sessions bigint);
        create table marts.ambassador_weekly (ambassador_id varchar, week_start date, posts integer, sessions integer);`);
      await warehouse.append(
        'core',
        'program_weeks',
        Array.from({ length: 16 }, (_, index) => [week(index), `W${index}`, new Date(week(index).getTime() + 6 * 86_400_000)]),
      );
      const ambassadors = ['T1', 'T2', 'T3', 'U1', 'U2', 'U3'];
      await warehouse.append(
        'core',
        'ambassadors',
        ambassadors.map((id) => [id, id, id.startsWith('T') ? 'wave-2' : 'pilot', 'Sales', week(0), null]),
      );
      // T1 and T2 trained in week 6 (a Tuesday), T3 in week 11; everyone posts 1 a week, 3 after training,
      // plus a common season: 1 more a week from week 8 on.
      const trained: Record<string, number> = { T1: 6, T2: 6, T3: 11 };
      await warehouse.append(
        'core',
        'trainings',
        Object.entries(trained).map(([id, at]) => [id, new Date(week(at).getTime() + 86_400_000), 'Basics', true, true]),
      );
      const rows = ambassadors.flatMap((id) =>
        Array.from({ length: 16 }, (_, index) => {
          const posts = (trained[id] !== undefined && index > trained[id]! ? 3 : 1) + (index >= 8 ? 1 : 0);
          return [id, week(index), posts, 2 * posts];
        }),
      );
      await warehouse.append('marts', 'ambassador_weekly', rows);
      // The last day of activity: the end of week 15.
      await warehouse.append('core', 'posts', [['p', 'ambassador', 'T1', new Date(week(15).getTime() + 6 * 86_400_000)]]);
      await buildModels(
        warehouse,
        testConfig(),
        ['marts.training_effect', 'marts.training_before_after'],
        ['core.program_weeks', 'core.ambassadors', 'core.trainings', 'core.posts', 'core.sessions_daily', 'marts.ambassador_weekly'],
      );

      const effects = await warehouse.all<{
        metric: string;
        scope: string;
        training_week: Date | null;
        n_trained: number;
        n_control: number;
        effect: number;
        ci_low: number;
        ci_high: number;
      }>(`select metric, scope, training_week, n_trained, n_control, effect, ci_low, ci_high from marts.training_effect order by metric, scope, training_week`);
      const posts = effects.filter((row) => row.metric === 'posts_per_week');
      // Week 6: T1, T2 against U1-U3 and T3 (trained only after week 6 + 4); week 11: T3 against U1-U3.
      expect(posts.map((row) => [row.scope, row.training_week?.toISOString().slice(0, 10) ?? null, row.n_trained, row.n_control])).toEqual([
        ['overall', null, 3, 4],
        ['training_week', '2026-04-13', 2, 4],
        ['training_week', '2026-05-18', 1, 3],
      ]);
      // The season moves everyone alike, so each estimate is exactly the planted +2 a week.
      for (const row of posts) {
        expect(row.effect).toBeCloseTo(2, 12);
        expect(row.ci_low).toBeCloseTo(2, 12);
        expect(row.ci_high).toBeCloseTo(2, 12);
      }
      expect(effects.find((row) => row.metric === 'sessions_per_week' && row.scope === 'overall')!.effect).toBeCloseTo(4, 12);

      const plain = await warehouse.all<{ ambassador_id: string; weeks_before: number; weeks_after: number; before: number; after: number; change: number }>(
        `select ambassador_id, weeks_before, weeks_after, before, after, change from marts.training_before_after where metric = 'posts_per_week' order by ambassador_id`,
      );
      // T1: weeks 0-5 at 1; weeks 7-15 at 3 (+1 from week 8): (3 + 8 x 4) / 9. The season inflates the plain change.
      expect(plain[0]).toMatchObject({ ambassador_id: 'T1', weeks_before: 6, weeks_after: 9, before: 1 });
      expect(plain[0]!.after).toBeCloseTo(35 / 9, 12);
      expect(plain.map((row) => row.ambassador_id)).toEqual(['T1', 'T2', 'T3']);
    });
  });
});
