/**
 * The process-wide request to stop: SIGINT, SIGTERM or SIGHUP arrived while a command
 * works (the session's signal handlers call `requestStop`). The first request wins and
 * lasts for the rest of the process.
 *
 * Whatever does long work outside the warehouse's queries (a child process parsing a
 * file) subscribes with `onStopRequested` and ends that work at once; every open
 * `Warehouse` interrupts its running query and refuses new ones. The work then unwinds
 * with a `StoppedError`, the session logs the run and closes the warehouse, and only
 * then is the lock released.
 */
import { StoppedError, type StopSignal } from './errors.ts';

let requested: StopSignal | null = null;
const listeners = new Set<(signal: StopSignal) => void>();

/** Records a stop and calls every listener once; a later request changes nothing. */
export function requestStop(signal: StopSignal): void {
  if (requested) return;
  requested = signal;
  for (const listener of [...listeners]) listener(signal);
}

/** The signal that stopped the process, or null while no stop was requested. */
export function stopRequested(): StopSignal | null {
  return requested;
}

/**
 * Calls `listener` when a stop is requested, or at once if one already was. Listeners
 * run inside the signal handler: they must be quick and must not throw (kill a child,
 * interrupt a query). Returns the function that unsubscribes.
 */
export function onStopRequested(listener: (signal: StopSignal) => void): () => void {
  if (requested) {
    listener(requested);
    return () => undefined;
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Throws `StoppedError` once a stop was requested: for the points between steps where work would otherwise go on. */
export function throwIfStopped(): void {
  if (requested) throw new StoppedError(requested);
}

/** Waits `ms` milliseconds; a stop requested meanwhile ends the wait at once with a `StoppedError`. */
export async function waitUnlessStopped(ms: number): Promise<void> {
  let unsubscribe: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    unsubscribe = onStopRequested(() => resolve());
  });
  clearTimeout(timer);
  unsubscribe();
  throwIfStopped();
}
