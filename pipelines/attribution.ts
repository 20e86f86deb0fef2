/**
 * `advocacy attribution`: every attribution model side by side for one outcome kind and
 * granularity, read from marts.attribution_summary (after a build). The table has a row
 * per channel and a column per model, in outcomes credited; `--format csv` prints
 * `model,channel,outcomes,value` for every model and channel. Reading is separate from
 * formatting, which is pure.
 */
import { ATTRIBUTION_MODELS, OUTCOME_KINDS, type AttributionModel, type Config, type OutcomeKind } from './config.ts';
import { UsageError } from './errors.ts';
import type { Warehouse } from './warehouse.ts';
import { pseudonym } from '../reports/anonymise.ts';

export const GRANULARITIES = ['ambassador', 'program'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export type OutcomeKindChoice = OutcomeKind | 'all';

export interface AttributionOptions {
  /** __Default value:__ `all` (every kind added up) */
  kind: OutcomeKindChoice;
  /** __Default value:__ `program` */
  granularity: Granularity;
  /** __Default value:__ `table` */
  format: 'table' | 'csv';
  /** Channels in the table (the rest are one row); 0 for all. __Default value:__ 25 */
  limit: number;
}

/** Reads the command's own options; a wrong value is a usage error naming what is allowed. */
export function parseAttributionOptions(values: Record<string, unknown>): AttributionOptions {
  const choose = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = values[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${String(value)}".`);
    }
    return value as T;
  };
  const limitText = values.limit;
  const limit = limitText === undefined ? 25 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number (0 for every channel), not "${String(limitText)}".`);
  return {
    kind: choose<OutcomeKindChoice>('kind', [...OUTCOME_KINDS, 'all'], 'all'),
    granularity: choose<Granularity>('granularity', GRANULARITIES, 'program'),
    format: choose('format', ['table', 'csv'] as const, 'table'),
    limit,
  };
}

/** One model's credit to one channel. */
export interface ChannelCredit {
  model: string;
  channel: string;
  /** How the channel is shown: an ambassador's name (and id), or a pseudonym when reports are anonymised. */
  label: string;
  outcomes: number;
  value: number;
}

export interface AttributionView {
  kind: OutcomeKindChoice;
  granularity: Granularity;
  currency: string;
  defaultModel: AttributionModel;
  credits: ChannelCredit[];
}

/** The summary rows for a kind and granularity, with ambassadors' names (or pseudonyms). */
export async function readAttribution(warehouse: Warehouse, config: Config, options: AttributionOptions): Promise<AttributionView> {
  if (!(await warehouse.tableExists('marts', 'attribution_summary'))) {
    throw new UsageError('The warehouse has no attribution yet: run "advocacy build" (or "advocacy run") first.');
  }
  const hasNames = await warehouse.tableExists('core', 'ambassadors');
  const rows = await warehouse.all<{ model: string; channel: string; ambassador_id: string | null; name: string | null; outcomes: number; value: number }>(
    `select s.model, s.channel, any_value(s.ambassador_id) as ambassador_id,
       ${hasNames ? 'any_value(a.name)' : 'null::varchar'} as name,
       sum(s.credited_outcomes)::double as outcomes, sum(s.credited_value)::double as value
     from marts.attribution_summary as s
     ${hasNames ? 'left join core.ambassadors as a on a.ambassador_id = s.ambassador_id' : ''}
     where s.granularity = $granularity and ($kind = 'all' or s.outcome_kind = $kind)
     group by s.model, s.channel`,
    { granularity: options.granularity, kind: options.kind },
  );
  const label = (row: (typeof rows)[number]): string => {
    if (!row.ambassador_id || options.granularity !== 'ambassador') return row.channel;
    if (config.report.anonymise) return pseudonym(row.ambassador_id, config.report.language, config.salt ?? null);
    return row.name ? `${row.name} (${row.ambassador_id})` : row.ambassador_id;
  };
  return {
    kind: options.kind,
    granularity: options.granularity,
    currency: config.currency,
    defaultModel: config.attribution.default_model,
    credits: rows.map((row) => ({ model: row.model, channel: row.channel, label: label(row), outcomes: row.outcomes, value: row.value })),
  };
}

/** Short column headings, so eight models fit a terminal. */
const HEADINGS: Record<AttributionModel, string> = {
  last_touch: 'last',
  first_touch: 'first',
  linear: 'linear',
  time_decay: 'decay',
  position_based: 'position',
  markov: 'markov',
  shapley: 'shapley',
  fractribution: 'fractrib',
};

const KIND_WORDS: Record<OutcomeKindChoice, string> = {
  lead: 'leads',
  conversion: 'conversions',
  application: 'applications',
  hire: 'hires',
  all: 'all outcomes',
};

function modelsOf(credits: readonly ChannelCredit[]): string[] {
  const present = new Set(credits.map((credit) => credit.model));
  const known = ATTRIBUTION_MODELS.filter((model) => present.has(model));
  return [...known, ...[...present].filter((model) => !(ATTRIBUTION_MODELS as readonly string[]).includes(model)).sort()];
}

/** The readable table: a row per channel (the default model's biggest first), a column per model. */
export function attributionTable(view: AttributionView, limit = 25): string[] {
  const models = modelsOf(view.credits);
  const heading = `Outcomes credited: ${KIND_WORDS[view.kind]}, ${view.granularity} granularity`;
  if (view.credits.length === 0) return [heading, '', `No ${KIND_WORDS[view.kind]} in the warehouse.`];
  const byChannel = new Map<string, { label: string; outcomes: Map<string, number> }>();
  for (const credit of view.credits) {
    const row = byChannel.get(credit.channel) ?? { label: credit.label, outcomes: new Map<string, number>() };
    byChannel.set(credit.channel, row);
    row.outcomes.set(credit.model, (row.outcomes.get(credit.model) ?? 0) + credit.outcomes);
  }
  const sortModel = models.includes(view.defaultModel) ? view.defaultModel : models[0]!;
  const channels = [...byChannel.values()].sort(
    (a, b) => (b.outcomes.get(sortModel) ?? 0) - (a.outcomes.get(sortModel) ?? 0) || a.label.localeCompare(b.label),
  );
  const shown = limit > 0 ? channels.slice(0, limit) : channels;
  const rest = channels.slice(shown.length);
  const rows: { label: string; outcomes: Map<string, number> }[] = [...shown];
  if (rest.length > 0) {
    const outcomes = new Map<string, number>();
    for (const channel of rest) for (const [model, value] of channel.outcomes) outcomes.set(model, (outcomes.get(model) ?? 0) + value);
    rows.push({ label: `(${rest.length} more channels)`, outcomes });
  }
  const totals = new Map<string, number>();
  for (const credit of view.credits) totals.set(credit.model, (totals.get(credit.model) ?? 0) + credit.outcomes);
  const totalValue = view.credits.filter((credit) => credit.model === sortModel).reduce((sum, credit) => sum + credit.value, 0);
  const labelWidth = Math.min(40, Math.max(7, ...rows.map((row) => row.label.length)));
  const columnWidth = Math.max(9, ...models.map((model) => (HEADINGS[model as AttributionModel] ?? model).length + 1));
  const fitted = (text: string) => (text.length > labelWidth ? `${text.slice(0, labelWidth - 1)}…` : text.padEnd(labelWidth));
  const number = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1)).padStart(columnWidth);
  const line = (label: string, outcomes: Map<string, number>) => `${fitted(label)}${models.map((model) => number(outcomes.get(model))).join('')}`;
  return [
    `${heading} (${formatNumber(totals.get(sortModel) ?? 0)} outcomes, ${formatNumber(totalValue)} ${view.currency})`,
    '',
    `${'channel'.padEnd(labelWidth)}${models.map((model) => (HEADINGS[model as AttributionModel] ?? model).padStart(columnWidth)).join('')}`,
    ...rows.map((row) => line(row.label, row.outcomes)),
    `${'-'.repeat(labelWidth + columnWidth * models.length)}`,
    line('total', totals),
    '',
    `${models
      .filter((model) => (HEADINGS[model as AttributionModel] ?? model) !== model)
      .map((model) => `${HEADINGS[model as AttributionModel]} = ${model}`)
      .join(', ')}; sorted by ${sortModel} (the default model).`,
    'markov is a global allocation (marts.markov_removal_effects); the others add up per-outcome credits (marts.attribution_credits).',
  ];
}

function formatNumber(value: number): string {
  return Math.round(value).toLocaleString('en');
}

/** `model,channel,outcomes,value` for every model and channel; cells a spreadsheet would run are neutralised. */
export function attributionCsv(view: AttributionView): string[] {
  const models = modelsOf(view.credits);
  const rows = [...view.credits].sort(
    (a, b) => models.indexOf(a.model) - models.indexOf(b.model) || b.outcomes - a.outcomes || a.channel.localeCompare(b.channel),
  );
  return ['model,channel,outcomes,value', ...rows.map((row) => [row.model, row.channel, round(row.outcomes), round(row.value)].map(csvCell).join(','))];
}

function round(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/** A CSV cell: quoted when it holds a comma, quote or line break; a leading =, +, -, @ (a formula) gets a quote mark first. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The command's output lines. */
export async function attributionReport(warehouse: Warehouse, config: Config, options: AttributionOptions): Promise<string[]> {
  const view = await readAttribution(warehouse, config, options);
  return options.format === 'csv' ? attributionCsv(view) : attributionTable(view, options.limit);
}
