/**
 * Posting intensity per cohort: posts per active ambassador per ISO week, one line per
 * cohort, from `marts.cohort_activity_weekly`; the title and the sentence rank the cohorts
 * by `marts.cohort_activity` (each ambassador's posts per active week first, then the
 * cohort's mean over its ambassadors).
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, isoDate } from '../format.ts';
import type { CohortActivityRow, CohortActivityWeeklyRow } from '../marts.ts';
import { cohortActivityTitle, type CohortActivityFacts } from '../narrative/sentences.ts';
import { chartTheme, chartTitle, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export interface CohortActivityDatum {
  week_start: string;
  iso_week: string;
  cohort: string;
  posts: number;
  active_ambassadors: number;
  /** Null in a week when nobody in the cohort posted (the line breaks there). */
  posts_per_active_ambassador: number | null;
}

/** Per cohort and week, oldest week first, cohorts by name. */
export function cohortActivityData(rows: readonly CohortActivityWeeklyRow[]): CohortActivityDatum[] {
  return rows
    .map((row) => ({
      week_start: isoDate(row.week_start),
      iso_week: row.iso_week,
      cohort: row.cohort,
      posts: row.posts,
      active_ambassadors: row.ambassadors_active,
      posts_per_active_ambassador: row.posts_per_active_ambassador,
    }))
    .sort((a, b) => compareText(a.week_start, b.week_start) || compareText(a.cohort, b.cohort));
}

/** The numbers the title and the narrative state: each cohort's mean (and median) of its ambassadors' posts per active week, most active first. */
export function cohortActivityFacts(rows: readonly CohortActivityRow[]): CohortActivityFacts {
  return {
    weeks: rows[0]?.program_weeks ?? 0,
    cohorts: rows
      .map((row) => ({
        cohort: row.cohort,
        ambassadors: row.ambassadors,
        meanPostsPerActiveWeek: row.mean_posts_per_active_week,
        medianPostsPerActiveWeek: row.median_posts_per_active_week,
      }))
      .sort((a, b) => b.meanPostsPerActiveWeek - a.meanPostsPerActiveWeek || compareText(a.cohort, b.cohort)),
  };
}

/** Posts per active ambassador per week, one line per cohort. */
export function cohortActivityChart(
  weekly: readonly CohortActivityWeeklyRow[],
  cohortRows: readonly CohortActivityRow[],
  options: ChartOptions = {},
): TopLevelSpec {
  const format = createFormat(options);
  const values = cohortActivityData(weekly);
  const cohorts = [...new Set(values.map((datum) => datum.cohort))].sort((a, b) => compareText(a, b));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      cohortActivityTitle(cohortActivityFacts(cohortRows), format),
      format.t({
        en: 'Posts per active ambassador per ISO week, by cohort; an ambassador is active in a week they posted. The title compares each cohort’s mean over its ambassadors of their posts per active week. Click a cohort in the legend to pick it out.',
        da: 'Opslag pr. aktiv ambassadør pr. ISO-uge, pr. kohorte; en ambassadør er aktiv i en uge, hvor vedkommende delte. Titlen sammenligner hver kohortes gennemsnit over dens ambassadører af deres opslag pr. aktiv uge. Klik på en kohorte i forklaringen for at fremhæve den.',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width,
    height: SIZES.height,
    data: { values },
    mark: { type: 'line', point: true },
    // Clicking a cohort in the legend picks it out (interactive copies only).
    params: [{ name: 'cohort_pick', select: { type: 'point', fields: ['cohort'] }, bind: 'legend' }],
    encoding: {
      x: { field: 'iso_week', type: 'ordinal', sort: 'ascending', title: format.t({ en: 'ISO week', da: 'ISO-uge' }), axis: { labelAngle: -45 } },
      opacity: { condition: { param: 'cohort_pick', value: 1 }, value: 0.15 },
      tooltip: [
        { field: 'cohort', type: 'nominal', title: format.t({ en: 'Cohort', da: 'Kohorte' }) },
        { field: 'iso_week', type: 'ordinal', title: format.t({ en: 'ISO week', da: 'ISO-uge' }) },
        {
          field: 'posts_per_active_ambassador',
          type: 'quantitative',
          format: ',.2f',
          title: format.t({ en: 'Posts per active ambassador', da: 'Opslag pr. aktiv ambassadør' }),
        },
        { field: 'active_ambassadors', type: 'quantitative', title: format.t({ en: 'Active ambassadors', da: 'Aktive ambassadører' }) },
      ],
      y: {
        field: 'posts_per_active_ambassador',
        type: 'quantitative',
        title: format.t({ en: 'Posts per active ambassador (per week)', da: 'Opslag pr. aktiv ambassadør (pr. uge)' }),
        scale: { zero: true },
      },
      color: { field: 'cohort', type: 'nominal', title: format.t({ en: 'Cohort', da: 'Kohorte' }), sort: cohorts },
    },
  };
}
