/**
 * Leaders as role models: each leader's own posts (dot) against their team's median
 * (tick), from `marts.leader_example`, or the staff median from
 * `marts.ambassador_totals` until that mart exists (see `leaderExampleData`).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LeaderExampleDatum } from '../contracts.ts';
import { compareText, createFormat } from '../format.ts';
import { METRIC_NAMES, nameOf } from '../i18n.ts';
import { leaderExampleTitle, type LeaderExampleFacts } from '../narrative/leadership.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export type LeaderExampleOptions = ChartOptions & {
  /**
   * What the benchmark is: each leader's team median, or the median of all staff.
   *
   * __Default value:__ `'team'`
   */
  benchmark?: 'team' | 'staff';
};

/** Leaders below their benchmark first, then by name. */
export function leaderExampleRows(rows: readonly LeaderExampleDatum[]): LeaderExampleDatum[] {
  return [...rows].sort((a, b) => Number(b.below) - Number(a.below) || a.value - a.benchmark - (b.value - b.benchmark) || compareText(a.name, b.name));
}

export function leaderExampleFacts(rows: readonly LeaderExampleDatum[], benchmark: 'team' | 'staff' = 'team'): LeaderExampleFacts {
  const leaders = new Set(rows.map((row) => row.ambassador_id));
  const below = [...new Set(leaderExampleRows(rows).filter((row) => row.below).map((row) => row.name))];
  return { leaders: leaders.size, below, benchmark };
}

export function leaderExampleChart(rows: readonly LeaderExampleDatum[], options: LeaderExampleOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const benchmark = options.benchmark ?? 'team';
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
  const metric = values[0]?.metric ?? nameOf(METRIC_NAMES, 'posts', format);
  const benchmarkTitle = benchmark === 'team' ? t({ en: 'Team median', da: 'Teamets median' }) : t({ en: 'Staff median', da: 'Medarbejdernes median' });
  const y = { field: 'leader', type: 'nominal', sort: values.map((datum) => datum.leader), title: null, axis: { labelLimit: 240 } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      leaderExampleTitle(leaderExampleFacts(rows, benchmark), format),
      benchmark === 'team'
        ? t({ en: `Each leader’s own ${metric.toLowerCase()} (dot) against their team’s median (tick).`, da: `Hver leders egne ${metric.toLowerCase()} (prik) mod teamets median (streg).` })
        : t({ en: `Each leader’s own ${metric.toLowerCase()} (dot) against the median of all ambassadors who are not leaders (tick).`, da: `Hver leders egne ${metric.toLowerCase()} (prik) mod medianen for alle ambassadører, der ikke er ledere (streg).` }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 160,
    height: { step: SIZES.barStep },
    data: { values },
    layer: [
      {
        mark: { type: 'tick', color: PALETTE.grey, thickness: 2 },
        encoding: { y, x: { field: 'benchmark', type: 'quantitative', title: `${metric} (${t({ en: 'count', da: 'antal' })})` } },
      },
      {
        mark: { type: 'point', size: 80 },
        encoding: {
          y,
          x: { field: 'own', type: 'quantitative', title: `${metric} (${t({ en: 'count', da: 'antal' })})` },
          color: {
            field: 'position',
            type: 'nominal',
            title: null,
            scale: { domain: [t({ en: 'Below', da: 'Under' }), t({ en: 'At or above', da: 'På niveau eller over' })], range: [PALETTE.vermillion, PALETTE.blue] },
          },
          tooltip: [
            { field: 'leader', type: 'nominal', title: t({ en: 'Leader', da: 'Leder' }) },
            { field: 'own', type: 'quantitative', format: ',.1f', title: t({ en: 'Own', da: 'Egne' }) },
            { field: 'benchmark', type: 'quantitative', format: ',.1f', title: benchmarkTitle },
          ],
        },
      },
    ],
  };
}
