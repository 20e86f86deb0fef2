/**
 * The pure, costly steps of the marts (parallel-tasks.ts) spread over worker threads, one
 * per core, while this thread waits: a bootstrap over a thousand ambassadors and a year
 * of periods takes seconds of one core, and the rest of the build waits for it anyway.
 * Inputs and outputs are plain data, and each input draws from its own seeded stream, so
 * an output is the same to the last bit wherever it was computed.
 *
 * Work estimated below PARALLEL_MIN_MILLISECONDS stays in this thread: starting the workers
 * would cost more than sharing it saves. The workers are started on first use and kept for the next map;
 * they keep the process alive only while they have work.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { tasks, type Tasks } from './parallel-tasks.ts';

export type TaskName = keyof Tasks;
type TaskInput<Name extends TaskName> = Parameters<Tasks[Name]>[0];
type TaskOutput<Name extends TaskName> = ReturnType<Tasks[Name]>;

/** The estimated time of a map's work in one thread below which it stays in this thread. */
export const PARALLEL_MIN_MILLISECONDS = 500;

/** The tasks module as a worker imports it: `.ts` run from the sources, `.js` compiled, like this module. */
const TASKS_MODULE = new URL(`./parallel-tasks${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;

const workers: Worker[] = [];

/**
 * `tasks[task]` of each input, in the inputs' order: on worker threads when the work would
 * take one thread `milliseconds` (estimated by the caller) of at least
 * PARALLEL_MIN_MILLISECONDS and there are cores to share it, else here.
 */
export async function mapInParallel<Name extends TaskName>(task: Name, inputs: readonly TaskInput<Name>[], milliseconds: number): Promise<TaskOutput<Name>[]> {
  const run = tasks[task] as (input: TaskInput<Name>) => TaskOutput<Name>;
  const threads = Math.min(availableParallelism(), inputs.length);
  if (milliseconds < PARALLEL_MIN_MILLISECONDS || threads < 2) return inputs.map(run);
  while (workers.length < threads) workers.push(startWorker());
  const outputs = new Array<TaskOutput<Name>>(inputs.length);
  let next = 0;
  await Promise.all(
    workers.slice(0, threads).map(async (worker) => {
      while (next < inputs.length) {
        const index = next;
        next += 1;
        outputs[index] = (await runOn(worker, task, inputs[index])) as TaskOutput<Name>;
      }
    }),
  );
  return outputs;
}

function startWorker(): Worker {
  const worker = new Worker(new URL('./parallel-worker.mjs', import.meta.url), { workerData: { tasks: TASKS_MODULE } });
  worker.unref();
  return worker;
}

/** One input on one worker: its output, or the task's error. A worker that fails or stops leaves the pool. */
function runOn(worker: Worker, task: TaskName, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
    };
    const leave = () => {
      const index = workers.indexOf(worker);
      if (index >= 0) workers.splice(index, 1);
    };
    const onMessage = (message: { output?: unknown; error?: string }) => {
      settle();
      if (message.error !== undefined) reject(new Error(`${task} failed on a worker thread: ${message.error}`));
      else resolve(message.output);
    };
    const onError = (error: Error) => {
      settle();
      leave();
      reject(error);
    };
    const onExit = (code: number) => {
      settle();
      leave();
      reject(new Error(`a worker thread of ${task} stopped (exit code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage({ task, input });
  });
}
