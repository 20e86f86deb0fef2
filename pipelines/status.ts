/**
 * Status: what the warehouse holds and how fresh it is: files loaded per source (rows,
 * period covered), rejected rows, the last runs, names in exports that match no
 * ambassador, the CRM records each lead stage counted or left out, the leads merged as one
 * person's or left out as a roster member's, and the costs counted by source (each costs file, and people's time
 * priced with the config's settings).
 *
 * Status takes no lock and is not logged as a run, so it answers during a run: it names
 * the run in progress and where it is (from the run's lock file), and reads the warehouse
 * when it can open it for reading, which it cannot while a run has it open for writing.
 */
import { existsSync } from 'node:fs';
import type { Config } from './config.ts';
import { liveLockOwner, type LockOwner } from './lock.ts';
import { warehouseFault } from './warehouse-faults.ts';
import { Warehouse } from './warehouse.ts';

export interface SourceStatus {
  source: string;
  files: number;
  rows: number;
  rejected: number;
  period_start: Date | null;
  period_end: Date | null;
  last_loaded_at: Date;
  days_since_period_end: number | null;
}

export interface StatusReport {
  sources: SourceStatus[];
  failedFiles: { file_name: string; message: string; loaded_at: Date }[];
  rejected: { file_name: string; line: number | null; field: string | null; value: string | null; reason: string }[];
  rejectedTotal: number;
  runs: { run_id: number; command: string; options: string | null; started_at: Date; seconds: number | null; status: string; message: string | null }[];
  /** CRM records per stage that decided whether they are leads (core.crm_lead_stages); empty until a build made it. */
  leadStages: { crm: string; stage_field: string; stage: string | null; leads: number; excluded: number }[];
  /** Lead records not counted on their own (core.outcome_records): merged into the same person's earlier lead, or a roster member's; null until a build made it. */
  leadMerges: LeadMerges | null;
  unmatched: { source: string; name: string; rows: number; suggestions: string | null }[];
  /** Rows that loaded but feed no figure (marts.unused_inputs), with what to do. */
  unused: UnusedInput[];
  /** Null until a build has written marts.cost_sources. */
  costs: CostStatus | null;
}

export interface LeadMerges {
  windowDays: number;
  records: { reason: 'same_person' | 'roster_member'; source_system: string; merged_into_source_system: string | null; leads: number }[];
}

/** The costs counted, per costs file and per computed component (marts.cost_sources). */
export interface CostStatus {
  currency: string;
  /** Config `costs.people_time`: whether ambassadors' and program leads' time is counted. */
  peopleTime: boolean;
  sources: {
    source_kind: 'costs_file' | 'config';
    /** The file's name, or the settings a computed component was priced with. */
    source: string;
    /** `ambassador_time` or `lead_time` for a computed component; null for a file. */
    component: string | null;
    /** Lines of a file; months of a computed component. */
    components: number;
    counted: string;
    /** Per currency, `13,400 DKK and 500 EUR`; null for a computed component. */
    entered: string | null;
    prorated: number;
  }[];
}

const NOTHING_LOADED = 'No files loaded yet: run "advocacy ingest <files>" or put exports into the inbox and run "advocacy run".';

/** `advocacy status`: the run in progress, if any, and what the warehouse holds, when it can be read. */
export async function currentStatus(config: Config, now = new Date()): Promise<string[]> {
  const path = config.paths.warehouse;
  if (path === ':memory:' || !existsSync(path)) return [NOTHING_LOADED];
  const running = liveLockOwner(path);
  let warehouse: Warehouse;
  try {
    warehouse = await Warehouse.open(path, { readOnly: true });
  } catch (error) {
    // The session module loads every adapter: only a warehouse that cannot be opened needs it.
    const { openInAnotherProgram } = await import('./session.ts');
    const openElsewhere = openInAnotherProgram(error, path);
    if (!openElsewhere) throw warehouseFault(error, config.paths) ?? error;
    // A run that began after the lock was read holds it by now.
    const writer = running ?? liveLockOwner(path);
    if (!writer) throw openElsewhere;
    return [...describeRunInProgress(writer), 'The warehouse is open for writing by this run: what it holds is shown when the run has finished.'];
  }
  try {
    if (!(await warehouse.tableExists('meta', 'files'))) return [...(running ? describeRunInProgress(running) : []), NOTHING_LOADED];
    const status = await readStatus(warehouse, now);
    // Without a live run, a run still logged as running is one whose process ended; the next run logs it as interrupted.
    const runs = running
      ? status.runs
      : status.runs.map((run) => (run.status === 'running' ? { ...run, status: 'interrupted', message: 'its process ended before it finished' } : run));
    return [...(running ? [...describeRunInProgress(running), ''] : []), ...describeStatus({ ...status, runs })];
  } finally {
    warehouse.close();
  }
}

const STAGE_UNITS: Record<string, string> = { ingest: 'files', build: 'models' };

/** The run holding the lock, and its stage: `at ingest since 06:00:12 UTC: 3 of 40 files`. */
export function describeRunInProgress(owner: LockOwner): string[] {
  const time = (iso: string) => iso.slice(0, 19).replace('T', ' ');
  const run = `A run is in progress: "${owner.command}" (pid ${owner.pid} on ${owner.host}), started ${time(owner.started_at)} UTC`;
  const progress = owner.progress;
  if (!progress) return [`${run}.`];
  const counted = progress.total === undefined ? '' : `: ${progress.done ?? 0} of ${progress.total} ${STAGE_UNITS[progress.stage] ?? 'steps'}`;
  return [`${run}; at ${progress.stage} since ${time(progress.stage_started_at).slice(11)} UTC${counted}.`];
}

export async function readStatus(warehouse: Warehouse, today = new Date()): Promise<StatusReport> {
  const sources = await warehouse.all<SourceStatus>(
    `select source, count(*)::integer as files, sum(rows_loaded)::bigint::double as rows,
       sum(rows_rejected)::double as rejected, min(period_start) as period_start, max(period_end) as period_end,
       max(loaded_at) as last_loaded_at,
       (date_diff('day', max(period_end), $today::date))::integer as days_since_period_end
     from meta.files where status = 'loaded' group by source order by source`,
    { today: today.toISOString().slice(0, 10) },
  );
  const failedFiles = await warehouse.all<StatusReport['failedFiles'][number]>(
    `select file_name, message, loaded_at from meta.files f
     where status = 'failed' and not exists (select 1 from meta.files l where l.sha256 = f.sha256 and l.status = 'loaded')
     order by loaded_at desc limit 20`,
  );
  const rejected = await warehouse.all<StatusReport['rejected'][number]>(
    `select file_name, line, field, value, reason from meta.rejected_rows order by file_id desc, line limit 20`,
  );
  const total = await warehouse.one<{ n: number }>(`select count(*)::integer as n from meta.rejected_rows`);
  const runs = await warehouse.all<StatusReport['runs'][number]>(
    `select run_id, command, options, started_at, date_diff('millisecond', started_at, finished_at) / 1000.0 as seconds, status, message
     from meta.runs order by run_id desc limit 10`,
  );
  const unmatched = (await warehouse.tableExists('marts', 'unmatched_identities'))
    ? await warehouse.all<StatusReport['unmatched'][number]>(
        `select source, name, rows::integer as rows, suggestions from marts.unmatched_identities order by rows desc, name limit 50`,
      )
    : [];
  const leadStages = (await warehouse.tableExists('core', 'crm_lead_stages'))
    ? await warehouse.all<StatusReport['leadStages'][number]>(
        `select crm, stage_field, min(stage) as stage,
           count(*) filter (where is_lead)::integer as leads, count(*) filter (where not is_lead)::integer as excluded
         from core.crm_lead_stages group by crm, stage_field, crm_value_key(stage)
         order by crm, stage_field desc, leads desc, excluded desc, stage`,
      )
    : [];
  const leadMerges = (await warehouse.tableExists('core', 'outcome_records')) ? await readLeadMerges(warehouse) : null;
  const costs = (await warehouse.tableExists('marts', 'cost_sources')) ? await readCostStatus(warehouse) : null;
  const unused = await readUnusedInputs(warehouse);
  return { sources, failedFiles, rejected, rejectedTotal: total?.n ?? 0, runs, unmatched, unused, leadStages, leadMerges, costs };
}

async function readLeadMerges(warehouse: Warehouse): Promise<LeadMerges> {
  const settings = await warehouse.one<{ window_days: number }>(`select same_person_window_days as window_days from meta.settings`);
  const records = await warehouse.all<LeadMerges['records'][number]>(
    `select
       case when r.roster_ambassador_id is not null then 'roster_member' else 'same_person' end as reason,
       r.source_system,
       first.source_system as merged_into_source_system,
       count(*)::integer as leads
     from core.outcome_records as r
     left join core.outcome_records as first on first.outcome_id = r.merged_into_outcome_id
     where r.roster_ambassador_id is not null or r.merged_into_outcome_id is not null
     group by all
     order by reason desc, r.source_system, merged_into_source_system`,
  );
  return { windowDays: settings?.window_days ?? 0, records };
}

/** How many rows the unused inputs hold together. */
export function sumRows(unused: readonly UnusedInput[]): number {
  return unused.reduce((total, input) => total + input.rows, 0);
}

export interface UnusedInput {
  kind: string;
  input: string;
  rows: number;
  what_to_do: string;
}

/** Rows that loaded but feed no figure; none before the first build. */
export async function readUnusedInputs(warehouse: Warehouse): Promise<UnusedInput[]> {
  if (!(await warehouse.tableExists('marts', 'unused_inputs'))) return [];
  return warehouse.all<UnusedInput>(`select kind, input, rows::integer as rows, what_to_do from marts.unused_inputs order by rows desc, input`);
}

async function readCostStatus(warehouse: Warehouse): Promise<CostStatus> {
  const settings = await warehouse.one<{ currency: string; people_time: boolean }>(`select currency, people_time from meta.settings`);
  const sources = await warehouse.all<CostStatus['sources'][number]>(
    `with per_currency as (
       select source_id, source_kind, source, case when source_kind = 'config' then category end as component, currency,
         sum(components) as components, sum(amount_entered) as entered, sum(amount_counted) as counted,
         sum(components_prorated) as prorated
       from marts.cost_sources
       group by all
     )
     select source_kind, source, component, sum(components)::integer as components,
       format('{:,.0f}', sum(counted)) as counted,
       string_agg(format('{:,.0f}', entered) || ' ' || currency, ' and ' order by currency <> $currency, currency) filter (where entered is not null) as entered,
       sum(prorated)::integer as prorated
     from per_currency
     group by source_id, source_kind, source, component
     order by source_kind desc, source_id, component`,
    { currency: settings?.currency ?? '' },
  );
  return { currency: settings?.currency ?? '', peopleTime: settings?.people_time ?? true, sources };
}

const COMPUTED_COST_NAMES: Record<string, string> = { ambassador_time: "ambassadors' time", lead_time: "program leads' time" };

/** The status as lines of text for a terminal. */
export function describeStatus(status: StatusReport): string[] {
  const lines: string[] = [];
  if (status.sources.length === 0) lines.push(NOTHING_LOADED);
  else {
    lines.push('Files loaded per source:');
    for (const source of status.sources) {
      // The program's own files (roster, goals) have no activity period to go stale.
      const hasActivity = source.days_since_period_end !== null && !source.source.startsWith('program.');
      const freshness = hasActivity ? `, data ends ${source.days_since_period_end} days ago` : '';
      lines.push(
        `  ${source.source.padEnd(34)} ${String(source.files).padStart(4)} files ${String(source.rows).padStart(9)} rows ${String(source.rejected).padStart(5)} rejected${describePeriod(source.period_start, source.period_end)}${freshness}`,
      );
    }
  }
  if (status.failedFiles.length > 0) {
    lines.push('', 'Files that could not be loaded:');
    for (const file of status.failedFiles) lines.push(`  ${file.file_name}: ${file.message}`);
  }
  lines.push(
    '',
    `Rejected rows: ${status.rejectedTotal}${status.rejectedTotal > status.rejected.length ? ` (latest ${status.rejected.length} shown; all in meta.rejected_rows)` : ''}`,
  );
  for (const row of status.rejected) {
    lines.push(`  ${row.file_name} line ${row.line ?? '?'}${row.field ? `, ${row.field}` : ''}: ${row.reason}`);
  }
  if (status.unmatched.length > 0) {
    lines.push('', 'Names in exports that match no ambassador (their rows are kept; add an alias to credit them):');
    for (const name of status.unmatched) {
      lines.push(`  "${name.name}" in ${name.source} (${name.rows} rows)${name.suggestions ? `; closest: ${name.suggestions}` : ''}`);
    }
  }
  if (status.unused.length > 0) {
    lines.push('', `Rows that loaded but feed no figure: ${sumRows(status.unused)}`);
    for (const unused of status.unused) lines.push(`  ${unused.input} (${unused.rows} rows): ${unused.what_to_do}`);
  }
  if (status.leadStages.length > 0) {
    lines.push('', 'CRM records by stage (outcomes.lead_stages says which are not leads):');
    for (const stage of status.leadStages) {
      const leads = `${stage.leads} ${stage.leads === 1 ? 'lead' : 'leads'}`;
      lines.push(
        `  ${stage.crm.padEnd(10)} ${stage.stage_field.replace('_', ' ').padEnd(15)} ${(stage.stage ?? '(none)').padEnd(30)} ${leads.padStart(10)} ${String(stage.excluded).padStart(6)} excluded`,
      );
    }
  }
  if (status.leadMerges) {
    lines.push('', `One person, one lead (outcomes.same_person_window_days: ${status.leadMerges.windowDays}):`);
    if (status.leadMerges.records.length === 0) lines.push("  no lead merged into another, none left out as a roster member's");
    for (const merge of status.leadMerges.records) {
      const leads = `${merge.leads} ${merge.source_system} ${merge.leads === 1 ? 'lead' : 'leads'}`;
      lines.push(
        merge.reason === 'roster_member'
          ? `  ${leads} with a roster member's e-mail, not counted`
          : `  ${leads} merged into the same person's earlier ${merge.merged_into_source_system} lead`,
      );
    }
  }
  if (status.costs) lines.push('', ...describeCosts(status.costs));
  lines.push('', 'Last runs:');
  for (const run of status.runs) {
    const seconds = run.seconds === null ? '' : ` in ${run.seconds.toFixed(1)} s`;
    lines.push(
      `  #${run.run_id} ${run.command}${run.options ? ` ${run.options}` : ''} ${run.started_at.toISOString().slice(0, 19).replace('T', ' ')} UTC: ${run.status}${seconds}${run.message ? ` (${run.message})` : ''}`,
    );
  }
  return lines;
}

/** A source's period after two spaces: one day, a range, or from or until a day; nothing for a source without dates (aliases). */
function describePeriod(start: Date | null, end: Date | null): string {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  if (start && end) return `  ${day(start) === day(end) ? day(start) : `${day(start)} .. ${day(end)}`}`;
  if (start) return `  from ${day(start)}`;
  return end ? `  until ${day(end)}` : '';
}

function describeCosts(costs: CostStatus): string[] {
  const lines = [`Costs counted (${costs.currency}; every line with its source in marts.cost_lines):`];
  if (costs.sources.length === 0) lines.push("  none yet: no costs file is loaded, and no ambassador activity to price people's time on.");
  for (const source of costs.sources) {
    if (source.source_kind === 'costs_file') {
      const partly = source.prorated > 0 ? `; ${source.prorated} counted only in part or not at all` : '';
      lines.push(
        `  ${source.source}: ${source.components} ${source.components === 1 ? 'line' : 'lines'}, ${source.counted} counted of ${source.entered} entered${partly}`,
      );
    } else {
      const name = COMPUTED_COST_NAMES[source.component ?? ''] ?? source.component;
      lines.push(`  ${name} (config): ${source.components} ${source.components === 1 ? 'month' : 'months'}, ${source.counted} counted; ${source.source}`);
    }
  }
  if (!costs.peopleTime) lines.push("  People's time is not counted (costs.people_time: false).");
  return lines;
}
