/**
 * The command line: argv → one command. Errors meant for people are caught here, once,
 * and printed as one sentence with the command's exit code; anything else is a bug and
 * exits with the internal-error code.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from './config.ts';
import { AdvocacyError, ExitCode, UsageError } from './errors.ts';
import { createLogger, jsonLogLine, type LogFormat, type Logger } from './log.ts';
import { createProgress, type ProgressReporter } from './progress.ts';

// Each command loads the modules it needs when it runs (the adapters and their spreadsheet
// reader, the models, the chart renderers), so that `--help`, `status` and a cron `run`
// with nothing new do not pay for the others at start-up.
const session = () => import('./session.ts');

const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  quiet: { type: 'boolean', short: 'q' },
  'log-format': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const COMMON_HELP = `Options for every command:
  -c, --config FILE     the config (default: ./advocacy.config.yaml, .yml or .json)
  -q, --quiet           print nothing but errors
  --log-format FORMAT   text (default) or json, one object per line, for log collectors
  -h, --help            this help`;

const REVALUE_EMV_HELP = "value all past days' EMV at the config's rates, not the rates each day was first valued at";
const REVALUE_EMV_DETAILS =
  "Past days keep the EMV rates they were first valued at, so an edited rate changes only days not valued yet; the leadership report says when the config's rates differ from those applied. --revalue-emv values all of history at the config's rates, and meta.runs records the option.";

interface Command {
  summary: string;
  usage: string;
  details: string;
  options?: ParseArgsConfig['options'];
  /** One line of help for an option, where its name does not say enough. */
  optionHelp?: Record<string, string>;
  allowPositionals?: boolean;
  /** Does the work; returns an exit code other than 0 when the command finished but something failed. */
  run(args: {
    positionals: string[];
    values: Record<string, unknown>;
    log: Logger;
    out: (line: string) => void;
    /** Prints a run's summary lines; with JSON logs the run's `run finished` line is its summary, one object. */
    summary: (lines: string[]) => void;
    // biome-ignore lint/suspicious/noConfusingVoidType: a command that always succeeds returns nothing.
  }): Promise<ExitCode | void>;
}

const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'write a commented starter config, its folders and file templates here (or where --config says)',
    usage: 'advocacy init',
    details:
      "Writes advocacy.config.yaml (or the file --config names, creating its folder), and beside it the inbox, archive, warehouse and out folders and templates/ with one example of each of the program's own files (ambassadors, aliases, goals, content, share log, trainings, costs, touchpoints, outcomes). Never overwrites.",
    async run({ values, out }) {
      const { initProject } = await import('./init.ts');
      const [configFile, ...others] = initProject(typeof values.config === 'string' ? values.config : 'advocacy.config.yaml');
      for (const file of [configFile, ...others]) out(`wrote ${file}`);
      out(`Next: set company.name in ${configFile}, set ADVOCACY_SALT, drop exports into its inbox/ and run "advocacy run".`);
    },
  },
  ingest: {
    summary: 'load export files or folders into the warehouse',
    usage: 'advocacy ingest <files or folders...> [--source NAME]',
    details:
      "Recognises each file's format from its header and loads it in one transaction. A file loaded before (same bytes) is skipped. Bad rows go to meta.rejected_rows with file, line, field and reason.",
    options: { source: { type: 'string' } },
    allowPositionals: true,
    async run({ positionals, values, log, out }) {
      if (positionals.length === 0) throw new UsageError('Name at least one file or folder to ingest, e.g. "advocacy ingest inbox/".');
      if (typeof values.source === 'string') await requireKnownSource(values.source);
      const config = await configFrom(values);
      const [{ ingestFiles, listInputFiles }, { countOutcomes, countShareLogIdsOnNoRoster, describeShareLogIdsOnNoRoster }, { withSession }] =
        await Promise.all([import('./ingest.ts'), import('./run.ts'), session()]);
      const files = listInputFiles(positionals, (path, reason) => log.warn(`skipped ${path}: ${reason}`));
      const totals = await withSession(config, 'ingest', log, async (session) => {
        const outcomes = await ingestFiles(session.warehouse, config, files, {
          runId: session.runId,
          log: session.log,
          ...(typeof values.source === 'string' ? { source: values.source } : {}),
        });
        return { ...countOutcomes(outcomes), idsOnNoRoster: await countShareLogIdsOnNoRoster(session.warehouse) };
      });
      out(
        `files: ${totals.filesLoaded} loaded, ${totals.filesAlreadyLoaded} already loaded (nothing to do), ${totals.filesFailed} failed; rows: ${totals.rowsLoaded} loaded, ${totals.rowsRejected} rejected`,
      );
      for (const line of describeShareLogIdsOnNoRoster(totals.idsOnNoRoster)) out(line);
      return totals.filesFailed > 0 ? ExitCode.badInput : ExitCode.ok;
    },
  },
  build: {
    summary: 'run the models (staging, core, marts) in dependency order',
    usage: 'advocacy build [--full] [--revalue-emv]',
    details: `Runs the models under models/ in the order their depends_on headers give, in one transaction, with the checks each declares. A model whose inputs (the files its raw tables hold, the config, the models it reads, the code) are as they were when it was last built is kept as it is; --full builds every model again. ${REVALUE_EMV_DETAILS}`,
    options: { full: { type: 'boolean' }, 'revalue-emv': { type: 'boolean' } },
    optionHelp: { full: 'build every model, even those whose inputs have not changed', 'revalue-emv': REVALUE_EMV_HELP },
    async run({ values, log, out }) {
      const config = await configFrom(values);
      const revalueEmv = values['revalue-emv'] === true;
      const full = values.full === true;
      const [{ build, countModels, describeModels }, { withSession }] = await Promise.all([import('./build.ts'), session()]);
      await withSession(
        config,
        'build',
        log,
        async (session) => {
          const results = await build(session.warehouse, config, { runId: session.runId, log: session.log, revalueEmv, full });
          out(describeModels(countModels(results)));
          return {};
        },
        [...(full ? ['--full'] : []), ...(revalueEmv ? ['--revalue-emv'] : [])],
      );
    },
  },
  report: {
    summary: 'write the reports from the marts',
    usage: 'advocacy report [--force]',
    details:
      "Writes the leadership, program and attribution reports (self-contained HTML), each chart's Vega-Lite spec, SVG and PNG, and every mart as CSV, Parquet and Arrow into paths.out/<date>T<time>/ and paths.out/latest/. Skipped when no file was loaded, no build ran and the config is unchanged since the last reports; --force rebuilds them.",
    options: { force: { type: 'boolean' } },
    async run({ values, log, out }) {
      const config = await configFrom(values);
      const [{ writeReports }, { withSession }] = await Promise.all([import('./report.ts'), session()]);
      await withSession(config, 'report', log, async (session) => {
        // writeReports stages and renames the run folder and latest/ itself (reports/write.ts).
        const written = await writeReports(session, { force: values.force === true });
        out(
          written.skipped
            ? `reports are up to date in ${written.latestDir} (use --force to rebuild)`
            : `wrote ${written.files.length} files to ${written.runDir} and ${written.latestDir}`,
        );
        return {};
      });
    },
  },
  run: {
    summary: 'ingest what is new in the inbox, build and report (what a cron line calls)',
    usage: 'advocacy run [--revalue-emv]',
    details: `Loads every file in paths.inbox, moves loaded files to paths.archive/<date>/ and failed ones to inbox/failed/ with a .error.txt saying why, then builds the models and writes the reports. ${REVALUE_EMV_DETAILS} With --revalue-emv the run builds even when nothing is new.`,
    options: { 'revalue-emv': { type: 'boolean' } },
    optionHelp: { 'revalue-emv': REVALUE_EMV_HELP },
    async run({ values, log, summary: printSummary }) {
      const config = await configFrom(values);
      const revalueEmv = values['revalue-emv'] === true;
      const [{ describeSummary, runInbox }, { withSession }] = await Promise.all([import('./run.ts'), session()]);
      const summary = await withSession(config, 'run', log, (session) => runInbox(session, { revalueEmv }), revalueEmv ? ['--revalue-emv'] : []);
      printSummary(describeSummary(summary));
      return loadExitCode(summary);
    },
  },
  rebuild: {
    summary: 'make the warehouse again from the archived exports, compare it with the one it replaces and swap it in',
    usage: 'advocacy rebuild --from-archive [--force]',
    details:
      'For a damaged warehouse (exit code 7), or to make it again from its inputs. Holding the warehouse\'s lock, loads every file under paths.archive (day folders in date order; when the warehouse can be read, in the order it loaded them) into <warehouse>.rebuilding, builds, checks and writes the reports as "run" does. Then compares it with the warehouse it replaces: the files that one loaded which the archive lacks (loaded with "advocacy ingest" from elsewhere), and the rows of every mart. The replaced warehouse is renamed <warehouse>.replaced-<time> and kept; one that cannot be read is moved aside as it is. The EMV rates past days were first valued at are taken from the replaced warehouse, so history is valued as before. When the archive lacks files the warehouse holds, or the rebuilt warehouse fails a check, nothing is replaced (exit code 6) unless --force is given. A rebuild that fails or is stopped leaves the warehouse as it was.',
    options: { 'from-archive': { type: 'boolean' }, force: { type: 'boolean' } },
    optionHelp: {
      'from-archive': 'load the files under paths.archive (required: the archive is what a warehouse is rebuilt from)',
      force: 'replace the warehouse even when the archive lacks files it holds or the rebuilt warehouse fails a check',
    },
    async run({ values, log, out }) {
      if (values['from-archive'] !== true) throw new UsageError('Say what to rebuild from: "advocacy rebuild --from-archive".');
      const config = await configFrom(values);
      const { describeRebuild, rebuildFromArchive } = await import('./rebuild.ts');
      const summary = await rebuildFromArchive(config, log, { force: values.force === true });
      for (const line of describeRebuild(summary, config.paths.warehouse)) out(line);
      return loadExitCode(summary);
    },
  },
  status: {
    summary: 'files loaded per source, rejected rows, last runs and freshness',
    usage: 'advocacy status',
    details:
      'Reads meta.files, meta.rejected_rows and meta.runs and prints what the warehouse holds. Takes no lock and is not logged as a run, so it can be run during a run: it then says which run is in progress, since when and at which stage (ingest, build, report, with files or models done), and shows the warehouse when that run has finished with it.',
    async run({ values, out }) {
      const config = await configFrom(values);
      const { currentStatus } = await import('./status.ts');
      for (const line of await currentStatus(config)) out(line);
    },
  },
  check: {
    summary: "check that the warehouse is consistent with its file log and its models' checks",
    usage: 'advocacy check',
    details:
      "Checks that each loaded file's rows are in the raw layer as meta.files says (no partial or double load, no orphaned rows), that natural keys are unique, that every model's declared checks hold, and that each outcome's attribution credits sum to one. Lists data issues (a lead who is not on the roster) as warnings. Changes nothing; exits 6 when a check fails.",
    async run({ values, log, out }) {
      const config = await configFrom(values);
      const [{ checkWarehouse, describeCheck }, { withSession }] = await Promise.all([import('./check.ts'), session()]);
      const result = await withSession(config, 'check', log, async (session) => {
        const checked = await checkWarehouse(session.warehouse);
        return { ...checked, ...(checked.problems.length > 0 ? { message: `${checked.problems.length} checks failed` } : {}) };
      });
      const lines = describeCheck(result);
      if (result.problems.length === 0) {
        for (const line of lines) out(line);
        return ExitCode.ok;
      }
      for (const line of lines) log.error(line);
      return ExitCode.checkFailed;
    },
  },
  attribution: {
    summary: 'print every attribution model side by side for an outcome kind and granularity',
    usage: 'advocacy attribution [--kind lead|conversion|application|hire|all] [--granularity ambassador|program] [--format table|csv] [--limit N]',
    details:
      'Reads marts.attribution_summary (run "advocacy build" first). The table has a row per channel and a column per model (last touch, first touch, linear, time decay, position based, markov, shapley, fractribution), in outcomes credited, the default model\'s biggest channels first; --limit (default 25, 0 for all) folds the rest into one row. --kind defaults to all (the kinds added up), --granularity to program (ambassadors as one channel, "Employee advocacy"); ambassador makes each ambassador a channel. --format csv prints model,channel,outcomes,value for every model and channel.',
    options: { kind: { type: 'string' }, granularity: { type: 'string' }, format: { type: 'string' }, limit: { type: 'string' } },
    async run({ values, log, out }) {
      const [{ attributionReport, parseAttributionOptions }, { withSession }] = await Promise.all([import('./attribution.ts'), session()]);
      const options = parseAttributionOptions(values);
      const config = await configFrom(values);
      await withSession(config, 'attribution', log, async (session) => {
        for (const line of await attributionReport(session.warehouse, config, options)) out(line);
        return {};
      });
    },
  },
  explain: {
    summary: 'say where a figure in the reports comes from: its definition, value, components and a query that reproduces it',
    usage: 'advocacy explain [FIGURE] [--language en|da]',
    details:
      'Without FIGURE, lists every figure the reports state with its value. With FIGURE (e.g. impressions, roi, leads_credited), prints its definition, its value over the program to date, the components it adds up from with their values, and the SQL that gives the same numbers from the marts in DuckDB. Reads marts.figures (run "advocacy build" first).',
    options: { language: { type: 'string' } },
    allowPositionals: true,
    async run({ positionals, values, log, out }) {
      if (positionals.length > 1) throw new UsageError('Name one figure, e.g. "advocacy explain impressions", or none to list them.');
      const language = values.language ?? 'en';
      if (language !== 'en' && language !== 'da') throw new UsageError(`--language must be en or da, not "${String(language)}".`);
      const config = await configFrom(values);
      const [{ explainFigure }, { withSession }] = await Promise.all([import('./explain.ts'), session()]);
      await withSession(config, 'explain', log, async (session) => {
        const lines = await explainFigure(session.warehouse, positionals[0], { language, currency: config.currency, warehousePath: config.paths.warehouse });
        for (const line of lines) out(line);
        return {};
      });
    },
  },
  demo: {
    summary: "generate the demo program's exports and run everything on them (needs no config)",
    usage: 'advocacy demo [--shape tidy|mixed]',
    details:
      'Writes a seeded synthetic program (60 ambassadors, 6 months) in the real export formats to ./demo-exports, then ingests, builds and reports into ./warehouse/advocacy.duckdb and ./out.',
    options: { shape: { type: 'string' } },
    optionHelp: {
      shape:
        "tidy (default): a visit-level touchpoints file, HubSpot alone, one form of every post link. mixed: GA4 daily reports and no touchpoints file, HubSpot and a Salesforce lead report sharing some people (and an employee among the contacts), share-log links as LinkedIn's Share button copies them, and a Shares.csv outside any ambassador's folder.",
    },
    async run({ values, log, out, summary: printSummary }) {
      const [{ runDemo }, { describeSummary }, { PROGRAM_SHAPES }] = await Promise.all([
        import('./demo.ts'),
        import('./run.ts'),
        import('../fixtures/generator/index.ts'),
      ]);
      const shape = PROGRAM_SHAPES.find((name) => name === (values.shape ?? 'tidy'));
      if (!shape) throw new UsageError(`--shape must be one of ${PROGRAM_SHAPES.join(', ')}, not "${String(values.shape)}".`);
      const { config, summary } = await runDemo(process.cwd(), log, shape);
      printSummary(describeSummary(summary));
      out(`Open ${config.paths.out}/latest/leadership.html (and program.html, attribution.html); query ${config.paths.warehouse} with DuckDB;`);
      out(
        'try the other commands on it with --config demo-exports/advocacy.config.json (e.g. "npx advocacy status --config demo-exports/advocacy.config.json").',
      );
    },
  },
};

// The config's schema (zod) and YAML parser take longer to load than the rest of the
// command line, so `--help` and a mistyped command do without them.
async function configFrom(values: Record<string, unknown>): Promise<Config> {
  const { findConfigFile, loadConfig } = await import('./config.ts');
  return loadConfig(findConfigFile(typeof values.config === 'string' ? values.config : undefined));
}

export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'advocacy: analytics and ROI for employee-advocacy programs',
    '',
    'Usage: advocacy <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    COMMON_HELP,
    '',
    'Exit codes: 0 done, 2 wrong usage, 3 bad input (a file failed), 4 bad config, 5 lock held, 6 check failed, 7 warehouse damaged, 8 warehouse not writable, 9 disk full, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP, 1 internal error.',
    'Run "advocacy <command> --help" for a command\'s own help.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const own = Object.keys(command.options ?? {}).map((option) => {
    const help = command.optionHelp?.[option];
    return help ? `  --${option.padEnd(20)}${help}` : `  --${option}`;
  });
  return [`Usage: ${command.usage}`, '', `${command.summary}.`, command.details, ...(own.length ? ['', 'Options:', ...own] : []), '', COMMON_HELP].join('\n');
}

/** A run's or rebuild's exit code: a failed check outweighs a file that could not be loaded. */
function loadExitCode(summary: { checkProblems: readonly unknown[]; filesFailed: number }): ExitCode {
  if (summary.checkProblems.length > 0) return ExitCode.checkFailed;
  return summary.filesFailed > 0 ? ExitCode.badInput : ExitCode.ok;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const [name, ...rest] = argv;
  const format = requestedLogFormat(rest);
  // With JSON logs every line of output is an object, the command's own lines included.
  const print = format === 'json' ? (line: string) => out(jsonLogLine('info', line)) : out;
  let log: Logger = createLogger({ format });
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    print(helpText());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    const message = `unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(', ')}.`;
    if (format === 'json') log.error(message);
    else process.stderr.write(`advocacy: ${message}\n`);
    return ExitCode.usage;
  }
  let progress: ProgressReporter | null = null;
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      print(commandHelp(command));
      return ExitCode.ok;
    }
    const asked = values['log-format'] ?? 'text';
    if (asked !== 'text' && asked !== 'json') throw new UsageError(`--log-format must be text or json, not "${String(asked)}".`);
    const logOptions = { format, quiet: values.quiet === true };
    progress = createProgress(createLogger(logOptions), logOptions);
    log = progress.log;
    const quietOut = values.quiet === true ? () => undefined : print;
    const summary = (lines: string[]) => {
      if (format === 'text') for (const line of lines) quietOut(line);
    };
    return (await command.run({ positionals, values, log, out: quietOut, summary })) ?? ExitCode.ok;
  } catch (error) {
    if (error instanceof AdvocacyError) {
      log.error(error.message);
      return error.exitCode;
    }
    const stack = process.env.ADVOCACY_DEBUG ? (error as Error).stack : undefined;
    log.error(
      `internal error: ${(error as Error).message}. This is a bug; please report it with the command you ran.`,
      format === 'json' && stack ? { stack } : undefined,
    );
    if (format === 'text' && stack) process.stderr.write(`${stack}\n`);
    return ExitCode.internal;
  } finally {
    progress?.done();
  }
}

/**
 * The log format the arguments ask for, read before they are parsed so that a mistake in
 * them is reported in that format too; anything but json is checked after parsing.
 */
function requestedLogFormat(args: readonly string[]): LogFormat {
  const at = args.indexOf('--log-format');
  const value = at >= 0 ? args[at + 1] : args.find((arg) => arg.startsWith('--log-format='))?.slice('--log-format='.length);
  return value === 'json' ? 'json' : 'text';
}

/** An unknown `--source` is a mistake in the command, not in an input file. */
async function requireKnownSource(name: string): Promise<void> {
  const { adapterByName } = await import('../sources/index.ts');
  try {
    adapterByName(name);
  } catch (error) {
    if (error instanceof AdvocacyError) throw new UsageError(error.message);
    throw error;
  }
}

function parseCommandArgs(command: Command, args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...(command.options ?? {}) },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    }) as { values: Record<string, unknown>; positionals: string[] };
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}; see "--help".`);
  }
}
