/**
 * Progress for long runs: a bar per stage (files loaded, models built) when stderr is
 * a terminal, the Logger's plain lines when it is not (cron, a pipe, `--log-format
 * json`), nothing with `--quiet`. The pipeline code does not change: ingest and build
 * already log one line per file and per model, so the reporter wraps the Logger, and
 * each such line advances the bar (and is printed above it).
 */
import type { LogFormat, Logger } from './log.ts';

export interface ProgressOptions {
  format: LogFormat;
  quiet: boolean;
  /** __Default value:__ `process.stderr.isTTY` */
  isTerminal?: boolean;
}

/** Draws bars (cli-progress when installed; a one-line renderer otherwise). */
export interface BarRenderer {
  start(total: number, label: string): void;
  update(done: number, detail: string): void;
  /** Prints a line above the bar. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressReporter {
  /** The Logger to hand to ingest and build: each per-file or per-model line advances the bar. */
  log: Logger;
  /** Starts a stage of `total` steps (files or models). */
  stage(label: string, total: number): void;
  done(): void;
}

/** Whether bars are drawn: a terminal, text logs, not quiet. */
export function wantsBars(options: ProgressOptions): boolean {
  return !options.quiet && options.format === 'text' && (options.isTerminal ?? process.stderr.isTTY === true);
}

/** Lines the pipeline logs once per unit of work (a file loaded or skipped or failed, a model built). */
const STEP = /^(loaded|skipped|built) /;

export function createProgress(log: Logger, options: ProgressOptions, renderer: BarRenderer = lineRenderer()): ProgressReporter {
  if (!wantsBars(options)) return { log, stage: () => undefined, done: () => undefined };
  let done = 0;
  let active = false;
  const step = (message: string) => {
    if (!active) return;
    if (STEP.test(message)) {
      done += 1;
      renderer.update(done, message.replace(/:.*$/, ''));
    }
  };
  const wrapped: Logger = {
    info: (message, fields) => {
      if (active) renderer.log(message);
      else log.info(message, fields);
      step(message);
    },
    warn: (message, fields) => {
      if (active) renderer.log(`warn: ${message}`);
      else log.warn(message, fields);
    },
    error: (message, fields) => {
      if (active) renderer.log(`error: ${message}`);
      else log.error(message, fields);
      if (fields?.status === 'failed') step('loaded (failed) ');
    },
  };
  return {
    log: wrapped,
    stage(label, total) {
      if (active) renderer.stop();
      done = 0;
      active = true;
      renderer.start(total, label);
    },
    done() {
      if (active) renderer.stop();
      active = false;
    },
  };
}

/** A dependency-free bar on one line of stderr: `ingest [#####-----] 12/40 loaded touchpoints_2026-05.csv`. */
export function lineRenderer(stream: NodeJS.WriteStream = process.stderr, width = 30): BarRenderer {
  let total = 0;
  let label = '';
  let last = '';
  const draw = (done: number, detail: string) => {
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    last = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${detail}`.slice(0, (stream.columns ?? 120) - 1);
    stream.write(`\r\u001b[2K${last}`);
  };
  return {
    start(steps, name) {
      total = steps;
      label = name;
      draw(0, '');
    },
    update: draw,
    log(line) {
      stream.write(`\r\u001b[2K${line}\n${last}`);
    },
    stop() {
      stream.write('\r\u001b[2K');
    },
  };
}
