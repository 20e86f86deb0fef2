/**
 * Progress for long runs: a bar per stage (files loaded, models built) when stderr is
 * a terminal, the Logger's plain lines when it is not (cron, a pipe, `--log-format
 * json`), nothing with `--quiet`. The pipeline code knows nothing of bars: ingest and
 * build log a stage line with its size (`{ stage, total }`) and then one line per file
 * and per model, so the reporter wraps the Logger: a stage line starts a bar, each
 * step line advances it (and is printed above it).
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { escapeControlCharacters, type LogFormat, type Logger } from './log.ts';

export interface ProgressOptions {
  format: LogFormat;
  quiet: boolean;
  /** __Default value:__ `process.stderr.isTTY` */
  isTerminal?: boolean;
}

/**
 * The Logger `log` with where the run is told to `publish` as it goes: a stage line starts
 * a stage (counted when it has a size), each step line of it advances it, and a line
 * tagged with another stage (`{ stage: 'report' }`) moves to that one. Within a stage,
 * steps are published at most every `intervalMs`, and its last one always: publishing
 * writes a file, and an ingest of small workbooks takes a few milliseconds each.
 */
export function trackStages(
  log: Logger,
  publish: (progress: { stage: string; done?: number; total?: number }) => void,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): Logger {
  let current: { stage: string; done?: number; total?: number } | null = null;
  let publishedAt = Number.NEGATIVE_INFINITY;
  const publishNow = (progress: { stage: string; done?: number; total?: number }) => {
    publishedAt = now();
    publish(progress);
  };
  const step = () => {
    const total = current?.total;
    if (current === null || total === undefined) return;
    const done = (current.done ?? 0) + 1;
    current = { ...current, done };
    if (done >= total || now() - publishedAt >= intervalMs) publishNow(current);
  };
  return {
    info: (message, fields) => {
      if (typeof fields?.stage === 'string' && (fields.stage !== current?.stage || typeof fields.total === 'number')) {
        current = typeof fields.total === 'number' ? { stage: fields.stage, done: 0, total: fields.total } : { stage: fields.stage };
        publishNow(current);
      } else if (STEP.test(message)) step();
      log.info(message, fields);
    },
    warn: (message, fields) => log.warn(message, fields),
    error: (message, fields) => {
      if (fields?.status === 'failed') step();
      log.error(message, fields);
    },
    result: (message, fields) => log.result(message, fields),
  };
}

/** Draws bars. */
export interface BarRenderer {
  start(total: number, label: string): void;
  update(done: number, detail: string): void;
  /** Prints a line above the bar. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressReporter {
  /** The Logger to hand to the pipeline. */
  log: Logger;
  /** Removes the bar; call once at the end, also after an error. */
  done(): void;
}

/** The fields of the line that opens a stage: `log.info('ingest: 12 files', stageFields('ingest', 12))`. */
export function stageFields(stage: string, total: number): { stage: string; total: number } {
  return { stage, total };
}

/** Whether bars are drawn: a terminal, text logs, not quiet. */
export function wantsBars(options: ProgressOptions): boolean {
  return !options.quiet && options.format === 'text' && (options.isTerminal ?? process.stderr.isTTY === true);
}

/** Lines the pipeline logs once per unit of work (a file loaded or skipped or failed, a model built or kept). */
const STEP = /^(loaded|skipped|built|kept) /;
/** How often a stage's progress is published at most (the last step of a stage always is). */
const PROGRESS_INTERVAL_MS = 250;

export function createProgress(log: Logger, options: ProgressOptions, renderer: () => BarRenderer = terminalBar): ProgressReporter {
  if (!wantsBars(options)) return { log, done: () => undefined };
  let bar: BarRenderer | null = null;
  let done = 0;
  let total = 0;
  const step = (message: string) => {
    if (!bar) return;
    done += 1;
    bar.update(done, escapeControlCharacters(message).replace(/:.*$/, ''));
    // A finished stage's bar goes, so the lines after it (the report, the summary) print plainly.
    if (done >= total) stop();
  };
  const show = (line: string, fallback: () => void) => (bar ? bar.log(escapeControlCharacters(line)) : fallback());
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  const wrapped: Logger = {
    info: (message, fields) => {
      if (typeof fields?.stage === 'string' && typeof fields.total === 'number') {
        stop();
        log.info(message, fields);
        done = 0;
        total = fields.total;
        bar = renderer();
        bar.start(fields.total, fields.stage);
        return;
      }
      show(message, () => log.info(message, fields));
      if (STEP.test(message)) step(message);
    },
    warn: (message, fields) => show(`warn: ${message}`, () => log.warn(message, fields)),
    result: (message, fields) => show(message, () => log.result(message, fields)),
    error: (message, fields) => {
      show(`error: ${message}`, () => log.error(message, fields));
      if (fields?.status === 'failed') step('loaded (failed) ');
    },
  };
  return { log: wrapped, done: stop };
}

/** A cli-progress bar on stderr: `ingest [████░░░░] 12/40 | 7s | loaded touchpoints_2026-05.csv as web.touchpoints`. */
export function terminalBar(stream: NodeJS.WriteStream = process.stderr): BarRenderer {
  const bars = new MultiBar(
    {
      stream,
      format: '{stage} [{bar}] {value}/{total} | {duration_formatted} | {detail}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      // The session releases the lock on SIGINT/SIGTERM; the bar leaves the signals alone.
      gracefulExit: false,
    },
    Presets.shades_classic,
  );
  let bar: SingleBar | null = null;
  return {
    start(total, stage) {
      bar = bars.create(total, 0, { stage, detail: '' });
    },
    update(done, detail) {
      bar?.update(done, { detail });
    },
    log(line) {
      bars.log(`${line}\n`);
    },
    stop() {
      bars.stop();
    },
  };
}
