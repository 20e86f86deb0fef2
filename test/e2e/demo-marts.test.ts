/**
 * Marts on the demo program (fixtures/generator), as the shared demo build made them: each
 * matches its contract, and each agrees with the marts and reports it must agree with.
 * The tests of each model on hand-made tables are in test/models/marts/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtColumns, contractMismatch, type DeclaredColumn, isContractMart, MART_CONTRACTS } from '../../models/marts/contracts.ts';
import { discoverModels } from '../../models/runner.ts';
import { quotedIdentifier } from '../../pipelines/warehouse.ts';
import { costLinesTotal, valueComponentsCost } from '../helpers/costs.ts';
import { demoBuild, withDemoWarehouse } from '../helpers/demo.ts';

describe('models/marts/contracts on the demo program', () => {
  it('every mart the demo builds matches its contract, and every contract has a model', async () => {
    const models = new Set((await discoverModels()).filter((model) => model.layer === 'marts').map((model) => model.name));
    expect(Object.keys(MART_CONTRACTS).filter((name) => !models.has(name))).toEqual([]);
    await withDemoWarehouse(async (warehouse) => {
      const marts = (
        await warehouse.all<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'marts' order by 1`)
      ).map((row) => row.name);
      expect(marts.filter((name) => !isContractMart(name))).toEqual([]);
      for (const name of marts.filter(isContractMart)) expect(contractMismatch(name, await builtColumns(warehouse, name)), name).toBeNull();
    });
  });

  it('columns the contracts declare without `?` hold no nulls on the demo', async () => {
    await withDemoWarehouse(async (warehouse) => {
      for (const [name, columns] of Object.entries(MART_CONTRACTS) as [string, Record<string, DeclaredColumn>][]) {
        const required = Object.entries(columns)
          .filter(([, type]) => !type.endsWith('?'))
          .map(([column]) => column);
        const counts = await warehouse.one<Record<string, number>>(
          `select ${required.map((column) => `count_if(${quotedIdentifier(column)} is null)::integer as ${quotedIdentifier(column)}`).join(', ')} from marts.${quotedIdentifier(name)}`,
        );
        const withNulls = required.filter((column) => (counts?.[column] ?? 0) > 0);
        expect(withNulls, `marts.${name}`).toEqual([]);
      }
    });
  });
});

describe('models/marts/cost_lines on the demo program', () => {
  it('cost_lines totals equal value_components totals on the demo build', async () => {
    await withDemoWarehouse(async (warehouse) => {
      const total = await costLinesTotal(warehouse);
      expect(total).toBeGreaterThan(0);
      const models = await valueComponentsCost(warehouse);
      expect(models.length).toBeGreaterThan(1);
      for (const { cost } of models) expect(cost).toBeCloseTo(total, 6);
      // Every line of the demo's costs file is listed with its file and line.
      const files = await warehouse.all<{ source: string; lines: number }>(
        `select f.file_name as source, count(*)::integer as lines from core.costs c join meta.files f on f.file_id = c.source_file_id group by all`,
      );
      const listed = await warehouse.all<{ source: string; lines: number }>(
        `select source_file as source, count(*)::integer as lines from marts.cost_lines where source_kind = 'costs_file' group by all`,
      );
      expect(listed).toEqual(files);
    });
  });
});

describe('models/marts/leader_example on the demo program', () => {
  it('a chart’s label and its numbers agree on the demo program: each leader’s posts per active week is their rate in the cohort comparison, whose leader mean they make', async () => {
    const { leaders, comparison } = await withDemoWarehouse(async (warehouse) => ({
      leaders: await warehouse.all<{ leader_id: string; leader_value: number; rate: number; posts: number; active_weeks: number }>(
        `select l.leader_id, l.leader_value, r.value as rate,
                (select count(*)::integer from core.posts as p where p.ambassador_id = l.leader_id and p.owner = 'ambassador') as posts,
                (select count(distinct iso_week_start(p.posted_on))::integer from core.posts as p where p.ambassador_id = l.leader_id and p.owner = 'ambassador') as active_weeks
         from marts.leader_example as l
         left join marts.ambassador_rates as r on r.ambassador_id = l.leader_id and r.metric = l.metric
         where l.metric = 'posts_per_active_week' order by l.leader_id`,
      ),
      comparison: await warehouse.one<{ n_a: number; mean_a: number }>(
        `select n_a, mean_a from marts.cohort_comparison where dimension = 'leader' and metric = 'posts_per_active_week' and group_a = 'leader'`,
      ),
    }));
    expect(leaders.length).toBeGreaterThan(0);
    for (const leader of leaders) {
      expect(leader.leader_value, leader.leader_id).toBe(leader.rate);
      expect(leader.leader_value, leader.leader_id).toBeCloseTo(leader.posts / leader.active_weeks, 12);
      expect(leader.leader_value, leader.leader_id).toBeGreaterThanOrEqual(1);
    }
    expect(comparison!.n_a).toBe(leaders.length);
    expect(comparison!.mean_a).toBeCloseTo(leaders.reduce((sum, leader) => sum + leader.leader_value, 0) / leaders.length, 12);
  });
});

describe('models/marts/program_weekly on the demo program', () => {
  it('enrolled is counted one way: program_weekly and participation_weekly agree on every week, and both reports state the same active and enrolled', async () => {
    const weeks = await withDemoWarehouse((warehouse) =>
      warehouse.all<{ iso_week: string; ambassadors_enrolled: number; ambassadors_active: number; enrolled: number; active: number }>(
        `select p.iso_week, p.ambassadors_enrolled, p.ambassadors_active, w.enrolled, w.active
         from marts.program_weekly as p full join marts.participation_weekly as w using (week_start)
         order by week_start`,
      ),
    );
    expect(weeks.length).toBeGreaterThan(20);
    for (const week of weeks) expect([week.ambassadors_enrolled, week.ambassadors_active], week.iso_week).toEqual([week.enrolled, week.active]);
    const latest = weeks.at(-1)!;
    // 57 enrolled at the end of 2026-W44: three ambassadors left in September.
    expect(latest).toMatchObject({ iso_week: '2026-W44', enrolled: 57, active: 31 });
    const text = (file: string) =>
      readFileSync(join(demoBuild().root, 'out/latest', file), 'utf8')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
    expect(text('leadership.html')).toContain('31 of 57 were active in 2026-W44');
    expect(text('program.html')).toContain('31 of 57 ambassadors active in 2026-W44');
  });
});

describe('models/marts/disclosure/disclosure_audit on the demo program', () => {
  let planted: string[];
  let flagged: { post_url: string; platform: string; ambassador_id: string }[];
  let counts: { status: string; posts: number }[];
  let nudged: string[];

  beforeAll(async () => {
    planted = demoBuild().planted.undisclosedFacebookPosts;
    await withDemoWarehouse(async (warehouse) => {
      flagged = await warehouse.all(`select post_url, platform, ambassador_id from marts.disclosure_audit where status = 'non_compliant' order by post_url`);
      counts = await warehouse.all(`select status, count(*)::integer as posts from marts.disclosure_audit group by status order by status`);
      nudged = (await warehouse.all<{ ambassador_id: string }>(`select ambassador_id from marts.nudges where kind = 'disclosure' order by ambassador_id`)).map(
        (row) => row.ambassador_id,
      );
    });
  });

  it('finds exactly the planted undisclosed Facebook posts, and flags nothing else', () => {
    expect(planted).toHaveLength(4);
    expect(flagged.map((row) => row.post_url)).toEqual([...planted].sort());
    expect(new Set(flagged.map((row) => row.platform))).toEqual(new Set(['facebook']));
    expect(counts.find((row) => row.status === 'unknown')).toBeUndefined();
    expect(counts.find((row) => row.status === 'compliant')?.posts).toBeGreaterThan(1000);
  });

  it('asks the program leads to follow up the three ambassadors behind them', () => {
    expect(nudged).toEqual([...new Set(flagged.map((row) => row.ambassador_id))].sort());
    expect(nudged).toHaveLength(3);
  });
});
