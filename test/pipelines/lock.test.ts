/**
 * One run per warehouse: the lock file beside the DuckDB file. A second run waits up to
 * `lock.wait_seconds`, then exits 5 with a sentence naming the holder; a lock whose
 * process is gone is taken over, and the run says so. Between processes, through the
 * command line: test/e2e/lock-between-processes.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { acquireLock, isStale, LockHeldError, lockFileFor, type LockOwner } from '../../pipelines/lock.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { tempFolder } from '../helpers/warehouse.ts';

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
});
