/**
 * Posting activity per ISO week: posts (bars, left axis) and active ambassadors (line,
 * right axis), from `marts.program_weekly`, whose enrolled and active counts are
 * `marts.participation_weekly`'s (enrolled at the week's end; active: of them, posted).
 */
import type { TopLevelSpec } from 'vega-lite';
import { createFormat, num } from '../format.ts';
import type { ProgramWeeklyRow } from '../marts.ts';
import { weeklyActivityTitle, type WeeklyActivityFacts } from '../narrative/sentences.ts';
import { barsAndLineLayers } from './bars-and-line.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';
import { isoWeekEncoding, programWeeks } from './weeks.ts';

/** One ISO week of the program, as the chart draws it. */
export interface WeeklyActivityDatum {
  week_start: string;
  iso_week: string;
  posts: number;
  active_ambassadors: number;
  enrolled_ambassadors: number;
}

/** The weeks as the chart draws them, oldest first. */
export function weeklyActivityData(rows: readonly ProgramWeeklyRow[]): WeeklyActivityDatum[] {
  return programWeeks(rows, (row) => ({
    posts: num(row.posts),
    active_ambassadors: num(row.ambassadors_active),
    enrolled_ambassadors: num(row.ambassadors_enrolled),
  }));
}

/** The numbers the title and the narrative state. */
export function weeklyActivityFacts(rows: readonly ProgramWeeklyRow[]): WeeklyActivityFacts {
  return factsFromWeeks(weeklyActivityData(rows));
}

function factsFromWeeks(weeks: readonly WeeklyActivityDatum[]): WeeklyActivityFacts {
  const latest = weeks[weeks.length - 1];
  // The first week with the most posts.
  const peak = weeks.reduce<WeeklyActivityDatum | undefined>((best, week) => (!best || week.posts > best.posts ? week : best), undefined);
  const posts = weeks.reduce((sum, week) => sum + week.posts, 0);
  const active = weeks.reduce((sum, week) => sum + week.active_ambassadors, 0);
  return {
    weeks: weeks.length,
    posts,
    averageActive: weeks.length > 0 ? active / weeks.length : 0,
    peakWeek: peak?.iso_week ?? null,
    peakPosts: peak?.posts ?? 0,
    latestWeek: latest?.iso_week ?? null,
    latestPosts: latest?.posts ?? 0,
    latestActive: latest?.active_ambassadors ?? 0,
    latestEnrolled: latest?.enrolled_ambassadors ?? 0,
  };
}

/** Posts per ISO week (bars) and active ambassadors (line, second axis). */
export function weeklyActivityChart(rows: readonly ProgramWeeklyRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const values = weeklyActivityData(rows);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      weeklyActivityTitle(factsFromWeeks(values), format),
      format.t({
        en: 'Bars: posts per ISO week (left axis). Line: ambassadors who posted that week (right axis).',
        da: 'Søjler: opslag pr. ISO-uge (venstre akse). Linje: ambassadører, der delte den uge (højre akse).',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width,
    height: SIZES.height,
    data: { values },
    encoding: isoWeekEncoding(format, [
      { field: 'posts', type: 'quantitative', title: format.t({ en: 'Posts', da: 'Opslag' }) },
      { field: 'active_ambassadors', type: 'quantitative', title: format.t({ en: 'Active ambassadors', da: 'Aktive ambassadører' }) },
      { field: 'enrolled_ambassadors', type: 'quantitative', title: format.t({ en: 'Enrolled', da: 'Tilmeldte' }) },
    ]),
    ...barsAndLineLayers(
      { field: 'posts', title: format.t({ en: 'Posts (count per week)', da: 'Opslag (antal pr. uge)' }), color: PALETTE.blue, titleColor: PALETTE.blue },
      {
        field: 'active_ambassadors',
        title: format.t({ en: 'Active ambassadors (count)', da: 'Aktive ambassadører (antal)' }),
        color: PALETTE.orange,
        tickMinStep: 1,
      },
    ),
  };
}
