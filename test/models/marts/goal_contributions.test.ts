import { describe, expect, it } from 'vitest';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';
import { ATTRIBUTION_MODELS, buildAttribution } from './attribution_setup.ts';

const MODELS = ['last_touch', 'first_touch', 'linear', 'time_decay', 'position_based', 'markov', 'shapley', 'fractribution'];

describe('models/marts/goal_contributions', () => {
  it("credits each goal's outcomes and activity, on the goal's local days, to ambassadors and channels under every model", async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(`create schema if not exists core;
        create table core.goals as select * from (values
          ('G1', 'Leads', 'leads', 'leads', 10.0, date '2026-06-01', date '2026-06-30', 1500.0, 'sales'),
          ('G2', 'Traffic', 'traffic', 'sessions', 100.0, date '2026-06-01', date '2026-06-30', 12.0, 'sales'),
          ('G3', 'Visibility', 'visibility', 'impressions', 1000.0, date '2026-06-01', date '2026-06-30', 0.06, 'positioning')
        ) as g(goal_id, goal_name, kind, metric, target, period_start, period_end, unit_value, purpose);
        create table core.posts as select *, null::double as reactions, null::double as comments, null::double as shares from (values
          ('p1', 'ambassador', 'A1', 'linkedin', date '2026-06-10', 500.0, 20.0, 'post_metrics'),
          ('p2', 'ambassador', 'A2', 'linkedin', date '2026-07-02', 300.0, 5.0, 'post_metrics'),
          -- inside A2's daily series: its own figures are the series'
          ('p3', 'ambassador', 'A2', 'linkedin', date '2026-06-20', 900.0, 9.0, 'daily_series')
        ) as p(post_key, owner, ambassador_id, platform, posted_on, impressions, engagements, metrics_counted_in);
        create table core.ambassador_daily_reach as select * from (values
          ('A2', date '2026-06-20', 250.0, 4.0, null::double),
          ('A2', date '2026-06-21', 150.0, 2.0, null)
        ) as d(ambassador_id, day, impressions, engagements, clicks);`);
      // The program's time zone is Europe/Copenhagen (UTC+2 in summer): 2026-05-31 22:00 UTC is 1 June.
      await buildAttribution(
        warehouse,
        [
          { id: 'o1', visitor: 'v1', at: '2026-06-15 12:00:00' },
          { id: 'o2', visitor: 'v2', at: '2026-05-31 22:30:00' },
          { id: 'o3', visitor: 'v3', at: '2026-06-30 22:30:00' },
          { id: 'o4', visitor: 'v1', at: '2026-06-16 12:00:00', kind: 'conversion' },
          { id: 'o5', visitor: null, at: '2026-06-20 12:00:00', own: 'A2' },
        ],
        [
          { visitor: 'v1', at: '2026-06-12 12:00:00', channel: 'Email' },
          { visitor: 'v1', at: '2026-06-14 12:00:00', channel: 'A1' },
          { visitor: 'v2', at: '2026-05-31 22:00:00', channel: 'A1' },
          { visitor: 'v3', at: '2026-05-31 21:00:00', channel: 'A1' },
        ],
        [...ATTRIBUTION_MODELS, 'core.ambassador_impressions_daily', 'marts.goal_contributions'],
        testConfig(),
        ['core.goals', 'core.posts', 'core.ambassador_daily_reach'],
      );
      const rows = await warehouse.all<{
        goal_id: string;
        model: string;
        granularity: string;
        channel: string;
        ambassador_id: string | null;
        actual: number;
        value: number;
      }>(`select goal_id, model, granularity, channel, ambassador_id, actual, value from marts.goal_contributions order by all`);
      const of = (goal: string, model: string, granularity = 'ambassador') =>
        Object.fromEntries(
          rows
            .filter((row) => row.goal_id === goal && row.model === model && row.granularity === granularity)
            .map((row) => [row.channel, Number(row.actual.toFixed(12))]),
        );
      // Leads in June (local): o1 (Email > A1), o2 (A1, 00:30 on 1 June), o5 (A2's own tag); not o3 (1 July), not o4 (a conversion)
      expect(of('G1', 'last_touch')).toEqual({ A1: 2, A2: 1, Email: 0 });
      expect(of('G1', 'first_touch')).toEqual({ A1: 1, A2: 1, Email: 1 });
      expect(of('G1', 'shapley')).toEqual({ A1: 1.5, A2: 1, Email: 0.5 });
      expect(of('G1', 'last_touch', 'program')).toEqual({ 'Employee advocacy': 3, Email: 0 });
      // markov's lead chain is o1 and o2 (o3's touch is 30 days and 90 minutes old; no null path): Email's removal
      // effect 1/2, A1's 1, so shares 1/3 and 2/3 of the two June leads with a journey; o5 by its own tag
      expect(of('G1', 'markov')).toEqual({ A1: Number((4 / 3).toFixed(12)), A2: 1, Email: Number((2 / 3).toFixed(12)) });
      const a1 = rows.find((row) => row.goal_id === 'G1' && row.model === 'markov' && row.channel === 'A1')!;
      expect(a1.ambassador_id).toBe('A1');
      expect(a1.value).toBeCloseTo((4 / 3) * 1500, 9);
      // Sessions on A1's links in June (local): 14 June and 1 June 00:00 local, not 31 May 23:00 local; the same in every model
      for (const model of MODELS) {
        expect(of('G2', model)).toEqual({ A1: 2 });
        expect(of('G2', model, 'program')).toEqual({ 'Employee advocacy': 2 });
        // impressions as the program counts them: A1's post's own, A2's daily series (not its post's 900 too)
        expect(of('G3', model)).toEqual({ A1: 500, A2: 400 });
      }
    });
  });
});
