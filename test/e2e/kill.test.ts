/**
 * Killing a run at any moment loses nothing and doubles nothing. One project is run
 * again and again with `advocacy run`, each time killed with SIGKILL at a later point
 * (during start-up, between and inside file loads, inside the build transaction, while
 * the reports are moved into place, after the check, while the warehouse closes), and
 * finally run to completion. Its warehouse is then compared, table by table, with a
 * project that ran once without interruption.
 *
 * After most kills the test opens the warehouse itself (DuckDB replays its write-ahead
 * log) and checks that it is consistent and unchanged but for whole files loaded; after
 * the others it leaves the log for the next run to replay.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { discoverModels, type Model } from '../../models/runner.ts';
import { checkWarehouse } from '../../pipelines/check.ts';
import { lockFileFor } from '../../pipelines/lock.ts';
import { qualifiedName, quotedIdentifier, quotedString, Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder } from '../helpers/warehouse.ts';
import { ADVOCACY } from '../helpers/cli.ts';
import { FIXTURES, SMALL_PROGRAM } from '../helpers/fixture-exports.ts';

/** Columns whose values name a run, a moment or a place on disk rather than data. */
const VOLATILE_COLUMNS = new Set([
  '_file_id',
  'file_id',
  'file_watermark',
  'run_id',
  '_loaded_at',
  'loaded_at',
  'built_at',
  'checked_at',
  'started_at',
  'finished_at',
  'milliseconds',
  'path',
]);

type Phase = 'start' | 'lock' | 'loaded' | 'built' | 'report' | 'wrote' | 'check';

interface KillPoint {
  /** The kind of progress line that triggers the kill (`start`: the spawn; `lock`: the run has taken the lock). */
  on: Phase;
  /** Its n-th occurrence in this run. */
  nth: number;
  /** Then wait this long, to land inside the next step. */
  delayMs: number;
  /** Open the warehouse after the kill and check it (otherwise the next run replays the log). */
  verify: boolean;
}

function project(): string {
  const dir = tempFolder('advocacy-kill-');
  writeFileSync(
    join(dir, 'advocacy.config.yaml'),
    'company:\n  name: Nordlys Energi A/S\n  aliases: [Nordlys Energi, Nordlys]\nsalt: kill-test-salt\nlock:\n  wait_seconds: 10\ningest:\n  settle_seconds: 0\n',
  );
  for (const file of SMALL_PROGRAM) {
    mkdirSync(join(dir, 'inbox', file, '..'), { recursive: true });
    cpSync(join(FIXTURES, file), join(dir, 'inbox', file));
  }
  writeFileSync(join(dir, 'inbox', 'weather.csv'), 'city,temperature\nAarhus,4\n');
  return dir;
}

function phaseOf(message: string): Phase | null {
  if (message.startsWith('loaded ')) return 'loaded';
  if (message.startsWith('built ')) return 'built';
  if (message.startsWith('building reports') || message.startsWith('reports are up to date')) return 'report';
  if (message.startsWith('wrote ')) return 'wrote';
  if (message.startsWith('check:')) return 'check';
  return null;
}

interface RunResult {
  killed: boolean;
  exitCode: number | null;
  /** The last progress seen before the kill. */
  reached: Phase;
  messages: string[];
  loadedFiles: number;
}

/** Runs `advocacy run` in `dir`, killing it with SIGKILL at `point` (never, without one). */
function runCli(dir: string, point?: KillPoint): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ADVOCACY, 'run', '--log-format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const counts: Record<Phase, number> = { start: 1, lock: 0, loaded: 0, built: 0, report: 0, wrote: 0, check: 0 };
    const messages: string[] = [];
    let reached: Phase = 'start';
    let pending = '';
    let armed = false;
    const arm = (delayMs: number) => {
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    if (point?.on === 'start') arm(point.delayMs);
    if (point?.on === 'lock') {
      // The run holds the lock once the lock file names its pid: it is opening or preparing the warehouse.
      const lockFile = lockFileFor(join(dir, 'warehouse/advocacy.duckdb'));
      const watch = setInterval(() => {
        try {
          if ((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid !== child.pid) return;
        } catch {
          return;
        }
        clearInterval(watch);
        if (!armed) {
          reached = 'lock';
          arm(point.delayMs);
        }
      }, 5);
      child.on('exit', () => clearInterval(watch));
    }
    child.stderr!.on('data', (data: Buffer) => {
      pending += data.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) {
          messages.push(line);
          continue;
        }
        const { message } = JSON.parse(line) as { message: string };
        messages.push(message);
        const phase = phaseOf(message);
        if (!phase || child.signalCode) continue;
        if (!armed) reached = phase;
        counts[phase] += 1;
        if (point && !armed && point.on === phase && counts[phase] === point.nth) arm(point.delayMs);
      }
    });
    child.stdout!.resume();
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ killed: signal === 'SIGKILL', exitCode: code, reached, messages, loadedFiles: counts.loaded }));
  });
}

/** Every table of every layer as `rows:hash`, without the columns that name runs, moments or paths. */
async function dumpWarehouse(path: string, schemas = ['raw', 'staging', 'core', 'intermediate', 'marts', 'meta']): Promise<Record<string, string>> {
  const warehouse = await Warehouse.open(path);
  try {
    return await dumpOpen(warehouse, schemas);
  } finally {
    warehouse.close();
  }
}

async function dumpOpen(warehouse: Warehouse, schemas: string[]): Promise<Record<string, string>> {
  const columns = await warehouse.all<{ schema: string; name: string; column: string; type: string }>(
    `select table_schema as schema, table_name as name, column_name as column, data_type as type
     from information_schema.columns where table_schema in (${schemas.map(quotedString).join(', ')})
     order by table_schema, table_name, ordinal_position`,
  );
  const tables = new Map<string, { column: string; type: string }[]>();
  for (const row of columns) {
    const id = `${row.schema}.${row.name}`;
    // The run log and the model-run log record attempts, not data.
    if (id === 'meta.runs' || id === 'meta.model_runs') continue;
    if (!tables.has(id)) tables.set(id, []);
    if (!VOLATILE_COLUMNS.has(row.column)) tables.get(id)!.push(row);
  }
  const dump: Record<string, string> = {};
  for (const [id, kept] of tables) {
    const [schema, name] = id.split('.') as [string, string];
    // Floating-point sums may differ in the last bits between runs; compare them rounded.
    const values = kept.map(({ column, type }) => (/DOUBLE|FLOAT|DECIMAL/.test(type) ? `round(${quotedIdentifier(column)}, 6)` : quotedIdentifier(column)));
    // A file that failed is recorded again each time a run tries it; only loaded files are data.
    const where = id === 'meta.files' ? `where status = 'loaded'` : '';
    const row = await warehouse.one<{ n: number; hash: string }>(
      `select count(*)::integer as n, coalesce(sum(hash(${values.length ? `row(${values.join(', ')})` : '0'})::hugeint), 0)::varchar as hash from ${qualifiedName(schema, name)} ${where}`,
    );
    dump[id] = `${row!.n}:${row!.hash}`;
  }
  return dump;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(dir, entry)).isFile())
    .map((entry) => entry.split('\\').join('/'))
    .sort();
}

/** Archive paths without the `<day>/` folder, so runs on either side of midnight compare. */
function archived(dir: string): string[] {
  return filesUnder(join(dir, 'archive'))
    .map((path) => path.split('/').slice(1).join('/'))
    .sort();
}

function pick(dump: Record<string, string>, prefixes: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(dump).filter(([id]) => prefixes.some((prefix) => id.startsWith(prefix))));
}

describe('pipelines: a run killed at any moment', () => {
  const clean = project();
  const killed = project();
  let models: Model[];
  let cleanRun: RunResult;
  let finalRun: RunResult;
  const tried: { point: KillPoint; result: RunResult; walLeft: boolean }[] = [];
  const verifications: string[] = [];

  beforeAll(async () => {
    models = await discoverModels();
    const modelCount = models.length;
    const points: KillPoint[] = [
      // Start-up, then with the lock held: opening the warehouse, preparing its tables, logging the run.
      { on: 'start', nth: 1, delayMs: 300, verify: true },
      { on: 'lock', nth: 1, delayMs: 0, verify: true },
      { on: 'lock', nth: 1, delayMs: 150, verify: false },
      // Ingest: right after a file's commit, and inside the next file's transaction.
      { on: 'loaded', nth: 1, delayMs: 0, verify: true },
      { on: 'loaded', nth: 1, delayMs: 25, verify: false },
      { on: 'loaded', nth: 2, delayMs: 5, verify: true },
      { on: 'loaded', nth: 3, delayMs: 40, verify: true },
      { on: 'loaded', nth: 2, delayMs: 0, verify: false },
      // The build: one transaction from the first model to the last.
      { on: 'built', nth: 1, delayMs: 0, verify: true },
      { on: 'built', nth: 20, delayMs: 5, verify: false },
      { on: 'built', nth: 50, delayMs: 0, verify: true },
      { on: 'built', nth: modelCount, delayMs: 0, verify: true },
      // The reports (staged in a temporary folder), the moment after they are in place, and the close.
      { on: 'report', nth: 1, delayMs: 400, verify: true },
      { on: 'wrote', nth: 1, delayMs: 0, verify: false },
      { on: 'check', nth: 1, delayMs: 0, verify: true },
    ];
    // The uninterrupted run goes on beside the interrupted ones.
    const cleanDone = runCli(clean);
    const warehouse = join(killed, 'warehouse/advocacy.duckdb');
    let before: { dump: Record<string, string>; builds: number } | null = null;
    for (const point of points) {
      const result = await runCli(killed, point);
      const walLeft = existsSync(`${warehouse}.wal`);
      tried.push({ point, result, walLeft });
      if (!point.verify || !existsSync(warehouse)) {
        before = null;
        continue;
      }
      const opened = await Warehouse.open(warehouse);
      const where = `${point.on}#${point.nth}+${point.delayMs}ms`;
      try {
        const check = await checkWarehouse(opened, { models });
        expect(check.problems, `after a kill at ${where}`).toEqual([]);
        const after = await dumpOpen(opened, ['raw', 'staging', 'core', 'intermediate', 'marts', 'meta']);
        const builds = (await opened.one<{ n: number }>(`select count(distinct run_id)::integer as n from meta.model_runs`))!.n;
        if (before) {
          // Did the killed run commit its build before it died (killed while reporting, say)?
          const built = builds > before.builds;
          const data = ['raw.', 'meta.files', 'meta.rejected_rows'];
          if (result.loadedFiles > 0 && !built) {
            // Whole files were committed, and the models are the previous build's.
            expect(pick(after, ['core.', 'marts.']), `models after a kill at ${where}`).toEqual(pick(before.dump, ['core.', 'marts.']));
            verifications.push(`${where}: consistent; ${result.loadedFiles}+ whole files added, models as before the run`);
          } else if (result.loadedFiles === 0 && !built) {
            expect(after, `the warehouse after a kill at ${where}`).toEqual(before.dump);
            verifications.push(`${where}: consistent; exactly as before the run`);
          } else if (result.loadedFiles === 0) {
            expect(pick(after, data), `the loaded data after a kill at ${where}`).toEqual(pick(before.dump, data));
            verifications.push(`${where}: consistent; data as before the run, its build committed whole`);
          } else {
            verifications.push(`${where}: consistent; files and build committed whole`);
          }
        } else {
          verifications.push(`${where}: consistent`);
        }
        before = { dump: after, builds };
      } finally {
        opened.close();
      }
    }
    finalRun = await runCli(killed);
    cleanRun = await cleanDone;
  }, 240_000);

  it('was killed at every point, in every phase of a run', () => {
    const killedAt = tried.filter((one) => one.result.killed);
    expect(killedAt.length).toBe(tried.length);
    const phases = new Set(killedAt.map((one) => one.result.reached));
    for (const phase of ['start', 'lock', 'loaded', 'built', 'report', 'wrote', 'check'] as const)
      expect(phases, `a kill after a "${phase}" line`).toContain(phase);
    // The kills left committed work in DuckDB's write-ahead log, for the next open to replay.
    expect(tried.some((one) => one.walLeft && !one.point.verify)).toBe(true);
    // The report of the figures for the issue: kill points, and where each one landed.
    console.info(
      `kill test: ${tried.length} kill points\n${tried.map((one) => `  ${one.point.on}#${one.point.nth}+${one.point.delayMs}ms -> killed after "${one.result.reached}" (${one.result.loadedFiles} files loaded in that run${one.walLeft ? ', WAL left' : ''})`).join('\n')}\n${verifications.map((line) => `  verified ${line}`).join('\n')}`,
    );
  });

  it('takes over the stale lock and marks the interrupted runs, then completes', async () => {
    expect(finalRun.killed).toBe(false);
    expect(cleanRun.killed).toBe(false);
    // The clean run failed weather.csv (exit 3); the last resumed run may find it already set aside.
    expect(cleanRun.exitCode).toBe(3);
    expect([0, 3]).toContain(finalRun.exitCode);
    expect(finalRun.messages.join('\n')).toMatch(/check: the warehouse is consistent/);
    const resumed =
      tried
        .slice(1)
        .map((one) => one.result.messages.join('\n'))
        .join('\n') + finalRun.messages.join('\n');
    expect(resumed).toMatch(/took over a stale lock: the run "run" \(pid \d+/);
    expect(resumed).toMatch(/was interrupted before it finished/);
    expect(existsSync(lockFileFor(join(killed, 'warehouse/advocacy.duckdb')))).toBe(false);
    const warehouse = await Warehouse.open(join(killed, 'warehouse/advocacy.duckdb'));
    try {
      const runs = await warehouse.all<{ status: string; n: number }>(`select status, count(*)::integer as n from meta.runs group by status order by status`);
      expect(runs.find((row) => row.status === 'running')).toBeUndefined();
      expect(runs.find((row) => row.status === 'done')?.n).toBeGreaterThanOrEqual(1);
      // Kills during start-up come before the run is logged; the others leave an interrupted run.
      expect(runs.find((row) => row.status === 'interrupted')?.n).toBeGreaterThanOrEqual(tried.length / 2);
    } finally {
      warehouse.close();
    }
  });

  it('ends with the same rows as the run that was never interrupted: nothing lost, nothing doubled', async () => {
    const after = await dumpWarehouse(join(killed, 'warehouse/advocacy.duckdb'));
    const reference = await dumpWarehouse(join(clean, 'warehouse/advocacy.duckdb'));
    expect(Object.keys(after).sort()).toEqual(Object.keys(reference).sort());
    const differing = Object.keys(reference).filter((table) => after[table] !== reference[table]);
    expect(differing).toEqual([]);
    expect(Object.keys(reference).filter((table) => table.startsWith('marts.')).length).toBeGreaterThan(10);
    expect(Number(reference['meta.files']!.split(':')[0])).toBe(SMALL_PROGRAM.length);
  });

  it('files every input exactly once and leaves whole reports, with no temporary folder behind', () => {
    expect(archived(killed)).toEqual(archived(clean));
    expect(archived(killed)).toEqual([...SMALL_PROGRAM].sort());
    expect(filesUnder(join(killed, 'inbox'))).toEqual(['failed/weather.csv', 'failed/weather.csv.error.txt']);
    // Every run writes a dated folder and replaces latest/; a killed one leaves no temporary folder behind.
    const latest = filesUnder(join(killed, 'out/latest'));
    expect(latest.length).toBeGreaterThan(0);
    expect(latest).toEqual(filesUnder(join(clean, 'out/latest')));
    expect(readdirSync(join(killed, 'out')).filter((entry) => entry.startsWith('.'))).toEqual([]);
    for (const page of latest.filter((file) => file.endsWith('.html'))) {
      expect(readFileSync(join(killed, 'out/latest', page), 'utf8')).toMatch(/<\/html>\s*$/);
    }
  });
});
