import { describe, expect, it } from 'vitest';
import { leaderExampleChart } from '../../../reports/charts/leader-example.ts';
import { leaderExampleData } from '../../../reports/contracts.ts';
import type { LeaderExampleRow } from '../../../reports/marts.ts';
import { buildModels } from '../../helpers/models.ts';
import { buildProgramFiles } from '../../helpers/program-files.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('models/marts/leader_example', () => {
  it("sets each leader's own activity against their team's median, never-posters included", async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(`create schema if not exists core;
        create table core.program_weeks (week_start date, iso_week varchar, week_end date);
        create table core.ambassadors (ambassador_id varchar, name varchar, department varchar, is_leader boolean, lead_id varchar, joined_on date, left_on date);
        create table core.posts (post_key varchar, owner varchar, ambassador_id varchar, posted_on date, impressions double, engagements double);
        create schema if not exists marts;
        create table marts.ambassador_rates (ambassador_id varchar, metric varchar, value double);`);
      await warehouse.append(
        'core',
        'program_weeks',
        [0, 1, 2, 3].map((week) => [new Date(Date.UTC(2026, 3, 6 + 7 * week)), `W${week}`, new Date(Date.UTC(2026, 3, 12 + 7 * week))]),
      );
      await warehouse.append('core', 'ambassadors', [
        ['L1', 'Lea', 'Sales', true, null, day('2026-04-06'), null],
        ['S1', 'Sif', 'Sales', false, null, day('2026-04-06'), null],
        ['S2', 'Sten', 'Sales', false, null, day('2026-04-06'), null],
        ['S3', 'Sune', 'Sales', false, null, day('2026-04-06'), null],
        ['L2', 'Lars', null, true, null, day('2026-04-06'), null],
        ['R1', 'Rie', 'HR', false, 'L2', day('2026-04-06'), null],
      ]);
      const posts = [
        ['L1', '2026-04-07'],
        ['S1', '2026-04-07'],
        ['S1', '2026-04-14'],
        ['S1', '2026-04-21'],
        ['S2', '2026-04-08'],
        ['S2', '2026-04-09'],
        ['L2', '2026-04-07'],
        ['L2', '2026-04-08'],
      ];
      await warehouse.append(
        'core',
        'posts',
        posts.map(([id, on], index) => [`p${index}`, 'ambassador', id, day(on!), 1000, 40]),
      );
      // Posts per week with a post: L1 1 / 1, S1 3 / 3, S2 2 / 1, L2 2 / 1; S3 and R1 never posted.
      await warehouse.append(
        'marts',
        'ambassador_rates',
        [
          ['L1', 1],
          ['S1', 1],
          ['S2', 2],
          ['L2', 2],
        ].map(([id, value]) => [id, 'posts_per_active_week', value]),
      );
      await buildModels(warehouse, testConfig(), ['marts.leader_example'], ['core.program_weeks', 'core.ambassadors', 'core.posts', 'marts.ambassador_rates']);
      const rows = await warehouse.all<{
        leader_id: string;
        team_basis: string;
        metric: string;
        leader_value: number;
        team_size: number;
        team_median: number;
        is_below_team: boolean;
      }>(`select leader_id, team_basis, metric, leader_value, team_size, team_median, is_below_team from marts.leader_example order by leader_id, metric`);
      const posts1 = rows.find((row) => row.leader_id === 'L1' && row.metric === 'posts')!;
      // Team S1 (3), S2 (2), S3 (0): median 2; L1 posted once.
      expect(posts1).toMatchObject({ team_basis: 'department', leader_value: 1, team_size: 3, team_median: 2, is_below_team: true });
      // The median of S1's 1 and S2's 2: S3, with no week with a post, has no rate.
      const perActiveWeek = rows.find((row) => row.leader_id === 'L1' && row.metric === 'posts_per_active_week')!;
      expect(perActiveWeek).toMatchObject({ leader_value: 1, team_size: 2, team_median: 1.5, is_below_team: true });
      // A leader with no department is compared with their reports.
      const posts2 = rows.find((row) => row.leader_id === 'L2' && row.metric === 'posts')!;
      expect(posts2).toMatchObject({ team_basis: 'reports', leader_value: 2, team_size: 1, team_median: 0, is_below_team: false });
    });
  });

  it('a chart’s label and its numbers agree: the leaders chart plots posts per active week, posts / weeks with a post, the value the cohort comparison gives the leader', async () => {
    const post = (id: string, at: string, n: number) =>
      `${id},linkedin,${at},https://www.linkedin.com/feed/update/urn:li:activity:73714322069777612${String(n).padStart(2, '0')}/`;
    // Over the ISO weeks of 30 March, 6 and 13 April: Lea posts 3 times in 2 of them, Sif 4
    // times in 1, Sten once; Sune never.
    const warehouse = await buildProgramFiles({
      'ambassadors.csv': [
        'ambassador_id,name,department,is_leader,joined_on,utm_code',
        'A001,Lea Holm,Sales,true,2026-03-30,amb-lea01',
        'A002,Sif Berg,Sales,false,2026-03-30,amb-sif02',
        'A003,Sten Dahl,Sales,false,2026-03-30,amb-ste03',
        'A004,Sune Lund,Sales,false,2026-03-30,amb-sun04',
      ].join('\n'),
      'share_log.csv': [
        'ambassador_id,platform,shared_at,post_url',
        post('A001', '2026-03-31T09:00', 1),
        post('A001', '2026-04-01T09:00', 2),
        post('A001', '2026-04-15T09:00', 3),
        post('A002', '2026-04-07T09:00', 4),
        post('A002', '2026-04-08T09:00', 5),
        post('A002', '2026-04-09T09:00', 6),
        post('A002', '2026-04-10T09:00', 7),
        post('A003', '2026-04-16T09:00', 8),
      ].join('\n'),
    });
    try {
      const mart = await warehouse.all<LeaderExampleRow>(`select * from marts.leader_example order by metric`);
      const perActiveWeek = mart.find((row) => row.metric === 'posts_per_active_week');
      // Lea: 3 posts / 2 active weeks; the team's median of Sif's 4 and Sten's 1 (Sune has no active week).
      expect(perActiveWeek).toMatchObject({ leader_id: 'A001', leader_value: 1.5, team_size: 2, team_median: 2.5, is_below_team: true });
      const rate = await warehouse.one<{ value: number }>(
        `select value from marts.ambassador_rates where ambassador_id = 'A001' and metric = 'posts_per_active_week'`,
      );
      expect(rate!.value).toBe(1.5);
      const leaders = leaderExampleData(mart);
      const spec = leaderExampleChart(leaders) as unknown as {
        data: { values: { own: number; benchmark: number }[] };
        layer: { encoding: { x: { title: string } } }[];
      };
      expect(spec.data.values).toEqual([expect.objectContaining({ own: 1.5, benchmark: 2.5 })]);
      expect(spec.layer.map((layer) => layer.encoding.x.title)).toEqual(['Posts per active week', 'Posts per active week']);
      const da = leaderExampleChart(leaders, { language: 'da' }) as unknown as typeof spec;
      expect(da.layer[1]!.encoding.x.title).toBe('Opslag pr. aktiv uge');
    } finally {
      warehouse.close();
    }
  });
});
