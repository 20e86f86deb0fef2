/**
 * The leadership report: one page first (the headline and the KPI tiles), then the
 * charts, each with its narrative sentence and the definitions behind it. Reads the
 * marts only (`select … from marts.<table>`), and only selects and sorts: every number
 * shown is a mart value, or a sum or ratio of mart values stated in the caption.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { cohortActivityChart, cohortActivityFacts } from '../charts/cohort-activity.ts';
import { goalProgressChart, goalProgressFacts } from '../charts/goal-progress.ts';
import { topAmbassadorsChart, topAmbassadorsFacts } from '../charts/top-ambassadors.ts';
import { weeklyActivityChart, weeklyActivityFacts } from '../charts/weekly-activity.ts';
import { weeklyTrafficChart, weeklyTrafficFacts } from '../charts/weekly-traffic.ts';
import { createFormat, DEFAULT_CURRENCY, DEFAULT_LOCALE, num, type Format } from '../format.ts';
import {
  readMart,
  type MartName,
  type MartRow,
  type AmbassadorTotalsRow,
  type AmbassadorWeeklyRow,
  type GoalProgressRow,
  type ProgramSummaryRow,
  type ProgramWeeklyRow,
} from '../marts.ts';
import { GLOSSARY } from '../narrative/glossary.ts';
import {
  cohortActivitySentence,
  goalProgressSentence,
  headlineSentence,
  noDataSentence,
  topAmbassadorsSentence,
  weeklyActivitySentence,
  weeklyTrafficSentence,
} from '../narrative/sentences.ts';
import type { Kpi, ReportChart, ReportPage } from '../page.ts';
import { renderSvg } from '../render/svg.ts';

export interface LeadershipPageOptions {
  /** The company as the config names it (the title). */
  companyName: string;
  /**
   * The currency of outcome value; the summary mart's own currency wins when it has one.
   *
   * __Default value:__ `'DKK'`
   */
  currency?: string;
  /**
   * The locale numbers and dates are written in (the text is English).
   *
   * __Default value:__ `'en-GB'`
   */
  locale?: string;
}

/** The rows the leadership page is built from, one array per mart. */
export interface LeadershipMarts {
  summary: ProgramSummaryRow | undefined;
  ambassadorWeekly: AmbassadorWeeklyRow[];
  programWeekly: ProgramWeeklyRow[];
  ambassadorTotals: AmbassadorTotalsRow[];
  goalProgress: GoalProgressRow[];
  /** Marts that do not exist in the warehouse yet (read as empty; the page says so). */
  missing?: MartName[];
}

/** Reads the five marts the page uses (sequentially: one connection); a mart not built yet reads as empty. */
export async function readLeadershipMarts(warehouse: Warehouse): Promise<LeadershipMarts> {
  const missing: MartName[] = [];
  const read = async <N extends MartName>(name: N): Promise<MartRow<N>[]> => {
    if (await warehouse.tableExists('marts', name)) return readMart(warehouse, name);
    missing.push(name);
    return [];
  };
  const summary = (await read('program_summary'))[0];
  const ambassadorWeekly = await read('ambassador_weekly');
  const programWeekly = await read('program_weekly');
  const ambassadorTotals = await read('ambassador_totals');
  const goalProgress = await read('goal_progress');
  return { summary, ambassadorWeekly, programWeekly, ambassadorTotals, goalProgress, missing };
}

/** `marts.x does not exist yet …`: one note per mart the build has not written. */
function missingNotes(missing: readonly MartName[] = []): string[] {
  return missing.map((name) => `marts.${name} does not exist in the warehouse yet; run the build step to create it.`);
}

/** Queries the marts and builds the leadership page model (charts rendered to SVG). */
export async function buildLeadershipPage(warehouse: Warehouse, options: LeadershipPageOptions): Promise<ReportPage> {
  return leadershipPage(await readLeadershipMarts(warehouse), options);
}

/** Builds the page model from mart rows already read (no I/O but the SVG rendering). */
export async function leadershipPage(marts: LeadershipMarts, options: LeadershipPageOptions): Promise<ReportPage> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const currency = marts.summary?.currency || options.currency || DEFAULT_CURRENCY;
  const format = createFormat({ locale, currency });
  const chartOptions = { locale, currency };
  const base = {
    lang: 'en',
    title: `${options.companyName}: employee advocacy`,
    glossary: [...GLOSSARY],
    source:
      'Built from the warehouse marts program_summary, program_weekly, ambassador_weekly, ambassador_totals and goal_progress. ' +
      'Each chart’s data and specification are saved beside this file as charts/<name>.vl.json.',
  };

  const { summary } = marts;
  const hasData =
    summary !== undefined &&
    (marts.ambassadorWeekly.length > 0 || marts.programWeekly.length > 0 || marts.ambassadorTotals.length > 0 || marts.goalProgress.length > 0);
  if (!hasData) {
    return {
      ...base,
      period: '',
      headline: noDataSentence(options.companyName),
      hasData: false,
      kpis: [],
      charts: [],
      notes: [
        ...missingNotes(marts.missing),
        'The charts appear here once the marts hold rows: ambassadors, their posts, and web analytics.',
      ],
    };
  }

  const drafts: (ChartDraft | string)[] = [
    marts.ambassadorWeekly.length > 0
      ? {
          name: 'weekly-activity',
          spec: weeklyActivityChart(marts.ambassadorWeekly, chartOptions),
          narrative: weeklyActivitySentence(weeklyActivityFacts(marts.ambassadorWeekly), format),
          definition:
            'Posts: shares by enrolled ambassadors on LinkedIn and Facebook, counted in the ISO week (Monday to Sunday) they were posted. ' +
            'Active ambassador: posted at least once that week. Source: marts.ambassador_weekly, summed per week.',
        }
      : 'Weekly activity is left out: marts.ambassador_weekly has no rows yet.',
    marts.programWeekly.length > 0
      ? {
          name: 'weekly-traffic',
          spec: weeklyTrafficChart(marts.programWeekly, chartOptions),
          narrative: weeklyTrafficSentence(weeklyTrafficFacts(marts.programWeekly), format),
          definition:
            'Sessions: Google Analytics 4 sessions that arrived through an ambassador’s tracked link. ' +
            'Credited leads: leads credited to ambassadors by last-touch attribution (the default model). ' +
            'The comparison in the title is with the mean of up to four weeks before the latest. Source: marts.program_weekly.',
        }
      : 'Weekly traffic is left out: marts.program_weekly has no rows yet.',
    marts.ambassadorTotals.length > 0
      ? {
          name: 'top-ambassadors',
          spec: topAmbassadorsChart(marts.ambassadorTotals, chartOptions),
          narrative: topAmbassadorsSentence(topAmbassadorsFacts(marts.ambassadorTotals), format),
          definition:
            'Credited outcomes: leads, applications, conversions and hires credited to each ambassador by last-touch attribution ' +
            '(the default model; other models give fractional credit), over the whole period. Source: marts.ambassador_totals.',
        }
      : 'Top ambassadors are left out: marts.ambassador_totals has no rows yet.',
    marts.goalProgress.length > 0
      ? {
          name: 'goal-progress',
          spec: goalProgressChart(marts.goalProgress, chartOptions),
          narrative: goalProgressSentence(goalProgressFacts(marts.goalProgress), format),
          definition:
            'Actual: the goal’s metric summed from the start of its period. Pace: a straight line from zero on the first day to the target on the last. ' +
            'Status: as of each goal’s last day with data. Source: marts.goal_progress.',
        }
      : 'Goal progress is left out: no goals are defined yet (marts.goal_progress has no rows).',
    marts.ambassadorWeekly.length > 0
      ? {
          name: 'cohort-activity',
          spec: cohortActivityChart(marts.ambassadorWeekly, chartOptions),
          narrative: cohortActivitySentence(cohortActivityFacts(marts.ambassadorWeekly), format),
          definition:
            'Posts per active ambassador: a cohort’s posts in a week divided by its ambassadors who posted that week; the sentence averages over all active weeks. ' +
            'Cohort: the wave an ambassador joined the program in. Source: marts.ambassador_weekly.',
        }
      : 'Cohort activity is left out: marts.ambassador_weekly has no rows yet.',
  ];

  const charts: ReportChart[] = [];
  for (const draft of drafts) if (typeof draft !== 'string') charts.push(await renderChart(draft));

  return {
    ...base,
    period: summary.period_start && summary.period_end ? `${format.date(summary.period_start)} – ${format.date(summary.period_end)}` : '',
    headline: headlineSentence(
      {
        periodStart: summary.period_start ?? marts.programWeekly[0]?.week_start ?? new Date(0),
        ambassadorsEnrolled: num(summary.ambassadors_enrolled),
        ambassadorsActive: num(summary.ambassadors_active),
        posts: num(summary.posts),
        sessions: num(summary.sessions),
        leads: num(summary.leads),
        allLeads: num(summary.all_leads),
      },
      format,
    ),
    hasData: true,
    kpis: leadershipKpis(summary, format),
    charts,
    notes: [...missingNotes(marts.missing), ...drafts.filter((draft): draft is string => typeof draft === 'string')],
  };
}

interface ChartDraft {
  name: string;
  spec: TopLevelSpec;
  narrative: string;
  definition: string;
}

/** Renders the chart without its title: the page prints the title and subtitle as text. */
async function renderChart(draft: ChartDraft): Promise<ReportChart> {
  const { title, ...untitled } = draft.spec as TopLevelSpec & { title?: unknown };
  const { text, subtitle } = titleParts(title);
  return { ...draft, title: text, subtitle, svg: await renderSvg(untitled as TopLevelSpec) };
}

function titleParts(title: unknown): { text: string; subtitle: string } {
  const join = (value: unknown) => (Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '');
  if (typeof title === 'string' || Array.isArray(title)) return { text: join(title), subtitle: '' };
  if (title && typeof title === 'object') {
    const parts = title as { text?: unknown; subtitle?: unknown };
    return { text: join(parts.text), subtitle: join(parts.subtitle) };
  }
  return { text: '', subtitle: '' };
}

/** `x of y`, or the note when there is no whole. */
function shareNote(format: Format, part: number, whole: number, of: string): string {
  return whole > 0 ? `${format.percent(part / whole)} of all ${format.count(whole)} ${of}` : `no ${of} recorded`;
}

/** The first screen's tiles, from the summary mart. */
export function leadershipKpis(summary: ProgramSummaryRow, format: Format): Kpi[] {
  const enrolled = num(summary.ambassadors_enrolled);
  const active = num(summary.ambassadors_active);
  return [
    {
      label: 'Active ambassadors',
      value: `${format.integer(active)} of ${format.integer(enrolled)}`,
      note: enrolled > 0 ? `${format.percent(active / enrolled)} participation` : 'nobody enrolled yet',
    },
    { label: 'Posts', value: format.integer(num(summary.posts)), note: 'shared on LinkedIn and Facebook' },
    {
      label: 'Impressions',
      value: summary.impressions === null ? '–' : format.integer(summary.impressions),
      note: summary.impressions === null ? 'not reported by the platforms' : 'as the platforms report them',
    },
    {
      label: 'Sessions from ambassadors’ links',
      value: format.integer(num(summary.sessions)),
      note: shareNote(format, num(summary.sessions), num(summary.all_sessions), 'tracked sessions'),
    },
    {
      label: 'Leads credited',
      value: format.count(num(summary.leads)),
      note: shareNote(format, num(summary.leads), num(summary.all_leads), 'leads'),
    },
    {
      label: 'Applications credited',
      value: format.count(num(summary.applications)),
      note: shareNote(format, num(summary.applications), num(summary.all_applications), 'applications'),
    },
    {
      label: 'Hires credited',
      value: format.count(num(summary.hires)),
      note: `and ${format.count(num(summary.conversions))} ${num(summary.conversions) === 1 ? 'conversion' : 'conversions'} credited`,
    },
    {
      label: 'Value of credited outcomes',
      value: format.money(num(summary.value)),
      note: 'leads, conversions, applications and hires at their value (last touch)',
    },
  ];
}
