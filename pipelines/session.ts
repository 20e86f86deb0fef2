/**
 * A session: the config, the open warehouse and the run being logged in `meta.runs`.
 * Every command that touches the warehouse opens one and closes it; a run that throws
 * is logged as failed with its message.
 */
import { adapters } from '../sources/index.ts';
import type { Config } from './config.ts';
import { AdvocacyError } from './errors.ts';
import type { Logger } from './log.ts';
import { finishRun, prepareWarehouse, startRun } from './meta.ts';
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

/** Opens the warehouse, prepares its tables, logs a run of `command`, runs `work`, and closes. */
export async function withSession<T extends RunTotals>(
  config: Config,
  command: string,
  log: Logger,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const warehouse = await Warehouse.open(config.paths.warehouse, config.memory_limit ? { memoryLimit: config.memory_limit } : {});
  try {
    await prepareWarehouse(warehouse, adapters);
    const runId = await startRun(warehouse, command);
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
}
