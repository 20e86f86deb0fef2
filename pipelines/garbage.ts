/**
 * V8 collects a large heap late. A TypeScript model that reads a table's rows into
 * JavaScript (the ROI resamplings, the cohort comparison, the disclosure rules) leaves them
 * behind as garbage, and the heap grows by every such model's garbage until V8 decides to
 * collect: at L the JavaScript heap held 2.4 GB, nearly all of it garbage, of a 6 GB process.
 * The build collects after each such model, so that the process holds what the next model
 * needs rather than what the earlier ones left.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection, now, when the JavaScript heap holds more than `heapAbove`
 * bytes (a small heap costs little to keep and a collection's time is better spent on the
 * work); nothing when this V8 offers no way to ask for one.
 */
export function collectGarbage({ heapAbove = 0 }: { heapAbove?: number } = {}): void {
  if (getHeapStatistics().used_heap_size <= heapAbove) return;
  if (collect === undefined) {
    // Node exposes `gc` only with --expose-gc; a context made after the flag is set has it.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  }
  collect?.();
}

/**
 * A collection that gives back the memory of ArrayBuffers (a file's bytes) nothing refers
 * to any more. In the ingest, a collection made just after a file's bytes were let go left
 * their 290 MB held; one made after the event loop had turned gave them back. So it
 * collects, lets the loop turn, and collects again.
 */
export async function collectArrayBuffers(): Promise<void> {
  collectGarbage();
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
}
