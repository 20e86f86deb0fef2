/**
 * The outputs of a model's costly tasks (parallel-tasks.ts), kept from one build to the
 * next in `meta.task_outputs`. A task's output depends on its input alone (each input
 * draws from its own seeded stream), so an output is found again by a hash of the task,
 * its input and the code under models/lib, and a build computes only the inputs it has
 * no output for: a day's new data leaves most of the months the ROI marts resample as
 * they were.
 *
 * Each model keeps the outputs of the inputs its latest build had, so nothing piles up;
 * `build --full` forgets them all and computes every one again, which is how a test shows
 * that a remembered output is the one the task gives.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { mapInParallel, type TaskInput, type TaskName, type TaskOutput } from './parallel.ts';

export const TASK_OUTPUTS = 'meta.task_outputs';

/** The tables of the outputs builds keep: what `build --full` forgets. */
export async function forgetTaskOutputs(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`drop table if exists ${TASK_OUTPUTS}`);
}

/**
 * `mapInParallel(task, inputs, …)` for the model `owner`: the outputs its last build
 * computed for the same inputs are read back, the others computed (`millisecondsOf` each
 * input's work, for the choice of threads), and the outputs of these inputs kept for the
 * next build in place of the last one's.
 */
export async function mapRemembered<Name extends TaskName>(
  warehouse: Warehouse,
  owner: string,
  task: Name,
  inputs: readonly TaskInput<Name>[],
  millisecondsOf: (input: TaskInput<Name>) => number,
): Promise<TaskOutput<Name>[]> {
  await warehouse.run(`create table if not exists ${TASK_OUTPUTS} (owner varchar, input_key varchar, output varchar)`);
  const version = tasksCodeVersion();
  const keys = inputs.map((input) => createHash('sha256').update(version).update(task).update(serialize(input)).digest('hex'));
  const kept = await warehouse.all<{ input_key: string; output: string }>(`select input_key, output from ${TASK_OUTPUTS} where owner = $owner`, { owner });
  const known = new Map(kept.map((row) => [row.input_key, row.output]));
  const missing = inputs.flatMap((input, index) => (known.has(keys[index]!) ? [] : [{ input, index }]));
  const computed = await mapInParallel(
    task,
    missing.map(({ input }) => input),
    missing.reduce((sum, { input }) => sum + millisecondsOf(input), 0),
  );
  const outputs = inputs.map((_, index) => {
    const stored = known.get(keys[index]!);
    return stored === undefined ? undefined : (deserialize(Buffer.from(stored, 'base64')) as TaskOutput<Name>);
  });
  missing.forEach(({ index }, position) => {
    outputs[index] = computed[position]!;
  });
  await warehouse.run(`delete from ${TASK_OUTPUTS} where owner = $owner`, { owner });
  const stored = new Set<string>();
  await warehouse.append(
    'meta',
    'task_outputs',
    keys.flatMap((key, index) => {
      if (stored.has(key)) return [];
      stored.add(key);
      return [[owner, key, known.get(key) ?? serialize(outputs[index]).toString('base64')]];
    }),
  );
  return outputs as TaskOutput<Name>[];
}

let codeVersion: string | undefined;

/** One version of the tasks' code: every file under models/lib, where they and all they call live. */
function tasksCodeVersion(): string {
  if (codeVersion === undefined) {
    const hash = createHash('sha256');
    const add = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) add(path);
        else hash.update(entry.name).update('\0').update(readFileSync(path)).update('\0');
      }
    };
    add(fileURLToPath(new URL('.', import.meta.url)));
    codeVersion = hash.digest('hex');
  }
  return codeVersion;
}
