import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { ambassadorAttributionChart } from '../../reports/charts/ambassador-attribution.ts';
import { attributionModelsChart } from '../../reports/charts/attribution-models.ts';
import { cohortComparisonChart, cohortComparisonData } from '../../reports/charts/cohort-comparison.ts';
import { contentPerformanceChart } from '../../reports/charts/content-performance.ts';
import { disclosureAuditChart } from '../../reports/charts/disclosure-audit.ts';
import { leaderExampleChart } from '../../reports/charts/leader-example.ts';
import { leaderboardChart, leaderboardStandings } from '../../reports/charts/leaderboard.ts';
import { organicReachChart } from '../../reports/charts/organic-reach.ts';
import { outcomesByModelChart } from '../../reports/charts/outcomes-by-model.ts';
import { participationChart } from '../../reports/charts/participation.ts';
import { removalEffectsChart } from '../../reports/charts/removal-effects.ts';
import { roiByModelChart } from '../../reports/charts/roi-by-model.ts';
import { roiByPeriodChart } from '../../reports/charts/roi-by-period.ts';
import { topContentChart } from '../../reports/charts/top-content.ts';
import { trainingEffectChart } from '../../reports/charts/training-effect.ts';
import { valueWaterfallChart, waterfallData, waterfallFacts } from '../../reports/charts/value-waterfall.ts';
import { leaderExampleData, participationData, reachData, trainingEffectData } from '../../reports/contracts.ts';
import { cohortActivityChart, cohortActivityData, cohortActivityFacts } from '../../reports/charts/cohort-activity.ts';
import { goalProgressChart, goalProgressData, goalProgressFacts } from '../../reports/charts/goal-progress.ts';
import { VEGA_LITE_SCHEMA } from '../../reports/charts/theme.ts';
import { topAmbassadorsChart, topAmbassadorsData, topAmbassadorsFacts } from '../../reports/charts/top-ambassadors.ts';
import { weeklyActivityChart, weeklyActivityData } from '../../reports/charts/weekly-activity.ts';
import { weeklyTrafficChart, weeklyTrafficFacts } from '../../reports/charts/weekly-traffic.ts';
import type { AmbassadorTotalsRow } from '../../reports/marts.ts';
import { renderSvg } from '../../reports/render/svg.ts';
import { fixtureMarts } from './fixtures.ts';
import * as more from './fixtures-more.ts';

const marts = fixtureMarts();
const names = new Map(marts.ambassadorTotals.map((row) => [row.ambassador_id, row.ambassador_name]));
const summary = more.attributionSummaryRows();
const roiRows = more.roiByPeriodRows();
const disclosure = more.disclosureRows();
const participation = participationData(more.participationRows());
const training = trainingEffectData(more.trainingEffectRows());
const leaders = leaderExampleData(more.leaderExampleRows());
const reach = reachData(more.reachComparisonRows());

/** Vega-Lite's own JSON schema (v6), as the package ships it. */
const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
const validate = new Ajv({ strict: false, allErrors: false, validateFormats: false }).compile(schema);

interface Case {
  name: string;
  rows: readonly object[];
  build: (options?: { locale?: string; language?: 'en' | 'da' }) => TopLevelSpec;
  empty: () => TopLevelSpec;
  /** Counts of `aria-roledescription` values the SVG must have at least. */
  marks: Record<string, number>;
  title: string;
}

const cases: Case[] = [
  {
    name: 'weekly-activity',
    rows: marts.programWeekly,
    build: (options) => weeklyActivityChart(marts.programWeekly, options),
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
    rows: more.cohortActivityWeeklyRows(),
    build: (options) => cohortActivityChart(more.cohortActivityWeeklyRows(), more.cohortActivityRows(), options),
    empty: () => cohortActivityChart([], []),
    marks: { 'line mark': 3 },
    title: 'Bølge 2 posted most: 2.17 posts per active week per ambassador, against 1.10 for Bølge 3',
  },
  {
    name: 'roi-by-period',
    rows: roiRows,
    build: (options) => roiByPeriodChart(roiRows, options),
    empty: () => roiByPeriodChart([]),
    marks: { point: 3, 'rule mark': 3 },
    title: 'ROI was 133% in May 2026, up from 103% in April 2026',
  },
  {
    name: 'value-waterfall',
    rows: roiRows,
    build: (options) => valueWaterfallChart(roiRows, options),
    empty: () => valueWaterfallChart([]),
    marks: { bar: 9 },
    title: 'DKK\u00a0278,500 of value against DKK\u00a0165,000 of cost: a net gain of DKK\u00a0113,500',
  },
  {
    name: 'organic-reach',
    rows: reach,
    build: (options) => organicReachChart(reach, options),
    empty: () => organicReachChart([]),
    marks: { 'line mark': 2 },
    title: 'Ambassadors’ posts were shown 3.4 times as often as the company page’s',
  },
  {
    name: 'outcomes-by-model',
    rows: summary,
    build: (options) => outcomesByModelChart(summary, options),
    empty: () => outcomesByModelChart([]),
    marks: { bar: 6 },
    title: 'Under last touch, ambassadors earned 73 outcomes; the models range from 73 to 87.6',
  },
  {
    name: 'top-content',
    rows: more.contentRows(),
    build: (options) => topContentChart(more.contentRows(), options),
    empty: () => topContentChart([]),
    marks: { bar: 3 },
    title: '“Sådan bygger vi fremtidens energi” brought the most outcomes: 9',
  },
  {
    name: 'leader-example',
    rows: leaders,
    build: (options) => leaderExampleChart(leaders, options),
    empty: () => leaderExampleChart([]),
    marks: { point: 2, tick: 2 },
    title: '1 of 2 leaders post less than their team’s median',
  },
  {
    name: 'participation',
    rows: participation,
    build: (options) => participationChart(participation, options),
    empty: () => participationChart([]),
    marks: { bar: 10, 'line mark': 1 },
    title: '75% of enrolled ambassadors were active in the week of 4 May 2026, against 100% four weeks earlier',
  },
  {
    name: 'cohort-comparison',
    rows: more.cohortComparisonRows(),
    build: (options) => cohortComparisonChart(more.cohortComparisonRows(), options),
    empty: () => cohortComparisonChart([]),
    marks: { point: 2, 'text mark': 1 },
    title: '2 of 5 comparisons show a clear difference; 2 are too few or too uniform to compare',
  },
  {
    name: 'training-effect',
    rows: training,
    build: (options) => trainingEffectChart(training, options),
    empty: () => trainingEffectChart([]),
    marks: { point: 2, 'rule mark': 2 },
    title: 'Training raised posts per week by 0.80; the interval excludes zero',
  },
  {
    name: 'leaderboard',
    rows: more.leaderboardRows(),
    build: (options) => leaderboardChart(more.shownLeaderboardRows(), options),
    empty: () => leaderboardChart([]),
    marks: { bar: 5 },
    title: 'Mette Østergaard leads Forårskampagnen with 420 points',
  },
  {
    name: 'content-performance',
    rows: more.contentByTypeRows(),
    build: (options) => contentPerformanceChart(more.contentByTypeRows(), options),
    empty: () => contentPerformanceChart([]),
    marks: { bar: 4 },
    title: 'Article is shared most (42% of those eligible), Infographic least (4%)',
  },
  {
    name: 'disclosure-audit',
    rows: disclosure.byPlatform,
    build: (options) => disclosureAuditChart(disclosure.byPlatform, disclosure.followup, options),
    empty: () => disclosureAuditChart([]),
    marks: { bar: 4 },
    title: '2 posts of 6 do not make the employment evident; 1 ambassador to follow up',
  },
  {
    name: 'attribution-models',
    rows: summary,
    build: (options) => attributionModelsChart(summary, options),
    empty: () => attributionModelsChart([]),
    marks: { bar: 18 },
    title: 'Employee advocacy moves most with the model: from 73 (last touch) to 87.6 (first touch)',
  },
  {
    name: 'ambassador-attribution',
    rows: summary,
    build: (options) => ambassadorAttributionChart(summary, names, options),
    empty: () => ambassadorAttributionChart([], names),
    marks: { point: 9 },
    title: 'Jørgen Møller’s credit depends most on the model: 21.9 to 52.6 outcomes',
  },
  {
    name: 'removal-effects',
    rows: more.removalEffectRows(),
    build: (options) => removalEffectsChart(more.removalEffectRows(), options),
    empty: () => removalEffectsChart([]),
    marks: { bar: 3 },
    title: 'Removing Organic Search would lose 51% of leads and applications, the most of any channel',
  },
  {
    name: 'roi-by-model',
    rows: roiRows,
    build: (options) => roiByModelChart(roiRows, summary, options),
    empty: () => roiByModelChart([], []),
    marks: { point: 3 },
    title: 'ROI ranges from 35% (first touch) to 73% (linear) with the model',
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

      it('is valid against the Vega-Lite JSON schema, in English and Danish', () => {
        for (const spec of [chart.build(), chart.build({ language: 'da', locale: 'da-DK' }), chart.empty()]) {
          const valid = validate(JSON.parse(JSON.stringify(spec)));
          expect(valid, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        }
      });

      it('is plain JSON with its data inline', () => {
        const spec = chart.build();
        expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
        const data = (spec as { data?: { values?: unknown[]; url?: string } }).data;
        expect(data?.url).toBeUndefined();
        expect(data?.values?.length).toBeGreaterThan(0);
        expect(JSON.stringify(spec)).not.toMatch(/"url"\s*:/);
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
        expect(titleText(spec)).toMatch(/^(No |Only |ROI to date|The goal|All )/);
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

  it('weekly-activity takes posts and the enrolled and active counts per week from program_weekly', () => {
    const weeks = weeklyActivityData(marts.programWeekly);
    expect(weeks.map((week) => week.iso_week)).toEqual(marts.programWeekly.map((row) => row.iso_week));
    expect(weeks.map((week) => week.posts)).toEqual(marts.programWeekly.map((row) => row.posts));
    expect(weeks.map((week) => week.active_ambassadors)).toEqual(marts.programWeekly.map((row) => row.ambassadors_active));
    expect(weeks.map((week) => week.enrolled_ambassadors)).toEqual(marts.programWeekly.map((row) => row.ambassadors_enrolled));
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

  it('cohort-activity draws the mart’s weeks as they come and ranks the cohorts by their per-ambassador mean', () => {
    const rows = more.cohortActivityWeeklyRows();
    const cells = cohortActivityData(rows);
    expect(cells.map((cell) => [cell.iso_week, cell.cohort, cell.posts_per_active_ambassador])).toEqual(
      [...rows]
        .sort((a, b) => a.iso_week.localeCompare(b.iso_week) || a.cohort.localeCompare(b.cohort))
        .map((row) => [row.iso_week, row.cohort, row.posts_per_active_ambassador]),
    );
    expect(cells.find((cell) => cell.active_ambassadors === 0)?.posts_per_active_ambassador).toBeNull();
    const facts = cohortActivityFacts(more.cohortActivityRows());
    expect(facts.cohorts.map((cohort) => cohort.cohort)).toEqual(['Bølge 2', 'Pilot', 'Bølge 3']);
    expect(facts.weeks).toBe(4);
  });

  it('cohort-comparison shows a pair under the minimum size, or too uniform to test, as words, not a difference', () => {
    const data = cohortComparisonData(more.cohortComparisonRows());
    expect(data.filter((datum) => !datum.compared)).toMatchObject([
      { pair: 'Cohort: Pilot − Bølge 3', diff: null, reading: 'too_few', label: 'too few to compare (n = 6, 3)' },
      { pair: 'Leaders and staff: leaders − staff', diff: null, reading: 'too_uniform', label: 'too uniform to compare (n = 6, 46)' },
    ]);
    const danish = cohortComparisonData(more.cohortComparisonRows(), { language: 'da' }).filter((datum) => !datum.compared);
    expect(danish.map((datum) => datum.label)).toEqual(['for få til at sammenligne (n = 6, 3)', 'for ens til at sammenligne (n = 6, 46)']);
  });

  it('value-waterfall climbs through value, steps down through cost and ends at the net', () => {
    const facts = waterfallFacts(roiRows);
    const steps = waterfallData(facts);
    expect(steps[0]).toMatchObject({ label: 'Earned media value', start: 0, end: 124_000 });
    const last = steps[steps.length - 1];
    expect(last).toMatchObject({ label: 'Net', start: 0, end: facts.value - facts.cost });
    // The bars before the net end where the net ends: the components add up to the totals.
    expect(steps[steps.length - 2]?.end).toBeCloseTo(facts.value - facts.cost);
  });

  it('disclosure-audit names the platforms as the report writes them, not as the marts spell them', () => {
    const platforms = (spec: ReturnType<typeof disclosureAuditChart>) => [
      ...new Set(((spec.data as { values: { platform: string }[] }).values ?? []).map((row) => row.platform)),
    ];
    expect(platforms(disclosureAuditChart(disclosure.byPlatform, disclosure.followup))).toEqual(['Facebook', 'LinkedIn']);
    expect(platforms(disclosureAuditChart(disclosure.byPlatform, disclosure.followup, { language: 'da' }))).toEqual(['Facebook', 'LinkedIn']);
  });

  it('leaderboard ranks ties equal and shows opt-outs as Anonymous, in Danish as Anonym, for the current contest only', () => {
    const standings = leaderboardStandings(more.shownLeaderboardRows());
    expect(standings.map((row) => [row.rank, row.display_name])).toEqual([
      [1, 'Mette Østergaard'],
      [2, 'Åse Thygesen'],
      [2, 'Søren Kjærgaard'],
      [4, 'Anonymous'],
      [5, 'Ida Krøyer'],
    ]);
    const values = (leaderboardChart(more.shownLeaderboardRows()).data as { values: { entry: string }[] }).values;
    expect(values.map((value) => value.entry)).toContain('4. Anonymous');
    expect(JSON.stringify(values)).not.toContain('amb-03');
    const danish = leaderboardChart(more.shownLeaderboardRows('da'), { language: 'da' });
    expect((danish.data as { values: { entry: string }[] }).values.map((value) => value.entry)).toContain('4. Anonym');
    expect(JSON.stringify(danish)).not.toContain('Anonymous');
  });

  it('writes titles and axis titles in Danish when asked', () => {
    expect(titleText(roiByPeriodChart(roiRows, { language: 'da', locale: 'da-DK' }))).toBe('ROI var 133\u00a0% i maj 2026, op fra 103\u00a0% i april 2026');
    expect(titleText(leaderboardChart(more.shownLeaderboardRows('da'), { language: 'da' }))).toBe('Mette Østergaard fører Forårskampagnen med 420 point');
    expect(JSON.stringify(weeklyActivityChart(marts.programWeekly, { language: 'da' }))).toContain('ISO-uge');
  });
});
