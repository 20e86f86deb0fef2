import { defineAdapter, rejectRow } from '../adapter.ts';

export const GOAL_KINDS = ['visibility', 'traffic', 'social_actions', 'leads', 'conversions', 'applications'] as const;
export const GOAL_PURPOSES = ['recruitment', 'positioning', 'sales'] as const;

/** The program's goals: one row per goal with its target and period (docs/formats.md#goals). */
export const programGoals = defineAdapter({
  name: 'program.goals',
  platform: 'program',
  title: 'program goals',
  signature: ['goal_id', 'kind', 'metric', 'target'],
  loader: 'papaparse',
  keepExtraColumns: true,
  naturalKey: ['goal_id'],
  columns: [
    { name: 'goal_id', headers: ['goal_id'], type: 'text', required: true },
    { name: 'name', headers: ['name'], type: 'text', required: true },
    { name: 'kind', headers: ['kind'], type: 'text', required: true },
    { name: 'metric', headers: ['metric'], type: 'text', required: true },
    { name: 'target', headers: ['target'], type: 'number', required: true },
    { name: 'period_start', headers: ['period_start'], type: 'date', required: true },
    { name: 'period_end', headers: ['period_end'], type: 'date', required: true },
    { name: 'unit_value', headers: ['unit_value'], type: 'money' },
    { name: 'purpose', headers: ['purpose'], type: 'text' },
  ],
  transformRow(row) {
    const kind = String(row.kind).toLowerCase();
    if (!(GOAL_KINDS as readonly string[]).includes(kind)) {
      return rejectRow(`kind must be one of ${GOAL_KINDS.join(', ')}`, 'kind', String(row.kind));
    }
    const purpose = row.purpose === null ? null : String(row.purpose).toLowerCase();
    if (purpose !== null && !(GOAL_PURPOSES as readonly string[]).includes(purpose)) {
      return rejectRow(`purpose must be one of ${GOAL_PURPOSES.join(', ')}, or empty`, 'purpose', String(row.purpose));
    }
    if ((row.period_end as Date) < (row.period_start as Date)) {
      return rejectRow('period_end is before period_start; swap or correct the dates', 'period_end', (row.period_end as Date).toISOString().slice(0, 10));
    }
    if ((row.target as number) <= 0) return rejectRow('target must be above zero', 'target', String(row.target));
    return { ...row, kind, purpose, metric: String(row.metric).toLowerCase() };
  },
});
