/**
 * Posting intensity per cohort: posts per active ambassador per ISO week, one line per
 * cohort, from `marts.ambassador_weekly` (posts summed and active ambassadors counted
 * per cohort and week).
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, isoDate, num } from '../format.ts';
import type { AmbassadorWeeklyRow } from '../marts.ts';
import { cohortActivityTitle, type CohortActivityFacts } from '../narrative/sentences.ts';
import { chartTheme, chartTitle, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** The label for ambassadors without a cohort. */
export const NO_COHORT = '(no cohort)';

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
export function cohortActivityData(rows: readonly AmbassadorWeeklyRow[]): CohortActivityDatum[] {
  const cells = new Map<string, CohortActivityDatum>();
  for (const row of rows) {
    const cohort = row.cohort ?? NO_COHORT;
    const weekStart = isoDate(row.week_start);
    const key = `${weekStart}\u0000${cohort}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { week_start: weekStart, iso_week: row.iso_week, cohort, posts: 0, active_ambassadors: 0, posts_per_active_ambassador: null };
      cells.set(key, cell);
    }
    cell.posts += num(row.posts);
    cell.active_ambassadors += row.is_active ? 1 : 0;
  }
  return [...cells.values()]
    .map((cell) => ({ ...cell, posts_per_active_ambassador: cell.active_ambassadors > 0 ? cell.posts / cell.active_ambassadors : null }))
    .sort((a, b) => compareText(a.week_start, b.week_start) || compareText(a.cohort, b.cohort));
}

/** The numbers the title and the narrative state: each cohort's posts per active ambassador-week. */
export function cohortActivityFacts(rows: readonly AmbassadorWeeklyRow[]): CohortActivityFacts {
  const cells = cohortActivityData(rows);
  const cohorts = new Map<string, { posts: number; activeWeeks: number }>();
  for (const cell of cells) {
    const cohort = cohorts.get(cell.cohort) ?? { posts: 0, activeWeeks: 0 };
    cohort.posts += cell.posts;
    cohort.activeWeeks += cell.active_ambassadors;
    cohorts.set(cell.cohort, cohort);
  }
  return {
    weeks: new Set(cells.map((cell) => cell.week_start)).size,
    cohorts: [...cohorts]
      .filter(([, cohort]) => cohort.activeWeeks > 0)
      .map(([cohort, { posts, activeWeeks }]) => ({ cohort, postsPerActiveWeek: posts / activeWeeks, activeWeeks }))
      .sort((a, b) => b.postsPerActiveWeek - a.postsPerActiveWeek || compareText(a.cohort, b.cohort)),
  };
}

/** Posts per active ambassador per week, one line per cohort. */
export function cohortActivityChart(rows: readonly AmbassadorWeeklyRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const values = cohortActivityData(rows);
  const cohorts = [...new Set(values.map((datum) => datum.cohort))].sort((a, b) => compareText(a, b));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      cohortActivityTitle(cohortActivityFacts(rows), format),
      format.t({
        en: 'Posts per active ambassador per ISO week, by cohort; an ambassador is active in a week they posted. Click a cohort in the legend to pick it out.',
        da: 'Opslag pr. aktiv ambassadør pr. ISO-uge, pr. kohorte; en ambassadør er aktiv i en uge, hvor vedkommende delte. Klik på en kohorte i forklaringen for at fremhæve den.',
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
        { field: 'posts_per_active_ambassador', type: 'quantitative', format: ',.2f', title: format.t({ en: 'Posts per active ambassador', da: 'Opslag pr. aktiv ambassadør' }) },
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
