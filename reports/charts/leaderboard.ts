/**
 * The contest leaderboard: points of the top 15 in the current contest (or, without
 * one, the latest month), ranked with ties equal, as horizontal bars, from
 * `marts.leaderboard`. Names are the display names as the report shows them (the
 * anonymiser's rows: its word for anonymous for opt-outs).
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, isoDate, num } from '../format.ts';
import type { Shown } from '../anonymise.ts';
import { OPTED_OUT_NAME } from '../i18n.ts';
import type { LeaderboardRow } from '../marts.ts';
import { leaderboardTitle, type LeaderboardFacts } from '../narrative/program.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export const LEADERBOARD_LIMIT = 15;

/** The period the board shows: the current contest, else the current month, else the latest period. */
export function leaderboardPeriod(rows: readonly LeaderboardRow[]): { kind: string; contest: string } | null {
  const periods = new Map<string, LeaderboardRow>();
  for (const row of rows) periods.set(`${row.period_kind}\u0000${row.contest}`, row);
  const list = [...periods.values()];
  const pick =
    list.find((row) => row.period_kind === 'contest' && row.is_current) ??
    list.find((row) => row.is_current) ??
    list.sort((a, b) => compareText(isoDate(b.end_on), isoDate(a.end_on)) || compareText(a.period_kind, b.period_kind))[0];
  return pick ? { kind: pick.period_kind, contest: pick.contest } : null;
}

/** The period's standings in rank order (ties by name). */
export function leaderboardStandings(rows: readonly Shown<LeaderboardRow>[]): Shown<LeaderboardRow>[] {
  const period = leaderboardPeriod(rows);
  if (!period) return [];
  return rows
    .filter((row) => row.period_kind === period.kind && row.contest === period.contest)
    .sort((a, b) => a.rank - b.rank || compareText(a.display_name, b.display_name) || compareText(a.ambassador_id, b.ambassador_id));
}

export function leaderboardFacts(rows: readonly Shown<LeaderboardRow>[]): LeaderboardFacts {
  const standings = leaderboardStandings(rows);
  const first = standings[0];
  const runnerUp = standings.find((row) => row.rank > (first?.rank ?? 1));
  return {
    contest: first?.contest ?? null,
    leader: first ? { name: first.display_name, points: num(first.points) } : null,
    runnerUp: runnerUp ? { name: runnerUp.display_name, points: num(runnerUp.points) } : null,
    participants: first ? num(first.participants) || standings.length : 0,
    leaders: standings.filter((row) => row.rank === first?.rank).map((row) => row.display_name),
  };
}

export function leaderboardChart(rows: readonly Shown<LeaderboardRow>[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const standings = leaderboardStandings(rows).slice(0, LEADERBOARD_LIMIT);
  const names = new Map<string, number>();
  for (const row of standings) names.set(row.display_name, (names.get(row.display_name) ?? 0) + 1);
  // Two who opted out stay two bars: the rank and a counter tell them apart, never the id.
  const seen = new Map<string, number>();
  const values = standings.map((row) => {
    const count = (seen.get(row.display_name) ?? 0) + 1;
    seen.set(row.display_name, count);
    const name = (names.get(row.display_name) ?? 0) > 1 ? `${row.display_name} (${count})` : row.display_name;
    return {
      entry: `${row.rank}. ${name}`,
      rank: row.rank,
      points: num(row.points),
      posts: num(row.posts),
      clicks: num(row.clicks),
      leads: num(row.leads),
      applications: num(row.applications),
    };
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      leaderboardTitle(leaderboardFacts(rows), format),
      t({
        en: `Points of the top ${LEADERBOARD_LIMIT} (capped per day); equal points share a rank. Ambassadors who opted out appear as “${OPTED_OUT_NAME.en}”.`,
        da: `Point for top ${LEADERBOARD_LIMIT} (loft pr. dag); lige mange point giver samme placering. Ambassadører, der har fravalgt, vises som “${OPTED_OUT_NAME.da}”.`,
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 160,
    height: { step: SIZES.barStep },
    data: { values },
    mark: { type: 'bar', color: PALETTE.orange },
    encoding: {
      y: { field: 'entry', type: 'nominal', sort: values.map((datum) => datum.entry), title: null, axis: { labelLimit: 260 } },
      x: { field: 'points', type: 'quantitative', title: t({ en: 'Points', da: 'Point' }) },
      tooltip: [
        { field: 'entry', type: 'nominal', title: t({ en: 'Ambassador', da: 'Ambassadør' }) },
        { field: 'points', type: 'quantitative', format: ',.0f', title: t({ en: 'Points', da: 'Point' }) },
        { field: 'posts', type: 'quantitative', title: t({ en: 'Posts', da: 'Opslag' }) },
        { field: 'clicks', type: 'quantitative', title: t({ en: 'Clicks', da: 'Klik' }) },
        { field: 'leads', type: 'quantitative', format: ',.1f', title: 'Leads' },
      ],
    },
  };
}
