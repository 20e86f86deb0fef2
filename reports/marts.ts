/**
 * The marts that reports read, one row type per table, with the columns each query
 * selects. Reports read `marts.*` only (never staging or core); measures arrive as
 * INTEGER or DOUBLE (cast in the mart), dates as JS Dates at 00:00 UTC.
 */
import { quotedIdentifier, type Warehouse } from '../pipelines/warehouse.ts';

/** One row per ambassador x ISO week (`marts.ambassador_weekly`). */
export interface AmbassadorWeeklyRow {
  ambassador_id: string;
  ambassador_name: string;
  department: string | null;
  cohort: string | null;
  is_leader: boolean;
  /** The ISO week's Monday. */
  week_start: Date;
  /** `2026-W19`. */
  iso_week: string;
  posts: number;
  linkedin_posts: number;
  facebook_posts: number;
  /** Null when the platform reported none. */
  impressions: number | null;
  engagements: number | null;
  /** Visits through the ambassador's tracked links. */
  sessions: number;
  /** Credited outcomes (last touch by default; fractional under other models). */
  leads: number;
  applications: number;
  conversions: number;
  hires: number;
  /** Credited outcome value in the report's currency. */
  value: number;
  /** Posted at least once that week. */
  is_active: boolean;
}

/** One row per ISO week for the whole program (`marts.program_weekly`). */
export interface ProgramWeeklyRow {
  week_start: Date;
  iso_week: string;
  ambassadors_enrolled: number;
  ambassadors_active: number;
  posts: number;
  impressions: number | null;
  /** Sessions through ambassadors' tracked links. */
  sessions: number;
  /** All tracked sessions, from any source. */
  all_sessions: number;
  /** Leads credited to ambassadors. */
  leads: number;
  all_leads: number;
  applications: number;
  all_applications: number;
  value: number;
}

/** One row per ambassador over the report period (`marts.ambassador_totals`). */
export interface AmbassadorTotalsRow {
  ambassador_id: string;
  ambassador_name: string;
  department: string | null;
  cohort: string | null;
  is_leader: boolean;
  posts: number;
  impressions: number | null;
  sessions: number;
  leads: number;
  applications: number;
  conversions: number;
  hires: number;
  value: number;
  /** Null when the ambassador never posted. */
  first_post_on: Date | null;
  weeks_active: number;
}

/** Exactly one row: the program over the report period (`marts.program_summary`). */
export interface ProgramSummaryRow {
  company_name: string;
  currency: string;
  period_start: Date | null;
  period_end: Date | null;
  ambassadors_enrolled: number;
  ambassadors_active: number;
  posts: number;
  impressions: number | null;
  engagements: number | null;
  sessions: number;
  all_sessions: number;
  leads: number;
  all_leads: number;
  applications: number;
  all_applications: number;
  hires: number;
  conversions: number;
  value: number;
  outcomes: number;
  outcomes_credited_to_ambassadors: number;
  /** Visits in the visit-level touchpoints file: 0 when the program has none, so no journey can be followed. */
  visits?: number | null;
  /** Outcomes the default model credits from a journey of visits, and from their own tags or referrer. */
  outcomes_with_journey?: number | null;
  outcomes_with_own_evidence?: number | null;
}

export const GOAL_STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** One row per goal x day with data (`marts.goal_progress`). */
export interface GoalProgressRow {
  goal_id: string;
  goal_name: string;
  kind: string;
  metric: string;
  target: number;
  period_start: Date;
  period_end: Date;
  day: Date;
  /** Cumulative actual since the period's start. */
  actual: number;
  /** Linear pace to the target on that day. */
  pace_target: number;
  /** The goal's status as of its last day with data (the same on every row of a goal). */
  status: GoalStatus;
  /** The forecast of the actual at the period's end (null when the mart has no forecast columns). */
  forecast_end?: number | null;
  /** The forecast's prediction interval. */
  forecast_low?: number | null;
  forecast_high?: number | null;
}


/** One row per outcome, model, granularity and credited channel (`marts.attribution_credits`). */
export interface AttributionCreditRow {
  outcome_id: string;
  outcome_kind: string;
  occurred_at: Date;
  /** The outcome's calendar day in the program's time zone. */
  occurred_on: Date;
  model: string;
  /** `ambassador` (each ambassador a channel) or `program` (all ambassadors one channel, "Employee advocacy"). */
  granularity: string;
  channel: string;
  /** Null for channels that are not an ambassador. */
  ambassador_id: string | null;
  credit: number;
  value_credit: number;
  basis: string;
}

/**
 * One row per model, granularity, outcome kind and channel (`marts.attribution_summary`).
 * Where that mart does not exist the reports take the same sums from
 * `marts.attribution_credits` (see `readAttributionSummary`).
 */
export interface AttributionSummaryRow {
  model: string;
  granularity: string;
  outcome_kind: string;
  channel: string;
  credited_outcomes: number;
  credited_value: number;
}

/** The trace of the Markov model (`marts.markov_removal_effects`): one row per channel (and granularity). */
export interface MarkovRemovalEffectRow {
  channel: string;
  /** 1 − P(conversion without the channel) / P(conversion). */
  removal_effect: number;
  granularity?: string | null;
  /** The outcome kind the chain was fitted on (`all` for every kind together). */
  outcome_kind?: string | null;
  /** The removal effect over the sum of all channels' removal effects. */
  share?: number | null;
  p_conversion?: number | null;
  p_conversion_without?: number | null;
}

/**
 * One row per period and attribution model (`marts.roi_by_period`):
 * `period` is `month`, `quarter` or the program to date; each value and cost component
 * is a column named `value_<component>` / `cost_<component>` (read as they come).
 */
export interface RoiByPeriodRow {
  period: string;
  period_start: Date;
  model: string;
  value_total: number;
  cost_total: number;
  /** (value − cost) / cost; null when the cost is zero. */
  roi: number | null;
  /** The 90% bootstrap interval over ambassadors. */
  roi_low: number | null;
  roi_high: number | null;
  /** Every other column: `value_emv`, `cost_training`, … and any grouping columns. */
  [column: string]: unknown;
}

/**
 * Where the config's EMV rates differ from the rates past days were valued at
 * (`marts.emv_rate_changes`): one row per platform, metric and pair of rates.
 */
export interface EmvRateChangeRow {
  platform: string;
  /** The rate's metric: impressions (a CPM), clicks (a CPC), reactions, comments, shares. */
  metric: string;
  /** `per_1000` (impressions) or `per_unit`. */
  rate_unit: string;
  applied_rate: number;
  applied_currency: string;
  /** Null when the config gives no rate for those days now. */
  config_rate: number | null;
  config_currency: string | null;
  days: number;
  first_day: Date;
  last_day: Date;
  emv_applied: number;
  emv_at_config_rate: number;
  /** At the config's rate minus applied; null when the two rates are in different currencies. */
  emv_difference: number | null;
}

/** One row per pair of groups compared on a metric (`marts.cohort_comparison`). */
export interface CohortComparisonRow {
  dimension: string;
  metric: string;
  group_a: string;
  group_b: string;
  n_a: number;
  n_b: number;
  mean_a: number | null;
  mean_b: number | null;
  median_a: number | null;
  median_b: number | null;
  /** mean_a − mean_b; null when a group is too small. */
  diff: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_welch: number | null;
  p_permutation: number | null;
  p_adjusted: number | null;
  hedges_g: number | null;
  /** The mart's words, e.g. "too few to compare". */
  verdict: string | null;
}

/** One row per leaderboard period and eligible ambassador (`marts.leaderboard`). */
export interface LeaderboardRow {
  period_kind: string;
  contest: string;
  start_on: Date;
  end_on: Date;
  rank: number;
  participants: number;
  ambassador_id: string;
  /** The name to show: "Anonymous" for those who opted out. */
  display_name: string;
  is_opted_out: boolean;
  points: number;
  posts: number;
  reactions: number;
  comments: number;
  shares: number;
  clicks: number;
  leads: number;
  applications: number;
  hires: number;
  is_current: boolean;
}

/** One row per hub or employee-made item (`marts.content_performance`). */
export interface ContentPerformanceRow {
  content_id: string;
  title: string | null;
  url: string | null;
  content_type: string | null;
  origin: string | null;
  published_on: Date | null;
  eligible_ambassadors: number;
  sharers: number;
  share_rate: number | null;
  shares: number;
  impressions: number | null;
  engagements: number | null;
  engagement_rate: number | null;
  clicks: number;
  outcomes_credited: number;
  value_credited: number;
  days_to_first_share: number | null;
  is_unshared: boolean;
}

/** One row per content type or origin (`marts.content_performance_by_type`). */
export interface ContentPerformanceByTypeRow {
  /** `content_type` or `origin`. */
  dimension: string;
  value: string;
  items: number;
  items_shared: number;
  items_unshared: number;
  share_rate: number | null;
  shares: number;
  impressions: number | null;
  engagement_rate: number | null;
  clicks: number;
  outcomes_credited: number;
  value_credited: number;
}

/** One row per audited post (`marts.disclosure_audit`). */
export interface DisclosureAuditRow {
  post_key: string;
  post_url: string | null;
  platform: string;
  ambassador_id: string | null;
  posted_at: Date | null;
  /** `compliant`, `non_compliant` or `unknown`. */
  status: string;
  rule: string | null;
  evidence: string | null;
}

/** One row per ambassador with their disclosure counts (`marts.disclosure_followup`). */
export interface DisclosureFollowupRow {
  ambassador_id: string;
  ambassador_name: string | null;
  posts_audited: number;
  non_compliant_posts: number;
  unknown_posts: number;
  last_non_compliant_on: Date | null;
  last_non_compliant_post_url: string | null;
  needs_follow_up: boolean;
}

/** One row per nudge for a program lead (`marts.nudges`). */
export interface NudgeRow {
  nudge_id: string;
  /** `inactive`, `unshared_content`, `disclosure`, … */
  kind: string;
  ambassador_id: string | null;
  ambassador_name: string | null;
  content_id: string | null;
  detail: string | null;
  since: Date | null;
}

/** One row per cost component: a costs-file line, or a month's computed people's time (`marts.cost_lines`). */
export interface CostLineRow {
  component_id: string;
  /** platform, training, rewards, content, time, other; ambassador_time or lead_time when computed. */
  category: string;
  source_kind: 'costs_file' | 'config';
  /** `costs.csv line 4`, or the settings a computed component was priced with. */
  source: string;
  source_file: string | null;
  source_line: number | null;
  ambassador_id: string | null;
  note: string | null;
  currency: string;
  /** In the line's own currency; null for computed components. */
  amount_entered: number | null;
  /** The line's period, or the month of a computed component. */
  period_start: Date;
  period_end: Date;
  period_days: number;
  /** In the program's currency. */
  amount_counted: number;
  counted_start: Date | null;
  counted_end: Date | null;
  days_counted: number;
  /** The last day of ambassadors' activity, up to which costs count. */
  data_ends_on: Date | null;
  /** Why less than the whole period counts: data_ends, after_data_end, no_activity, other_currency, part_of_month. */
  proration_reason: string | null;
  proration_note: string | null;
}

/** One row per cost category, source and currency (`marts.cost_sources`). */
export interface CostSourceRow {
  category: string;
  /** `file <id>` or `config`. */
  source_id: string;
  currency: string;
  source_kind: 'costs_file' | 'config';
  /** The file's name, or the settings a computed component was priced with. */
  source: string;
  /** Lines of a file; months of a computed component. */
  components: number;
  period_start: Date;
  period_end: Date;
  amount_entered: number | null;
  amount_counted: number;
  components_prorated: number;
}

/** One row per `costs.*` setting of the config (`marts.cost_settings`). */
export interface CostSettingRow {
  setting: string;
  /** The setting's place in the config's `costs` section. */
  position: number;
  /** The computed component it prices; null for costs.people_time. */
  component: string | null;
  /** As the config gives it. */
  value: string;
  is_default: boolean;
}

/**
 * The marts, each with the columns its query selects (in order). A mart is read when it
 * exists and has these columns; otherwise its sections are left out with a note. The row
 * types above mirror them.
 */
export const MART_COLUMNS = {
  ambassador_weekly: [
    'ambassador_id', 'ambassador_name', 'department', 'cohort', 'is_leader', 'week_start', 'iso_week',
    'posts', 'linkedin_posts', 'facebook_posts', 'impressions', 'engagements', 'sessions',
    'leads', 'applications', 'conversions', 'hires', 'value', 'is_active',
  ],
  program_weekly: [
    'week_start', 'iso_week', 'ambassadors_enrolled', 'ambassadors_active', 'posts', 'impressions',
    'sessions', 'all_sessions', 'leads', 'all_leads', 'applications', 'all_applications', 'value',
  ],
  ambassador_totals: [
    'ambassador_id', 'ambassador_name', 'department', 'cohort', 'is_leader', 'posts', 'impressions',
    'sessions', 'leads', 'applications', 'conversions', 'hires', 'value', 'first_post_on', 'weeks_active',
  ],
  program_summary: [
    'company_name', 'currency', 'period_start', 'period_end', 'ambassadors_enrolled', 'ambassadors_active',
    'posts', 'impressions', 'engagements', 'sessions', 'all_sessions', 'leads', 'all_leads',
    'applications', 'all_applications', 'hires', 'conversions', 'value', 'outcomes',
    'outcomes_credited_to_ambassadors',
  ],
  goal_progress: [
    'goal_id', 'goal_name', 'kind', 'metric', 'target', 'period_start', 'period_end', 'day',
    'actual', 'pace_target', 'status',
  ],
  attribution_summary: ['model', 'granularity', 'outcome_kind', 'channel', 'credited_outcomes', 'credited_value'],
  markov_removal_effects: ['channel', 'removal_effect'],
  roi_by_period: ['period', 'period_start', 'model', 'value_total', 'cost_total', 'roi'],
  emv_rate_changes: [
    'platform', 'metric', 'rate_unit', 'applied_rate', 'applied_currency', 'config_rate', 'config_currency', 'days',
    'first_day', 'last_day', 'emv_applied', 'emv_at_config_rate', 'emv_difference',
  ],
  cohort_comparison: [
    'dimension', 'metric', 'group_a', 'group_b', 'n_a', 'n_b', 'mean_a', 'mean_b', 'median_a', 'median_b',
    'diff', 'ci_low', 'ci_high', 'p_welch', 'p_permutation', 'p_adjusted', 'hedges_g', 'verdict',
  ],
  leaderboard: [
    'period_kind', 'contest', 'start_on', 'end_on', 'rank', 'participants', 'ambassador_id', 'display_name',
    'is_opted_out', 'points', 'posts', 'reactions', 'comments', 'shares', 'clicks', 'leads', 'applications', 'hires',
    'is_current',
  ],
  content_performance: [
    'content_id', 'title', 'url', 'content_type', 'origin', 'published_on', 'eligible_ambassadors', 'sharers',
    'share_rate', 'shares', 'impressions', 'engagements', 'engagement_rate', 'clicks', 'outcomes_credited',
    'value_credited', 'days_to_first_share', 'is_unshared',
  ],
  content_performance_by_type: [
    'dimension', 'value', 'items', 'items_shared', 'items_unshared', 'share_rate', 'shares', 'impressions',
    'engagement_rate', 'clicks', 'outcomes_credited', 'value_credited',
  ],
  disclosure_audit: ['post_key', 'post_url', 'platform', 'ambassador_id', 'posted_at', 'status', 'rule', 'evidence'],
  disclosure_followup: [
    'ambassador_id', 'ambassador_name', 'posts_audited', 'non_compliant_posts', 'unknown_posts',
    'last_non_compliant_on', 'last_non_compliant_post_url', 'needs_follow_up',
  ],
  nudges: ['nudge_id', 'kind', 'ambassador_id', 'ambassador_name', 'content_id', 'detail', 'since'],
  cost_lines: [
    'component_id', 'category', 'source_kind', 'source', 'source_file', 'source_line', 'ambassador_id', 'note', 'currency',
    'amount_entered', 'period_start', 'period_end', 'period_days', 'amount_counted', 'counted_start', 'counted_end',
    'days_counted', 'data_ends_on', 'proration_reason', 'proration_note',
  ],
  cost_sources: [
    'category', 'source_id', 'currency', 'source_kind', 'source', 'components', 'period_start', 'period_end',
    'amount_entered', 'amount_counted', 'components_prorated',
  ],
  cost_settings: ['setting', 'position', 'component', 'value', 'is_default'],
} as const satisfies Record<string, readonly string[]>;

export type MartName = keyof typeof MART_COLUMNS;

/**
 * Columns a mart may have: selected when present, read as null when not (the forecast
 * columns of goal_progress, the interval of roi_by_period, the Markov trace's extras).
 */
export const OPTIONAL_COLUMNS: Partial<Record<MartName, readonly string[]>> = {
  goal_progress: ['forecast_end', 'forecast_low', 'forecast_high'],
  roi_by_period: ['roi_low', 'roi_high'],
  markov_removal_effects: ['granularity', 'outcome_kind', 'share', 'p_conversion', 'p_conversion_without'],
  program_summary: ['visits', 'outcomes_with_journey', 'outcomes_with_own_evidence'],
};

/** Marts whose other columns are read too (`roi_by_period`'s value and cost components are named by the build). */
const WIDE_MARTS: ReadonlySet<MartName> = new Set(['roi_by_period']);

/**
 * The marts read by `select *`, whose columns the contract does not list: participation, ambassador rates, the training effect, leaders'
 * example and daily EMV. The reports adapt to their columns (see `reports/contracts.ts`).
 */
export const LOOSE_MARTS = ['participation_weekly', 'training_effect', 'leader_example', 'emv_daily', 'reach_comparison'] as const;
export type LooseMartName = (typeof LOOSE_MARTS)[number];

/** The order each mart is read in, so charts and snapshots are deterministic. */
const MART_ORDER: Record<MartName, readonly string[]> = {
  ambassador_weekly: ['week_start', 'ambassador_id'],
  program_weekly: ['week_start'],
  ambassador_totals: ['ambassador_id'],
  program_summary: ['period_start'],
  goal_progress: ['goal_id', 'day'],
  attribution_summary: ['model', 'granularity', 'outcome_kind', 'channel'],
  markov_removal_effects: ['channel'],
  roi_by_period: ['period', 'period_start', 'model'],
  emv_rate_changes: ['platform', 'metric', 'first_day'],
  cohort_comparison: ['dimension', 'metric', 'group_a', 'group_b'],
  leaderboard: ['period_kind', 'contest', 'rank', 'ambassador_id'],
  content_performance: ['content_id'],
  content_performance_by_type: ['dimension', 'value'],
  disclosure_audit: ['post_key'],
  disclosure_followup: ['ambassador_id'],
  nudges: ['kind', 'nudge_id'],
  cost_lines: ['period_start', 'source_kind', 'category', 'source_file', 'source_line', 'component_id'],
  cost_sources: ['source_kind', 'source_id', 'category', 'currency'],
  cost_settings: ['position'],
};

/**
 * `select <columns> from marts.<name> order by <key>`: reports only select, filter and
 * sort. With `available` (the mart's actual columns), optional columns it lacks are read
 * as null and a wide mart's other columns are added.
 */
export function martQuery(name: MartName, available?: readonly string[]): string {
  const have = available ? new Set(available) : null;
  const declared: string[] = [...MART_COLUMNS[name]];
  const optional = (OPTIONAL_COLUMNS[name] ?? []).map((column) =>
    have && !have.has(column) ? `null as ${quotedIdentifier(column)}` : quotedIdentifier(column),
  );
  const extra = have && WIDE_MARTS.has(name) ? [...have].filter((column) => !declared.includes(column) && !(OPTIONAL_COLUMNS[name] ?? []).includes(column)) : [];
  const columns = [...declared.map((column) => quotedIdentifier(column)), ...(have ? optional : []), ...extra.map((column) => quotedIdentifier(column))].join(', ');
  const order = MART_ORDER[name].map((column) => quotedIdentifier(column)).join(', ');
  return `select ${columns} from marts.${quotedIdentifier(name)} order by ${order}`;
}

/** Reads a whole mart; the row type is the one named for the mart. */
export async function readMart<N extends MartName>(warehouse: Warehouse, name: N): Promise<MartRow<N>[]> {
  return warehouse.all<MartRow<N> & Record<string, unknown>>(martQuery(name, await martColumns(warehouse, name)));
}

/** The columns of `marts.<name>` in order; empty when it does not exist. */
export async function martColumns(warehouse: Warehouse, name: string): Promise<string[]> {
  const rows = await warehouse.all<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = 'marts' and table_name = $name order by ordinal_position`,
    { name },
  );
  return rows.map((row) => row.column_name);
}

/** What reading a mart found: its rows, or why there are none. */
export interface MartRead<T> {
  rows: T[];
  /** `ok`; `missing` (not built yet); `incompatible` (built, but without columns the report needs). */
  status: 'ok' | 'missing' | 'incompatible';
  /** The required columns the mart lacks (status `incompatible`). */
  missingColumns: string[];
}

/** Reads a mart if it exists with the columns the reports need; a missing or different mart reads as empty, saying why. */
export async function readMartChecked<N extends MartName>(warehouse: Warehouse, name: N): Promise<MartRead<MartRow<N>>> {
  const available = await martColumns(warehouse, name);
  if (available.length === 0) return { rows: [], status: 'missing', missingColumns: [] };
  const missingColumns = MART_COLUMNS[name].filter((column) => !available.includes(column));
  if (missingColumns.length > 0) return { rows: [], status: 'incompatible', missingColumns };
  const rows = await warehouse.all<MartRow<N> & Record<string, unknown>>(martQuery(name, available));
  return { rows, status: 'ok', missingColumns: [] };
}

/** Reads a mart whose columns the contract leaves open (`select *`, ordered by its first column); null when it does not exist. */
export async function readLooseMart(warehouse: Warehouse, name: LooseMartName): Promise<Record<string, unknown>[] | null> {
  const available = await martColumns(warehouse, name);
  if (available.length === 0) return null;
  const order = available.slice(0, 3).map((column) => quotedIdentifier(column)).join(', ');
  return warehouse.all(`select * from marts.${quotedIdentifier(name)} order by ${order}`);
}

/**
 * The attribution summary: `marts.attribution_summary` when it exists, else the same sums
 * over `marts.attribution_credits` (one row per model, granularity, outcome kind and
 * channel). The second serves a warehouse built before the summary mart existed.
 */
export async function readAttributionSummary(warehouse: Warehouse): Promise<MartRead<AttributionSummaryRow> & { source: string }> {
  const summary = await readMartChecked(warehouse, 'attribution_summary');
  if (summary.status === 'ok') return { ...summary, source: 'marts.attribution_summary' };
  const credits = await martColumns(warehouse, 'attribution_credits');
  if (credits.length === 0) return { rows: [], status: 'missing', missingColumns: [], source: 'marts.attribution_credits' };
  const rows = await warehouse.all<AttributionSummaryRow>(
    `select model, granularity, outcome_kind, channel,
       sum(credit)::double as credited_outcomes, sum(value_credit)::double as credited_value
     from marts.attribution_credits
     group by all
     order by model, granularity, outcome_kind, channel`,
  );
  return { rows, status: 'ok', missingColumns: [], source: 'marts.attribution_credits' };
}

/** The reads of one report run, each made once however many pages use it (ambassador_weekly alone is 52,000 rows a year at a thousand ambassadors). */
export interface MartReads {
  checked<N extends MartName>(name: N): Promise<MartRead<MartRow<N>>>;
  loose(name: LooseMartName): Promise<Record<string, unknown>[] | null>;
  attributionSummary(): Promise<MartRead<AttributionSummaryRow> & { source: string }>;
}

/** Reads through `warehouse`, remembering each result; the pages treat rows as read-only, so they can share them. */
export function martReads(warehouse: Warehouse): MartReads {
  const done = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!done.has(key)) done.set(key, read());
    return done.get(key) as Promise<T>;
  };
  return {
    checked: (name) => once(`marts.${name}`, () => readMartChecked(warehouse, name)),
    loose: (name) => once(`marts.${name} as it comes`, () => readLooseMart(warehouse, name)),
    attributionSummary: () => once('attribution summary', () => readAttributionSummary(warehouse)),
  };
}

export type MartRow<N extends MartName> = {
  ambassador_weekly: AmbassadorWeeklyRow;
  program_weekly: ProgramWeeklyRow;
  ambassador_totals: AmbassadorTotalsRow;
  program_summary: ProgramSummaryRow;
  goal_progress: GoalProgressRow;
  attribution_summary: AttributionSummaryRow;
  markov_removal_effects: MarkovRemovalEffectRow;
  roi_by_period: RoiByPeriodRow;
  emv_rate_changes: EmvRateChangeRow;
  cohort_comparison: CohortComparisonRow;
  leaderboard: LeaderboardRow;
  content_performance: ContentPerformanceRow;
  content_performance_by_type: ContentPerformanceByTypeRow;
  disclosure_audit: DisclosureAuditRow;
  disclosure_followup: DisclosureFollowupRow;
  nudges: NudgeRow;
  cost_lines: CostLineRow;
  cost_sources: CostSourceRow;
  cost_settings: CostSettingRow;
}[N];

/** A note for a mart that could not be read: not built yet, or built without the columns the report needs. */
export function martNote(name: string, read: Pick<MartRead<unknown>, 'status' | 'missingColumns'>, language: 'en' | 'da' = 'en'): string | null {
  if (read.status === 'missing') {
    return language === 'da'
      ? `marts.${name} findes endnu ikke i lageret; kør build-trinnet for at oprette den.`
      : `marts.${name} does not exist in the warehouse yet; run the build step to create it.`;
  }
  if (read.status === 'incompatible') {
    return language === 'da'
      ? `marts.${name} mangler kolonnerne ${read.missingColumns.join(', ')}, som rapporten læser; afsnittet er udeladt.`
      : `marts.${name} lacks the columns ${read.missingColumns.join(', ')} the report reads; its section is left out.`;
  }
  return null;
}
