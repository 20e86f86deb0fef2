/**
 * Run output for people and for log collectors: plain lines by default, one JSON
 * object per line with `--log-format json`, nothing but errors with `--quiet`.
 */
export type LogFormat = 'text' | 'json';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger({
  format = 'text',
  quiet = false,
  write = (line: string) => process.stderr.write(`${line}\n`),
}: { format?: LogFormat; quiet?: boolean; write?: (line: string) => void } = {}): Logger {
  const emit = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => {
    if (quiet && level !== 'error') return;
    if (format === 'json') {
      write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
      return;
    }
    write(level === 'info' ? message : `${level}: ${message}`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** A logger that keeps its lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { ...createLogger({ write: (line) => lines.push(line) }), lines };
}
