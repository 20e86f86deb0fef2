import { describe, expect, it } from 'vitest';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('models/marts/leader_example', () => {
  it("sets each leader's own activity against their team's median, never-posters included", async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(`create schema if not exists core;
        create table core.program_weeks (week_start date, iso_week varchar, week_end date);
        create table core.ambassadors (ambassador_id varchar, name varchar, department varchar, is_leader boolean, lead_id varchar, joined_on date, left_on date);
        create table core.posts (post_key varchar, owner varchar, ambassador_id varchar, posted_on date);`);
      await warehouse.append('core', 'program_weeks', [0, 1, 2, 3].map((week) => [new Date(Date.UTC(2026, 3, 6 + 7 * week)), `W${week}`, new Date(Date.UTC(2026, 3, 12 + 7 * week))]));
      await warehouse.append('core', 'ambassadors', [
        ['L1', 'Lea', 'Sales', true, null, day('2026-04-06'), null],
        ['S1', 'Sif', 'Sales', false, null, day('2026-04-06'), null],
        ['S2', 'Sten', 'Sales', false, null, day('2026-04-06'), null],
        ['S3', 'Sune', 'Sales', false, null, day('2026-04-06'), null],
        ['L2', 'Lars', null, true, null, day('2026-04-06'), null],
        ['R1', 'Rie', 'HR', false, 'L2', day('2026-04-06'), null],
      ]);
      const posts = [['L1', '2026-04-07'], ['S1', '2026-04-07'], ['S1', '2026-04-14'], ['S1', '2026-04-21'], ['S2', '2026-04-08'], ['S2', '2026-04-09'], ['L2', '2026-04-07'], ['L2', '2026-04-08']];
      await warehouse.append('core', 'posts', posts.map(([id, on], index) => [`p${index}`, 'ambassador', id, day(on!)]));
      await buildModels(warehouse, testConfig(), ['marts.leader_example'], ['core.program_weeks', 'core.ambassadors', 'core.posts']);
      const rows = await warehouse.all<{ leader_id: string; team_basis: string; metric: string; leader_value: number; team_size: number; team_median: number; is_below_team: boolean }>(
        `select leader_id, team_basis, metric, leader_value, team_size, team_median, is_below_team from marts.leader_example order by leader_id, metric`,
      );
      const posts1 = rows.find((row) => row.leader_id === 'L1' && row.metric === 'posts')!;
      // Team S1 (3), S2 (2), S3 (0): median 2; L1 posted once.
      expect(posts1).toMatchObject({ team_basis: 'department', leader_value: 1, team_size: 3, team_median: 2, is_below_team: true });
      const perWeek = rows.find((row) => row.leader_id === 'L1' && row.metric === 'posts_per_week')!;
      expect([perWeek.leader_value, perWeek.team_median]).toEqual([0.25, 0.5]);
      // A leader with no department is compared with their reports.
      const posts2 = rows.find((row) => row.leader_id === 'L2' && row.metric === 'posts')!;
      expect(posts2).toMatchObject({ team_basis: 'reports', leader_value: 2, team_size: 1, team_median: 0, is_below_team: false });
    });
  });
});
