/**
 * The process-wide stop request (`pipelines/stop.ts`). A stop lasts for the rest of the
 * process, so these tests run in order, on modules of their own: loaded afresh for this
 * file and forgotten after it, so that the other files run in the same process are not
 * stopped.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let { ExitCode, StoppedError } = await import('../../pipelines/errors.ts');
let { onStopRequested, requestStop, stopRequested, throwIfStopped } = await import('../../pipelines/stop.ts');
let { Warehouse } = await import('../../pipelines/warehouse.ts');

beforeAll(async () => {
  vi.resetModules();
  ({ ExitCode, StoppedError } = await import('../../pipelines/errors.ts'));
  ({ onStopRequested, requestStop, stopRequested, throwIfStopped } = await import('../../pipelines/stop.ts'));
  ({ Warehouse } = await import('../../pipelines/warehouse.ts'));
});

afterAll(() => {
  vi.resetModules();
});

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
    expect((thrown as InstanceType<typeof StoppedError>).exitCode).toBe(ExitCode.stoppedByTermination);
    const late = await Warehouse.open(':memory:');
    try {
      await expect(late.run(`create table t (i integer)`)).rejects.toThrow('stopped by SIGTERM');
    } finally {
      late.close();
    }
  });
});
