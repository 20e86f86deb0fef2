/**
 * Traffic from ambassadors' links per ISO week: sessions (bars, left axis) and credited
 * leads (line, right axis), from `marts.program_weekly`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { createFormat, num } from '../format.ts';
import type { ProgramWeeklyRow } from '../marts.ts';
import { weeklyTrafficTitle, type WeeklyTrafficFacts } from '../narrative/sentences.ts';
import { barsAndLineLayers } from './bars-and-line.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';
import { isoWeekEncoding, programWeeks, splitPartWeek } from './weeks.ts';

/** How many complete weeks before the latest complete one the title's baseline averages. */
export const BASELINE_WEEKS = 4;

export interface WeeklyTrafficDatum {
  week_start: string;
  iso_week: string;
  sessions: number;
  all_sessions: number;
  leads: number;
  all_leads: number;
  days_with_data: number;
}

/** The weeks as the chart draws them, oldest first. */
export function weeklyTrafficData(rows: readonly ProgramWeeklyRow[]): WeeklyTrafficDatum[] {
  return programWeeks(rows, (row) => ({
    sessions: num(row.sessions),
    all_sessions: num(row.all_sessions),
    leads: num(row.leads),
    all_leads: num(row.all_leads),
    days_with_data: row.days_with_data,
  }));
}

/** The numbers the title and the narrative state. */
export function weeklyTrafficFacts(rows: readonly ProgramWeeklyRow[]): WeeklyTrafficFacts {
  return factsFromWeeks(weeklyTrafficData(rows));
}

function factsFromWeeks(weeks: readonly WeeklyTrafficDatum[]): WeeklyTrafficFacts {
  const { complete, partWeek } = splitPartWeek(weeks);
  // The latest complete week against the complete weeks before it; the part week alone when there is no complete one.
  const latest = complete[complete.length - 1] ?? partWeek ?? undefined;
  const baseline = complete.slice(Math.max(0, complete.length - 1 - BASELINE_WEEKS), Math.max(0, complete.length - 1));
  const sum = (pick: (week: WeeklyTrafficDatum) => number, over: readonly WeeklyTrafficDatum[] = weeks) => over.reduce((total, week) => total + pick(week), 0);
  return {
    weeks: weeks.length,
    sessions: sum((week) => week.sessions),
    allSessions: sum((week) => week.all_sessions),
    leads: sum((week) => week.leads),
    allLeads: sum((week) => week.all_leads),
    latestWeek: latest?.iso_week ?? null,
    latestSessions: latest?.sessions ?? 0,
    baselineWeeks: baseline.length,
    baselineSessions: baseline.length > 0 ? sum((week) => week.sessions, baseline) / baseline.length : null,
    partialWeek: partWeek ? { isoWeek: partWeek.iso_week, days: partWeek.days_with_data } : null,
  };
}

/** Sessions from ambassadors' links per week (bars) and leads credited to them (line, second axis). */
export function weeklyTrafficChart(rows: readonly ProgramWeeklyRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const values = weeklyTrafficData(rows);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      weeklyTrafficTitle(factsFromWeeks(values), format),
      format.t({
        en: 'Bars: sessions through ambassadors’ tracked links per ISO week (left axis). Line: leads credited to ambassadors (right axis).',
        da: 'Søjler: sessioner via ambassadørernes sporede links pr. ISO-uge (venstre akse). Linje: leads krediteret ambassadørerne (højre akse).',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width,
    height: SIZES.height,
    data: { values },
    encoding: isoWeekEncoding(format, [
      { field: 'sessions', type: 'quantitative', title: format.t({ en: 'Sessions from ambassadors', da: 'Sessioner fra ambassadører' }) },
      { field: 'all_sessions', type: 'quantitative', title: format.t({ en: 'All tracked sessions', da: 'Alle sporede sessioner' }) },
      { field: 'leads', type: 'quantitative', format: ',.1f', title: format.t({ en: 'Credited leads', da: 'Krediterede leads' }) },
    ]),
    ...barsAndLineLayers(
      {
        field: 'sessions',
        title: format.t({ en: 'Sessions (count per week)', da: 'Sessioner (antal pr. uge)' }),
        color: PALETTE.sky,
        titleColor: PALETTE.blue,
      },
      { field: 'leads', title: format.t({ en: 'Credited leads (count per week)', da: 'Krediterede leads (antal pr. uge)' }), color: PALETTE.vermillion },
    ),
  };
}
