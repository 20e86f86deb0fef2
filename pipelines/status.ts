/**
 * Status: what the warehouse holds and how fresh it is: files loaded per source (rows,
 * period covered), rejected rows, the last runs, and names in exports that match no
 * ambassador.
 */
import type { Warehouse } from './warehouse.ts';

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
  runs: { run_id: number; command: string; started_at: Date; seconds: number | null; status: string; message: string | null }[];
  unmatched: { source: string; name: string; rows: number; suggestions: string | null }[];
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
    `select run_id, command, started_at, date_diff('millisecond', started_at, finished_at) / 1000.0 as seconds, status, message
     from meta.runs order by run_id desc limit 10`,
  );
  const unmatched = (await warehouse.tableExists('marts', 'unmatched_identities'))
    ? await warehouse.all<StatusReport['unmatched'][number]>(
        `select source, name, rows::integer as rows, suggestions from marts.unmatched_identities order by rows desc, name limit 50`,
      )
    : [];
  return { sources, failedFiles, rejected, rejectedTotal: total?.n ?? 0, runs, unmatched };
}

/** The status as lines of text for a terminal. */
export function describeStatus(status: StatusReport): string[] {
  const lines: string[] = [];
  const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '?');
  if (status.sources.length === 0) lines.push('No files loaded yet: run "advocacy ingest <files>" or put exports into the inbox and run "advocacy run".');
  else {
    lines.push('Files loaded per source:');
    for (const source of status.sources) {
      // The program's own files (roster, goals) have no activity period to go stale.
      const hasActivity = source.days_since_period_end !== null && !source.source.startsWith('program.');
      const freshness = hasActivity ? `, data ends ${source.days_since_period_end} days ago` : '';
      lines.push(
        `  ${source.source.padEnd(34)} ${String(source.files).padStart(4)} files ${String(source.rows).padStart(9)} rows ${String(source.rejected).padStart(5)} rejected  ${day(source.period_start)} .. ${day(source.period_end)}${freshness}`,
      );
    }
  }
  if (status.failedFiles.length > 0) {
    lines.push('', 'Files that could not be loaded:');
    for (const file of status.failedFiles) lines.push(`  ${file.file_name}: ${file.message}`);
  }
  lines.push('', `Rejected rows: ${status.rejectedTotal}${status.rejectedTotal > status.rejected.length ? ` (latest ${status.rejected.length} shown; all in meta.rejected_rows)` : ''}`);
  for (const row of status.rejected) {
    lines.push(`  ${row.file_name} line ${row.line ?? '?'}${row.field ? `, ${row.field}` : ''}: ${row.reason}`);
  }
  if (status.unmatched.length > 0) {
    lines.push('', 'Names in exports that match no ambassador (their rows are kept; add an alias to credit them):');
    for (const name of status.unmatched) {
      lines.push(`  "${name.name}" in ${name.source} (${name.rows} rows)${name.suggestions ? `; closest: ${name.suggestions}` : ''}`);
    }
  }
  lines.push('', 'Last runs:');
  for (const run of status.runs) {
    const seconds = run.seconds === null ? '' : ` in ${run.seconds.toFixed(1)} s`;
    lines.push(`  #${run.run_id} ${run.command} ${run.started_at.toISOString().slice(0, 19).replace('T', ' ')} UTC: ${run.status}${seconds}${run.message ? ` (${run.message})` : ''}`);
  }
  return lines;
}
