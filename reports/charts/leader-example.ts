/**
 * Leaders as role models: each leader's own posts per active week (dot) against their
 * team's median (tick), from `marts.leader_example` (see `leaderExampleData`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LeaderExampleDatum } from '../contracts.ts';
import { compareText, createFormat } from '../format.ts';
import { METRIC_NAMES, nameOf } from '../i18n.ts';
import { leaderExampleTitle, type LeaderExampleFacts } from '../narrative/leadership.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** Leaders below their benchmark first, then by name. */
export function leaderExampleRows(rows: readonly LeaderExampleDatum[]): LeaderExampleDatum[] {
  return [...rows].sort((a, b) => Number(b.below) - Number(a.below) || a.value - a.benchmark - (b.value - b.benchmark) || compareText(a.name, b.name));
}

export function leaderExampleFacts(rows: readonly LeaderExampleDatum[]): LeaderExampleFacts {
  const leaders = new Set(rows.map((row) => row.ambassador_id));
  const below = [
    ...new Set(
      leaderExampleRows(rows)
        .filter((row) => row.below)
        .map((row) => row.name),
    ),
  ];
  return { leaders: leaders.size, below };
}

export function leaderExampleChart(rows: readonly LeaderExampleDatum[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const sorted = leaderExampleRows(rows);
  const names = new Map<string, number>();
  for (const row of sorted) names.set(row.name, (names.get(row.name) ?? 0) + 1);
  const values = sorted.map((row) => ({
    leader: (names.get(row.name) ?? 0) > 1 ? `${row.name} (${row.ambassador_id})` : row.name,
    metric: nameOf(METRIC_NAMES, row.metric, format),
    own: row.value,
    benchmark: row.benchmark,
    position: row.below ? t({ en: 'Below', da: 'Under' }) : t({ en: 'At or above', da: 'På niveau eller over' }),
  }));
  const metric = values[0]?.metric ?? nameOf(METRIC_NAMES, 'posts_per_active_week', format);
  const benchmarkTitle = t({ en: 'Team median', da: 'Teamets median' });
  const y = { field: 'leader', type: 'nominal', sort: values.map((datum) => datum.leader), title: null, axis: { labelLimit: 240 } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      leaderExampleTitle(leaderExampleFacts(rows), format),
      t({
        en: `Each leader’s own ${metric.toLowerCase()} (dot) against their team’s median (tick).`,
        da: `Hver leders egne ${metric.toLowerCase()} (prik) mod teamets median (streg).`,
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 160,
    height: { step: SIZES.barStep },
    data: { values },
    layer: [
      {
        mark: { type: 'tick', color: PALETTE.grey, thickness: 2 },
        encoding: { y, x: { field: 'benchmark', type: 'quantitative', title: metric, axis: { tickCount: 6 } } },
      },
      {
        mark: { type: 'point', size: 80 },
        encoding: {
          y,
          x: { field: 'own', type: 'quantitative', title: metric, axis: { tickCount: 6 } },
          color: {
            field: 'position',
            type: 'nominal',
            title: null,
            scale: {
              domain: [t({ en: 'Below', da: 'Under' }), t({ en: 'At or above', da: 'På niveau eller over' })],
              range: [PALETTE.vermillion, PALETTE.blue],
            },
          },
          tooltip: [
            { field: 'leader', type: 'nominal', title: t({ en: 'Leader', da: 'Leder' }) },
            { field: 'own', type: 'quantitative', format: ',.2f', title: t({ en: 'Own', da: 'Egne' }) },
            { field: 'benchmark', type: 'quantitative', format: ',.2f', title: benchmarkTitle },
          ],
        },
      },
    ],
  };
}
