/**
 * marts.training_effect: the effect of training on an ambassador's weekly activity,
 * estimated by difference in differences with staggered training dates
 * (lib/statistics/did.ts): for each training week, the ambassadors first trained that week,
 * before against after, minus the same change for ambassadors not yet trained over the
 * same weeks (never trained, or trained only after the window). Windows are
 * TRAINING_WINDOW_WEEKS full ISO weeks before and after the training week, which is left
 * out; only weeks an ambassador was enrolled for in full, ending by the last day of
 * ambassadors' activity, count. An ambassador counts as trained from their first training
 * (core.trainings.is_first_training).
 *
 * One row per metric for the overall effect (scope = overall: the training weeks'
 * effects weighted by their trained ambassadors) and one per training week (scope =
 * training_week), each with a 95% cluster-bootstrap interval over ambassadors, seeded by
 * `statistics.seed`. n_trained and n_control count the ambassadors in the estimate (in
 * the overall row, a control of several training weeks once); treated_/control_before
 * and _after are their mean weekly values over the window. Metrics: posts_per_week, sessions_per_week. The plain before/after
 * per ambassador is marts.training_before_after.
 */
import type { TsModelDefinition } from '../runner.ts';
import { staggeredDifferenceInDifferences, type PanelUnit } from '../lib/statistics/did.ts';
import { seededRandom } from '../lib/statistics/random.ts';
import { dayDate, writeRows, type Column } from '../lib/table.ts';

export const TRAINING_WINDOW_WEEKS = 4;
export const TRAINING_INTERVAL_LEVEL = 0.95;
export const TRAINING_METRICS = ['posts_per_week', 'sessions_per_week'] as const;
type Metric = (typeof TRAINING_METRICS)[number];

const PANEL = `
with first_week as (
  select min(week_start) as week_start from core.program_weeks
),

first_trainings as (
  select ambassador_id, iso_week_start(trained_on) as training_week
  from core.trainings
  where is_first_training and is_on_roster
),

full_weeks as (
  select w.ambassador_id, w.week_start, w.posts, w.sessions
  from marts.ambassador_weekly as w
  inner join intermediate.int_ambassador_complete_weeks_bounded as c using (ambassador_id)
  where w.week_start between coalesce(c.first_complete_week_start, w.week_start) and c.last_complete_week_start
)

select
  w.ambassador_id,
  (date_diff('day', f.week_start, w.week_start) / 7)::integer as week_index,
  w.posts::double as posts_per_week,
  w.sessions::double as sessions_per_week,
  (date_diff('day', f.week_start, t.training_week) / 7)::integer as training_week_index
from full_weeks as w
cross join first_week as f
left join first_trainings as t using (ambassador_id)
order by w.ambassador_id, w.week_start`;

interface PanelRow {
  ambassador_id: string;
  week_index: number;
  posts_per_week: number;
  sessions_per_week: number;
  training_week_index: number | null;
}

interface EffectRow {
  metric: Metric;
  scope: 'overall' | 'training_week';
  training_week: string | null;
  n_trained: number;
  n_control: number;
  treated_before: number;
  treated_after: number;
  control_before: number;
  control_after: number;
  effect: number;
  ci_low: number | null;
  ci_high: number | null;
}

function weekStartOf(firstWeek: string, index: number): string {
  return new Date(Date.parse(`${firstWeek}T00:00:00Z`) + index * 7 * 86_400_000).toISOString().slice(0, 10);
}

const COLUMNS: Column<EffectRow>[] = [
  { name: 'metric', type: 'varchar', value: (row) => row.metric },
  { name: 'scope', type: 'varchar', value: (row) => row.scope },
  { name: 'training_week', type: 'date', value: (row) => (row.training_week ? dayDate(row.training_week) : null) },
  { name: 'n_trained', type: 'integer', value: (row) => row.n_trained },
  { name: 'n_control', type: 'integer', value: (row) => row.n_control },
  { name: 'treated_before', type: 'double', value: (row) => row.treated_before },
  { name: 'treated_after', type: 'double', value: (row) => row.treated_after },
  { name: 'control_before', type: 'double', value: (row) => row.control_before },
  { name: 'control_after', type: 'double', value: (row) => row.control_after },
  { name: 'effect', type: 'double', value: (row) => row.effect },
  { name: 'ci_low', type: 'double', value: (row) => row.ci_low },
  { name: 'ci_high', type: 'double', value: (row) => row.ci_high },
  { name: 'interval_level', type: 'double', value: () => TRAINING_INTERVAL_LEVEL },
  { name: 'weeks_before', type: 'integer', value: () => TRAINING_WINDOW_WEEKS },
  { name: 'weeks_after', type: 'integer', value: () => TRAINING_WINDOW_WEEKS },
  { name: 'method', type: 'varchar', value: () => 'stacked difference in differences against not-yet-trained ambassadors' },
];

export const model: TsModelDefinition = {
  grain: 'one row per metric and scope: the overall effect, and one per training week',
  dependsOn: ['marts.ambassador_weekly', 'intermediate.int_ambassador_complete_weeks_bounded', 'core.trainings', 'core.program_weeks'],
  tests: [
    { kind: 'unique', columns: ['metric', 'scope', 'training_week'] },
    { kind: 'accepted_values', column: 'scope', values: ['overall', 'training_week'] },
    { kind: 'accepted_values', column: 'metric', values: [...TRAINING_METRICS] },
  ],
  async build({ warehouse, config }, table) {
    const panel = await warehouse.all<PanelRow>(PANEL);
    const firstWeek = await warehouse.one<{ week_start: string | null }>(`select strftime(min(week_start), '%Y-%m-%d') as week_start from core.program_weeks`);
    const rows: EffectRow[] = [];
    for (const metric of TRAINING_METRICS) {
      const units = new Map<string, PanelUnit & { weeks: Map<number, number> }>();
      for (const row of panel) {
        let unit = units.get(row.ambassador_id);
        if (!unit) {
          unit = { id: row.ambassador_id, treatedWeek: row.training_week_index, weeks: new Map() };
          units.set(row.ambassador_id, unit);
        }
        unit.weeks.set(row.week_index, row[metric]);
      }
      const estimates = staggeredDifferenceInDifferences(
        [...units.values()],
        TRAINING_WINDOW_WEEKS,
        config.statistics.bootstrap_samples,
        seededRandom(config.statistics.seed, `training|${metric}`),
        TRAINING_INTERVAL_LEVEL,
      );
      for (const estimate of estimates) {
        rows.push({
          metric,
          scope: estimate.treatedWeek === null ? 'overall' : 'training_week',
          training_week: estimate.treatedWeek === null || !firstWeek?.week_start ? null : weekStartOf(firstWeek.week_start, estimate.treatedWeek),
          n_trained: estimate.treated,
          n_control: estimate.controls,
          treated_before: estimate.treatedBefore,
          treated_after: estimate.treatedAfter,
          control_before: estimate.controlBefore,
          control_after: estimate.controlAfter,
          effect: estimate.effect,
          ci_low: estimate.low,
          ci_high: estimate.high,
        });
      }
    }
    await writeRows(warehouse, table, COLUMNS, rows);
  },
};
