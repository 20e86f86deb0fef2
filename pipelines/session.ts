/**
 * A session: the config, the open warehouse and the run being logged in `meta.runs`.
 * Every command that touches the warehouse opens one and closes it; a run that throws
 * is logged as failed with its message.
 *
 * A session holds the warehouse's lock (`pipelines/lock.ts`) from before the DuckDB
 * file is opened until after it is closed, so two runs never share a warehouse. A run
 * that was killed leaves its `meta.runs` row `running`: the next session, holding the
 * lock, marks it `interrupted`. DuckDB replays committed work from its write-ahead log
 * on open and drops anything uncommitted, so what a killed run leaves is whole files
 * and whole builds only.
 *
 * SIGINT, SIGTERM and SIGHUP stop a run rather than kill it (`pipelines/stop.ts`): the
 * running query is interrupted and rolled back, the run is logged as interrupted, the
 * warehouse is closed, and only then is the lock released; the command exits 130, 143
 * or 129.
 */
import { adapters } from '../sources/index.ts';
import type { Config } from './config.ts';
import { AdvocacyError, STOP_EXIT_CODES, STOP_SIGNALS, StoppedError, type StopSignal } from './errors.ts';
import { acquireLock, LockHeldError, type WarehouseLock } from './lock.ts';
import type { Logger } from './log.ts';
import { trackStages } from './progress.ts';
import { finishRun, markBuildChecked, prepareWarehouse, startRun } from './meta.ts';
import { requestStop, stopRequested, throwIfStopped } from './stop.ts';
import { warehouseFault } from './warehouse-faults.ts';
import { Warehouse } from './warehouse.ts';

export interface Session {
  config: Config;
  warehouse: Warehouse;
  runId: number;
  log: Logger;
}

export interface RunTotals {
  filesLoaded?: number;
  rowsLoaded?: number;
  rowsRejected?: number;
  message?: string;
}

/**
 * Opens the warehouse, prepares its tables, logs a run of `command` (with the `options`
 * that change what it does), runs `work`, and closes. A damaged or unwritable warehouse,
 * or a full disk, ends the run with its own error (`pipelines/warehouse-faults.ts`).
 */
export async function withSession<T extends RunTotals>(
  config: Config,
  command: string,
  log: Logger,
  work: (session: Session) => Promise<T>,
  options: readonly string[] = [],
): Promise<T> {
  return withWarehouseLock(config, command, log, (held) => sessionUnderLock(config, command, log, work, options, held));
}

/** The warehouse's lock as a command holds it. */
export interface HeldLock {
  /** Null for an in-memory warehouse, which no other process can open. */
  lock: WarehouseLock | null;
  /** Until when to wait for another program that has the DuckDB file open: the lock's wait and this one share `lock.wait_seconds`. */
  waitUntil: number;
}

/**
 * Holds the lock of `config.paths.warehouse` while `work` runs (a stop signal ends the
 * work first, see `stopOnSignals`), as every session does. A command that opens another
 * DuckDB file under that lock (`rebuild` builds a new warehouse beside the one it
 * replaces) calls this and `sessionUnderLock` itself. A warehouse fault ends it with its
 * own error.
 */
export async function withWarehouseLock<T>(config: Config, command: string, log: Logger, work: (held: HeldLock) => Promise<T>): Promise<T> {
  try {
    const waitUntil = Date.now() + config.lock.wait_seconds * 1000;
    const lock =
      config.paths.warehouse === ':memory:' ? null : await acquireLock(config.paths.warehouse, { command, waitSeconds: config.lock.wait_seconds, log });
    const removeSignalHandlers = lock ? stopOnSignals(log) : () => undefined;
    try {
      return await work({ lock, waitUntil });
    } finally {
      removeSignalHandlers();
      lock?.release();
    }
  } catch (error) {
    const signal = stopRequested();
    // Whatever stopped work failed with (a refused query inside a model's error, say), the run was stopped.
    throw signal ? new StoppedError(signal) : (warehouseFault(error, config.paths) ?? error);
  }
}

/** A session on `config.paths.warehouse`, under a lock the caller holds (`withWarehouseLock`). */
export async function sessionUnderLock<T extends RunTotals>(
  config: Config,
  command: string,
  runLog: Logger,
  work: (session: Session) => Promise<T>,
  options: readonly string[],
  held: HeldLock,
): Promise<T> {
  // Where the run is goes into its lock file, for `advocacy status`.
  const log = held.lock ? trackStages(runLog, held.lock.publishProgress) : runLog;
  const warehouse = await openWarehouse(config, held.waitUntil);
  try {
    // One transaction: a kill here leaves no half-prepared table behind.
    await warehouse.transaction(async () => {
      await prepareWarehouse(warehouse, adapters);
      const interrupted = await markInterruptedRuns(warehouse, log);
      // After a run that ended abnormally (logged as running, or its lock left behind), the next run checks again.
      if (interrupted || held.lock?.tookOverFrom) await markBuildChecked(warehouse, false);
    });
    const runId = await startRun(warehouse, command, options);
    try {
      const totals = await work({ config, warehouse, runId, log });
      // Work that went on past refused queries (counting them as failed checks, say) did not finish.
      throwIfStopped();
      await finishRun(warehouse, runId, { status: 'done', ...totals });
      return totals;
    } catch (error) {
      const signal = stopRequested();
      if (signal) {
        const stopped = new StoppedError(signal);
        // When the interrupt left the connection unusable, the run stays `running` and the next run marks it interrupted.
        await warehouse.afterStop(() => finishRun(warehouse, runId, { status: 'interrupted', message: stopped.message })).catch(() => undefined);
        throw stopped;
      }
      const message = error instanceof AdvocacyError ? error.message : `internal error: ${(error as Error).message}`;
      await finishRun(warehouse, runId, { status: 'failed', message }).catch(() => undefined);
      throw error;
    }
  } finally {
    warehouse.close();
  }
}

/**
 * Opens the DuckDB file. Another program that has it open (an analyst's DuckDB shell)
 * holds DuckDB's own file lock: wait for it like for another run, then say which.
 */
async function openWarehouse(config: Config, waitUntil: number): Promise<Warehouse> {
  const options = config.memory_limit ? { memoryLimit: config.memory_limit } : {};
  for (;;) {
    try {
      return await Warehouse.open(config.paths.warehouse, options);
    } catch (error) {
      const openElsewhere = openInAnotherProgram(error, config.paths.warehouse);
      if (!openElsewhere) throw error;
      if (Date.now() >= waitUntil) throw openElsewhere;
      throwIfStopped();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** DuckDB's file lock on `path` is held by another program: the error that says which; null for any other error. */
export function openInAnotherProgram(error: unknown, path: string): LockHeldError | null {
  const message = (error as Error).message;
  if (!/Could not set lock on file/i.test(message)) return null;
  const holder = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
  return new LockHeldError(
    `The warehouse ${path} is open in another program${holder ? ` (held by ${holder[1]}, pid ${holder[2]})` : ''}; close it (a DuckDB shell, a notebook) and run again. Nothing was changed.`,
  );
}

/** Runs left `running` by a process that was killed: only possible for runs before this one, as this one holds the lock. */
/** Marks runs a killed process left `running` as interrupted; true when there were any. */
async function markInterruptedRuns(warehouse: Warehouse, log: Logger): Promise<boolean> {
  const interrupted = await warehouse.all<{ run_id: number; command: string }>(
    `select run_id, command from meta.runs where status = 'running' order by run_id`,
  );
  if (interrupted.length === 0) return false;
  await warehouse.run(
    `update meta.runs set status = 'interrupted',
       message = 'the process ended before the run finished (killed or crashed); work it had committed is kept, the rest was rolled back and is redone by the next run'
     where status = 'running'`,
  );
  for (const run of interrupted)
    log.warn(`run ${run.run_id} ("${run.command}") was interrupted before it finished; its unfinished step was rolled back, and this run completes the work`);
  return true;
}

/** How long a stop may take (the query interrupted, the run logged, the warehouse closed) before the process exits anyway. */
const STOP_GRACE_MS = 10_000;

/**
 * Ctrl-C, a scheduler's SIGTERM or a closed terminal's SIGHUP: requests a stop, and the
 * work unwinds with a `StoppedError`, so the warehouse is closed before the lock is
 * released. A second signal, or a stop that takes longer than `STOP_GRACE_MS`, exits at
 * once and leaves the lock, as a killed run does: the next run takes it over. Returns
 * the function that removes the handlers.
 */
function stopOnSignals(log: Logger): () => void {
  const exitNow = (signal: StopSignal, message: string) => {
    log.error(message);
    process.exit(STOP_EXIT_CODES[signal]);
  };
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = () => {
      const first = stopRequested();
      if (first) {
        exitNow(
          first,
          `a second signal (${signal}): exiting without closing the warehouse; the next run takes over its lock and rolls back the unfinished step`,
        );
        return;
      }
      log.warn(`${signal}: stopping; the running step is interrupted and rolled back, then the warehouse is closed (a second signal exits at once)`);
      requestStop(signal);
      setTimeout(
        () =>
          exitNow(
            signal,
            `the stop did not finish within ${STOP_GRACE_MS / 1000} s: exiting; a lock left behind is taken over by the next run, which rolls back the unfinished step`,
          ),
        STOP_GRACE_MS,
      ).unref();
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
}
