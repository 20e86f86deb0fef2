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
 */
import { adapters } from '../sources/index.ts';
import type { Config } from './config.ts';
import { AdvocacyError } from './errors.ts';
import { acquireLock, LockHeldError, type WarehouseLock } from './lock.ts';
import type { Logger } from './log.ts';
import { finishRun, markBuildChecked, prepareWarehouse, startRun } from './meta.ts';
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
  try {
    return await runSession(config, command, log, work, options);
  } catch (error) {
    throw warehouseFault(error, config.paths) ?? error;
  }
}

async function runSession<T extends RunTotals>(
  config: Config,
  command: string,
  log: Logger,
  work: (session: Session) => Promise<T>,
  options: readonly string[],
): Promise<T> {
  const inMemory = config.paths.warehouse === ':memory:';
  const waitUntil = Date.now() + config.lock.wait_seconds * 1000;
  const lock = inMemory ? null : await acquireLock(config.paths.warehouse, { command, waitSeconds: config.lock.wait_seconds, log });
  const stopOnSignal = lock ? releaseOnSignal(lock, log) : () => undefined;
  try {
    const warehouse = await openWarehouse(config, waitUntil);
    try {
      // One transaction: a kill here leaves no half-prepared table behind.
      await warehouse.transaction(async () => {
        await prepareWarehouse(warehouse, adapters);
        const interrupted = await markInterruptedRuns(warehouse, log);
        // After a run that ended abnormally (logged as running, or its lock left behind), the next run checks again.
        if (interrupted || lock?.tookOverFrom) await markBuildChecked(warehouse, false);
      });
      const runId = await startRun(warehouse, command, options);
      try {
        const totals = await work({ config, warehouse, runId, log });
        await finishRun(warehouse, runId, { status: 'done', ...totals });
        return totals;
      } catch (error) {
        const message = error instanceof AdvocacyError ? error.message : `internal error: ${(error as Error).message}`;
        await finishRun(warehouse, runId, { status: 'failed', message }).catch(() => undefined);
        throw error;
      }
    } finally {
      warehouse.close();
    }
  } finally {
    stopOnSignal();
    lock?.release();
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
      const message = (error as Error).message;
      if (!/Could not set lock on file/i.test(message)) throw error;
      if (Date.now() >= waitUntil) {
        const holder = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
        throw new LockHeldError(
          `The warehouse ${config.paths.warehouse} is open in another program${holder ? ` (held by ${holder[1]}, pid ${holder[2]})` : ''}; close it (a DuckDB shell, a notebook) and run again. Nothing was changed.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
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
  for (const run of interrupted) log.warn(`run ${run.run_id} ("${run.command}") was interrupted before it finished; its unfinished step was rolled back, and this run completes the work`);
  return true;
}

/**
 * Ctrl-C or a scheduler's SIGTERM: release the lock at once and stop. Uncommitted work
 * is never written, so the warehouse keeps what was committed before the signal.
 */
function releaseOnSignal(lock: WarehouseLock, log: Logger): () => void {
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = () => {
      log.error(`stopped by ${signal}; the step that was running was rolled back, and the next run completes it`);
      lock.release();
      process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
}
