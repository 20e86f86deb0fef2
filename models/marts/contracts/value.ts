/** The columns of the marts of value, cost, attribution, goals and ROI (models/marts/contracts.ts). */
import { type DeclaredColumn, COST_COLUMNS, ROI_COLUMNS, VALUE_COLUMNS } from './columns.ts';

export const VALUE_MART_COLUMNS = {
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
  roi_by_period: ROI_COLUMNS,
  roi_by_group: {
    dimension: 'VARCHAR',
    group_name: 'VARCHAR',
    ...ROI_COLUMNS,
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
