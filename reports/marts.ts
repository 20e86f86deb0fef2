/**
 * The marts that reports read, one row type per table, with the columns each query
 * selects. Reports read `marts.*` only (never staging or core); measures arrive as
 * INTEGER or DOUBLE (cast in the mart), dates as JS Dates at 00:00 UTC.
 */
import { quotedIdentifier, type Warehouse } from '../pipelines/warehouse.ts';

/** One row per ambassador x ISO week (`marts.ambassador_weekly`). */
export interface AmbassadorWeeklyRow {
  ambassador_id: string;
  ambassador_name: string;
  department: string | null;
  cohort: string | null;
  is_leader: boolean;
  /** The ISO week's Monday. */
  week_start: Date;
  /** `2026-W19`. */
  iso_week: string;
  posts: number;
  linkedin_posts: number;
  facebook_posts: number;
  /** Null when the platform reported none. */
  impressions: number | null;
  engagements: number | null;
  /** Visits through the ambassador's tracked links. */
  sessions: number;
  /** Credited outcomes (last touch by default; fractional under other models). */
  leads: number;
  applications: number;
  conversions: number;
  hires: number;
  /** Credited outcome value in the report's currency. */
  value: number;
  /** Posted at least once that week. */
  is_active: boolean;
}

/** One row per ISO week for the whole program (`marts.program_weekly`). */
export interface ProgramWeeklyRow {
  week_start: Date;
  iso_week: string;
  ambassadors_enrolled: number;
  ambassadors_active: number;
  posts: number;
  impressions: number | null;
  /** Sessions through ambassadors' tracked links. */
  sessions: number;
  /** All tracked sessions, from any source. */
  all_sessions: number;
  /** Leads credited to ambassadors. */
  leads: number;
  all_leads: number;
  applications: number;
  all_applications: number;
  value: number;
}

/** One row per ambassador over the report period (`marts.ambassador_totals`). */
export interface AmbassadorTotalsRow {
  ambassador_id: string;
  ambassador_name: string;
  department: string | null;
  cohort: string | null;
  is_leader: boolean;
  posts: number;
  impressions: number | null;
  sessions: number;
  leads: number;
  applications: number;
  conversions: number;
  hires: number;
  value: number;
  /** Null when the ambassador never posted. */
  first_post_on: Date | null;
  weeks_active: number;
}

/** Exactly one row: the program over the report period (`marts.program_summary`). */
export interface ProgramSummaryRow {
  company_name: string;
  currency: string;
  period_start: Date | null;
  period_end: Date | null;
  ambassadors_enrolled: number;
  ambassadors_active: number;
  posts: number;
  impressions: number | null;
  engagements: number | null;
  sessions: number;
  all_sessions: number;
  leads: number;
  all_leads: number;
  applications: number;
  all_applications: number;
  hires: number;
  conversions: number;
  value: number;
  outcomes: number;
  outcomes_credited_to_ambassadors: number;
}

export const GOAL_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** One row per goal x day with data (`marts.goal_progress`). */
export interface GoalProgressRow {
  goal_id: string;
  goal_name: string;
  kind: string;
  metric: string;
  target: number;
  period_start: Date;
  period_end: Date;
  day: Date;
  /** Cumulative actual since the period's start. */
  actual: number;
  /** Linear pace to the target on that day. */
  pace_target: number;
  /** The goal's status as of its last day with data (the same on every row of a goal). */
  status: GoalStatus;
}

/** The columns each mart query selects, in order; the row types above mirror them. */
export const MART_COLUMNS = {
  ambassador_weekly: [
    'ambassador_id', 'ambassador_name', 'department', 'cohort', 'is_leader', 'week_start', 'iso_week',
    'posts', 'linkedin_posts', 'facebook_posts', 'impressions', 'engagements', 'sessions',
    'leads', 'applications', 'conversions', 'hires', 'value', 'is_active',
  ],
  program_weekly: [
    'week_start', 'iso_week', 'ambassadors_enrolled', 'ambassadors_active', 'posts', 'impressions',
    'sessions', 'all_sessions', 'leads', 'all_leads', 'applications', 'all_applications', 'value',
  ],
  ambassador_totals: [
    'ambassador_id', 'ambassador_name', 'department', 'cohort', 'is_leader', 'posts', 'impressions',
    'sessions', 'leads', 'applications', 'conversions', 'hires', 'value', 'first_post_on', 'weeks_active',
  ],
  program_summary: [
    'company_name', 'currency', 'period_start', 'period_end', 'ambassadors_enrolled', 'ambassadors_active',
    'posts', 'impressions', 'engagements', 'sessions', 'all_sessions', 'leads', 'all_leads',
    'applications', 'all_applications', 'hires', 'conversions', 'value', 'outcomes',
    'outcomes_credited_to_ambassadors',
  ],
  goal_progress: [
    'goal_id', 'goal_name', 'kind', 'metric', 'target', 'period_start', 'period_end', 'day',
    'actual', 'pace_target', 'status',
  ],
} as const satisfies Record<string, readonly string[]>;

export type MartName = keyof typeof MART_COLUMNS;

/** The order each mart is read in, so charts and snapshots are deterministic. */
const MART_ORDER: Record<MartName, readonly string[]> = {
  ambassador_weekly: ['week_start', 'ambassador_id'],
  program_weekly: ['week_start'],
  ambassador_totals: ['ambassador_id'],
  program_summary: ['period_start'],
  goal_progress: ['goal_id', 'day'],
};

/** `select <columns> from marts.<name> order by <key>`: reports only select, filter and sort. */
export function martQuery(name: MartName): string {
  const columns = MART_COLUMNS[name].map((column) => quotedIdentifier(column)).join(', ');
  const order = MART_ORDER[name].map((column) => quotedIdentifier(column)).join(', ');
  return `select ${columns} from marts.${quotedIdentifier(name)} order by ${order}`;
}

/** Reads a whole mart; the row type is the one named for the mart. */
export async function readMart<N extends MartName>(warehouse: Warehouse, name: N): Promise<MartRow<N>[]> {
  return warehouse.all<MartRow<N> & Record<string, unknown>>(martQuery(name));
}

export type MartRow<N extends MartName> = {
  ambassador_weekly: AmbassadorWeeklyRow;
  program_weekly: ProgramWeeklyRow;
  ambassador_totals: AmbassadorTotalsRow;
  program_summary: ProgramSummaryRow;
  goal_progress: GoalProgressRow;
}[N];
