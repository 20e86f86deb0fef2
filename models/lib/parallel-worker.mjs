// A worker thread of models/lib/parallel.ts: runs the task it is sent on its input and
// sends the output back. Plain JavaScript, because a worker does not inherit the
// TypeScript loader: run from the sources, it registers tsx's for the tasks module itself.
import { parentPort, workerData } from 'node:worker_threads';

if (workerData.tasks.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { tasks } = await import(workerData.tasks);

parentPort.on('message', ({ id, task, input }) => {
  try {
    parentPort.postMessage({ id, output: tasks[task](input) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
