/**
 * What the marts' contracts are written in: the DuckDB types a mart's columns are declared
 * with, and the groups of columns several marts share.
 */
import { COST_COMPONENTS, VALUE_COMPONENTS } from '../../lib/statistics/roi-table.ts';

/** The DuckDB types marts are built with (measures are cast to INTEGER or DOUBLE in the mart). */
export type MartColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BIGINT' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN';
/** A column's declared type: `DOUBLE`, or `DOUBLE?` when it may hold nulls. */
export type DeclaredColumn = MartColumnType | `${MartColumnType}?`;

/** Columns several marts share, in order, with their declared types. */
export function columnGroup<const Columns extends Record<string, DeclaredColumn>>(columns: Columns): Columns {
  return columns;
}

/** Columns that each hold an amount in the program's currency, in the order named. */
export function amountColumns<const Name extends string>(...names: Name[]): Record<Name, 'DOUBLE'> {
  return Object.fromEntries(names.map((name) => [name, 'DOUBLE'])) as Record<Name, 'DOUBLE'>;
}

/** The value components (marts.value_components, and the ROI marts' values). */
export const VALUE_COLUMNS = amountColumns(...VALUE_COMPONENTS);

/** The cost components (marts.value_components, and the ROI marts' costs). */
export const COST_COLUMNS = amountColumns(...COST_COMPONENTS);

/** An ambassador's credited outcomes: marts.ambassador_weekly per week, marts.ambassador_totals program to date. */
export const CREDITED_OUTCOME_COLUMNS = columnGroup({
  /** Credited outcomes (last touch by default; fractional under other models). */
  leads: 'DOUBLE',
  applications: 'DOUBLE',
  conversions: 'DOUBLE',
  hires: 'DOUBLE',
  /** Credited outcome value in the report's currency. */
  value: 'DOUBLE',
});

/** The ROI figures of a period under one attribution model: marts.roi_by_period's columns, and marts.roi_by_group's after its group. */
export const ROI_COLUMNS = columnGroup({
  period: 'VARCHAR',
  period_start: 'DATE',
  period_end: 'DATE',
  model: 'VARCHAR',
  is_default_model: 'BOOLEAN',
  ambassadors: 'INTEGER',
  posts: 'INTEGER',
  ...VALUE_COLUMNS,
  value_total: 'DOUBLE',
  ...COST_COLUMNS,
  cost_total: 'DOUBLE',
  /** (value − cost) / cost; null when the cost is zero. */
  roi: 'DOUBLE?',
  /** The 90% bootstrap interval over ambassadors. */
  roi_low: 'DOUBLE?',
  roi_high: 'DOUBLE?',
  interval_level: 'DOUBLE',
  interval_crosses_zero: 'BOOLEAN?',
  time_basis: 'VARCHAR',
});

/** What earned points: marts.points_daily per day, marts.period_points and marts.leaderboard per period. */
export const POINTS_EARNED_BY_COLUMNS = columnGroup({
  posts: 'INTEGER',
  reactions: 'INTEGER',
  comments: 'INTEGER',
  shares: 'INTEGER',
  clicks: 'INTEGER',
  leads: 'DOUBLE',
  applications: 'DOUBLE',
  hires: 'DOUBLE',
});

/** What earned points, and the points, before and after the daily cap: marts.points_daily per day, marts.period_points per period. */
export const POINTS_COLUMNS = columnGroup({ ...POINTS_EARNED_BY_COLUMNS, points_uncapped: 'DOUBLE', points: 'DOUBLE' });

/** A period's enrolled ambassadors counted by participation: marts.participation_weekly per week, marts.participation_monthly per month. */
export const PARTICIPATION_COLUMNS = columnGroup({
  enrolled: 'INTEGER',
  newly_enrolled: 'INTEGER',
  active: 'INTEGER',
  new: 'INTEGER',
  lapsed: 'INTEGER',
  never_active: 'INTEGER',
  participation_rate: 'DOUBLE?',
});

/** What a content item's shares achieved: marts.content_performance per item, marts.content_performance_by_type per type or origin. */
export const CONTENT_RESULT_COLUMNS = columnGroup({
  impressions: 'DOUBLE?',
  engagements: 'DOUBLE?',
  engagement_rate: 'DOUBLE?',
  clicks: 'INTEGER',
  all_sessions: 'INTEGER',
  outcomes_credited: 'DOUBLE',
});

/** The program's sessions, leads and applications: those through or credited to ambassadors, and all of them (marts.program_summary, marts.program_weekly). */
export const PROGRAM_RESULT_COLUMNS = columnGroup({
  /** Sessions through ambassadors' tracked links. */
  sessions: 'INTEGER',
  /** All tracked sessions, from any source. */
  all_sessions: 'INTEGER',
  /** Leads credited to ambassadors. */
  leads: 'DOUBLE',
  all_leads: 'INTEGER',
  applications: 'DOUBLE',
  all_applications: 'INTEGER',
});
