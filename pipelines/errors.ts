/**
 * Errors a person can act on. Each carries one human sentence and the exit code the
 * command line ends with; anything else that reaches the command-line edge is a bug
 * and exits with `ExitCode.internal`.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  badInput: 3,
  config: 4,
  lockHeld: 5,
  checkFailed: 6,
  warehouseDamaged: 7,
  warehouseReadOnly: 8,
  diskFull: 9,
  /** Stopped by a signal: 128 + its number, as a shell reports a process the signal ended. */
  stoppedByHangup: 129,
  stoppedByInterrupt: 130,
  stoppedByTermination: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class AdvocacyError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The signals that stop a run gracefully, and the exit code each ends it with. */
export const STOP_EXIT_CODES = {
  SIGHUP: ExitCode.stoppedByHangup,
  SIGINT: ExitCode.stoppedByInterrupt,
  SIGTERM: ExitCode.stoppedByTermination,
} as const;
export type StopSignal = keyof typeof STOP_EXIT_CODES;
export const STOP_SIGNALS = Object.keys(STOP_EXIT_CODES) as StopSignal[];

/**
 * The run was stopped by a signal (Ctrl-C, a scheduler's SIGTERM, a closed terminal):
 * its running query was interrupted and rolled back, and the warehouse was closed.
 */
export class StoppedError extends AdvocacyError {
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${signal}; the step that was running was rolled back, and the next run completes it`, STOP_EXIT_CODES[signal]);
  }
}

/** The command line was used wrongly (unknown command, missing argument). */
export class UsageError extends AdvocacyError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** The config file is missing, unreadable or invalid; the message names the key. */
export class ConfigError extends AdvocacyError {
  constructor(message: string) {
    super(message, ExitCode.config);
  }
}

/** An input file cannot be loaded at all; the message names the file and what to do. */
export class BadInputError extends AdvocacyError {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message, ExitCode.badInput);
  }
}

/** A model file is malformed, or the models' dependencies are unknown or cyclic. */
export class ModelError extends AdvocacyError {
  constructor(message: string) {
    super(message, ExitCode.internal);
  }
}

/** A model's declared checks (unique key, not null, accepted values) failed. */
export class CheckFailedError extends AdvocacyError {
  constructor(message: string) {
    super(message, ExitCode.checkFailed);
  }
}

/**
 * A mart was built with other columns than models/marts/contracts.ts declares for it: the
 * model and its contract must change together.
 */
export class MartContractError extends AdvocacyError {
  constructor(
    message: string,
    readonly modelFile: string,
    readonly column: string,
    readonly declared: string,
    readonly actual: string,
  ) {
    super(message, ExitCode.checkFailed);
  }
}

/** A report found a mart missing, or built with other columns than this version reads: the warehouse needs a build. */
export class OutdatedMartError extends AdvocacyError {
  constructor(
    readonly mart: string,
    detail: string,
  ) {
    super(`The warehouse's marts.${mart} was built by another version of the pipeline: run \`advocacy build\` (${detail}).`, ExitCode.checkFailed);
  }
}
