/**
 * The process-wide stop request (`pipelines/stop.ts`). A stop lasts for the rest of the
 * process, so these tests run in order, in a file of their own.
 */
import { describe, expect, it } from 'vitest';
import { ExitCode, StoppedError } from '../../pipelines/errors.ts';
import { onStopRequested, requestStop, stopRequested, throwIfStopped } from '../../pipelines/stop.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';

describe('pipelines/stop', () => {
  it('tells each listener once, with the first signal, and every open warehouse stops its work', async () => {
    const open = await Warehouse.open(':memory:');
    const heard: string[] = [];
    onStopRequested((signal) => heard.push(`a ${signal}`));
    const unsubscribe = onStopRequested((signal) => heard.push(`b ${signal}`));
    unsubscribe();
    expect(stopRequested()).toBeNull();
    expect(() => throwIfStopped()).not.toThrow();

    requestStop('SIGTERM');
    requestStop('SIGINT');
    expect(heard).toEqual(['a SIGTERM']);
    expect(stopRequested()).toBe('SIGTERM');
    try {
      await expect(open.all(`select 1`)).rejects.toThrow(StoppedError);
    } finally {
      open.close();
    }
  });

  it('after a stop, a new listener is told at once, throwIfStopped throws, and a warehouse opened then refuses work', async () => {
    const heard: string[] = [];
    onStopRequested((signal) => heard.push(signal));
    expect(heard).toEqual(['SIGTERM']);
    let thrown: unknown;
    try {
      throwIfStopped();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoppedError);
    expect((thrown as StoppedError).exitCode).toBe(ExitCode.stoppedByTermination);
    const late = await Warehouse.open(':memory:');
    try {
      await expect(late.run(`create table t (i integer)`)).rejects.toThrow('stopped by SIGTERM');
    } finally {
      late.close();
    }
  });
});
