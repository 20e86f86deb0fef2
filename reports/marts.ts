/**
 * The marts that reports read, one row type per table, derived from the marts' contracts
 * (models/marts/contracts.ts). Reports read `marts.*` only (never staging or core); measures
 * arrive as INTEGER or DOUBLE (cast in the mart), dates as JS Dates at 00:00 UTC. A mart
 * that is missing or built with other columns than the contract is an error naming the
 * command to run, never a report with sections quietly left out.
 */
import { builtColumns, contractMismatch, MART_CONTRACTS, type ContractMartName, type ContractMismatch, type ContractRow } from '../models/marts/contracts.ts';
import { OutdatedMartError } from '../pipelines/errors.ts';
import { quotedIdentifier, type Warehouse } from '../pipelines/warehouse.ts';

/** One row per ambassador x ISO week (`marts.ambassador_weekly`). */
export type AmbassadorWeeklyRow = MartRow<'ambassador_weekly'>;

/** One row per ISO week for the whole program (`marts.program_weekly`). */
export type ProgramWeeklyRow = MartRow<'program_weekly'>;

/** One row per ambassador over the report period (`marts.ambassador_totals`). */
export type AmbassadorTotalsRow = MartRow<'ambassador_totals'>;

/** Exactly one row: the program over the report period (`marts.program_summary`). */
export type ProgramSummaryRow = MartRow<'program_summary'>;

export const GOAL_STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** One row per goal x day with data (`marts.goal_progress`). */
export type GoalProgressRow = MartRow<'goal_progress'>;

/** One row per model, granularity, outcome kind and channel (`marts.attribution_summary`). */
export type AttributionSummaryRow = MartRow<'attribution_summary'>;

/** The trace of the Markov model (`marts.markov_removal_effects`): one row per granularity, outcome kind and channel. */
export type MarkovRemovalEffectRow = MartRow<'markov_removal_effects'>;

/**
 * One row per period and attribution model (`marts.roi_by_period`): `period` is `month`,
 * `quarter` or `program` (the program to date); each value and cost component is a
 * column named `value_<component>` / `cost_<component>`.
 */
export type RoiByPeriodRow = MartRow<'roi_by_period'>;

/**
 * Where the config's EMV rates differ from the rates past days were valued at
 * (`marts.emv_rate_changes`): one row per platform, metric and pair of rates.
 */
export type EmvRateChangeRow = MartRow<'emv_rate_changes'>;

/** One row per pair of groups compared on a metric (`marts.cohort_comparison`). */
export type CohortComparisonRow = MartRow<'cohort_comparison'>;

/** One row per cohort and ISO week (`marts.cohort_activity_weekly`). */
export type CohortActivityWeeklyRow = MartRow<'cohort_activity_weekly'>;

/** One row per cohort with an ambassador who posted (`marts.cohort_activity`). */
export type CohortActivityRow = MartRow<'cohort_activity'>;

/** One row per leaderboard period and eligible ambassador (`marts.leaderboard`). */
export type LeaderboardRow = MartRow<'leaderboard'>;

/** One row per hub or employee-made item (`marts.content_performance`). */
export type ContentPerformanceRow = MartRow<'content_performance'>;

/** One row per content type or origin (`marts.content_performance_by_type`). */
export type ContentPerformanceByTypeRow = MartRow<'content_performance_by_type'>;

/** One row per platform and disclosure status of audited posts (`marts.disclosure_by_platform`). */
export type DisclosureByPlatformRow = MartRow<'disclosure_by_platform'>;

/** One row per ambassador with their disclosure counts (`marts.disclosure_followup`). */
export type DisclosureFollowupRow = MartRow<'disclosure_followup'>;

/** One row per nudge for a program lead (`marts.nudges`). */
export type NudgeRow = MartRow<'nudges'>;

/** One row per cost component: a costs-file line, or a month's computed people's time (`marts.cost_lines`). */
export type CostLineRow = MartRow<'cost_lines'>;

/** One row per cost category, source and currency (`marts.cost_sources`). */
export type CostSourceRow = MartRow<'cost_sources'>;

/** One row per `costs.*` setting of the config (`marts.cost_settings`). */
export type CostSettingRow = MartRow<'cost_settings'>;

/** One row per ISO week of the program: enrolled, active, new, lapsed and never-active ambassadors (`marts.participation_weekly`). */
export type ParticipationWeeklyRow = MartRow<'participation_weekly'>;

/** One row per metric for the overall training effect and one per training week (`marts.training_effect`). */
export type TrainingEffectRow = MartRow<'training_effect'>;

/** One row per leader and activity metric: the leader's own value against their team's median (`marts.leader_example`). */
export type LeaderExampleRow = MartRow<'leader_example'>;

/** One row per period, platform and measure: the ambassadors' figure beside the company page's (`marts.reach_comparison`). */
export type ReachComparisonRow = MartRow<'reach_comparison'>;

/** The marts the reports read, each in the order that keeps charts and snapshots deterministic. */
const MART_ORDER = {
  ambassador_weekly: ['week_start', 'ambassador_id'],
  program_weekly: ['week_start'],
  ambassador_totals: ['ambassador_id'],
  program_summary: ['period_start'],
  goal_progress: ['goal_id', 'day'],
  attribution_summary: ['model', 'granularity', 'outcome_kind', 'channel'],
  markov_removal_effects: ['granularity', 'outcome_kind', 'channel'],
  roi_by_period: ['period', 'period_start', 'model'],
  emv_rate_changes: ['platform', 'metric', 'first_day'],
  cohort_comparison: ['dimension', 'metric', 'group_a', 'group_b'],
  cohort_activity_weekly: ['week_start', 'cohort'],
  cohort_activity: ['cohort'],
  leaderboard: ['period_kind', 'contest', 'rank', 'ambassador_id'],
  content_performance: ['content_id'],
  content_performance_by_type: ['dimension', 'value'],
  disclosure_by_platform: ['platform', 'status'],
  disclosure_followup: ['ambassador_id'],
  nudges: ['kind', 'nudge_id'],
  cost_lines: ['period_start', 'source_kind', 'category', 'source_file', 'source_line', 'component_id'],
  cost_sources: ['source_kind', 'source_id', 'category', 'currency'],
  cost_settings: ['position'],
  participation_weekly: ['week_start'],
  training_effect: ['metric', 'scope', 'training_week'],
  leader_example: ['leader_id', 'metric'],
  reach_comparison: ['period', 'period_start', 'period_end', 'platform', 'measure'],
  figures: ['position'],
} as const satisfies { [N in keyof ContractMartRows]?: readonly (keyof ContractMartRows[N] & string)[] };

type ContractMartRows = { [N in ContractMartName]: ContractRow<N> };

export type MartName = keyof typeof MART_ORDER;

/** Columns the models' accepted_values checks hold to a few words, typed as those words. */
interface CheckedValues {
  goal_progress: { status: GoalStatus };
  /** A costs file's line, or the config's people's time. */
  cost_lines: { source_kind: 'costs_file' | 'config' };
  cost_sources: { source_kind: 'costs_file' | 'config' };
}

/** One row of a mart the reports read, typed from its contract. */
export type MartRow<N extends MartName> = N extends keyof CheckedValues ? Omit<ContractRow<N>, keyof CheckedValues[N]> & CheckedValues[N] : ContractRow<N>;

/** The columns each mart is read with: its contract's, in order. */
export const MART_COLUMNS = Object.fromEntries(
  (Object.keys(MART_ORDER) as MartName[]).map((name): [MartName, readonly string[]] => [name, Object.keys(MART_CONTRACTS[name])]),
) as Record<MartName, readonly string[]>;

/**
 * The rows the reports read of a mart whose pages show only part of it: the leaderboard
 * shows one period, the current contest, else the current month, else the period that
 * ends last (`leaderboardPeriod`), so of two years of months and contests (224,000 rows at
 * ten thousand ambassadors) only the current periods and those that end last are read.
 */
const MART_ROWS_SHOWN: { readonly [N in MartName]?: string } = {
  leaderboard: 'is_current or end_on = (select max(end_on) from marts.leaderboard)',
};

/** `select <columns> from marts.<name> [where <rows shown>] order by <key>`: reports only select, filter and sort. */
export function martQuery(name: MartName): string {
  const columns = MART_COLUMNS[name].map((column) => quotedIdentifier(column)).join(', ');
  const order = MART_ORDER[name].map((column) => quotedIdentifier(column)).join(', ');
  const shown = MART_ROWS_SHOWN[name];
  return `select ${columns} from marts.${quotedIdentifier(name)}${shown ? ` where ${shown}` : ''} order by ${order}`;
}

/**
 * Reads a whole mart, after checking it was built as its contract says; a mart that is
 * missing or has other columns (a warehouse built by another version) is an
 * `OutdatedMartError`.
 */
export async function readMart<N extends MartName>(warehouse: Warehouse, name: N): Promise<MartRow<N>[]> {
  await checkMartBuilt(warehouse, name);
  return warehouse.all<MartRow<N>>(martQuery(name));
}

/** Whether a mart holds any row, after the same check as `readMart`, without reading its rows. */
export async function martHoldsRows(warehouse: Warehouse, name: MartName): Promise<boolean> {
  await checkMartBuilt(warehouse, name);
  return (await warehouse.one<{ holds: boolean }>(`select exists (from marts.${quotedIdentifier(name)}) as holds`))?.holds ?? false;
}

async function checkMartBuilt(warehouse: Warehouse, name: MartName): Promise<void> {
  const columns = await builtColumns(warehouse, name);
  if (columns.length === 0) throw new OutdatedMartError(name, 'it does not exist');
  const mismatch = contractMismatch(name, columns);
  if (mismatch) throw new OutdatedMartError(name, mismatchDetail(mismatch));
}

/** `its column 8 is median DOUBLE where this version reads team_median DOUBLE`, as a reader of the warehouse sees it. */
function mismatchDetail(mismatch: ContractMismatch): string {
  if (mismatch.actual === 'none') return `it lacks column ${mismatch.position}, ${mismatch.declared}, which this version reads`;
  if (mismatch.declared === 'none') return `its column ${mismatch.position}, ${mismatch.actual}, is one this version does not know`;
  return `its column ${mismatch.position} is ${mismatch.actual} where this version reads ${mismatch.declared}`;
}

/** The reads of one report run, each made once however many pages use it (ambassador_weekly alone is 52,000 rows a year at a thousand ambassadors). */
export interface MartReads {
  read<N extends MartName>(name: N): Promise<MartRow<N>[]>;
  /** Whether the mart holds any row (from its rows when they were read already). */
  holdsRows(name: MartName): Promise<boolean>;
}

/** Reads through `warehouse`, remembering each result; the pages treat rows as read-only, so they can share them. */
export function martReads(warehouse: Warehouse): MartReads {
  const done = new Map<MartName, Promise<unknown>>();
  return {
    read<N extends MartName>(name: N): Promise<MartRow<N>[]> {
      if (!done.has(name)) done.set(name, readMart(warehouse, name));
      return done.get(name) as Promise<MartRow<N>[]>;
    },
    async holdsRows(name: MartName): Promise<boolean> {
      const read = done.get(name) as Promise<unknown[]> | undefined;
      return read ? (await read).length > 0 : martHoldsRows(warehouse, name);
    },
  };
}
