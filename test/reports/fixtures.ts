/**
 * Realistic mart rows for the report tests: a Danish program of 12 ambassadors in three
 * cohorts over ten ISO weeks (2026-W10 to 2026-W19), four goals (one off track). The
 * rows are generated from a seeded random sequence, and the program-level marts are
 * computed from the ambassador rows, so totals agree as the real marts' do.
 */
import { mulberry32 } from '../../models/lib/statistics/random.ts';
import { MART_CONTRACTS } from '../../models/marts/contracts.ts';
import { quotedIdentifier, type Warehouse } from '../../pipelines/warehouse.ts';
import type { LeadershipMarts } from '../../reports/pages/leadership.ts';
import { fixtureFigureRows, fixtureFigures } from './fixture-figures.ts';
import { martRow } from './mart-row.ts';
import {
  MART_COLUMNS,
  type AmbassadorTotalsRow,
  type AmbassadorWeeklyRow,
  type GoalProgressRow,
  type GoalStatus,
  type MartName,
  type ProgramSummaryRow,
  type ProgramWeeklyRow,
} from '../../reports/marts.ts';

export const COMPANY_NAME = 'Nordlys Energi A/S';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

export interface FixtureAmbassador {
  id: string;
  name: string;
  department: string;
  cohort: string;
  isLeader: boolean;
  /** The first of the ten weeks (0-based) the ambassador is enrolled in. */
  joinsInWeek: number;
  /** Mean posts per week. */
  activity: number;
  /** True when the platform reports no impressions for this ambassador. */
  noImpressions?: boolean;
}

export const AMBASSADORS: FixtureAmbassador[] = [
  { id: 'amb-01', name: 'Søren Kjærgaard', department: 'Salg', cohort: 'Pilot', isLeader: true, joinsInWeek: 0, activity: 2.6 },
  { id: 'amb-02', name: 'Mette Østergaard', department: 'Marketing', cohort: 'Pilot', isLeader: false, joinsInWeek: 0, activity: 3.4 },
  { id: 'amb-03', name: 'Anders Bæk', department: 'Salg', cohort: 'Pilot', isLeader: false, joinsInWeek: 0, activity: 2.2 },
  { id: 'amb-04', name: 'Line Sørensen', department: 'HR', cohort: 'Pilot', isLeader: false, joinsInWeek: 0, activity: 1.8 },
  { id: 'amb-05', name: 'Jørgen Møller', department: 'Kundeservice', cohort: 'Bølge 2', isLeader: true, joinsInWeek: 3, activity: 1.2 },
  { id: 'amb-06', name: 'Åse Thygesen', department: 'HR', cohort: 'Bølge 2', isLeader: false, joinsInWeek: 3, activity: 2.0 },
  { id: 'amb-07', name: 'Rasmus Højgaard', department: 'Salg', cohort: 'Bølge 2', isLeader: false, joinsInWeek: 3, activity: 1.6 },
  { id: 'amb-08', name: 'Sofie Lærke Dahl', department: 'Marketing', cohort: 'Bølge 2', isLeader: false, joinsInWeek: 3, activity: 1.4, noImpressions: true },
  { id: 'amb-09', name: 'Frederik Brøndum', department: 'Kundeservice', cohort: 'Bølge 3', isLeader: false, joinsInWeek: 6, activity: 1.0 },
  { id: 'amb-10', name: 'Ida Krøyer', department: 'Marketing', cohort: 'Bølge 3', isLeader: false, joinsInWeek: 6, activity: 1.5 },
  { id: 'amb-11', name: 'Niels Ærenlund', department: 'Salg', cohort: 'Bølge 3', isLeader: false, joinsInWeek: 6, activity: 0.8 },
  { id: 'amb-12', name: 'Karen Blåbjerg', department: 'HR', cohort: 'Bølge 3', isLeader: false, joinsInWeek: 6, activity: 0.6 },
];

/** The Mondays of 2026-W10 … 2026-W19. */
export const WEEKS = Array.from({ length: 10 }, (_, index) => ({
  weekStart: addDays(day('2026-03-02'), index * 7),
  isoWeek: `2026-W${String(10 + index).padStart(2, '0')}`,
}));

export const PERIOD_START = day('2026-03-02');
export const PERIOD_END = day('2026-05-10');

const UNIT_VALUES = { lead: 1500, application: 750, conversion: 5000, hire: 45000 };

function ambassadorWeekly(ambassadors: readonly FixtureAmbassador[]): AmbassadorWeeklyRow[] {
  const next = mulberry32(20260302);
  const rows: AmbassadorWeeklyRow[] = [];
  for (const [index, week] of WEEKS.entries()) {
    for (const ambassador of ambassadors) {
      if (index < ambassador.joinsInWeek) continue;
      const posts = Math.max(0, Math.round(ambassador.activity * (0.3 + next() * 1.4) - 0.3));
      const facebookPosts = Math.min(posts, Math.floor(next() * 2));
      const sessions = Math.round(posts * (4 + next() * 9));
      const leads = Math.round(sessions * next() * 0.09);
      const applications = Math.round(sessions * next() * 0.05);
      const conversions = next() < 0.08 && leads > 0 ? 1 : 0;
      const hires = next() < 0.1 && applications > 0 ? 1 : 0;
      const impressions = ambassador.noImpressions ? null : Math.round(posts * (250 + next() * 600));
      rows.push({
        ambassador_id: ambassador.id,
        ambassador_name: ambassador.name,
        department: ambassador.department,
        cohort: ambassador.cohort,
        is_leader: ambassador.isLeader,
        week_start: week.weekStart,
        iso_week: week.isoWeek,
        posts,
        linkedin_posts: posts - facebookPosts,
        facebook_posts: facebookPosts,
        impressions,
        engagements: impressions === null ? null : Math.round(impressions * (0.02 + next() * 0.03)),
        sessions,
        leads,
        applications,
        conversions,
        hires,
        value: leads * UNIT_VALUES.lead + applications * UNIT_VALUES.application + conversions * UNIT_VALUES.conversion + hires * UNIT_VALUES.hire,
        is_active: posts > 0,
      });
    }
  }
  return rows;
}

const sum = <T>(rows: readonly T[], pick: (row: T) => number | null) => rows.reduce((total, row) => total + (pick(row) ?? 0), 0);

function programWeekly(weekly: readonly AmbassadorWeeklyRow[]): ProgramWeeklyRow[] {
  const next = mulberry32(41);
  return WEEKS.map((week) => {
    const rows = weekly.filter((row) => row.iso_week === week.isoWeek);
    const sessions = sum(rows, (row) => row.sessions);
    const leads = sum(rows, (row) => row.leads);
    const applications = sum(rows, (row) => row.applications);
    return {
      week_start: week.weekStart,
      iso_week: week.isoWeek,
      ambassadors_enrolled: rows.length,
      ambassadors_active: rows.filter((row) => row.is_active).length,
      posts: sum(rows, (row) => row.posts),
      impressions: sum(rows, (row) => row.impressions),
      sessions,
      all_sessions: sessions + 900 + Math.round(next() * 300),
      leads,
      all_leads: leads + 8 + Math.round(next() * 6),
      applications,
      all_applications: applications + 4 + Math.round(next() * 4),
      value: sum(rows, (row) => row.value),
      days_with_data: 7,
    };
  });
}

function ambassadorTotals(ambassadors: readonly FixtureAmbassador[], weekly: readonly AmbassadorWeeklyRow[]): AmbassadorTotalsRow[] {
  return ambassadors.map((ambassador) => {
    const rows = weekly.filter((row) => row.ambassador_id === ambassador.id);
    const active = rows.filter((row) => row.is_active);
    const impressions = rows.every((row) => row.impressions === null) ? null : sum(rows, (row) => row.impressions);
    return {
      ambassador_id: ambassador.id,
      ambassador_name: ambassador.name,
      department: ambassador.department,
      cohort: ambassador.cohort,
      is_leader: ambassador.isLeader,
      posts: sum(rows, (row) => row.posts),
      impressions,
      sessions: sum(rows, (row) => row.sessions),
      leads: sum(rows, (row) => row.leads),
      applications: sum(rows, (row) => row.applications),
      conversions: sum(rows, (row) => row.conversions),
      hires: sum(rows, (row) => row.hires),
      value: sum(rows, (row) => row.value),
      // The Tuesday of the first active week.
      first_post_on: active[0] ? addDays(active[0].week_start, 1) : null,
      weeks_active: active.length,
    };
  });
}

function programSummary(companyName: string, weekly: readonly AmbassadorWeeklyRow[], program: readonly ProgramWeeklyRow[]): ProgramSummaryRow {
  const credited = sum(weekly, (row) => row.leads + row.applications + row.conversions + row.hires);
  return {
    company_name: companyName,
    currency: 'DKK',
    period_start: PERIOD_START,
    period_end: PERIOD_END,
    ambassadors_enrolled: new Set(weekly.map((row) => row.ambassador_id)).size,
    ambassadors_active: new Set(weekly.filter((row) => row.is_active).map((row) => row.ambassador_id)).size,
    posts: sum(weekly, (row) => row.posts),
    impressions: sum(weekly, (row) => row.impressions),
    engagements: sum(weekly, (row) => row.engagements),
    sessions: sum(weekly, (row) => row.sessions),
    all_sessions: sum(program, (row) => row.all_sessions),
    leads: sum(weekly, (row) => row.leads),
    all_leads: sum(program, (row) => row.all_leads),
    applications: sum(weekly, (row) => row.applications),
    all_applications: sum(program, (row) => row.all_applications),
    hires: sum(weekly, (row) => row.hires),
    conversions: sum(weekly, (row) => row.conversions),
    value: sum(weekly, (row) => row.value),
    outcomes: sum(program, (row) => row.all_leads + row.all_applications),
    outcomes_credited_to_ambassadors: credited,
    visits: sum(program, (row) => row.all_sessions),
    outcomes_with_journey: sum(program, (row) => row.all_leads + row.all_applications),
    outcomes_with_own_evidence: 0,
  };
}

interface FixtureGoal {
  id: string;
  name: string;
  kind: string;
  metric: string;
  target: number;
  /** Actual as a share of the pace, which sets the status. */
  ratio: number;
}

export const GOALS: FixtureGoal[] = [
  { id: 'goal-reach', name: 'Synlighed på LinkedIn', kind: 'visibility', metric: 'impressions', target: 400_000, ratio: 1.08 },
  { id: 'goal-traffic', name: 'Trafik fra ambassadører', kind: 'traffic', metric: 'sessions', target: 6_000, ratio: 0.97 },
  { id: 'goal-leads', name: 'Leads til salg', kind: 'leads', metric: 'leads', target: 320, ratio: 0.86 },
  { id: 'goal-applications', name: 'Kvalificerede ansøgninger', kind: 'applications', metric: 'applications', target: 120, ratio: 0.42 },
];

export const GOAL_PERIOD_END = day('2026-06-28');

function goalStatus(ratio: number): GoalStatus {
  return ratio >= 0.95 ? 'on_track' : ratio >= 0.8 ? 'at_risk' : 'off_track';
}

function goalProgress(goals: readonly FixtureGoal[]): GoalProgressRow[] {
  const days = (GOAL_PERIOD_END.getTime() - PERIOD_START.getTime()) / 86_400_000 + 1;
  return goals.flatMap((goal) =>
    // One row per Sunday with data: 2026-03-08 … 2026-05-10.
    WEEKS.map((week) => {
      const sunday = addDays(week.weekStart, 6);
      const elapsed = (sunday.getTime() - PERIOD_START.getTime()) / 86_400_000 + 1;
      const pace = Math.round(((goal.target * elapsed) / days) * 10) / 10;
      return martRow('goal_progress', {
        goal_id: goal.id,
        goal_name: goal.name,
        kind: goal.kind,
        metric: goal.metric,
        measured_metric: goal.metric,
        target: goal.target,
        period_start: PERIOD_START,
        period_end: GOAL_PERIOD_END,
        day: sunday,
        actual: Math.round(pace * goal.ratio),
        pace_target: pace,
        status: goalStatus(goal.ratio),
      });
    }),
  );
}

/**
 * The five marts of the fixture program; `ambassadors` and `goals` replace the defaults (e.g.
 * with hostile names). The leadership page only asks whether ambassador_weekly holds rows;
 * its rows come along for `loadMarts`.
 */
export function fixtureMarts(
  options: { ambassadors?: readonly FixtureAmbassador[]; goals?: readonly FixtureGoal[]; companyName?: string } = {},
): LeadershipMarts & { summary: ProgramSummaryRow; ambassadorWeekly: AmbassadorWeeklyRow[] } {
  const ambassadors = options.ambassadors ?? AMBASSADORS;
  const weekly = ambassadorWeekly(ambassadors);
  const program = programWeekly(weekly);
  const summary = programSummary(options.companyName ?? COMPANY_NAME, weekly, program);
  return {
    summary,
    figures: fixtureFigures(summary),
    ambassadorWeeks: weekly.length > 0,
    ambassadorWeekly: weekly,
    programWeekly: program,
    ambassadorTotals: ambassadorTotals(ambassadors, weekly),
    goalProgress: goalProgress(options.goals ?? GOALS),
  };
}

/**
 * Creates every mart the reports read (`create table marts.<name> (…)`, typed as its
 * contract says) and loads the rows the page's marts hold; the others stay empty, and an
 * `undefined` summary leaves program_summary empty.
 */
export async function loadMarts(warehouse: Warehouse, marts: LeadershipMarts & { ambassadorWeekly?: readonly AmbassadorWeeklyRow[] }): Promise<void> {
  const loaded: Partial<Record<MartName, readonly object[]>> = {
    ambassador_weekly: marts.ambassadorWeekly ?? [],
    program_weekly: marts.programWeekly,
    ambassador_totals: marts.ambassadorTotals,
    program_summary: marts.summary ? [marts.summary] : [],
    goal_progress: marts.goalProgress,
    roi_by_period: marts.roiByPeriod ?? [],
    attribution_summary: marts.attributionSummary ?? [],
    content_performance: marts.contentPerformance ?? [],
    reach_comparison: marts.reachComparison ?? [],
    leader_example: marts.leaderExample ?? [],
    emv_rate_changes: marts.emvRateChanges ?? [],
    cost_sources: marts.costSources ?? [],
    cost_lines: marts.costLines ?? [],
    cost_settings: marts.costSettings ?? [],
    figures: fixtureFigureRows(marts.summary, marts.roiByPeriod ?? []),
  };
  await warehouse.run('create schema if not exists marts');
  for (const name of Object.keys(MART_COLUMNS) as MartName[]) {
    const columns = MART_COLUMNS[name];
    const rows = loaded[name] ?? [];
    const definition = Object.entries(MART_CONTRACTS[name])
      .map(([column, type]) => `${quotedIdentifier(column)} ${type.replace(/\?$/, '')}`)
      .join(', ');
    await warehouse.run(`create or replace table marts.${quotedIdentifier(name)} (${definition})`);
    await warehouse.append(
      'marts',
      name,
      rows.map((row) => columns.map((column) => (row as Record<string, unknown>)[column] ?? null)),
    );
  }
}
