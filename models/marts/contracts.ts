/**
 * The marts' contracts: each mart's columns, in order, with their DuckDB types. The model
 * runner checks every mart it builds against its contract, and the reports read the marts
 * by it (their row types are derived from it, see `reports/marts.ts`), so a column that a
 * model renames or retypes fails the build instead of reaching a report.
 *
 * A type ending in `?` marks a column that may hold nulls (read as `| null`); the others
 * hold none on a program's data.
 */

import { qualifiedName, type Warehouse } from '../../pipelines/warehouse.ts';
import { COST_COMPONENTS, VALUE_COMPONENTS } from '../lib/statistics/roi-table.ts';

/** The DuckDB types marts are built with (measures are cast to INTEGER or DOUBLE in the mart). */
export type MartColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BIGINT' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN';
/** A column's declared type: `DOUBLE`, or `DOUBLE?` when it may hold nulls. */
export type DeclaredColumn = MartColumnType | `${MartColumnType}?`;

/** Columns several marts share, in order, with their declared types. */
function columnGroup<const Columns extends Record<string, DeclaredColumn>>(columns: Columns): Columns {
  return columns;
}

/** Columns that each hold an amount in the program's currency, in the order named. */
function amountColumns<const Name extends string>(...names: Name[]): Record<Name, 'DOUBLE'> {
  return Object.fromEntries(names.map((name) => [name, 'DOUBLE'])) as Record<Name, 'DOUBLE'>;
}

/** The value components (marts.value_components, and the ROI marts' values). */
const VALUE_COLUMNS = amountColumns(...VALUE_COMPONENTS);

/** The cost components (marts.value_components, and the ROI marts' costs). */
const COST_COLUMNS = amountColumns(...COST_COMPONENTS);

/** An ambassador's credited outcomes: marts.ambassador_weekly per week, marts.ambassador_totals program to date. */
const CREDITED_OUTCOME_COLUMNS = columnGroup({
  /** Credited outcomes (last touch by default; fractional under other models). */
  leads: 'DOUBLE',
  applications: 'DOUBLE',
  conversions: 'DOUBLE',
  hires: 'DOUBLE',
  /** Credited outcome value in the report's currency. */
  value: 'DOUBLE',
});

/** The ROI figures of a period under one attribution model: marts.roi_by_period's columns, and marts.roi_by_group's after its group. */
const ROI_COLUMNS = columnGroup({
  period: 'VARCHAR',
  period_start: 'DATE',
  period_end: 'DATE',
  model: 'VARCHAR',
  is_default_model: 'BOOLEAN',
  ambassadors: 'INTEGER',
  posts: 'INTEGER',
  ...VALUE_COLUMNS,
  value_total: 'DOUBLE',
  ...COST_COLUMNS,
  cost_total: 'DOUBLE',
  /** (value − cost) / cost; null when the cost is zero. */
  roi: 'DOUBLE?',
  /** The 90% bootstrap interval over ambassadors. */
  roi_low: 'DOUBLE?',
  roi_high: 'DOUBLE?',
  interval_level: 'DOUBLE',
  interval_crosses_zero: 'BOOLEAN?',
  time_basis: 'VARCHAR',
});

/** What earned points: marts.points_daily per day, marts.period_points and marts.leaderboard per period. */
const POINTS_EARNED_BY_COLUMNS = columnGroup({
  posts: 'INTEGER',
  reactions: 'INTEGER',
  comments: 'INTEGER',
  shares: 'INTEGER',
  clicks: 'INTEGER',
  leads: 'DOUBLE',
  applications: 'DOUBLE',
  hires: 'DOUBLE',
});

/** What earned points, and the points, before and after the daily cap: marts.points_daily per day, marts.period_points per period. */
const POINTS_COLUMNS = columnGroup({ ...POINTS_EARNED_BY_COLUMNS, points_uncapped: 'DOUBLE', points: 'DOUBLE' });

/** A period's enrolled ambassadors counted by participation: marts.participation_weekly per week, marts.participation_monthly per month. */
const PARTICIPATION_COLUMNS = columnGroup({
  enrolled: 'INTEGER',
  newly_enrolled: 'INTEGER',
  active: 'INTEGER',
  new: 'INTEGER',
  lapsed: 'INTEGER',
  never_active: 'INTEGER',
  participation_rate: 'DOUBLE?',
});

/** What a content item's shares achieved: marts.content_performance per item, marts.content_performance_by_type per type or origin. */
const CONTENT_RESULT_COLUMNS = columnGroup({
  impressions: 'DOUBLE?',
  engagements: 'DOUBLE?',
  engagement_rate: 'DOUBLE?',
  clicks: 'INTEGER',
  all_sessions: 'INTEGER',
  outcomes_credited: 'DOUBLE',
});

/** The program's sessions, leads and applications: those through or credited to ambassadors, and all of them (marts.program_summary, marts.program_weekly). */
const PROGRAM_RESULT_COLUMNS = columnGroup({
  /** Sessions through ambassadors' tracked links. */
  sessions: 'INTEGER',
  /** All tracked sessions, from any source. */
  all_sessions: 'INTEGER',
  /** Leads credited to ambassadors. */
  leads: 'DOUBLE',
  all_leads: 'INTEGER',
  applications: 'DOUBLE',
  all_applications: 'INTEGER',
});

export const MART_CONTRACTS = {
  ambassador_rates: {
    ambassador_id: 'VARCHAR',
    metric: 'VARCHAR',
    value: 'DOUBLE',
  },
  ambassador_totals: {
    ambassador_id: 'VARCHAR',
    ambassador_name: 'VARCHAR',
    department: 'VARCHAR?',
    cohort: 'VARCHAR?',
    is_leader: 'BOOLEAN',
    posts: 'INTEGER',
    impressions: 'DOUBLE?',
    sessions: 'INTEGER',
    ...CREDITED_OUTCOME_COLUMNS,
    /** Null when the ambassador never posted. */
    first_post_on: 'DATE?',
    weeks_active: 'INTEGER',
  },
  ambassador_weekly: {
    ambassador_id: 'VARCHAR',
    ambassador_name: 'VARCHAR',
    department: 'VARCHAR?',
    cohort: 'VARCHAR?',
    is_leader: 'BOOLEAN',
    /** The ISO week's Monday. */
    week_start: 'DATE',
    /** `2026-W19`. */
    iso_week: 'VARCHAR',
    posts: 'INTEGER',
    linkedin_posts: 'INTEGER',
    facebook_posts: 'INTEGER',
    /** Null when the platform reported none. */
    impressions: 'DOUBLE?',
    engagements: 'DOUBLE?',
    /** Visits through the ambassador's tracked links. */
    sessions: 'INTEGER',
    ...CREDITED_OUTCOME_COLUMNS,
    /** Posted at least once that week. */
    is_active: 'BOOLEAN',
  },
  attribution_credits: {
    outcome_id: 'VARCHAR',
    outcome_kind: 'VARCHAR',
    occurred_at: 'TIMESTAMP',
    /** The outcome's calendar day in the program's time zone. */
    occurred_on: 'DATE',
    model: 'VARCHAR',
    /** `ambassador` (each ambassador a channel) or `program` (all ambassadors one channel, "Employee advocacy"). */
    granularity: 'VARCHAR',
    channel: 'VARCHAR',
    /** Null for channels that are not an ambassador. */
    ambassador_id: 'VARCHAR?',
    credit: 'DOUBLE',
    value_credit: 'DOUBLE',
    basis: 'VARCHAR',
    journey_via: 'VARCHAR',
  },
  attribution_summary: {
    model: 'VARCHAR',
    granularity: 'VARCHAR',
    outcome_kind: 'VARCHAR',
    channel: 'VARCHAR',
    ambassador_id: 'VARCHAR?',
    credited_outcomes: 'DOUBLE',
    credited_value: 'DOUBLE',
  },
  cohort_activity: {
    cohort: 'VARCHAR',
    ambassadors: 'INTEGER',
    /** Each ambassador's posts per active week, then the mean (median) over the cohort's ambassadors. */
    mean_posts_per_active_week: 'DOUBLE',
    median_posts_per_active_week: 'DOUBLE',
    program_weeks: 'INTEGER',
  },
  cohort_activity_weekly: {
    cohort: 'VARCHAR',
    week_start: 'DATE',
    iso_week: 'VARCHAR',
    ambassadors_active: 'INTEGER',
    posts: 'INTEGER',
    /** Mean over the week's active ambassadors of their posts; null when nobody posted. */
    posts_per_active_ambassador: 'DOUBLE?',
  },
  cohort_comparison: {
    dimension: 'VARCHAR',
    metric: 'VARCHAR',
    group_a: 'VARCHAR',
    group_b: 'VARCHAR',
    n_a: 'INTEGER',
    n_b: 'INTEGER',
    mean_a: 'DOUBLE?',
    mean_b: 'DOUBLE?',
    median_a: 'DOUBLE?',
    median_b: 'DOUBLE?',
    /** mean_a − mean_b; null when a group is too small. */
    diff: 'DOUBLE?',
    ci_low: 'DOUBLE?',
    ci_high: 'DOUBLE?',
    p_welch: 'DOUBLE?',
    p_permutation: 'DOUBLE?',
    /** The permutations drawn for p_permutation, and its Monte-Carlo standard error. */
    permutations: 'INTEGER?',
    p_permutation_se: 'DOUBLE?',
    p_adjusted: 'DOUBLE?',
    hedges_g: 'DOUBLE?',
    /** The mart's words, e.g. "too few to compare". */
    verdict: 'VARCHAR?',
    correction: 'VARCHAR',
    comparisons: 'INTEGER',
  },
  content_performance: {
    content_id: 'VARCHAR',
    title: 'VARCHAR?',
    url: 'VARCHAR?',
    content_type: 'VARCHAR?',
    origin: 'VARCHAR?',
    published_on: 'DATE?',
    eligible_ambassadors: 'INTEGER',
    sharers: 'INTEGER',
    eligible_sharers: 'INTEGER',
    share_rate: 'DOUBLE?',
    shares: 'INTEGER',
    linkedin_shares: 'INTEGER',
    facebook_shares: 'INTEGER',
    ...CONTENT_RESULT_COLUMNS,
    leads_credited: 'DOUBLE',
    conversions_credited: 'DOUBLE',
    applications_credited: 'DOUBLE',
    hires_credited: 'DOUBLE',
    value_credited: 'DOUBLE',
    first_shared_on: 'DATE?',
    days_to_first_share: 'INTEGER?',
    is_published: 'BOOLEAN',
    is_unshared: 'BOOLEAN',
    as_of_on: 'DATE',
  },
  content_performance_by_type: {
    /** `content_type` or `origin`. */
    dimension: 'VARCHAR',
    value: 'VARCHAR',
    items: 'INTEGER',
    items_shared: 'INTEGER',
    items_unshared: 'INTEGER',
    eligible_ambassadors: 'INTEGER',
    eligible_sharers: 'INTEGER',
    share_rate: 'DOUBLE?',
    shares: 'INTEGER',
    shares_per_item: 'DOUBLE?',
    ...CONTENT_RESULT_COLUMNS,
    value_credited: 'DOUBLE',
    median_days_to_first_share: 'DOUBLE?',
  },
  cost_lines: {
    component_id: 'VARCHAR',
    /** platform, training, rewards, content, time, other; ambassador_time or lead_time when computed. */
    category: 'VARCHAR',
    source_kind: 'VARCHAR',
    /** `costs.csv line 4`, or the settings a computed component was priced with. */
    source: 'VARCHAR',
    source_file: 'VARCHAR?',
    source_file_id: 'INTEGER?',
    source_line: 'INTEGER?',
    ambassador_id: 'VARCHAR?',
    note: 'VARCHAR?',
    currency: 'VARCHAR',
    /** In the line's own currency; null for computed components. */
    amount_entered: 'DOUBLE?',
    /** The line's period, or the month of a computed component. */
    period_start: 'DATE',
    period_end: 'DATE',
    period_days: 'INTEGER',
    /** In the program's currency. */
    amount_counted: 'DOUBLE',
    counted_start: 'DATE?',
    counted_end: 'DATE?',
    days_counted: 'INTEGER',
    posts: 'INTEGER?',
    program_leads: 'INTEGER?',
    /** The last day of ambassadors' activity, up to which costs count. */
    data_ends_on: 'DATE?',
    /** Why less than the whole period counts: data_ends, after_data_end, no_activity, other_currency, part_of_month. */
    proration_reason: 'VARCHAR?',
    proration_note: 'VARCHAR?',
  },
  cost_settings: {
    setting: 'VARCHAR',
    /** The setting's place in the config's `costs` section. */
    position: 'INTEGER',
    /** The computed component it prices; null for costs.people_time. */
    component: 'VARCHAR?',
    /** As the config gives it. */
    value: 'VARCHAR',
    is_default: 'BOOLEAN',
  },
  cost_sources: {
    category: 'VARCHAR',
    /** `file <id>` or `config`. */
    source_id: 'VARCHAR',
    currency: 'VARCHAR',
    source_kind: 'VARCHAR',
    /** The file's name, or the settings a computed component was priced with. */
    source: 'VARCHAR',
    /** Lines of a file; months of a computed component. */
    components: 'INTEGER',
    period_start: 'DATE',
    period_end: 'DATE',
    amount_entered: 'DOUBLE?',
    amount_counted: 'DOUBLE',
    components_prorated: 'INTEGER',
  },
  data_issues: {
    issue_kind: 'VARCHAR',
    table_name: 'VARCHAR',
    row_key: 'VARCHAR?',
    field: 'VARCHAR?',
    value: 'VARCHAR?',
    issue: 'VARCHAR',
  },
  disclosure_audit: {
    post_key: 'VARCHAR',
    post_url: 'VARCHAR?',
    platform: 'VARCHAR',
    ambassador_id: 'VARCHAR?',
    posted_at: 'TIMESTAMP?',
    posted_on: 'DATE?',
    /** `compliant`, `non_compliant` or `unknown`. */
    status: 'VARCHAR',
    rule: 'VARCHAR?',
    evidence: 'VARCHAR?',
    phrase_language: 'VARCHAR?',
    disclosure_mode: 'VARCHAR',
  },
  disclosure_followup: {
    ambassador_id: 'VARCHAR',
    ambassador_name: 'VARCHAR?',
    lead_id: 'VARCHAR?',
    posts_audited: 'INTEGER',
    compliant_posts: 'INTEGER',
    non_compliant_posts: 'INTEGER',
    unknown_posts: 'INTEGER',
    non_compliant_linkedin_posts: 'INTEGER',
    non_compliant_facebook_posts: 'INTEGER',
    first_non_compliant_on: 'DATE?',
    last_non_compliant_on: 'DATE?',
    last_non_compliant_post_url: 'VARCHAR?',
    needs_follow_up: 'BOOLEAN',
  },
  emv_daily: {
    day: 'DATE',
    owner: 'VARCHAR',
    ambassador_id: 'VARCHAR?',
    platform: 'VARCHAR',
    metric: 'VARCHAR',
    quantity_source: 'VARCHAR',
    quantity: 'DOUBLE',
    rate_metric: 'VARCHAR',
    rate_unit: 'VARCHAR',
    rate: 'DOUBLE',
    currency: 'VARCHAR',
    rate_valid_from: 'DATE',
    config_rate: 'DOUBLE?',
    config_currency: 'VARCHAR?',
    config_valid_from: 'DATE?',
    is_rate_outdated: 'BOOLEAN',
    emv: 'DOUBLE',
  },
  emv_rate_changes: {
    platform: 'VARCHAR',
    /** The rate's metric: impressions (a CPM), clicks (a CPC), reactions, comments, shares. */
    metric: 'VARCHAR',
    /** `per_1000` (impressions) or `per_unit`. */
    rate_unit: 'VARCHAR',
    applied_rate: 'DOUBLE',
    applied_currency: 'VARCHAR',
    /** Null when the config gives no rate for those days now. */
    config_rate: 'DOUBLE?',
    config_currency: 'VARCHAR?',
    days: 'INTEGER',
    first_day: 'DATE',
    last_day: 'DATE',
    emv_applied: 'DOUBLE',
    emv_at_config_rate: 'DOUBLE',
    /** At the config's rate minus applied; null when the two rates are in different currencies. */
    emv_difference: 'DOUBLE?',
  },
  figures: {
    position: 'INTEGER',
    figure_id: 'VARCHAR',
    label: 'VARCHAR',
    /** Null where the program has nothing to state (an ROI without cost). */
    value: 'DOUBLE?',
    unit: 'VARCHAR',
    period_start: 'DATE?',
    period_end: 'DATE?',
    definition: 'VARCHAR',
    source: 'VARCHAR',
  },
  goal_contributions: {
    goal_id: 'VARCHAR',
    goal_name: 'VARCHAR',
    kind: 'VARCHAR',
    metric: 'VARCHAR',
    model: 'VARCHAR',
    granularity: 'VARCHAR',
    channel: 'VARCHAR',
    ambassador_id: 'VARCHAR?',
    actual: 'DOUBLE',
    value: 'DOUBLE',
  },
  goal_progress: {
    goal_id: 'VARCHAR',
    goal_name: 'VARCHAR',
    kind: 'VARCHAR',
    metric: 'VARCHAR',
    measured_metric: 'VARCHAR',
    target: 'DOUBLE',
    period_start: 'DATE',
    period_end: 'DATE',
    day: 'DATE',
    /** Cumulative actual since the period's start. */
    actual: 'DOUBLE',
    /** Linear pace to the target on that day. */
    pace_target: 'DOUBLE',
    /** The forecast of the actual at the period's end. */
    forecast_end: 'DOUBLE?',
    /** The forecast's prediction interval. */
    forecast_low: 'DOUBLE?',
    forecast_high: 'DOUBLE?',
    forecast_basis: 'VARCHAR?',
    /** The goal's status as of its last day with data (the same on every row of a goal). */
    status: 'VARCHAR',
  },
  leader_example: {
    leader_id: 'VARCHAR',
    leader_name: 'VARCHAR',
    department: 'VARCHAR?',
    team_basis: 'VARCHAR',
    metric: 'VARCHAR',
    /** Null in posts_per_active_week for a leader who never posted. */
    leader_value: 'DOUBLE?',
    team_size: 'INTEGER',
    team_median: 'DOUBLE?',
    difference: 'DOUBLE?',
    ratio_to_team_median: 'DOUBLE?',
    is_below_team: 'BOOLEAN?',
  },
  leaderboard: {
    period_kind: 'VARCHAR',
    contest: 'VARCHAR',
    start_on: 'DATE',
    end_on: 'DATE',
    eligible_cohorts: 'VARCHAR?',
    rank: 'INTEGER',
    participants: 'INTEGER',
    ambassador_id: 'VARCHAR',
    /** The name to show; null for those who opted out, whom each report calls anonymous in its language. */
    display_name: 'VARCHAR?',
    is_opted_out: 'BOOLEAN',
    points: 'DOUBLE',
    points_uncapped: 'DOUBLE',
    capped_days: 'INTEGER',
    ...POINTS_EARNED_BY_COLUMNS,
    is_current: 'BOOLEAN',
    is_latest: 'BOOLEAN',
    is_frozen: 'BOOLEAN',
    frozen_at: 'TIMESTAMP?',
    as_of_on: 'DATE',
  },
  markov_removal_effects: {
    granularity: 'VARCHAR',
    /** The outcome kind the chain was fitted on (`all` for every kind together). */
    outcome_kind: 'VARCHAR',
    channel: 'VARCHAR',
    ambassador_id: 'VARCHAR?',
    transitions: 'DOUBLE',
    /** 1 − P(conversion without the channel) / P(conversion). */
    removal_effect: 'DOUBLE',
    /** The removal effect over the sum of all channels' removal effects. */
    share: 'DOUBLE?',
    p_conversion: 'DOUBLE',
    p_conversion_without: 'DOUBLE',
    attributed_outcomes: 'DOUBLE',
    attributed_value: 'DOUBLE',
  },
  nudges: {
    nudge_id: 'VARCHAR',
    /** `inactive`, `unshared_content`, `disclosure`, … */
    kind: 'VARCHAR',
    ambassador_id: 'VARCHAR?',
    ambassador_name: 'VARCHAR?',
    lead_id: 'VARCHAR?',
    content_id: 'VARCHAR?',
    detail: 'VARCHAR?',
    since: 'DATE?',
    as_of_on: 'DATE',
  },
  participation_monthly: {
    month_start: 'DATE',
    month: 'VARCHAR',
    month_end: 'DATE',
    ...PARTICIPATION_COLUMNS,
  },
  participation_weekly: {
    week_start: 'DATE',
    iso_week: 'VARCHAR',
    week_end: 'DATE',
    ...PARTICIPATION_COLUMNS,
    /** The week's days up to the last day of ambassadors' activity: under 7 for a part week. */
    days_with_data: 'INTEGER',
  },
  period_points: {
    period_kind: 'VARCHAR',
    contest: 'VARCHAR',
    start_on: 'DATE',
    end_on: 'DATE',
    eligible_cohorts: 'VARCHAR?',
    ambassador_id: 'VARCHAR',
    ...POINTS_COLUMNS,
    capped_days: 'INTEGER',
    as_of_on: 'DATE',
    is_current: 'BOOLEAN',
    is_frozen: 'BOOLEAN',
    frozen_at: 'TIMESTAMP?',
  },
  points_daily: {
    ambassador_id: 'VARCHAR',
    activity_on: 'DATE',
    ...POINTS_COLUMNS,
    is_capped: 'BOOLEAN',
  },
  program_daily_metrics: {
    day: 'DATE',
    metric: 'VARCHAR',
    value: 'DOUBLE',
  },
  program_summary: {
    company_name: 'VARCHAR',
    currency: 'VARCHAR',
    period_start: 'DATE?',
    period_end: 'DATE?',
    ambassadors_enrolled: 'INTEGER',
    ambassadors_active: 'INTEGER',
    posts: 'INTEGER',
    impressions: 'DOUBLE?',
    engagements: 'DOUBLE?',
    ...PROGRAM_RESULT_COLUMNS,
    hires: 'DOUBLE',
    conversions: 'DOUBLE',
    value: 'DOUBLE',
    outcomes: 'INTEGER',
    outcomes_credited_to_ambassadors: 'DOUBLE',
    /** Visits in the visit-level touchpoints file: 0 when the program has none, so no journey can be followed. */
    visits: 'INTEGER',
    /** Outcomes the default model credits from a journey of visits, and from their own tags or referrer. */
    outcomes_with_journey: 'INTEGER',
    outcomes_with_own_evidence: 'INTEGER',
  },
  program_weekly: {
    week_start: 'DATE',
    iso_week: 'VARCHAR',
    ambassadors_enrolled: 'INTEGER',
    ambassadors_active: 'INTEGER',
    posts: 'INTEGER',
    impressions: 'DOUBLE?',
    ...PROGRAM_RESULT_COLUMNS,
    value: 'DOUBLE',
    /** The week's days up to the last day of ambassadors' activity: under 7 for a part week. */
    days_with_data: 'INTEGER',
  },
  reach_comparison: {
    period: 'VARCHAR',
    period_start: 'DATE',
    period_end: 'DATE',
    platform: 'VARCHAR',
    measure: 'VARCHAR',
    ambassadors_value: 'DOUBLE?',
    company_page_value: 'DOUBLE?',
    ambassadors_to_company_page: 'DOUBLE?',
    is_people_count: 'BOOLEAN',
    label: 'VARCHAR',
  },
  roi_by_group: {
    dimension: 'VARCHAR',
    group_name: 'VARCHAR',
    ...ROI_COLUMNS,
  },
  roi_by_period: ROI_COLUMNS,
  success_stories: {
    period_kind: 'VARCHAR',
    contest: 'VARCHAR',
    story_rank: 'INTEGER',
    post_key: 'VARCHAR',
    post_url: 'VARCHAR?',
    platform: 'VARCHAR',
    ambassador_id: 'VARCHAR',
    /** The name to show; null for those who opted out, whom each report calls anonymous in its language. */
    display_name: 'VARCHAR?',
    is_opted_out: 'BOOLEAN',
    posted_on: 'DATE',
    content_id: 'VARCHAR?',
    content_title: 'VARCHAR?',
    post_text: 'VARCHAR?',
    impressions: 'DOUBLE?',
    reactions: 'DOUBLE?',
    comments: 'DOUBLE?',
    shares: 'DOUBLE?',
    engagements: 'DOUBLE?',
    sessions: 'INTEGER',
    points: 'DOUBLE',
  },
  training_before_after: {
    ambassador_id: 'VARCHAR',
    ambassador_name: 'VARCHAR',
    cohort: 'VARCHAR?',
    department: 'VARCHAR?',
    trained_on: 'DATE',
    course: 'VARCHAR',
    metric: 'VARCHAR',
    weeks_before: 'INTEGER',
    weeks_after: 'INTEGER',
    before: 'DOUBLE?',
    after: 'DOUBLE?',
    change: 'DOUBLE?',
  },
  training_effect: {
    metric: 'VARCHAR',
    scope: 'VARCHAR',
    training_week: 'DATE?',
    n_trained: 'INTEGER',
    n_control: 'INTEGER',
    treated_before: 'DOUBLE?',
    treated_after: 'DOUBLE?',
    control_before: 'DOUBLE?',
    control_after: 'DOUBLE?',
    effect: 'DOUBLE?',
    ci_low: 'DOUBLE?',
    ci_high: 'DOUBLE?',
    interval_level: 'DOUBLE',
    weeks_before: 'INTEGER',
    weeks_after: 'INTEGER',
    method: 'VARCHAR',
  },
  unmatched_identities: {
    source: 'VARCHAR',
    name: 'VARCHAR',
    rows: 'INTEGER',
    suggestions: 'VARCHAR?',
  },
  unused_inputs: {
    kind: 'VARCHAR',
    input: 'VARCHAR',
    rows: 'INTEGER',
    what_to_do: 'VARCHAR',
  },
  value_components: {
    model: 'VARCHAR',
    month_start: 'DATE',
    month_end: 'DATE',
    unit_id: 'VARCHAR',
    ambassador_id: 'VARCHAR?',
    cohort: 'VARCHAR?',
    department: 'VARCHAR?',
    enrolled_days: 'INTEGER',
    posts: 'INTEGER',
    ...VALUE_COLUMNS,
    ...COST_COLUMNS,
    time_from_cost_file: 'BOOLEAN',
  },
} as const satisfies Record<string, Record<string, DeclaredColumn>>;

export type ContractMartName = keyof typeof MART_CONTRACTS;

/** A value as the warehouse's `all()` returns it (BIGINT arrives as a bigint; marts cast counts to INTEGER). */
type JsValue<T extends MartColumnType> = T extends 'VARCHAR'
  ? string
  : T extends 'DOUBLE' | 'INTEGER'
    ? number
    : T extends 'BIGINT'
      ? bigint
      : T extends 'DATE' | 'TIMESTAMP'
        ? Date
        : boolean;

type JsColumn<D extends DeclaredColumn> = D extends `${infer T extends MartColumnType}?` ? JsValue<T> | null : D extends MartColumnType ? JsValue<D> : never;

/** One row of `marts.<N>` as read: each declared column typed from its contract. */
export type ContractRow<N extends ContractMartName> = {
  -readonly [C in keyof (typeof MART_CONTRACTS)[N]]: JsColumn<(typeof MART_CONTRACTS)[N][C] & DeclaredColumn>;
};

/** The declared columns of a mart, in order. */
export function contractColumns<N extends ContractMartName>(name: N): (keyof (typeof MART_CONTRACTS)[N] & string)[] {
  return Object.keys(MART_CONTRACTS[name]) as (keyof (typeof MART_CONTRACTS)[N] & string)[];
}

export function isContractMart(name: string): name is ContractMartName {
  return Object.hasOwn(MART_CONTRACTS, name);
}

/** Where a built mart first departs from its contract: the column, and what each side says of it (`none`: no such column). */
export interface ContractMismatch {
  mart: ContractMartName;
  /** 1-based. */
  position: number;
  /** The column the contract declares there, or the built one where the contract has none. */
  column: string;
  declared: string;
  actual: string;
}

/** The columns of `marts.<name>` as built, in order; empty when it does not exist. */
export async function builtColumns(warehouse: Warehouse, name: string): Promise<{ name: string; type: string }[]> {
  // `describe` answers in a fraction of the time information_schema takes, with the same type names.
  const columns = await warehouse.all<{ column_name: string; column_type: string }>(`describe ${qualifiedName('marts', name)}`).catch((error: Error) => {
    if (error.message.startsWith('Catalog Error')) return [];
    throw error;
  });
  return columns.map((column) => ({ name: column.column_name, type: column.column_type }));
}

/**
 * Compares a mart's columns (as `information_schema.columns` gives them, in
 * order) with its contract: names, order and types. Nullability is the data's, not the
 * table's (a DuckDB table built by `create table as` allows nulls everywhere).
 */
export function contractMismatch(name: ContractMartName, columns: readonly { name: string; type: string }[]): ContractMismatch | null {
  const declared = Object.entries(MART_CONTRACTS[name]) as [string, DeclaredColumn][];
  for (let index = 0; index < Math.max(declared.length, columns.length); index += 1) {
    const [declaredName, declaredType] = declared[index] ?? [];
    const built = columns[index];
    const declaredBase = declaredType?.replace(/\?$/, '');
    if (declaredName === built?.name && declaredBase === built?.type) continue;
    const column = declaredName ?? built?.name ?? '';
    return {
      mart: name,
      position: index + 1,
      column,
      declared: declaredName === undefined ? 'none' : `${declaredName} ${declaredBase}`,
      actual: built === undefined ? 'none' : `${built.name} ${built.type}`,
    };
  }
  return null;
}

/** `column 5 (impressions): models/marts/contracts.ts declares impressions DOUBLE, the built mart has impressions INTEGER`. */
export function describeMismatch(mismatch: ContractMismatch): string {
  const declared = mismatch.declared === 'none' ? 'no column there' : mismatch.declared;
  const actual = mismatch.actual === 'none' ? 'no column there' : mismatch.actual;
  return `column ${mismatch.position} (${mismatch.column}): models/marts/contracts.ts declares ${declared}, the built mart has ${actual}`;
}
