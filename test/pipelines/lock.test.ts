/**
 * One run per warehouse: the lock file beside the DuckDB file. A second run waits up to
 * `lock.wait_seconds`, then exits 5 with a sentence naming the holder; a lock whose
 * process is gone is taken over, and the run says so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { acquireLock, isStale, LockHeldError, lockFileFor, type LockOwner } from '../../pipelines/lock.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'pipelines/advocacy.mjs');
const ON_LINUX = existsSync('/proc/sys/kernel/random/boot_id');

/** A pid that certainly belongs to no process: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function owner(overrides: Partial<LockOwner>): LockOwner {
  return {
    pid: deadPid(),
    host: hostname(),
    boot: ON_LINUX ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : null,
    process_start: null,
    started_at: '2026-11-01T03:15:00.000Z',
    command: 'run',
    token: 'someone-else',
    ...overrides,
  };
}

/**
 * A process that takes the lock like a run does and holds it until a line arrives on
 * its stdin (then releases it and exits) or it is killed; resolves when it holds it.
 */
async function lockHolder(warehouse: string): Promise<ChildProcess> {
  const script = `
    import { acquireLock } from './pipelines/lock.ts';
    import { createLogger } from './pipelines/log.ts';
    const lock = await acquireLock(${JSON.stringify(warehouse)}, { command: 'holder', waitSeconds: 0, log: createLogger() });
    process.stdout.write('held\\n');
    process.stdin.on('data', () => { lock.release(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('held')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code} before holding the lock`)));
  });
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

function project(waitSeconds: number): { cwd: string; warehouse: string } {
  const cwd = tempFolder('advocacy-lock-');
  writeFileSync(join(cwd, 'advocacy.config.yaml'), `company:\n  name: Nordlys Energi A/S\nsalt: lock-test-salt\nlock:\n  wait_seconds: ${waitSeconds}\n`);
  return { cwd, warehouse: join(cwd, 'warehouse/advocacy.duckdb') };
}

function advocacy(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
}

describe('pipelines/lock', () => {
  it('writes who holds the lock beside the warehouse, and removes only its own lock', async () => {
    const warehouse = join(tempFolder(), 'advocacy.duckdb');
    const lock = await acquireLock(warehouse, { command: 'build', waitSeconds: 0, log: memoryLogger() });
    const held = JSON.parse(readFileSync(lockFileFor(warehouse), 'utf8')) as LockOwner;
    expect(held).toMatchObject({ pid: process.pid, host: hostname(), command: 'build' });
    expect(Number.isNaN(Date.parse(held.started_at))).toBe(false);
    lock.release();
    expect(existsSync(lockFileFor(warehouse))).toBe(false);

    // A lock that is no longer this run's (taken over meanwhile) is left alone.
    const again = await acquireLock(warehouse, { command: 'build', waitSeconds: 0, log: memoryLogger() });
    writeFileSync(lockFileFor(warehouse), JSON.stringify(owner({ token: 'another-run' })));
    again.release();
    expect(existsSync(lockFileFor(warehouse))).toBe(true);
  });

  it('waits for a live holder, then gives up with LockHeldError (exit code 5) naming it', async () => {
    const warehouse = join(tempFolder(), 'advocacy.duckdb');
    const first = await acquireLock(warehouse, { command: 'run', waitSeconds: 0, log: memoryLogger() });
    try {
      const log = memoryLogger();
      const started = Date.now();
      const error = await acquireLock(warehouse, { command: 'status', waitSeconds: 0.6, log, pollMilliseconds: 50 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LockHeldError);
      expect((error as LockHeldError).exitCode).toBe(ExitCode.lockHeld);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^The warehouse is locked by the run "run" \\(pid ${process.pid} on ${hostname()}, started .+\\); waited 0\\.6 s and gave up, changing nothing\\. Run again when it has finished, or raise lock\\.wait_seconds`,
        ),
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
      expect(log.lines.join('\n')).toMatch(/waiting up to 0\.6 s for the run "run"/);
    } finally {
      first.release();
    }
  });

  it('never takes over a lock from another host, and says how to remove it', async () => {
    const warehouse = join(tempFolder(), 'advocacy.duckdb');
    writeFileSync(lockFileFor(warehouse), JSON.stringify(owner({ host: 'cron-box-2', pid: 1234 })));
    expect(isStale(owner({ host: 'cron-box-2' }))).toBe(false);
    const error = await acquireLock(warehouse, { command: 'run', waitSeconds: 0, log: memoryLogger() }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /locked by the run "run" \(pid 1234 on cron-box-2, .*It runs on another host, so this one cannot tell whether it is alive: if no run is going on there, delete .*advocacy\.duckdb\.lock and run again/,
    );
  });

  it('takes over the lock of a process that is gone, and says so', async () => {
    const warehouse = join(tempFolder(), 'advocacy.duckdb');
    const stale = owner({});
    writeFileSync(lockFileFor(warehouse), JSON.stringify(stale));
    expect(isStale(stale)).toBe(true);
    const log = memoryLogger();
    const lock = await acquireLock(warehouse, { command: 'run', waitSeconds: 0, log });
    expect(lock.tookOverFrom).toMatchObject({ pid: stale.pid, command: 'run' });
    expect(log.lines.join('\n')).toMatch(
      new RegExp(`warn: took over a stale lock: the run "run" \\(pid ${stale.pid}, started 2026-11-01T03:15:00.000Z\\) is no longer running on ${hostname()}`),
    );
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it.runIf(ON_LINUX)('knows a lock from before a reboot, or a pid reused by another process, is stale', () => {
    // The parent of this worker is alive; its pid in a lock from another boot or with another start time is not the lock's process.
    expect(isStale(owner({ pid: process.ppid, boot: 'a-boot-before-the-last-reboot' }))).toBe(true);
    expect(isStale(owner({ pid: process.ppid, process_start: '1' }))).toBe(true);
    expect(isStale(owner({ pid: process.ppid }))).toBe(false);
  });

  it('takes over an empty or garbled lock file only when it is old, so a lock being written is not stolen', async () => {
    const warehouse = join(tempFolder(), 'advocacy.duckdb');
    const file = lockFileFor(warehouse);
    writeFileSync(file, '');
    const fresh = await acquireLock(warehouse, { command: 'run', waitSeconds: 0.2, log: memoryLogger(), pollMilliseconds: 50 }).catch(
      (caught: unknown) => caught,
    );
    expect(fresh).toBeInstanceOf(LockHeldError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const log = memoryLogger();
    const lock = await acquireLock(warehouse, { command: 'run', waitSeconds: 0, log });
    expect(log.lines.join('\n')).toMatch(/took over the lock .*: it was unreadable \(empty\) and \d+ s old/);
    lock.release();
  });

  it('two processes: the second waits, gives up with exit code 5, or goes on when the first finishes', async () => {
    const { cwd, warehouse } = project(1);
    const holder = await lockHolder(warehouse);
    try {
      const blocked = advocacy(['check'], cwd);
      expect(blocked.status).toBe(ExitCode.lockHeld);
      expect(blocked.stderr).toMatch(/waiting up to 1 s for the run "holder"/);
      expect(blocked.stderr).toMatch(
        /error: The warehouse is locked by the run "holder" \(pid \d+ on .+, started .+\); waited 1 s and gave up, changing nothing\./,
      );
      expect(blocked.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(warehouse)).toBe(false);
    } finally {
      holder.kill('SIGKILL');
      await exited(holder);
    }

    // The holder was killed: its lock is stale, and the next run takes it over.
    expect(existsSync(lockFileFor(warehouse))).toBe(true);
    const next = advocacy(['check'], cwd);
    expect(next.status).toBe(ExitCode.ok);
    expect(next.stderr).toMatch(/warn: took over a stale lock: the run "holder" \(pid \d+, started .+\) is no longer running/);
    expect(existsSync(lockFileFor(warehouse))).toBe(false);

    // A run that waits long enough goes on when the holder lets go.
    const { cwd: patientCwd, warehouse: patientWarehouse } = project(60);
    const brief = await lockHolder(patientWarehouse);
    const patient = spawn(process.execPath, [BIN, 'check'], { cwd: patientCwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    patient.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      // The second run is waiting: let the first one finish.
      if (/waiting up to/.test(stderr)) brief.stdin!.end('done\n');
    });
    expect(await exited(patient)).toBe(ExitCode.ok);
    expect(await exited(brief)).toBe(0);
    expect(stderr).toMatch(/waiting up to 60 s for the run "holder"/);
  });

  it('a warehouse open in another program (a DuckDB shell) is waited for, then named', async () => {
    const { cwd, warehouse } = project(1);
    const script = `
      import { DuckDBInstance } from '@duckdb/node-api';
      import { mkdirSync } from 'node:fs';
      mkdirSync(${JSON.stringify(join(cwd, 'warehouse'))}, { recursive: true });
      const instance = await DuckDBInstance.create(${JSON.stringify(warehouse)});
      process.stdout.write('held\\n');
      setTimeout(() => process.exit(0), 60000);`;
    const shell = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve) => shell.stdout!.on('data', (data: Buffer) => data.toString().includes('held') && resolve()));
      const blocked = advocacy(['status'], cwd);
      expect(blocked.status).toBe(ExitCode.lockHeld);
      expect(blocked.stderr).toMatch(
        /error: The warehouse .*advocacy\.duckdb is open in another program \(held by .+, pid \d+\); close it \(a DuckDB shell, a notebook\) and run again\. Nothing was changed\./,
      );
      expect(existsSync(lockFileFor(warehouse))).toBe(false);
    } finally {
      shell.kill('SIGKILL');
      await exited(shell);
    }
  });
});
