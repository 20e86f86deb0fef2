import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../pipelines/config.ts';
import { prepareWarehouse } from '../../../pipelines/meta.ts';
import { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildModels } from '../../helpers/models.ts';
import { createAnonymiser, pseudonym } from '../../../reports/anonymise.ts';
import type { Language } from '../../../reports/format.ts';
import { writeExtracts } from '../../../reports/render/extracts.ts';
import { adapters } from '../../../sources/index.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';
import { createProgram, PROGRAM_TABLES, type ProgramInput } from './program.ts';

const MODELS = ['marts.leaderboard', 'marts.success_stories'];

/**
 * Five ambassadors: A1 and A2 in the pilot, A3 in wave-2 from March, A4 (pilot) opted
 * out, A5 left in mid-January. Default scheme: post 10, reaction 1, comment 2, share 3,
 * click 1, lead 25, application 20, hire 100; cap 100 a day.
 */
const PROGRAM: ProgramInput = {
  ambassadors: [
    { id: 'A1', name: 'Anna', cohort: 'pilot', joined: '2026-01-01' },
    { id: 'A2', name: 'Bo', cohort: 'pilot', joined: '2026-01-01' },
    { id: 'A3', name: 'Cai', cohort: 'wave-2', joined: '2026-03-01' },
    { id: 'A4', name: 'Dorte', cohort: 'Pilot', joined: '2026-01-01', optOut: 'Ja' },
    { id: 'A5', name: 'Eva', cohort: 'pilot', joined: '2026-01-01', left: '2026-01-15' },
  ],
  posts: [
    // January: A1 and A2 tie at 10 + 2 reactions; A5 posts before leaving
    { key: 'p1', ambassador: 'A1', on: '2026-01-10', reactions: 2 },
    { key: 'p2', ambassador: 'A2', on: '2026-01-12', reactions: 1, comments: 0, shares: 0, engagements: 9 },
    { key: 'p2b', ambassador: 'A2', on: '2026-01-13', reactions: null, comments: null, shares: null, engagements: null, impressions: null },
    { key: 'p5', ambassador: 'A5', on: '2026-01-05', reactions: 0 },
    // March: A1 goes viral (capped at 100 that day), A3 and A4 post
    { key: 'p3', ambassador: 'A1', on: '2026-03-02', reactions: 120, comments: 10, shares: 5, engagements: 135, impressions: 9000 },
    { key: 'p4', ambassador: 'A1', on: '2026-03-03', reactions: 0 },
    { key: 'p6', ambassador: 'A3', on: '2026-03-05', engagements: 7, impressions: 300 },
    { key: 'p7', ambassador: 'A4', on: '2026-03-06', reactions: 30, engagements: 30, impressions: 800 },
    // a Facebook post without a disclosure: never a success story
    { key: 'p8', ambassador: 'A3', platform: 'facebook', on: '2026-03-07', text: 'Nordlys Energi er et fantastisk sted!', reactions: 500 },
  ],
  touches: [{ id: 't1', ambassador: 'A3', at: '2026-03-05 13:00:00' }],
  credits: [
    // half a lead to A2 under the default model (last touch); the linear credit is ignored
    { outcome: 'o1', kind: 'lead', at: '2026-01-12 15:00:00', ambassador: 'A2', credit: 0.5, model: 'last_touch' },
    { outcome: 'o1', kind: 'lead', at: '2026-01-12 15:00:00', ambassador: 'A2', credit: 1, model: 'linear' },
  ],
};

interface Standing {
  contest: string;
  rank: number;
  ambassador_id: string;
  display_name: string | null;
  points: number;
  points_uncapped: number;
  capped_days: number;
  posts: number;
  reactions: number;
  clicks: number;
  leads: number;
  is_frozen: boolean;
  is_opted_out: boolean;
}

async function build(warehouse: Warehouse, overrides: Partial<ConfigInput> = {}, program: ProgramInput = PROGRAM) {
  await createProgram(warehouse, program);
  await buildModels(warehouse, testConfig(overrides), MODELS, PROGRAM_TABLES);
}

async function board(warehouse: Warehouse, contest: string): Promise<Standing[]> {
  return warehouse.all<Standing>(
    `select contest, rank, ambassador_id, display_name, points, points_uncapped, capped_days, posts, reactions, clicks, leads, is_frozen, is_opted_out
     from marts.leaderboard where contest = $contest order by rank, ambassador_id`,
    { contest },
  );
}

const ranks = (rows: Standing[]) => Object.fromEntries(rows.map((row) => [row.ambassador_id, [row.rank, row.points]]));

describe('models/marts/leaderboard', () => {
  // The program under the default config, built once for the cases that only read it.
  let program: Warehouse;
  beforeAll(async () => {
    program = await Warehouse.open(':memory:');
    await prepareWarehouse(program, adapters);
    await build(program);
  });
  afterAll(() => program.close());

  it('ranks by points, counts half a lead credited under the default model, and only enrolled ambassadors', async () => {
    const january = await board(program, '2026-01');
    // A1: 10 + 2; A2: 10 + 1 + 0.5 × 25 = 23.5 + 10 for p2b; A4 opted out with 0; A5 10
    expect(ranks(january)).toEqual({ A2: [1, 33.5], A1: [2, 12], A5: [3, 10], A4: [4, 0] });
    expect(january.find((row) => row.ambassador_id === 'A2')).toMatchObject({ posts: 2, reactions: 1, leads: 0.5 });
    // A3 joined in March: not on January's board
    expect(january.map((row) => row.ambassador_id)).not.toContain('A3');
  });

  it('ranks equal points equally and skips the next rank', async () => {
    await withWarehouse(async (warehouse) => {
      await build(
        warehouse,
        {},
        {
          ambassadors: [
            { id: 'A1', cohort: 'pilot', joined: '2026-01-01' },
            { id: 'A2', cohort: 'pilot', joined: '2026-01-01' },
            { id: 'A3', cohort: 'pilot', joined: '2026-01-01' },
          ],
          posts: [
            { key: 'p1', ambassador: 'A1', on: '2026-02-02', reactions: 5 },
            { key: 'p2', ambassador: 'A2', on: '2026-02-03', reactions: 5 },
            { key: 'p3', ambassador: 'A3', on: '2026-02-04', reactions: 1 },
          ],
        },
      );
      expect(ranks(await board(warehouse, '2026-02'))).toEqual({ A1: [1, 15], A2: [1, 15], A3: [3, 11] });
    });
  });

  it('caps an ambassador at the daily cap, day by day', async () => {
    await withWarehouse(async (warehouse) => {
      await build(warehouse);
      const march = await board(warehouse, '2026-03');
      const a1 = march.find((row) => row.ambassador_id === 'A1');
      // 2 March: 10 + 120 + 20 + 15 = 165, capped at 100; 3 March: 10 (A3 leads with 118)
      expect(a1).toMatchObject({ rank: 2, points: 110, points_uncapped: 175, capped_days: 1 });
      const daily = await warehouse.all<{ activity_on: Date; points: number; is_capped: boolean }>(
        `select activity_on, points, is_capped from marts.points_daily where ambassador_id = 'A1' and activity_on >= date '2026-03-01' order by activity_on`,
      );
      expect(daily.map((day) => [day.points, day.is_capped])).toEqual([
        [100, true],
        [10, false],
      ]);
      // with a lower cap the same day earns less
      await build(warehouse, { points: { daily_cap: 40 } });
      expect((await board(warehouse, '2026-03')).find((row) => row.ambassador_id === 'A1')?.points).toBe(50);
    });
  });

  it('names nobody who opted out (roster column leaderboard_opt_out), ranked like anyone else: "Anonymous" in English extracts, "Anonym" in Danish ones, anonymised or not', async () => {
    const march = await board(program, '2026-03');
    const a4 = march.find((row) => row.ambassador_id === 'A4');
    // 10 + 30 reactions
    expect(a4).toMatchObject({ display_name: null, is_opted_out: true, points: 40, rank: 3 });
    expect(march.filter((row) => row.display_name === null)).toHaveLength(1);
    expect(march.find((row) => row.ambassador_id === 'A1')?.display_name).toBe('Anna');
    const stories = await program.all<{ post_key: string; display_name: string | null; is_opted_out: boolean }>(
      `select post_key, display_name, is_opted_out from marts.success_stories where contest = '2026-03' order by story_rank`,
    );
    expect(stories.find((story) => story.post_key === 'p7')).toMatchObject({ display_name: null, is_opted_out: true });

    // The report's word, in the extracts a report writes beside it.
    const shownNames = async (options: { language: Language; anonymise: boolean }) => {
      const folder = tempFolder('advocacy-opt-out-');
      await writeExtracts(program, folder, {
        anonymiser: createAnonymiser({ enabled: options.anonymise, language: options.language, salt: 'opt-out-salt' }),
      });
      const column = (table: string) => {
        const [header = '', ...lines] = readFileSync(join(folder, `${table}.csv`), 'utf8')
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n');
        const index = header.split(',').indexOf('display_name');
        return lines.map((line) => line.split(',')[index]);
      };
      return { leaderboard: column('leaderboard'), stories: column('success_stories') };
    };
    const english = await shownNames({ language: 'en', anonymise: false });
    const danish = await shownNames({ language: 'da', anonymise: false });
    const danishAnonymised = await shownNames({ language: 'da', anonymise: true });
    const optedOutRows = (await program.one<{ rows: number }>(`select count(*)::integer as rows from marts.leaderboard where is_opted_out`))?.rows;
    expect(optedOutRows).toBeGreaterThan(0);
    expect(english.leaderboard.filter((name) => name === 'Anonymous')).toHaveLength(optedOutRows!);
    expect(english.stories).toContain('Anonymous');
    for (const shown of [danish, danishAnonymised]) {
      expect(shown.leaderboard.filter((name) => name === 'Anonym')).toHaveLength(optedOutRows!);
      expect(shown.stories).toContain('Anonym');
      expect([...shown.leaderboard, ...shown.stories]).not.toContain('Anonymous');
      expect([...shown.leaderboard, ...shown.stories].some((name) => name === 'Dorte' || name === pseudonym('A4', 'da', 'opt-out-salt'))).toBe(false);
    }
    expect(danishAnonymised.leaderboard).toContain(pseudonym('A1', 'da', 'opt-out-salt'));
  });

  it('ranks a contest among its eligible cohorts and enrolment only, counting points inside its dates', async () => {
    await withWarehouse(async (warehouse) => {
      await build(warehouse, {
        contests: [
          { name: 'Wave 2 sprint', start: '2026-03-01', end: '2026-03-31', cohorts: ['WAVE-2'] },
          { name: 'Everyone', start: '2026-01-11', end: '2026-03-02', cohorts: [] },
        ],
      });
      const sprint = await board(warehouse, 'Wave 2 sprint');
      // 10 + 7 (engagements as reactions) + 1 click, and 10 + 500 capped at 100 for the Facebook post
      expect(ranks(sprint)).toEqual({ A3: [1, 118] });
      const everyone = await board(warehouse, 'Everyone');
      // A5 left on 15 January (enrolled on the 11th: eligible); A3 joined before 2 March; p1 (10 Jan) is outside
      expect(everyone.map((row) => row.ambassador_id).sort()).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
      expect(ranks(everyone)).toMatchObject({ A1: [1, 100], A2: [2, 33.5], A3: [3, 0], A4: [3, 0], A5: [3, 0] });
    });
  });

  it('freezes a finished contest: a changed scheme recomputes the running contest only, unless asked to recompute', async () => {
    await withWarehouse(async (warehouse) => {
      const contests = [
        { name: 'January', start: '2026-01-01', end: '2026-01-31', cohorts: [] },
        { name: 'Running', start: '2026-03-01', end: '2099-12-31', cohorts: [] },
      ];
      await build(warehouse, { contests });
      const january = await board(warehouse, 'January');
      expect(january.every((row) => row.is_frozen)).toBe(true);
      expect(ranks(january)).toMatchObject({ A2: [1, 33.5], A1: [2, 12] });
      const running = await board(warehouse, 'Running');
      expect(running.some((row) => row.is_frozen)).toBe(false);
      expect(running.find((row) => row.ambassador_id === 'A3')?.points).toBe(118);
      const frozenAt = await warehouse.one<{ at: Date }>(`select max(frozen_at) as at from marts.period_points where contest = 'January'`);

      // A new scheme: posts are worth 50
      await build(warehouse, { contests, points: { post: 50 } });
      expect(await board(warehouse, 'January')).toEqual(january);
      expect((await warehouse.one<{ at: Date }>(`select max(frozen_at) as at from marts.period_points where contest = 'January'`))?.at).toEqual(frozenAt?.at);
      // 5 March: 50 + 7 + 1; 7 March: 550 capped at 100
      expect((await board(warehouse, 'Running')).find((row) => row.ambassador_id === 'A3')?.points).toBe(58 + 100);
      // the months are recomputed too
      expect((await board(warehouse, '2026-01')).find((row) => row.ambassador_id === 'A1')?.points).toBe(52);

      // Asked to recompute: the finished contest takes the new scheme, and freezes again
      await build(warehouse, { contests, points: { post: 50, recompute_finished_contests: true } });
      const recomputed = await board(warehouse, 'January');
      expect(ranks(recomputed)).toMatchObject({ A2: [1, 100 + 1 + 12.5], A1: [2, 52] });
      expect(recomputed.every((row) => row.is_frozen)).toBe(true);
    });
  });

  it("picks the period's top posts as success stories, never one that fails the disclosure audit", async () => {
    const stories = await program.all<{ story_rank: number; post_key: string; points: number }>(
      `select story_rank, post_key, points from marts.success_stories where period_kind = 'month' and contest = '2026-03' order by story_rank`,
    );
    // p8 would score 510 but is not disclosed
    expect(stories.map((story) => [story.story_rank, story.post_key, story.points])).toEqual([
      [1, 'p3', 165],
      [2, 'p7', 40],
      [3, 'p6', 17],
      [4, 'p4', 10],
    ]);
  });
});
