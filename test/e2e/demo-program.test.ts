/**
 * The ROI and statistics marts on the demo program (fixtures/generator): the structure the
 * generator plants is found, and a rebuild gives identical marts, intervals included.
 * One demo run and one rebuild are shared by the whole file.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipelines/build.ts';
import type { Config } from '../../pipelines/config.ts';
import { demoConfig } from '../../pipelines/demo.ts';
import { demoBuild } from '../helpers/demo.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { discoverModels } from '../../models/runner.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const MARTS = [
  'emv_daily',
  'reach_comparison',
  'value_components',
  'roi_by_period',
  'roi_by_group',
  'goal_progress',
  'participation_weekly',
  'participation_monthly',
  'ambassador_rates',
  'cohort_comparison',
  'cohort_activity',
  'cohort_activity_weekly',
  'training_effect',
  'training_before_after',
  'leader_example',
];

async function dump(warehouse: Warehouse): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const mart of MARTS) {
    const rows = await warehouse.all(`select * from marts."${mart}" order by all`);
    result[mart] = JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? `bigint:${value}` : value));
  }
  return result;
}

describe('models/marts on the demo program', () => {
  let warehouse: Warehouse;
  let config: Config;
  let first: Record<string, string>;
  let second: Record<string, string>;

  beforeAll(async () => {
    // A copy of the shared demo build: this file rebuilds marts in it.
    const root = tempFolder('advocacy-roi-demo-');
    cpSync(demoBuild().root, root, { recursive: true });
    config = demoConfig(root, demoBuild().company);
    warehouse = await Warehouse.open(join(root, 'warehouse/advocacy.duckdb'));
    first = await dump(warehouse);
    // Rebuild these marts (and core.costs, core.trainings) on the same warehouse; the others are inputs.
    const all = await discoverModels();
    const ours = new Set([...MARTS.map((mart) => `marts.${mart}`), 'core.costs', 'core.trainings']);
    const models = all.filter((model) => ours.has(model.id));
    const inputs = all.filter((model) => !ours.has(model.id)).map((model) => model.id);
    await build(warehouse, config, { runId: null, log: memoryLogger(), models, inputs });
    second = await dump(warehouse);
    return () => {
      warehouse.close();
      rmSync(root, { recursive: true, force: true });
    };
  }, 240_000);

  it('rebuilds to identical marts, intervals included, with no bigint measures', () => {
    for (const mart of MARTS) {
      expect(second[mart], mart).toBe(first[mart]);
      expect(first[mart], mart).not.toContain('bigint:');
      expect(JSON.parse(first[mart]!).length, mart).toBeGreaterThan(0);
    }
  });

  it("finds the trained cohort's improvement, with an interval that excludes zero", async () => {
    const overall = await warehouse.one<{ effect: number; ci_low: number; ci_high: number; n_trained: number; n_control: number }>(
      `select effect, ci_low, ci_high, n_trained, n_control from marts.training_effect where metric = 'posts_per_week' and scope = 'overall'`,
    );
    expect(overall!.n_trained).toBeGreaterThanOrEqual(10);
    expect(overall!.n_control).toBeGreaterThanOrEqual(5);
    expect(overall!.effect).toBeGreaterThan(0);
    expect(overall!.ci_low).toBeGreaterThan(0);
    // The plain before/after agrees: most of wave 2 posts more after their training.
    const wave2 = await warehouse.one<{ up: number; all: number }>(
      `select count(*) filter (where change > 0)::integer as up, count(change)::integer as all
       from marts.training_before_after where metric = 'posts_per_week' and cohort = 'wave-2'`,
    );
    expect(wave2!.all).toBeGreaterThanOrEqual(10);
    expect(wave2!.up / wave2!.all).toBeGreaterThan(0.6);
  });

  it('marks the leads goal, behind pace, at risk or off track', async () => {
    const leads = await warehouse.all<{ status: string; actual: number; pace_target: number }>(
      `select status, arg_max(actual, day) as actual, arg_max(pace_target, day) as pace_target
       from marts.goal_progress where kind = 'leads' group by goal_id, status`,
    );
    expect(leads.length).toBeGreaterThan(0);
    for (const goal of leads) {
      expect(goal.actual).toBeLessThan(goal.pace_target);
      expect(['at_risk', 'off_track']).toContain(goal.status);
    }
  });

  it('lists the leaders who post less than their team', async () => {
    const leaders = await warehouse.all<{ leader_id: string; leader_value: number; team_median: number; is_below_team: boolean }>(
      `select leader_id, leader_value, team_median, is_below_team from marts.leader_example where metric = 'posts_per_active_week' order by leader_id`,
    );
    const roster = await warehouse.one<{ leaders: number }>(`select count(*)::integer as leaders from core.ambassadors where is_leader`);
    expect(leaders.length).toBe(roster!.leaders);
    expect(leaders.length).toBeGreaterThan(0);
    for (const leader of leaders) expect(leader.is_below_team, leader.leader_id).toBe(true);
  });

  it('gives ROI rows for every attribution model, with the 90% interval around the estimate', async () => {
    const models = await warehouse.all<{ model: string }>(`select distinct model from marts.attribution_credits order by model`);
    const program = await warehouse.all<{ model: string; roi: number; roi_low: number; roi_high: number; value_total: number; cost_total: number }>(
      `select model, roi, roi_low, roi_high, value_total, cost_total from marts.roi_by_period where period = 'program' order by model`,
    );
    expect(program.map((row) => row.model)).toEqual(models.map((row) => row.model));
    const costs = await warehouse.one<{ total: number }>(`select sum(amount) as total from core.costs where is_program_currency`);
    for (const row of program) {
      expect(row.roi).toBeCloseTo((row.value_total - row.cost_total) / row.cost_total, 10);
      expect(row.roi_low).toBeLessThan(row.roi);
      expect(row.roi_high).toBeGreaterThan(row.roi);
      // The demo's costs file records time, so every cost is a line of it.
      expect(row.cost_total).toBeCloseTo(costs!.total, 6);
    }
  });

  it('compares cohorts with every test, and corrects the permutation p-values with Holm', async () => {
    const rows = await warehouse.all<{
      verdict: string;
      correction: string;
      p_permutation: number | null;
      p_adjusted: number | null;
      permutations: number | null;
      p_permutation_se: number | null;
    }>(`select verdict, correction, p_permutation, p_adjusted, permutations, p_permutation_se from marts.cohort_comparison`);
    const dimensions = await warehouse.all<{ dimension: string }>(`select distinct dimension from marts.cohort_comparison order by 1`);
    expect(dimensions.map((row) => row.dimension)).toEqual([...config.statistics.cohort_dimensions].sort());
    expect(rows.every((row) => row.correction === 'holm')).toBe(true);
    for (const row of rows.filter((one) => one.p_permutation !== null)) {
      expect(row.p_adjusted!).toBeGreaterThanOrEqual(row.p_permutation!);
      expect(row.permutations!).toBeGreaterThanOrEqual(config.statistics.permutations);
      expect(row.p_permutation_se!).toBeCloseTo(Math.sqrt((row.p_permutation! * (1 - row.p_permutation!)) / row.permutations!), 12);
    }
  });

  it('does not call the leaders’ posts per active week clearly lower than staff’s: five of six leaders sit at exactly 1.0', async () => {
    const leaders = await warehouse.all<{ value: number }>(
      `select r.value from marts.ambassador_rates as r inner join core.ambassadors as a using (ambassador_id)
       where a.is_leader and r.metric = 'posts_per_active_week' order by r.value`,
    );
    expect(leaders.filter((row) => row.value === 1).length / leaders.length).toBeGreaterThanOrEqual(0.8);
    const pair = await warehouse.one<{ verdict: string; p_adjusted: number | null }>(
      `select verdict, p_adjusted from marts.cohort_comparison where dimension = 'leader' and metric = 'posts_per_active_week'`,
    );
    expect(pair).toEqual({ verdict: 'too uniform to compare', p_adjusted: null });
  });

  it('ranks cohorts by the same per-ambassador means the cohort comparison compares', async () => {
    const activity = await warehouse.all<{ cohort: string; mean_posts_per_active_week: number; ambassadors: number }>(
      `select cohort, mean_posts_per_active_week, ambassadors from marts.cohort_activity where cohort <> '(no cohort)' order by cohort`,
    );
    const compared = await warehouse.all<{ group_a: string; group_b: string; n_a: number; n_b: number; mean_a: number; mean_b: number }>(
      `select group_a, group_b, n_a, n_b, mean_a, mean_b from marts.cohort_comparison where dimension = 'cohort' and metric = 'posts_per_active_week'`,
    );
    expect(activity.length).toBeGreaterThan(1);
    for (const pair of compared) {
      for (const [group, n, mean] of [
        [pair.group_a, pair.n_a, pair.mean_a],
        [pair.group_b, pair.n_b, pair.mean_b],
      ] as const) {
        const cohort = activity.find((row) => row.cohort === group)!;
        expect(cohort.ambassadors).toBe(n);
        expect(cohort.mean_posts_per_active_week).toBeCloseTo(mean, 12);
      }
    }
  });
});
