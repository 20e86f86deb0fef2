import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { cohortActivityChart, cohortActivityData, cohortActivityFacts } from '../../reports/charts/cohort-activity.ts';
import { goalProgressChart, goalProgressData, goalProgressFacts } from '../../reports/charts/goal-progress.ts';
import { VEGA_LITE_SCHEMA } from '../../reports/charts/theme.ts';
import { topAmbassadorsChart, topAmbassadorsData, topAmbassadorsFacts } from '../../reports/charts/top-ambassadors.ts';
import { weeklyActivityChart, weeklyActivityData } from '../../reports/charts/weekly-activity.ts';
import { weeklyTrafficChart, weeklyTrafficFacts } from '../../reports/charts/weekly-traffic.ts';
import type { AmbassadorTotalsRow } from '../../reports/marts.ts';
import { renderSvg } from '../../reports/render/svg.ts';
import { fixtureMarts } from './fixtures.ts';

const marts = fixtureMarts();

interface Case {
  name: string;
  rows: readonly object[];
  build: (options?: { locale?: string }) => TopLevelSpec;
  empty: () => TopLevelSpec;
  /** Counts of `aria-roledescription` values the SVG must have at least. */
  marks: Record<string, number>;
  title: string;
}

const cases: Case[] = [
  {
    name: 'weekly-activity',
    rows: marts.ambassadorWeekly,
    build: (options) => weeklyActivityChart(marts.ambassadorWeekly, options),
    empty: () => weeklyActivityChart([]),
    marks: { bar: 10, 'line mark': 1 },
    title: 'Ambassadors posted 129 times in 10 weeks; 9 of 12 were active in 2026-W19',
  },
  {
    name: 'top-ambassadors',
    rows: marts.ambassadorTotals,
    build: (options) => topAmbassadorsChart(marts.ambassadorTotals, options),
    empty: () => topAmbassadorsChart([]),
    marks: { bar: 9 },
    title: 'Mette Østergaard led with 22 of the 68 credited outcomes',
  },
  {
    name: 'weekly-traffic',
    rows: marts.programWeekly,
    build: (options) => weeklyTrafficChart(marts.programWeekly, options),
    empty: () => weeklyTrafficChart([]),
    marks: { bar: 10, 'line mark': 1 },
    title: 'Ambassadors drove 118 sessions in week 2026-W19, down 11% on the 4-week average',
  },
  {
    name: 'goal-progress',
    rows: marts.goalProgress,
    build: (options) => goalProgressChart(marts.goalProgress, options),
    empty: () => goalProgressChart([]),
    // Two lines (actual, pace) per goal, and a target point per goal.
    marks: { 'line mark': 8, point: 4 },
    title: '2 of 4 goals are on track; Kvalificerede ansøgninger is off track at 42% of its pace',
  },
  {
    name: 'cohort-activity',
    rows: marts.ambassadorWeekly,
    build: (options) => cohortActivityChart(marts.ambassadorWeekly, options),
    empty: () => cohortActivityChart([]),
    marks: { 'line mark': 3 },
    title: 'Pilot posted most: 2.3 posts per active ambassador per week, against 1.1 for Bølge 3',
  },
];

function titleText(spec: TopLevelSpec): string {
  const title = (spec as { title?: { text?: string } }).title;
  return title?.text ?? '';
}

function countRole(svg: string, role: string): number {
  return svg.split(`aria-roledescription="${role}"`).length - 1;
}

describe('reports/charts', () => {
  for (const chart of cases) {
    describe(chart.name, () => {
      it('compiles with vega-lite without mutating the spec or the rows, and states $schema v6', () => {
        const rowsBefore = structuredClone(chart.rows);
        const spec = chart.build();
        expect(chart.rows).toEqual(rowsBefore);
        const specBefore = structuredClone(spec);
        const compiled = compile(spec);
        expect(compiled.spec.marks?.length ?? 0).toBeGreaterThan(0);
        expect(spec).toEqual(specBefore);
        expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
        expect(spec.$schema).toMatch(/vega-lite\/v6\.json$/);
      });

      it('is plain JSON with its data inline', () => {
        const spec = chart.build();
        expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
        const data = (spec as { data?: { values?: unknown[]; url?: string } }).data;
        expect(data?.url).toBeUndefined();
        expect(data?.values?.length).toBeGreaterThan(0);
        expect(JSON.stringify(spec)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/); // dates as YYYY-MM-DD, not timestamps
      });

      it('states the finding in its title', () => {
        expect(titleText(chart.build())).toBe(chart.title);
      });

      it('renders headless to an SVG with the expected marks', async () => {
        const svg = await renderSvg(chart.build());
        expect(svg.startsWith('<svg')).toBe(true);
        for (const [role, count] of Object.entries(chart.marks)) expect(countRole(svg, role)).toBeGreaterThanOrEqual(count);
      });

      it('matches the spec snapshot', async () => {
        await expect(`${JSON.stringify(chart.build(), null, 2)}\n`).toMatchFileSnapshot(`../../fixtures/expected/specs/${chart.name}.vl.json`);
      });

      it('builds, compiles and renders from no rows, saying there is nothing yet', async () => {
        const spec = chart.empty();
        expect(() => compile(spec)).not.toThrow();
        expect(titleText(spec)).toMatch(/^No /);
        expect(await renderSvg(spec)).toMatch(/^<svg/);
      });

      it('writes numbers in the locale it is given', () => {
        const spec = chart.build({ locale: 'da-DK' });
        const config = spec.config as { locale?: { number?: { decimal: string; thousands: string } } };
        expect(config.locale?.number).toMatchObject({ decimal: ',', thousands: '.' });
      });
    });
  }

  it('renders axis numbers with the locale’s separators (da-DK: 1.000)', async () => {
    const svg = await renderSvg(goalProgressChart(marts.goalProgress, { locale: 'da-DK' }));
    expect(svg).toContain('>400.000</text>');
    expect(svg).toContain('>1 maj</text>');
  });

  it('weekly-activity sums posts and counts active ambassadors per week', () => {
    const weeks = weeklyActivityData(marts.ambassadorWeekly);
    expect(weeks.map((week) => week.iso_week)).toEqual(marts.programWeekly.map((row) => row.iso_week));
    expect(weeks.map((week) => week.posts)).toEqual(marts.programWeekly.map((row) => row.posts));
    expect(weeks.map((week) => week.active_ambassadors)).toEqual(marts.programWeekly.map((row) => row.ambassadors_active));
    expect(weeks[0]).toMatchObject({ week_start: '2026-03-02', enrolled_ambassadors: 4 });
  });

  it('weekly-traffic compares the latest week with the mean of the four before it', () => {
    const facts = weeklyTrafficFacts(marts.programWeekly);
    const previous = marts.programWeekly.slice(-5, -1).map((row) => row.sessions);
    expect(facts.baselineWeeks).toBe(4);
    expect(facts.baselineSessions).toBeCloseTo(previous.reduce((a, b) => a + b, 0) / 4);
    expect(weeklyTrafficFacts(marts.programWeekly.slice(0, 1))).toMatchObject({ baselineWeeks: 0, baselineSessions: null });
    const spec = weeklyTrafficChart(marts.programWeekly.slice(0, 1));
    expect(titleText(spec)).toBe('Ambassadors drove 81 sessions in week 2026-W10');
  });

  it('top-ambassadors shows at most 10, ranked, and keeps two people with one name apart', () => {
    const base = marts.ambassadorTotals[0] as AmbassadorTotalsRow;
    const rows: AmbassadorTotalsRow[] = Array.from({ length: 14 }, (_, index) => ({
      ...base,
      ambassador_id: `amb-${index}`,
      ambassador_name: index < 2 ? 'Mette Jensen' : `Ambassadør ${index}`,
      leads: 30 - 2 * index,
      applications: index % 3,
      conversions: 0,
      hires: index === 5 ? 1 : 0,
    }));
    const data = topAmbassadorsData(rows);
    expect(new Set(data.map((datum) => datum.ambassador_id)).size).toBe(10);
    expect(data[0]).toMatchObject({ ambassador: 'Mette Jensen (amb-0)', rank: 1, kind: 'Lead', credited: 30 });
    expect(data.some((datum) => datum.ambassador === 'Mette Jensen (amb-1)')).toBe(true);
    expect(data.filter((datum) => datum.kind === 'Hire')).toHaveLength(1);
    const facts = topAmbassadorsFacts(rows);
    expect(facts).toMatchObject({ ambassadors: 14, ambassadorsWithOutcomes: 14, shown: 10 });
    expect(titleText(topAmbassadorsChart(rows))).toMatch(/^Mette Jensen led with 30 credited outcomes; the top 10 earned \d+% of all \d+$/);
  });

  it('goal-progress puts goals off track first and marks each target at its period end', () => {
    const facts = goalProgressFacts(marts.goalProgress);
    expect(facts.goals.map((goal) => goal.status)).toEqual(['off_track', 'at_risk', 'on_track', 'on_track']);
    const targets = goalProgressData(marts.goalProgress).filter((datum) => datum.series === 'Target at period end');
    expect(targets).toHaveLength(4);
    expect(targets[0]).toMatchObject({ goal: 'Kvalificerede ansøgninger (applications) · off track', day: '2026-06-28', value: 120 });
  });

  it('cohort-activity divides posts by active ambassadors, per cohort and week', () => {
    const cells = cohortActivityData(marts.ambassadorWeekly);
    for (const cell of cells) {
      expect(cell.posts_per_active_ambassador).toBe(cell.active_ambassadors > 0 ? cell.posts / cell.active_ambassadors : null);
    }
    const facts = cohortActivityFacts(marts.ambassadorWeekly);
    expect(facts.cohorts.map((cohort) => cohort.cohort)).toEqual(['Pilot', 'Bølge 2', 'Bølge 3']);
    const withoutCohort = cohortActivityData(marts.ambassadorWeekly.map((row) => ({ ...row, cohort: null })));
    expect(new Set(withoutCohort.map((cell) => cell.cohort))).toEqual(new Set(['(no cohort)']));
  });
});
