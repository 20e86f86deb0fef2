/**
 * Run output for people and for log collectors: plain lines by default, one JSON
 * object per line with `--log-format json`, nothing but errors with `--quiet` (and, in
 * JSON, the line that ends a run, so a log collector sees every run end).
 */
export type LogFormat = 'text' | 'json';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** The line that ends a run, with its figures: written even with `--quiet` when the log is JSON. */
  result(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger({
  format = 'text',
  quiet = false,
  write = (line: string) => process.stderr.write(`${line}\n`),
}: {
  format?: LogFormat;
  quiet?: boolean;
  write?: (line: string) => void;
} = {}): Logger {
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (quiet && level !== 'error') return;
    if (format === 'json') {
      write(jsonLogLine(level, message, fields));
      return;
    }
    const line = escapeControlCharacters(message);
    write(level === 'info' ? line : `${level}: ${line}`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    result: (message, fields) => (format === 'json' && quiet ? write(jsonLogLine('info', message, fields)) : emit('info', message, fields)),
  };
}

export type LogLevel = 'info' | 'warn' | 'error';

/** One event as one line of JSON, as `--log-format json` writes every line of output. */
export function jsonLogLine(level: LogLevel, message: string, fields?: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
}

const CONTROL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A text log line with its control characters written as escapes (`\n`, `\u001b`): a
 * logged value (a file name may hold a line break or a terminal escape) then cannot
 * start a line of its own or rewrite the terminal, so one event is always one line.
 */
export function escapeControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => CONTROL_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A logger that keeps its lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { ...createLogger({ write: (line) => lines.push(line) }), lines };
}
