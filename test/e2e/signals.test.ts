/**
 * SIGTERM, SIGINT and SIGHUP stop a run within seconds: the running DuckDB query is
 * interrupted and rolled back, the run is logged as interrupted, the warehouse is closed,
 * and only then is the lock released. The command exits 143, 130 or 129.
 *
 * The long step is real: `advocacy ingest` of a touchpoints file of half a million visits,
 * which DuckDB's read_csv reads, types and checks for several seconds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../pipelines/cli.ts';
import { ExitCode, StoppedError } from '../../pipelines/errors.ts';
import { lockFileFor } from '../../pipelines/lock.ts';
import { quotedString, Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder } from '../helpers/warehouse.ts';
import { ADVOCACY } from '../helpers/cli.ts';

const ON_LINUX = existsSync('/proc/self/fd');
const VISITS = 500_000;
/**
 * After the "ingest:" line: the file is read and hashed in JS first, then DuckDB reads it,
 * about three seconds in all here; a second in, the signal still finds the file loading
 * when the test's own timer runs late on a busy machine.
 */
const SIGNAL_AFTER_MS = 1000;

/** A month's click log as a web analytics export writes it: visitors coming back, campaigns, landing pages with their tags. */
async function writeTouchpoints(path: string): Promise<void> {
  const warehouse = await Warehouse.open(':memory:');
  try {
    await warehouse.run(
      `copy (
         select 'GA1.1.' || (i * 7919 % 180000) || '.' || (1700000000 + i * 7919 % 180000) as visitor_id,
           strftime(timestamp '2026-09-01' + to_seconds(i * 2 + i % 7), '%Y-%m-%dT%H:%M:%SZ') as touched_at,
           ['linkedin', 'facebook', 'google', ''][1 + i % 4] as utm_source,
           case when i % 4 < 2 then 'employee_advocacy' when i % 4 = 2 then 'cpc' else '' end as utm_medium,
           ['rekruttering-q4', 'groen-omstilling', 'kundecase'][1 + i % 3] as utm_campaign,
           case when i % 4 < 2 then 'amb-' || (i % 60) else '' end as utm_content,
           '' as utm_term,
           'https://nordlys.dk/' || ['karriere/', 'kontakt', 'loesninger/solceller', 'nyheder/'][1 + i % 4] || '?utm_campaign=c' || (i % 3) as landing_page,
           ['https://www.linkedin.com/', 'https://www.facebook.com/', 'https://www.google.com/', ''][1 + i % 4] as referrer,
           ['desktop', 'mobile', 'tablet'][1 + i % 3] as device_category
         from range(${VISITS}) t(i)
       ) to ${quotedString(path)} (header)`,
    );
  } finally {
    warehouse.close();
  }
}

interface Project {
  cwd: string;
  warehouse: string;
}

function project(): Project {
  const cwd = tempFolder('advocacy-signals-');
  writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys Energi A/S\nsalt: signal-test-salt\nlock:\n  wait_seconds: 5\n');
  return { cwd, warehouse: join(cwd, 'warehouse/advocacy.duckdb') };
}

/** The files a process has open; empty once it has exited. */
function openFiles(pid: number): string[] {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  return fds.flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

interface StoppedRun {
  exitCode: number | null;
  messages: string[];
  /** From the first signal to the process's exit. */
  stopMs: number;
  /** From the "ingest:" line to the process's exit. */
  ingestMs: number;
  /** Moments the lock file was gone while the process still had the DuckDB file open. */
  releasedWhileOpen: number;
  /** Whether the lock file was seen while the process stopped. */
  lockSeenAfterSignal: boolean;
}

/** Runs `advocacy ingest touchpoints.csv`, sending `signals` one right after the other once the ingest has been going for `SIGNAL_AFTER_MS`. */
function ingestStoppedBy(where: Project, file: string, signals: NodeJS.Signals[]): Promise<StoppedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ADVOCACY, 'ingest', file, '--log-format', 'json'], { cwd: where.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const messages: string[] = [];
    const lockFile = lockFileFor(where.warehouse);
    let ingestAt = 0;
    let signalAt = 0;
    let releasedWhileOpen = 0;
    let lockSeenAfterSignal = false;
    let watch: NodeJS.Timeout | undefined;
    const signal = () => {
      signalAt = Date.now();
      for (const name of signals) child.kill(name);
      watch = setInterval(() => {
        if (existsSync(lockFile)) {
          lockSeenAfterSignal = true;
          return;
        }
        if (openFiles(child.pid!).some((path) => path.startsWith(where.warehouse))) releasedWhileOpen += 1;
      }, 5);
    };
    let pending = '';
    child.stderr!.on('data', (data: Buffer) => {
      pending += data.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const message = line.startsWith('{') ? (JSON.parse(line) as { message: string }).message : line;
        messages.push(message);
        if (message.startsWith('ingest: ') && !ingestAt) {
          ingestAt = Date.now();
          setTimeout(signal, SIGNAL_AFTER_MS);
        }
      }
    });
    child.stdout!.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(watch);
      const exitAt = Date.now();
      resolve({ exitCode: code, messages, stopMs: exitAt - signalAt, ingestMs: exitAt - ingestAt, releasedWhileOpen, lockSeenAfterSignal });
    });
  });
}

function advocacy(args: string[], where: Project) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [ADVOCACY, ...args], { cwd: where.cwd, encoding: 'utf8' });
  return { ...result, ms: Date.now() - started };
}

/** `status` or `check` on what the runs left, in this process: only the runs themselves need to be processes a signal can reach. */
async function afterwards(command: 'status' | 'check', where: Project): Promise<{ code: number; stdout: string }> {
  const lines: string[] = [];
  const code = await main([command, '--config', join(where.cwd, 'advocacy.config.yaml')], (line) => lines.push(line));
  return { code, stdout: lines.join('\n') };
}

describe('pipelines: a run stopped by a signal', () => {
  let touchpoints: string;

  beforeAll(async () => {
    touchpoints = join(tempFolder('advocacy-signals-data-'), 'touchpoints_2026-09.csv');
    await writeTouchpoints(touchpoints);
  });

  it('SIGTERM interrupts the running DuckDB query, exits 143 within seconds, and releases the lock only after the warehouse is closed', async () => {
    const where = project();
    const stopped = await ingestStoppedBy(where, touchpoints, ['SIGTERM']);
    expect(stopped.messages.join('\n')).not.toMatch(/loaded touchpoints/);
    expect(stopped.exitCode).toBe(ExitCode.stoppedByTermination);
    if (ON_LINUX) {
      expect(stopped.lockSeenAfterSignal).toBe(true);
      expect(stopped.releasedWhileOpen).toBe(0);
    }
    // The file is hashed in JS before DuckDB reads it: a signal then waits for the hash, at most a second or two.
    expect(stopped.stopMs).toBeLessThan(5000);
    expect(stopped.messages).toContain(
      'SIGTERM: stopping; the running step is interrupted and rolled back, then the warehouse is closed (a second signal exits at once)',
    );
    expect(stopped.messages.filter((message) => message.startsWith('stopped by'))).toEqual([
      'stopped by SIGTERM; the step that was running was rolled back, and the next run completes it',
    ]);
    expect(existsSync(lockFileFor(where.warehouse))).toBe(false);
    // Closed and unlocked: the DuckDB file opens for writing at once.
    const opened = await Warehouse.open(where.warehouse);
    try {
      expect(await opened.all(`select command, status, message from meta.runs order by run_id`)).toEqual([
        { command: 'ingest', status: 'interrupted', message: 'stopped by SIGTERM; the step that was running was rolled back, and the next run completes it' },
      ]);
      expect(await opened.all(`select path from meta.files`)).toEqual([]);
      expect((await opened.one<{ n: number }>(`select count(*)::integer as n from raw.web__touchpoints`))!.n).toBe(0);
    } finally {
      opened.close();
    }

    // The next run loads the whole file, and took longer than the stopped run lived: the stop did not wait for the work.
    const next = advocacy(['ingest', touchpoints], where);
    expect(next.status, next.stderr).toBe(ExitCode.ok);
    expect(next.stderr).toMatch(new RegExp(`loaded touchpoints_2026-09\\.csv as web\\.touchpoints: ${VISITS} rows`));
    expect(next.stderr).not.toMatch(/was interrupted before it finished/);
    expect(next.ms).toBeGreaterThan(stopped.ingestMs);
    const status = await afterwards('status', where);
    expect(status.code).toBe(ExitCode.ok);
    expect(status.stdout).toMatch(
      /#1 ingest .* UTC: interrupted in [\d.]+ s \(stopped by SIGTERM; the step that was running was rolled back, and the next run completes it\)/,
    );
    expect(status.stdout).toMatch(/#2 ingest .* UTC: done in [\d.]+ s/);
    const check = await afterwards('check', where);
    expect(check.code).toBe(ExitCode.ok);
    expect(check.stdout).toMatch(/check: the warehouse is consistent/);
    console.info(`signals test: SIGTERM ${SIGNAL_AFTER_MS} ms into the ingest; exited ${stopped.stopMs} ms after it; the whole ingest took ${next.ms} ms`);
  });

  it('SIGINT (Ctrl-C) exits 130 with the lock released', async () => {
    const where = project();
    const stopped = await ingestStoppedBy(where, touchpoints, ['SIGINT']);
    expect(stopped.exitCode).toBe(ExitCode.stoppedByInterrupt);
    expect(stopped.stopMs).toBeLessThan(5000);
    expect(stopped.messages).toContain('stopped by SIGINT; the step that was running was rolled back, and the next run completes it');
    if (ON_LINUX) expect(stopped.releasedWhileOpen).toBe(0);
    expect(existsSync(lockFileFor(where.warehouse))).toBe(false);
  });

  it('a second signal exits at once and leaves the lock, which the next run takes over', async () => {
    const where = project();
    // Two different signals, as two of one kind sent at once may arrive as one.
    const stopped = await ingestStoppedBy(where, touchpoints, ['SIGTERM', 'SIGINT']);
    // The kernel may deliver them in either order; the first one names the stop and its exit code.
    const first = stopped.messages.map((message) => /^(SIGTERM|SIGINT): stopping/.exec(message)?.[1]).find(Boolean);
    const second = first === 'SIGTERM' ? 'SIGINT' : 'SIGTERM';
    expect(stopped.exitCode).toBe(first === 'SIGTERM' ? ExitCode.stoppedByTermination : ExitCode.stoppedByInterrupt);
    expect(stopped.messages).toContain(
      `a second signal (${second}): exiting without closing the warehouse; the next run takes over its lock and rolls back the unfinished step`,
    );
    expect(stopped.messages.filter((message) => message.startsWith('stopped by'))).toEqual([]);
    expect(existsSync(lockFileFor(where.warehouse))).toBe(true);
    const next = advocacy(['check'], where);
    expect(next.status, next.stderr).toBe(ExitCode.ok);
    expect(next.stderr).toMatch(/took over a stale lock: the run "ingest"/);
    expect(next.stderr).toMatch(/run 1 \("ingest"\) was interrupted before it finished/);
  });
});

describe('pipelines/warehouse: interrupt', () => {
  /** Runs for about ten seconds on two busy cores. */
  const LONG_QUERY = `select sum(hash(i)) as total from range(1000000000) t(i)`;

  it('interrupts the running query and refuses every query after it with StoppedError', async () => {
    const warehouse = await Warehouse.open(':memory:');
    try {
      const started = Date.now();
      const running = warehouse.one(LONG_QUERY);
      setTimeout(() => warehouse.interrupt('SIGTERM'), 200);
      const error = await running.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoppedError);
      expect((error as StoppedError).exitCode).toBe(ExitCode.stoppedByTermination);
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(warehouse.run(`create table t (i integer)`)).rejects.toThrow(StoppedError);
      await expect(warehouse.all(`select 1`)).rejects.toThrow('stopped by SIGTERM');
      await expect(warehouse.append('main', 't', [[1]])).rejects.toThrow(StoppedError);
      // The session's own bookkeeping still runs.
      expect(await warehouse.afterStop(() => warehouse.one<{ n: number }>(`select 42 as n`))).toEqual({ n: 42 });
    } finally {
      warehouse.close();
    }
  });

  it('an interrupt that comes before DuckDB has begun the query still stops it', async () => {
    const warehouse = await Warehouse.open(':memory:');
    try {
      const started = Date.now();
      const running = warehouse.one(LONG_QUERY);
      warehouse.interrupt('SIGINT');
      await expect(running).rejects.toThrow('stopped by SIGINT');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      warehouse.close();
    }
  });

  it('rolls back a transaction stopped inside it, and the warehouse stays usable for the session', async () => {
    const warehouse = await Warehouse.open(':memory:');
    try {
      await warehouse.run(`create table kept (i integer)`);
      const stopped = warehouse
        .transaction(async () => {
          await warehouse.run(`insert into kept values (1)`);
          await warehouse.one(LONG_QUERY);
        })
        .catch((caught: unknown) => caught);
      setTimeout(() => warehouse.interrupt('SIGHUP'), 100);
      expect(await stopped).toBeInstanceOf(StoppedError);
      expect(((await stopped) as StoppedError).exitCode).toBe(ExitCode.stoppedByHangup);
      expect(await warehouse.afterStop(() => warehouse.all(`select * from kept`))).toEqual([]);
    } finally {
      warehouse.close();
    }
  });
});
