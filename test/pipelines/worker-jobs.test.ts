import { describe, expect, it } from 'vitest';
import { WorkerJobs } from '../../pipelines/worker-jobs.ts';

/** A worker that doubles `n`, fails a job asked to, and exits when told to. */
const DOUBLER = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort } from 'node:worker_threads';
    parentPort.on('message', ({ id, n, fail, exit }) => {
      if (exit) process.exit(3);
      if (fail) parentPort.postMessage({ id, error: 'asked to fail' });
      else setTimeout(() => parentPort.postMessage({ id, doubled: n * 2 }), 10 - n);
    });
  `)}`,
);
const NAMES = { failed: 'the number could not be doubled', worker: 'the doubler' };

describe('pipelines/worker-jobs', () => {
  it("answers each job with the worker's reply to it, whatever order the replies come in", async () => {
    const jobs = new WorkerJobs<{ doubled: number }>(DOUBLER, NAMES);
    const replies = [1, 2, 3, 4].map((n) => jobs.run({ n }));
    expect(jobs.waiting).toBe(4);
    expect(await Promise.all(replies)).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }, { doubled: 8 }]);
    expect(jobs.waiting).toBe(0);
  });

  it('fails the job the worker failed, with its reason, and goes on with the next', async () => {
    const jobs = new WorkerJobs<{ doubled: number }>(DOUBLER, NAMES);
    await expect(jobs.run({ n: 1, fail: true })).rejects.toThrow('the number could not be doubled: asked to fail');
    expect(await jobs.run({ n: 5 })).toEqual({ doubled: 10 });
    expect(jobs.stopped).toBe(false);
  });

  it('fails every job still waiting when the worker exits, and takes no more', async () => {
    const jobs = new WorkerJobs<{ doubled: number }>(DOUBLER, NAMES);
    // Answered half a second later: the exit comes first.
    const waiting = jobs.run({ n: -490 });
    await expect(jobs.run({ exit: true })).rejects.toThrow('the doubler stopped (exit code 3)');
    await expect(waiting).rejects.toThrow('the doubler stopped (exit code 3)');
    expect(jobs.stopped).toBe(true);
  });
});
