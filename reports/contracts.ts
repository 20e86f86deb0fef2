/**
 * Adapters from marts whose columns the contracts leave partly open to the typed rows
 * the chart builders take: the ROI periods and their components, participation, the
 * training effect, leaders' example, and the ambassadors' against the company page's
 * impressions. Each adapter names the columns it looks for, in order of preference, and
 * returns null when the mart lacks them (the page then leaves the chart out with a note).
 * Pure: rows in, rows out.
 */
import { isoDate, num } from './format.ts';
import type { AmbassadorTotalsRow, ProgramWeeklyRow, RoiByPeriodRow } from './marts.ts';

type Loose = Record<string, unknown>;

/** The first of `candidates` that the row has (even when null there). */
export function pickColumn(columns: readonly string[], candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => columns.includes(candidate));
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

function textOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? isoDate(value) : String(value);
}

function columnsOf(rows: readonly Loose[]): string[] {
  return rows[0] ? Object.keys(rows[0]) : [];
}

// ---------- ROI by period

/** `month`, `quarter` or `to_date` (the program to date), however the mart spells it. */
export type PeriodKind = 'month' | 'quarter' | 'to_date' | 'other';

export function periodKind(period: string): PeriodKind {
  const value = period.toLowerCase();
  if (value.startsWith('month')) return 'month';
  if (value.startsWith('quarter')) return 'quarter';
  if (/program|to_date|to-date|ptd|total|all|cumulative/.test(value)) return 'to_date';
  return 'other';
}

/** One value or cost component of a period, e.g. `{ kind: 'value', key: 'emv', amount: 12000 }`. */
export interface RoiComponent {
  kind: 'value' | 'cost';
  key: string;
  amount: number;
}

export interface RoiPeriod {
  kind: PeriodKind;
  /** `YYYY-MM-DD`. */
  start: string;
  model: string;
  value: number;
  cost: number;
  roi: number | null;
  low: number | null;
  high: number | null;
  components: RoiComponent[];
}

/** Grouping columns a per-cohort or per-department ROI row may carry: rows with a value there are not the program's. */
const GROUP_COLUMNS = ['dimension', 'group_name', 'group_value', 'cohort', 'department', 'segment'];

/** The program-wide rows of `marts.roi_by_period`, with their components. */
export function roiPeriods(rows: readonly RoiByPeriodRow[]): RoiPeriod[] {
  return rows
    .filter((row) =>
      GROUP_COLUMNS.every((column) => {
        const value = row[column];
        return value === undefined || value === null || /^(program|all|total|overall)$/i.test(String(value));
      }),
    )
    .map((row) => {
      const components: RoiComponent[] = [];
      for (const [column, value] of Object.entries(row)) {
        const match = /^(value|cost)_(.+)$/.exec(column);
        if (!match || match[2] === 'total' || numberOrNull(value) === null) continue;
        components.push({ kind: match[1] as 'value' | 'cost', key: match[2] as string, amount: numberOrNull(value) ?? 0 });
      }
      return {
        kind: periodKind(String(row.period)),
        start: isoDate(row.period_start as Date | string),
        model: String(row.model),
        value: num(row.value_total),
        cost: num(row.cost_total),
        roi: numberOrNull(row.roi),
        low: numberOrNull(row.roi_low),
        high: numberOrNull(row.roi_high),
        components,
      };
    });
}

// ---------- participation

export interface ParticipationDatum {
  week_start: string;
  enrolled: number;
  active: number;
  /** active / enrolled; null without anyone enrolled. */
  rate: number | null;
  new_ambassadors: number | null;
  lapsed: number | null;
  never_active: number | null;
}

/**
 * Participation per week: `marts.participation_weekly` when it exists (columns week_start
 * or week, enrolled/active under their usual names, new, lapsed and never-active counts
 * when present), else `marts.program_weekly`'s enrolled and active counts.
 */
export function participationData(loose: readonly Loose[] | null, programWeekly: readonly ProgramWeeklyRow[]): { rows: ParticipationDatum[]; source: string } | null {
  if (loose && loose.length > 0) {
    const columns = columnsOf(loose);
    const week = pickColumn(columns, ['week_start', 'week', 'period_start']);
    const enrolled = pickColumn(columns, ['ambassadors_enrolled', 'enrolled', 'enrolled_ambassadors']);
    const active = pickColumn(columns, ['ambassadors_active', 'active', 'active_ambassadors']);
    const period = pickColumn(columns, ['period', 'grain']);
    if (week && enrolled && active) {
      const newColumn = pickColumn(columns, ['new_ambassadors', 'new', 'ambassadors_new']);
      const lapsedColumn = pickColumn(columns, ['lapsed', 'ambassadors_lapsed', 'lapsed_ambassadors']);
      const neverColumn = pickColumn(columns, ['never_active', 'ambassadors_never_active']);
      const rows = loose
        .filter((row) => !period || /week/i.test(String(row[period])))
        .map((row) => {
          const e = num(numberOrNull(row[enrolled]));
          const a = num(numberOrNull(row[active]));
          return {
            week_start: isoDate(row[week] as Date | string),
            enrolled: e,
            active: a,
            rate: e > 0 ? a / e : null,
            new_ambassadors: newColumn ? numberOrNull(row[newColumn]) : null,
            lapsed: lapsedColumn ? numberOrNull(row[lapsedColumn]) : null,
            never_active: neverColumn ? numberOrNull(row[neverColumn]) : null,
          };
        })
        .sort((a, b) => a.week_start.localeCompare(b.week_start));
      if (rows.length > 0) return { rows, source: 'marts.participation_weekly' };
    }
  }
  if (programWeekly.length === 0) return null;
  return {
    rows: programWeekly.map((row) => ({
      week_start: isoDate(row.week_start),
      enrolled: num(row.ambassadors_enrolled),
      active: num(row.ambassadors_active),
      rate: num(row.ambassadors_enrolled) > 0 ? num(row.ambassadors_active) / num(row.ambassadors_enrolled) : null,
      new_ambassadors: null,
      lapsed: null,
      never_active: null,
    })),
    source: 'marts.program_weekly',
  };
}

// ---------- training effect

export interface TrainingEffectDatum {
  metric: string;
  /** `difference_in_differences`, `before_after`, …, as the mart names it. */
  method: string;
  estimate: number;
  ci_low: number | null;
  ci_high: number | null;
  n_trained: number | null;
  n_control: number | null;
}

/** The training effect per metric (and method) from `marts.training_effect`. */
export function trainingEffectData(loose: readonly Loose[] | null): TrainingEffectDatum[] | null {
  if (!loose || loose.length === 0) return null;
  const columns = columnsOf(loose);
  const metric = pickColumn(columns, ['metric', 'measure']);
  const estimate = pickColumn(columns, ['estimate', 'effect', 'did', 'diff', 'difference', 'att']);
  if (!metric || !estimate) return null;
  const method = pickColumn(columns, ['method', 'estimator', 'kind', 'comparison']);
  const low = pickColumn(columns, ['ci_low', 'low', 'lower']);
  const high = pickColumn(columns, ['ci_high', 'high', 'upper']);
  const trained = pickColumn(columns, ['n_trained', 'trained', 'n_treated']);
  const control = pickColumn(columns, ['n_control', 'n_untrained', 'untrained', 'n_not_yet_trained']);
  // Per-training-week rows detail the overall estimate: the chart shows the overall ones.
  const scope = pickColumn(columns, ['scope']);
  const rows = loose
    .filter((row) => numberOrNull(row[estimate]) !== null)
    .filter((row) => !scope || row[scope] === null || /overall|all|total/i.test(String(row[scope])))
    .map((row) => ({
      metric: String(row[metric]),
      method: method ? String(row[method] ?? '') : '',
      estimate: numberOrNull(row[estimate]) ?? 0,
      ci_low: low ? numberOrNull(row[low]) : null,
      ci_high: high ? numberOrNull(row[high]) : null,
      n_trained: trained ? numberOrNull(row[trained]) : null,
      n_control: control ? numberOrNull(row[control]) : null,
    }));
  return rows.length > 0 ? rows : null;
}

// ---------- leaders' example

export interface LeaderExampleDatum {
  ambassador_id: string;
  name: string;
  metric: string;
  /** The leader's own figure. */
  value: number;
  /** The comparison: the team's median (from the mart) or all non-leaders' median (the fallback). */
  benchmark: number;
  team_size: number | null;
  below: boolean;
}

/**
 * Each leader's own activity against their team's median, from `marts.leader_example`;
 * without that mart, each leader's posts against the median of all ambassadors who are
 * not leaders (from `marts.ambassador_totals`).
 */
export function leaderExampleData(
  loose: readonly Loose[] | null,
  totals: readonly AmbassadorTotalsRow[],
): { rows: LeaderExampleDatum[]; source: string; benchmark: 'team' | 'staff' } | null {
  if (loose && loose.length > 0) {
    const columns = columnsOf(loose);
    const id = pickColumn(columns, ['ambassador_id', 'leader_id']);
    const name = pickColumn(columns, ['ambassador_name', 'leader_name', 'name']);
    const value = pickColumn(columns, ['value', 'leader_value', 'own_value', 'leader_posts', 'posts']);
    const benchmark = pickColumn(columns, ['team_median', 'team_median_value', 'median_team', 'team_median_posts']);
    if (id && value && benchmark) {
      const metric = pickColumn(columns, ['metric']);
      const size = pickColumn(columns, ['team_size', 'team_n', 'n_team']);
      const below = pickColumn(columns, ['is_below_team', 'is_below', 'below_team', 'below']);
      const namesById = new Map(totals.map((row) => [row.ambassador_id, row.ambassador_name]));
      // One metric per chart: posts per active week when the mart has it, else posts, else its first.
      const metrics = metric ? [...new Set(loose.map((row) => String(row[metric])))] : [];
      const shown = metric ? (['posts_per_week', 'posts_per_active_week', 'posts'].find((name) => metrics.includes(name)) ?? metrics.sort()[0]) : undefined;
      const rows = loose.filter((row) => !metric || String(row[metric]) === shown).map((row) => {
        const ambassador = String(row[id]);
        const own = num(numberOrNull(row[value]));
        const team = num(numberOrNull(row[benchmark]));
        return {
          ambassador_id: ambassador,
          name: textOrNull(name ? row[name] : null) ?? namesById.get(ambassador) ?? ambassador,
          metric: metric ? String(row[metric]) : 'posts',
          value: own,
          benchmark: team,
          team_size: size ? numberOrNull(row[size]) : null,
          below: below ? row[below] === true : own < team,
        };
      });
      return { rows, source: 'marts.leader_example', benchmark: 'team' };
    }
  }
  const leaders = totals.filter((row) => row.is_leader);
  const staff = totals.filter((row) => !row.is_leader).map((row) => num(row.posts));
  if (leaders.length === 0 || staff.length === 0) return null;
  const median = medianOf(staff);
  return {
    rows: leaders.map((row) => ({
      ambassador_id: row.ambassador_id,
      name: row.ambassador_name,
      metric: 'posts',
      value: num(row.posts),
      benchmark: median,
      team_size: staff.length,
      below: num(row.posts) < median,
    })),
    source: 'marts.ambassador_totals',
    benchmark: 'staff',
  };
}

export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

// ---------- organic reach: ambassadors against the company page

export interface ReachDatum {
  /** The period's first day, `YYYY-MM-DD` (a month from reach_comparison, an ISO week's Monday from emv_daily). */
  period_start: string;
  /** `ambassadors` or `company_page`. */
  owner: 'ambassadors' | 'company_page';
  impressions: number;
}

/** Monday of the day's ISO week, `YYYY-MM-DD` (UTC calendar days). */
export function weekStartOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The ambassadors' and the company page's impressions per period. From
 * `marts.reach_comparison` (its month rows for all platforms: measure `impressions`,
 * `ambassadors_value` against `company_page_value`); else from `marts.emv_daily`
 * (`owner` ambassador or company, `metric` impressions, `quantity`), summed per ISO week.
 */
export function reachData(comparison: readonly Loose[] | null, emvDaily: readonly Loose[] | null = null): { rows: ReachDatum[]; grain: 'month' | 'week'; source: string } | null {
  if (comparison && comparison.length > 0) {
    const columns = columnsOf(comparison);
    if (['period', 'period_start', 'measure', 'ambassadors_value', 'company_page_value'].every((column) => columns.includes(column))) {
      const rows = comparison
        .filter((row) => /^month/i.test(String(row.period)) && String(row.measure) === 'impressions' && (!columns.includes('platform') || String(row.platform) === 'all'))
        .flatMap((row) => {
          const start = isoDate(row.period_start as Date | string);
          const ambassadors = numberOrNull(row.ambassadors_value);
          const company = numberOrNull(row.company_page_value);
          if (ambassadors === null || company === null) return [];
          return [
            { period_start: start, owner: 'ambassadors' as const, impressions: ambassadors },
            { period_start: start, owner: 'company_page' as const, impressions: company },
          ];
        })
        .sort((a, b) => a.period_start.localeCompare(b.period_start) || a.owner.localeCompare(b.owner));
      if (rows.length > 0) return { rows, grain: 'month', source: 'marts.reach_comparison' };
    }
  }
  if (!emvDaily || emvDaily.length === 0) return null;
  const columns = columnsOf(emvDaily);
  const day = pickColumn(columns, ['day', 'activity_on', 'date']);
  const owner = pickColumn(columns, ['owner', 'owner_kind', 'author_kind']);
  if (!day || !owner || !columns.includes('metric') || !columns.includes('quantity')) return null;
  const weeks = new Map<string, ReachDatum>();
  for (const row of emvDaily) {
    if (String(row.metric) !== 'impressions') continue;
    const value = numberOrNull(row.quantity);
    if (value === null) continue;
    const who = /company|page/i.test(String(row[owner] ?? '')) ? ('company_page' as const) : ('ambassadors' as const);
    const week = weekStartOf(isoDate(row[day] as Date | string));
    const key = `${week}|${who}`;
    const datum = weeks.get(key) ?? { period_start: week, owner: who, impressions: 0 };
    datum.impressions += value;
    weeks.set(key, datum);
  }
  const rows = [...weeks.values()].sort((a, b) => a.period_start.localeCompare(b.period_start) || a.owner.localeCompare(b.owner));
  if (!rows.some((row) => row.owner === 'company_page') || !rows.some((row) => row.owner === 'ambassadors')) return null;
  return { rows, grain: 'week', source: 'marts.emv_daily' };
}
