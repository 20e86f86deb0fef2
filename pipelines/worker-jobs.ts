/**
 * Jobs for one worker thread that answers each message `{ id, … }` with `{ id, … }`, or
 * `{ id, error }` when the job failed: each job's promise settles with its reply, or fails
 * with the worker's error or its exit. The worker is started at once and keeps the process
 * alive only while it has jobs (the PNG renderer, the generator's workbook writers).
 */
import { Worker } from 'node:worker_threads';

export interface WorkerNames {
  /** What a failed job's error starts with: `the workbook could not be written`. */
  failed: string;
  /** The worker, as its exit is told: `the workbook writer`. */
  worker: string;
}

export class WorkerJobs<Reply> {
  private readonly worker: Worker;
  private readonly jobs = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  private lastJob = 0;
  /** True once the worker failed or exited: it takes no more jobs. */
  stopped = false;

  constructor(script: URL, names: WorkerNames) {
    this.worker = new Worker(script);
    const stop = (error: Error) => {
      this.stopped = true;
      for (const job of this.jobs.values()) job.reject(error);
      this.jobs.clear();
    };
    this.worker.on('message', ({ id, error, ...reply }: { id: number; error?: string }) => {
      const job = this.jobs.get(id);
      this.jobs.delete(id);
      if (this.jobs.size === 0) this.worker.unref();
      if (error === undefined) job?.resolve(reply as Reply);
      else job?.reject(new Error(`${names.failed}: ${error}`));
    });
    this.worker.on('error', stop);
    this.worker.on('exit', (code) => stop(new Error(`${names.worker} stopped (exit code ${code})`)));
    this.worker.unref();
  }

  /** The jobs sent and not yet answered. */
  get waiting(): number {
    return this.jobs.size;
  }

  /** Sends `message` with a job id; resolves with the worker's reply to it. */
  run(message: object): Promise<Reply> {
    this.lastJob += 1;
    const id = this.lastJob;
    return new Promise<Reply>((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...message, id });
    });
  }
}
