/**
 * Workbooks and the CSVs DuckDB does not read are parsed in a child process with a
 * budget: a heap of `ingest.limits.parse_memory_mb` and `ingest.limits.parse_seconds`
 * per file. A file that breaks the budget (a ZIP bomb the declared sizes did not give
 * away, a text too large to decode) ends the child, not the run: the file fails with a
 * note naming the limit, and the next file gets a fresh child.
 *
 * A child serves a whole run and waits between files without keeping the pipeline's
 * process alive; it ends when the pipeline's process does. A run keeps up to two.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, ParsedFile } from '../sources/parse.ts';
import { type AdvocacyError, BadInputError, ConfigError } from './errors.ts';
import { onStopRequested, throwIfStopped } from './stop.ts';

export interface ParseBudget {
  parse_seconds: number;
  parse_memory_mb: number;
}

export interface ParseRequest {
  path: string;
  /** The content the pipeline hashed; a file that no longer has it changed while it was read. */
  sha256: string;
  /** The format's adapter, when already known (forced with `--source`, or recognised from a CSV's start). */
  source: string | null;
  options: LoadOptions;
}

export type ParseResult = { status: 'parsed'; parts: { adapter: string; parsed: ParsedFile }[] } | { status: 'changed' };

/** What the child sends back for a request. */
export type ParseReply = ParseResult | { status: 'error'; error: { name: string; message: string; file?: string; stack?: string } };

// From the sources, the child starts through its tsx bootstrap; from the compiled package
// (this module is `.js`), it runs the compiled module itself, with no TypeScript loader.
const CHILD_ENTRY = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './parser-process-main.mjs' : './parser-process-main.js', import.meta.url));

/** The errors a person can act on that parsing raises, rebuilt on this side by name. */
const ACTIONABLE_ERRORS: Record<string, (message: string, file?: string) => AdvocacyError> = {
  BadInputError: (message, file) => new BadInputError(message, file),
  LimitError: (message, file) => new BadInputError(message, file),
  ConfigError: (message) => new ConfigError(message),
};

export class ParserProcess {
  private child: ChildProcess | null = null;
  private stderrTail = '';
  private memoryMb = 0;

  /** The parse in progress: the child takes one file at a time, so a second caller waits its turn. */
  private turn: Promise<unknown> = Promise.resolve();

  /** Parses one file in the child, within the budget; rejects with a BadInputError when the file breaks it. */
  parse(request: ParseRequest, budget: ParseBudget, fileName: string): Promise<ParseResult> {
    const parsed = this.turn.then(() => this.parseNow(request, budget, fileName));
    this.turn = parsed.catch(() => undefined);
    return parsed;
  }

  private async parseNow(request: ParseRequest, budget: ParseBudget, fileName: string): Promise<ParseResult> {
    throwIfStopped();
    const child = this.ready(budget.parse_memory_mb);
    child.ref();
    child.channel?.ref();
    // A stop signal ends the parse at once; the file is then neither loaded nor failed.
    const unsubscribe = onStopRequested(() => this.stop());
    try {
      const reply = await this.exchange(child, request, budget, fileName).catch((error: unknown) => {
        throwIfStopped();
        throw error;
      });
      if (reply.status !== 'error') return reply;
      const actionable = ACTIONABLE_ERRORS[reply.error.name];
      if (actionable) throw actionable(reply.error.message, reply.error.file);
      throw Object.assign(new Error(`parsing ${fileName} failed: ${reply.error.message}`), { stack: reply.error.stack });
    } finally {
      unsubscribe();
      if (this.child === child) {
        child.unref();
        child.channel?.unref();
      }
    }
  }

  /** Ends the child at once (a stop signal, or the end of the run). */
  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

  private ready(memoryMb: number): ChildProcess {
    if (this.child && this.memoryMb === memoryMb && this.child.connected) return this.child;
    this.stop();
    this.stderrTail = '';
    const child = fork(CHILD_ENTRY, [], {
      execArgv: [`--max-old-space-size=${memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-4000);
    });
    // The child's stderr pipe would otherwise keep the pipeline's process alive.
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    this.child = child;
    this.memoryMb = memoryMb;
    return child;
  }

  private exchange(child: ChildProcess, request: ParseRequest, budget: ParseBudget, fileName: string): Promise<ParseReply> {
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, budget.parse_seconds * 1000);
      const done = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (reply: ParseReply) => {
        done();
        resolve(reply);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        done();
        if (this.child === child) this.child = null;
        reject(this.budgetError(fileName, budget, timedOut, code, signal));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(request);
    });
  }

  private budgetError(fileName: string, budget: ParseBudget, timedOut: boolean, code: number | null, signal: NodeJS.Signals | null): BadInputError {
    const split = 'export a shorter period per file, or save the sheets it needs as CSV';
    if (timedOut) {
      return new BadInputError(
        `${fileName} took longer than ingest.limits.parse_seconds (${budget.parse_seconds} s) to read, so it was not loaded; ${split}; if it is a real export that large, raise ingest.limits.parse_seconds.`,
        fileName,
      );
    }
    if (/heap limit|out of memory|invalid string length|Invalid array length/i.test(this.stderrTail) || signal === 'SIGABRT' || code === 134) {
      return new BadInputError(
        `${fileName} needs more memory to read than ingest.limits.parse_memory_mb (${budget.parse_memory_mb.toLocaleString('en')} MB) allows, so it was not loaded; ${split}; if it is a real export that large, raise ingest.limits.parse_memory_mb on a machine with the memory for it.`,
        fileName,
      );
    }
    const last = this.stderrTail.trim().split('\n').at(-1) ?? '';
    return new BadInputError(
      `${fileName} could not be read: the process reading it ended (${signal ?? `exit code ${code}`}${last ? `: ${last.slice(0, 200)}` : ''}), so it was not loaded; export it again, or save it as CSV.`,
      fileName,
    );
  }
}

/**
 * How many parser processes a run uses: one per core, at most two. Parsing a member
 * workbook takes longer than landing it, so a second process keeps the cores busy; each
 * has its own heap of `parse_memory_mb`.
 */
export const PARSER_PROCESSES = Math.max(1, Math.min(2, availableParallelism()));

const pool: { parser: ParserProcess; waiting: number }[] = [];

/** Parses one file in the pipeline's parser process with the fewest files waiting. */
export async function parseInChild(request: ParseRequest, budget: ParseBudget, fileName: string): Promise<ParseResult> {
  while (pool.length < PARSER_PROCESSES) pool.push({ parser: new ParserProcess(), waiting: 0 });
  const least = pool.reduce((best, entry) => (entry.waiting < best.waiting ? entry : best));
  least.waiting += 1;
  try {
    return await least.parser.parse(request, budget, fileName);
  } finally {
    least.waiting -= 1;
  }
}
