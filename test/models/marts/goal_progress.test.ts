import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { forecastGoal, statusOf } from '../../../models/marts/goal_progress.model.ts';
import { buildModels } from '../../helpers/models.ts';
import { testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const addDays = (text: string, days: number) => new Date(Date.parse(`${text}T00:00:00Z`) + days * 86_400_000);

/**
 * Goals over the 100 days from 1 March 2026, measured on 48 days of leads (1, 3, 3, 1 over
 * and over: 2 a day, with no trend) up to 17 April; a goal whose period ended; one on a
 * metric with no data.
 */
async function setUp(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`create schema if not exists core; create schema if not exists marts;
    create table core.goals (goal_id varchar, goal_name varchar, kind varchar, metric varchar, target double,
      period_start date, period_end date, unit_value double, purpose varchar);
    create table marts.program_daily_metrics (day date, metric varchar, value double);`);
  const end = addDays('2026-03-01', 99);
  await warehouse.append('core', 'goals', [
    ['on', 'Leads on track', 'leads', 'leads', 200, day('2026-03-01'), end, 1500, 'sales'],
    ['risk', 'Leads at risk', 'leads', 'leads', 230, day('2026-03-01'), end, 1500, 'sales'],
    ['off', 'Leads off track', 'leads', 'meetings', 400, day('2026-03-01'), end, 1500, 'sales'],
    ['done', 'A March push', 'leads', 'leads', 40, day('2026-03-01'), day('2026-03-20'), 1500, 'sales'],
    ['none', 'Hires', 'applications', 'hires', 5, day('2026-03-01'), end, 45000, 'recruitment'],
  ]);
  await warehouse.append(
    'marts',
    'program_daily_metrics',
    Array.from({ length: 48 }, (_, index) => [addDays('2026-03-01', index), 'leads', [1, 3, 3, 1][index % 4]]),
  );
}

interface GoalRow {
  goal_id: string;
  measured_metric: string;
  actual: number;
  pace_target: number;
  forecast_end: number | null;
  forecast_low: number | null;
  forecast_high: number | null;
  forecast_basis: string;
  status: string;
}

describe('models/marts/goal_progress', () => {
  it('forecasts each goal to its end from the trend, with a prediction interval, and applies the status rule', async () => {
    await withWarehouse(async (warehouse) => {
      await setUp(warehouse);
      await buildModels(warehouse, testConfig(), ['marts.goal_progress'], ['core.goals', 'marts.program_daily_metrics']);
      const last = await warehouse.all<GoalRow>(`select * from marts.goal_progress qualify day = max(day) over (partition by goal_id) order by goal_id`);
      const byGoal = Object.fromEntries(last.map((row) => [row.goal_id, row]));

      const on = byGoal.on!;
      expect(on.actual).toBe(96);
      expect(on.pace_target).toBeCloseTo(96, 9);
      // 2 a day, flat: the line predicts 52 x 2 more.
      expect(on.forecast_end!).toBeCloseTo(200, 6);
      expect(on.forecast_low!).toBeLessThan(200);
      expect(on.forecast_low!).toBeGreaterThanOrEqual(96);
      expect(on.forecast_high!).toBeGreaterThan(200);
      expect(on.forecast_basis).toBe('trend');
      expect(on.status).toBe('on_track');
      // 200 / 230 = 0.87: at risk (>= 0.8, < 0.95); 200 / 400 = 0.5: off track.
      expect(byGoal.risk!.status).toBe('at_risk');
      expect(byGoal.off!.status).toBe('off_track');
      expect(byGoal.off!.measured_metric).toBe('leads');
      // A period that is over: the forecast is the final actual, 20 days x 2 = 40 of 40.
      expect([byGoal.done!.forecast_end, byGoal.done!.forecast_low, byGoal.done!.forecast_basis, byGoal.done!.status]).toEqual([
        40,
        40,
        'period_over',
        'on_track',
      ]);
      expect([byGoal.none!.forecast_end, byGoal.none!.status]).toEqual([null, 'no_data']);

      // Every row of a goal carries its forecast and status; the contract's columns are there.
      const columns = (await warehouse.describe('marts.goal_progress')).map((column) => column.name);
      for (const column of [
        'goal_id',
        'goal_name',
        'kind',
        'metric',
        'target',
        'period_start',
        'period_end',
        'day',
        'actual',
        'pace_target',
        'forecast_end',
        'forecast_low',
        'forecast_high',
        'status',
      ]) {
        expect(columns).toContain(column);
      }
      const statuses = await warehouse.all<{ goal_id: string; n: number }>(
        `select goal_id, count(distinct status)::integer as n from marts.goal_progress group by all`,
      );
      expect(statuses.every((row) => row.n === 1)).toBe(true);
    });
  });

  it('uses the ratios from the config and falls back to the pace early in a period', () => {
    expect(statusOf(0.95, { onTrack: 0.95, atRisk: 0.8 })).toBe('on_track');
    expect(statusOf(0.9, { onTrack: 0.95, atRisk: 0.8 })).toBe('at_risk');
    expect(statusOf(0.9, { onTrack: 0.9, atRisk: 0.8 })).toBe('on_track');
    expect(statusOf(0.79, { onTrack: 0.95, atRisk: 0.8 })).toBe('off_track');
    const early = [0, 1, 2].map((index) => ({
      goal_id: 'g',
      target: 100,
      daily_value: 0.5,
      actual: 0.5 * (index + 1),
      pace_target: index + 1,
      days_with_data: 3,
      period_days: 100,
    }));
    // Three days in: no forecast yet; 1.5 against a pace of 3 is off track.
    expect(forecastGoal(early, { onTrack: 0.95, atRisk: 0.8 })).toMatchObject({ forecast_end: null, forecast_basis: 'pace', status: 'off_track' });
  });

  it('follows its documented rule, actual against pace: 16 against a pace of 25.2 is off track even when a late surge makes the trend promise the target', () => {
    // 42 of 100 days: nothing for 38 days, then 4 a day. Pace on day 42: 60 x 42 / 100 = 25.2.
    const days = Array.from({ length: 42 }, (_, index) => {
      const daily = index >= 38 ? 4 : 0;
      return {
        goal_id: 'g',
        target: 60,
        daily_value: daily,
        actual: Math.max(0, index - 37) * 4,
        pace_target: (60 * (index + 1)) / 100,
        days_with_data: 42,
        period_days: 100,
      };
    });
    const result = forecastGoal(days, { onTrack: 0.95, atRisk: 0.8 });
    expect(days.at(-1)).toMatchObject({ actual: 16, pace_target: 25.2 });
    expect(result.forecast_basis).toBe('trend');
    expect(result.forecast_end!).toBeGreaterThan(60);
    expect(result.status).toBe('off_track');
  });
});
