/**
 * One run at a time per warehouse. The lock is a file beside the DuckDB file
 * (`<warehouse>.lock`) created atomically (`open(..., 'wx')`), holding who took it:
 * process id, host, boot, start time and command. A second run waits up to
 * `lock.wait_seconds` and then stops with `ExitCode.lockHeld`; a lock whose process is
 * gone from this host (killed, crashed, the machine rebooted) is stale, and the next run
 * takes it over and says so. While it runs, the holder keeps its stage and progress in the
 * lock file (`publishProgress`), where `advocacy status` reads it without taking the lock.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { AdvocacyError, ExitCode } from './errors.ts';
import type { Logger } from './log.ts';
import { warehouseFaultKind } from './warehouse-faults.ts';

/** Another run holds the warehouse and did not finish within the wait. */
export class LockHeldError extends AdvocacyError {
  constructor(message: string) {
    super(message, ExitCode.lockHeld);
  }
}

/** What a lock file holds. */
export interface LockOwner {
  pid: number;
  host: string;
  /** The kernel's boot id (Linux): a lock from before a reboot is stale whatever its pid. */
  boot: string | null;
  /** The process's start time in clock ticks since boot (Linux): tells a reused pid from the owner. */
  process_start: string | null;
  started_at: string;
  command: string;
  /** Unique per acquisition, so a run removes only its own lock. */
  token: string;
  /** Where the run is, once it has begun its work. */
  progress?: RunProgress;
}

/** A run's stage (ingest, build, report) and, for a counted one, how far into it the run is. */
export interface RunProgress {
  stage: string;
  /** When the run began this stage. */
  stage_started_at: string;
  /** Units of the stage done (files, models); absent for a stage that is not counted. */
  done?: number;
  total?: number;
}

export interface WarehouseLock {
  file: string;
  owner: LockOwner;
  /** The stale owner this run took the lock over from, if it did. */
  tookOverFrom: LockOwner | null;
  /** Writes where the run is into the lock file, for `advocacy status`; nothing once released. */
  publishProgress(progress: Omit<RunProgress, 'stage_started_at'>): void;
  /** Removes the lock file if it is still this run's; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  command: string;
  /** How long to wait for another run. */
  waitSeconds: number;
  log: Logger;
  /**
   * How often to look again while waiting.
   * __Default value:__ `250` ms
   */
  pollMilliseconds?: number;
}

/** The lock file of a warehouse file. */
export function lockFileFor(warehousePath: string): string {
  return `${warehousePath}.lock`;
}

/** A lock file being written is empty for a moment; one that stays empty or unreadable this long is stale. */
const UNREADABLE_GRACE_MS = 10_000;

/** Takes the warehouse's lock, waiting for another run up to `waitSeconds`; throws `LockHeldError` when it cannot. */
export async function acquireLock(warehousePath: string, options: LockOptions): Promise<WarehouseLock> {
  const file = lockFileFor(warehousePath);
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + options.waitSeconds * 1000;
  const poll = options.pollMilliseconds ?? 250;
  let tookOverFrom: LockOwner | null = null;
  let announced = false;
  for (;;) {
    const owner = ownerOfThisProcess(options.command);
    if (tryCreate(file, owner)) return heldLock(file, owner, tookOverFrom);
    const held = readLock(file);
    if (held.state === 'gone') continue;
    if (held.state === 'unreadable') {
      if (held.ageMs > UNREADABLE_GRACE_MS && takeOver(file, held.text)) {
        options.log.warn(
          `took over the lock ${file}: it was unreadable (${held.text === '' ? 'empty' : 'not a lock record'}) and ${Math.round(held.ageMs / 1000)} s old, so its run cannot still be writing it`,
        );
        continue;
      }
    } else if (isStale(held.owner)) {
      if (takeOver(file, held.text)) {
        tookOverFrom = held.owner;
        options.log.warn(
          `took over a stale lock: the run "${held.owner.command}" (pid ${held.owner.pid}, started ${held.owner.started_at}) is no longer running on ${held.owner.host}; it was interrupted, and this run completes its work`,
          { lock: file, stale_owner: held.owner },
        );
      }
      continue;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new LockHeldError(heldMessage(file, held.state === 'held' ? held.owner : null, options.waitSeconds));
    if (!announced && held.state === 'held') {
      options.log.info(
        `waiting up to ${options.waitSeconds} s for the run "${held.owner.command}" (pid ${held.owner.pid} on ${held.owner.host}, started ${held.owner.started_at}) to finish`,
      );
      announced = true;
    }
    await sleep(Math.min(poll, remaining));
  }
}

function heldMessage(file: string, owner: LockOwner | null, waitSeconds: number): string {
  const who = owner ? `the run "${owner.command}" (pid ${owner.pid} on ${owner.host}, started ${owner.started_at})` : 'another run';
  const elsewhere =
    owner && owner.host !== hostname()
      ? ` It runs on another host, so this one cannot tell whether it is alive: if no run is going on there, delete ${file} and run again.`
      : ' Run again when it has finished, or raise lock.wait_seconds in the config.';
  return `The warehouse is locked by ${who}; waited ${waitSeconds} s and gave up, changing nothing.${elsewhere}`;
}

function ownerOfThisProcess(command: string): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    boot: bootId(),
    process_start: processStart(process.pid),
    started_at: new Date().toISOString(),
    command,
    token: randomUUID(),
  };
}

/** Creates the lock file only if there is none (`wx` is atomic); false when one exists. */
function tryCreate(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // A read-only folder or a full disk: the session reports it as the warehouse's fault, with how to recover.
    if (warehouseFaultKind(error) !== null) throw error;
    throw new LockHeldError(`The lock file ${file} cannot be created (${(error as Error).message}); check that the warehouse folder is writable.`);
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

type LockState = { state: 'gone' } | { state: 'unreadable'; text: string; ageMs: number } | { state: 'held'; owner: LockOwner; text: string };

function readLock(file: string): LockState {
  let text: string;
  let mtime: number;
  try {
    mtime = statSync(file).mtimeMs;
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'gone' };
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') return { state: 'held', owner, text };
  } catch {
    // A lock being written, or garbage: judged by its age.
  }
  return { state: 'unreadable', text, ageMs: Date.now() - mtime };
}

/** True when the lock's process is certainly gone: same host, and a reboot since, or no such process, or the pid reused. */
export function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const start = processStart(owner.pid);
  return owner.process_start !== null && start !== null && start !== owner.process_start;
}

/**
 * Removes a stale lock, if it is still the one that was judged stale. A guard file
 * makes the compare-and-remove one step, so two runs taking over at once cannot remove
 * each other's fresh lock.
 */
function takeOver(file: string, staleText: string): boolean {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A guard left by a run killed in the middle of a take-over is removed after a while.
    const age = ageOf(guard);
    if (age !== null && age > UNREADABLE_GRACE_MS) unlinkQuietly(guard);
    return false;
  }
  try {
    let current: string;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      return false;
    }
    if (current !== staleText) return false;
    unlinkSync(file);
    return true;
  } finally {
    closeSync(fd);
    unlinkQuietly(guard);
  }
}

function heldLock(file: string, owner: LockOwner, tookOverFrom: LockOwner | null): WarehouseLock {
  let released = false;
  return {
    file,
    owner,
    tookOverFrom,
    publishProgress({ stage, done, total }) {
      if (released) return;
      const since = owner.progress?.stage === stage ? owner.progress.stage_started_at : new Date().toISOString();
      owner.progress = { stage, stage_started_at: since, ...(total === undefined ? {} : { done: done ?? 0, total }) };
      // Written beside it and renamed over it, so a reader (or a run waiting for the lock) never sees half a record.
      const next = `${file}.${owner.token}`;
      try {
        writeFileSync(next, `${JSON.stringify(owner)}\n`);
        renameSync(next, file);
      } catch {
        // Progress is only shown by `advocacy status`: a run that cannot write it (a full disk) goes on, and meets the fault where it writes its data.
        unlinkQuietly(next);
      }
    },
    release() {
      if (released) return;
      released = true;
      try {
        const current = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
        if (current.token !== owner.token) return;
      } catch {
        return;
      }
      unlinkQuietly(file);
    },
  };
}

/** The lock's owner while its run is alive (on this host, or on another, which cannot be told); null when there is none. */
export function liveLockOwner(warehousePath: string): LockOwner | null {
  const held = readLock(lockFileFor(warehousePath));
  return held.state === 'held' && !isStale(held.owner) ? held.owner : null;
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Field 22 of `/proc/<pid>/stat` (start time since boot); null where there is no `/proc`. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function ageOf(file: string): number | null {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
