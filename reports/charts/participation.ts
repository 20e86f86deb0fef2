/**
 * Participation per ISO week: the share of enrolled ambassadors who posted (line, left
 * axis) and the enrolled and active counts (tooltip), from `marts.participation_weekly`
 * or, until it exists, `marts.program_weekly` (see `participationData`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ParticipationDatum } from '../contracts.ts';
import { createFormat } from '../format.ts';
import { participationTitle, type ParticipationFacts } from '../narrative/program.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';
import { splitPartWeek } from './weeks.ts';

export function participationFacts(rows: readonly ParticipationDatum[]): ParticipationFacts {
  const { complete, partWeek } = splitPartWeek(rows);
  // The latest complete week against the complete week four before it; the part week alone when there is no complete one.
  const latest = complete[complete.length - 1] ?? partWeek ?? undefined;
  const earlier = complete.length > 1 ? complete[Math.max(0, complete.length - 5)] : undefined;
  return {
    latestWeek: latest?.week_start ?? null,
    latestRate: latest?.rate ?? null,
    latestActive: latest?.active ?? 0,
    latestEnrolled: latest?.enrolled ?? 0,
    earlierWeek: earlier?.week_start ?? null,
    earlierRate: earlier?.rate ?? null,
    lapsed: latest?.lapsed ?? null,
    partialWeek: partWeek ? { weekStart: partWeek.week_start, days: partWeek.days_with_data } : null,
  };
}

export function participationChart(rows: readonly ParticipationDatum[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const x = {
    field: 'week_start',
    type: 'temporal',
    timeUnit: 'utcyearmonthdate',
    title: t({ en: 'Week (Monday)', da: 'Uge (mandag)' }),
    axis: { format: '%e %b', labelAngle: 0 },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      participationTitle(participationFacts(rows), format),
      t({
        en: 'Line: participation rate, active ambassadors (posted at least once that week) divided by those enrolled at the week’s end. Bars: active ambassadors (right axis).',
        da: 'Linje: deltagelsesrate, aktive ambassadører (delte mindst én gang den uge) divideret med tilmeldte ved ugens slutning. Søjler: aktive ambassadører (højre akse).',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width,
    height: SIZES.height,
    data: { values: [...rows] },
    encoding: { x },
    layer: [
      {
        mark: { type: 'bar', color: PALETTE.sky, opacity: 0.6 },
        encoding: {
          y: {
            field: 'active',
            type: 'quantitative',
            title: t({ en: 'Active ambassadors (count)', da: 'Aktive ambassadører (antal)' }),
            axis: { orient: 'right', grid: false, tickMinStep: 1 },
          },
        },
      },
      {
        mark: { type: 'line', color: PALETTE.blue, point: { color: PALETTE.blue } },
        encoding: {
          y: {
            field: 'rate',
            type: 'quantitative',
            title: t({ en: 'Participation rate', da: 'Deltagelsesrate' }),
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
          tooltip: [
            { field: 'week_start', type: 'temporal', title: t({ en: 'Week of', da: 'Uge fra' }), format: '%e %b %Y' },
            { field: 'rate', type: 'quantitative', format: '.0%', title: t({ en: 'Participation', da: 'Deltagelse' }) },
            { field: 'active', type: 'quantitative', title: t({ en: 'Active', da: 'Aktive' }) },
            { field: 'enrolled', type: 'quantitative', title: t({ en: 'Enrolled', da: 'Tilmeldte' }) },
            { field: 'new_ambassadors', type: 'quantitative', title: t({ en: 'New', da: 'Nye' }) },
            { field: 'lapsed', type: 'quantitative', title: t({ en: 'Lapsed', da: 'Faldet fra' }) },
          ],
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
