/**
 * The benchmark: `npm run bench -- --size S|M|L [--seed N] [--json] [--exclude REGEX] [--memory-limit 2GB]`.
 *
 * Generates the synthetic program once into `bench-data/<size>-<seed>/` (git-ignored,
 * reused when present): its history in `history/`, and its last day, as a daily cron
 * receives it, in `next-day/`. Then, on a fresh warehouse in a temp folder, times ingest
 * of the history (per file), build (per model, from the build's results), report, a `run`
 * with nothing new in the inbox, and a `run` whose inbox holds the next day (the daily
 * run). In the same process it measures the reference: DuckDB's bare `read_csv` of the
 * same large analytics files (touchpoints, GA4) into tables, in a fresh DuckDB database file. Prints per-stage wall time, rows per second, peak RSS
 * and the ratio of the pipeline's ingest of those files to the bare read. Not a test.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import { generateProgram } from '../../fixtures/generator/index.ts';
import { build } from '../build.ts';
import { validateConfig } from '../config.ts';
import { ingestFiles, listInputFiles, type FileOutcome } from '../ingest.ts';
import { createLogger, type Logger } from '../log.ts';
import { publishReports, runInbox } from '../run.ts';
import { withSession } from '../session.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '42' },
    json: { type: 'boolean', default: false },
    'memory-limit': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    exclude: { type: 'string' },
  },
});
const size = values.size!;
if (size !== 'S' && size !== 'M' && size !== 'L') {
  process.stderr.write(`--size must be S, M or L, not ${size}\n`);
  process.exit(2);
}
const seed = Number(values.seed);
// Progress goes to stderr in both modes, so a run that fails at a late stage keeps its earlier figures.
const say = (line: string) => process.stderr.write(`${line}\n`);

// Peak memory: RSS sampled every 100 ms, and the kernel's high-water mark at the end.
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
sampler.unref();

const root = resolve(import.meta.dirname, '../..');
const dataDir = join(root, 'bench-data', `${size}-${seed}`);
const programFile = join(dataDir, 'program.json');
const historyDir = join(dataDir, 'history');
const nextDayDir = join(dataDir, 'next-day');
let generationSeconds: number | null = null;
if (!existsSync(programFile) || !existsSync(historyDir)) {
  say(`generating the ${size} program (seed ${seed}) into ${dataDir} (once; reused by later runs)`);
  const partial = `${dataDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const started = performance.now();
  const program = await generateProgram({ seed, size, outDir: join(partial, 'history'), nextDay: join(partial, 'next-day') });
  writeFileSync(join(partial, 'program.json'), `${JSON.stringify({ company: program.company, stats: program.stats }, null, 2)}\n`);
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(partial, dataDir);
  generationSeconds = (performance.now() - started) / 1000;
}
const program = JSON.parse(readFileSync(programFile, 'utf8')) as { company: { name: string; aliases: string[] }; stats: Record<string, number> };
// --exclude REGEX leaves out the files whose path inside the history folder matches (e.g. the
// 17,000 member workbooks of size L, to measure the rest in the time at hand).
const excluded = values.exclude ? new RegExp(values.exclude) : null;
const allFiles = listInputFiles([historyDir]);
const files = allFiles.filter((file) => !excluded?.test(file.slice(historyDir.length + 1)));
const analytics = files.filter((file) => /[/\\](web[/\\]touchpoints|ga4[/\\])/.test(file));

const work = mkdtempSync(join(tmpdir(), `advocacy-bench-${size}-`));
const config = validateConfig(
  {
    company: program.company,
    salt: 'bench-salt-for-synthetic-data-only',
    locale: 'da-DK',
    timezone: 'Europe/Copenhagen',
    currency: 'DKK',
    ...(values['memory-limit'] ? { memory_limit: values['memory-limit'] } : {}),
    paths: { inbox: join(work, 'inbox'), archive: join(work, 'archive'), warehouse: join(work, 'warehouse', 'advocacy.duckdb'), out: join(work, 'out') },
  },
  { root: work, env: {} },
);
const log = createLogger({ quiet: !values.verbose });
const clock = () => performance.now() / 1000;

try {
  // Ingest, file by file, timed.
  say(`ingest: ${files.length} files, ${(files.reduce((total, file) => total + statSync(file).size, 0) / 1e6).toFixed(0)} MB`);
  const perFile: { file: string; source: string | null; seconds: number; rows: number; rejected: number; status: string }[] = [];
  let started = clock();
  // As a run ingests (files parsed ahead, batches landed together); a file's time is the
  // time since the file before it was logged.
  await withSession(config, 'ingest', log, async (session) => {
    let last = clock();
    const record = (fields: Record<string, unknown> | undefined) => {
      const outcome = fields as FileOutcome | undefined;
      if (!outcome || typeof outcome.path !== 'string' || !('status' in outcome)) return;
      const now = clock();
      perFile.push({
        file: outcome.path.slice(historyDir.length + 1),
        source: outcome.status === 'left' ? null : outcome.source,
        seconds: now - last,
        rows: outcome.status === 'loaded' ? outcome.rowsLoaded : 0,
        rejected: outcome.status === 'loaded' ? outcome.rowsRejected : 0,
        status: outcome.status,
      });
      last = now;
    };
    await ingestFiles(session.warehouse, config, files, { runId: session.runId, log: tapped(log, record) });
    return {};
  });
  const ingestSeconds = clock() - started;
  say(`ingest done: ${ingestSeconds.toFixed(1)} s; by source: ${JSON.stringify(bySource(perFile))}; rss ${Math.round(peakRss / 1e6)} MB`);
  const ingestRows = perFile.reduce((total, file) => total + file.rows, 0);
  const analyticsFiles = perFile.filter((file) => analytics.some((path) => path.endsWith(file.file)));
  const analyticsSeconds = analyticsFiles.reduce((total, file) => total + file.seconds, 0);
  const analyticsRows = analyticsFiles.reduce((total, file) => total + file.rows, 0);

  // Build, each model's time from the build's results.
  started = clock();
  const models: { models: { model: string; rows: number; seconds: number }[] } = { models: [] };
  await withSession(config, 'build', log, async (session) => {
    const results = await build(session.warehouse, config, { runId: session.runId, log });
    models.models = results.map((result) => ({ model: result.id, rows: Number(result.rows), seconds: result.milliseconds / 1000 }));
    return {};
  });
  const buildSeconds = clock() - started;
  say(
    `build done: ${buildSeconds.toFixed(1)} s; slowest: ${JSON.stringify([...models.models].sort((a, b) => b.seconds - a.seconds).slice(0, 8))}; rss ${Math.round(peakRss / 1e6)} MB`,
  );

  // Report.
  started = clock();
  await withSession(config, 'report', log, async (session) => {
    await publishReports(session);
    return {};
  });
  const reportSeconds = clock() - started;
  say(`report done: ${reportSeconds.toFixed(1)} s; rss ${Math.round(peakRss / 1e6)} MB`);

  // A run with nothing new: the cron line on a day no export arrived. The first one still
  // checks the warehouse (the stages above ran no check); the next ones are what a daily cron sees.
  mkdirSync(config.paths.inbox, { recursive: true });
  started = clock();
  await withSession(config, 'run', log, (session) => runInbox(session));
  const firstRunSeconds = clock() - started;
  started = clock();
  await withSession(config, 'run', log, (session) => runInbox(session));
  const runSeconds = clock() - started;
  say(`run with nothing new done: ${firstRunSeconds.toFixed(1)} s with the check, then ${runSeconds.toFixed(1)} s`);

  // The daily run: the cron line on the morning the next day's exports arrived.
  const nextDayFiles = listInputFiles([nextDayDir]);
  for (const file of nextDayFiles) {
    const target = join(config.paths.inbox, relative(nextDayDir, file));
    mkdirSync(dirname(target), { recursive: true });
    // Files that arrived overnight: older than the inbox's settle time, so the run takes them at once.
    cpSync(file, target, { preserveTimestamps: true });
  }
  started = clock();
  const dailyModels: { model: string; seconds: number }[] = [];
  const dailyLog = tapped(log, (fields) => {
    // A model built (a kept one has no time).
    if (typeof fields?.model === 'string' && typeof fields.milliseconds === 'number')
      dailyModels.push({ model: fields.model, seconds: fields.milliseconds / 1000 });
  });
  const daily = await withSession(config, 'run', dailyLog, (session) => runInbox(session));
  const incrementalRunSeconds = clock() - started;
  dailyModels.sort((a, b) => b.seconds - a.seconds);
  say(
    `daily run done: ${incrementalRunSeconds.toFixed(1)} s (${JSON.stringify(daily.stageSeconds)}); ${daily.filesLoaded} files, ${daily.modelsBuilt} models built, ${daily.modelsKept} kept`,
  );

  // The reference: DuckDB's bare read_csv of the same analytics files, in a fresh database.
  const reference = await bareRead(analytics, join(work, 'reference.duckdb'), config.memory_limit);

  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const vmHwm = readVmHwm();
  const warehouseBytes = statSync(config.paths.warehouse).size;
  const workbooks = perFile.filter((file) => /\.xlsx$/i.test(file.file) && file.status === 'loaded');
  const result = {
    date: new Date().toISOString(),
    size,
    seed,
    machine: { cores: cpus().length, model: cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(Number(readMeminfoKb()) / 1024 / 1024) },
    program: program.stats,
    generation_seconds: generationSeconds,
    files: files.length,
    excluded_files: allFiles.length - files.length,
    exclude: values.exclude ?? null,
    ingest_seconds: ingestSeconds,
    ingest_rows: ingestRows,
    ingest_rows_per_second: ingestRows / ingestSeconds,
    analytics_files: analyticsFiles.length,
    analytics_ingest_seconds: analyticsSeconds,
    analytics_rows: analyticsRows,
    analytics_rows_per_second: analyticsRows / analyticsSeconds,
    bare_read_seconds: reference.seconds,
    bare_read_rows: reference.rows,
    ingest_vs_bare_read: analyticsSeconds / reference.seconds,
    touchpoints_ingest_seconds: sumWhere(analyticsFiles, (file) => file.source === 'web.touchpoints'),
    touchpoints_bare_read_seconds: reference.touchpointsSeconds,
    build_seconds: buildSeconds,
    models: models.models.sort((a, b) => b.seconds - a.seconds),
    report_seconds: reportSeconds,
    full_run_seconds: ingestSeconds + buildSeconds + reportSeconds,
    first_run_seconds: firstRunSeconds,
    run_seconds: runSeconds,
    incremental_run_seconds: incrementalRunSeconds,
    incremental_run: {
      files: daily.filesLoaded,
      rows: daily.rowsLoaded,
      models_built: daily.modelsBuilt,
      models_kept: daily.modelsKept,
      stage_seconds: daily.stageSeconds,
      models: dailyModels,
    },
    peak_rss_mb: Math.round(peakRss / 1e6),
    vm_hwm_mb: vmHwm === null ? null : Math.round(vmHwm / 1e3),
    warehouse_mb: Math.round(warehouseBytes / 1e6),
    memory_limit: config.memory_limit ?? null,
    workbooks: workbooks.length,
    workbook_ms_each: workbooks.length === 0 ? null : (sumWhere(workbooks, () => true) / workbooks.length) * 1000,
    slowest_files: [...perFile].sort((a, b) => b.seconds - a.seconds).slice(0, 5),
    ingest_by_source: bySource(perFile),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const s = (seconds: number) => `${seconds.toFixed(2)} s`;
    const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds).toLocaleString('en')} rows/s`;
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`benchmark ${size} (seed ${seed}) on ${result.machine.cores} cores, ${result.machine.memory_gb} GB, ${result.date}`);
    if (excluded) out(`  ${result.excluded_files} files left out (--exclude ${values.exclude})`);
    out(`  ingest      ${s(ingestSeconds).padStart(10)}  ${ingestRows.toLocaleString('en')} rows, ${rate(ingestRows, ingestSeconds)}, ${files.length} files`);
    out(
      `    analytics ${s(analyticsSeconds).padStart(10)}  ${analyticsRows.toLocaleString('en')} rows, ${rate(analyticsRows, analyticsSeconds)} (touchpoints ${s(result.touchpoints_ingest_seconds)})`,
    );
    out(
      `    bare read ${s(reference.seconds).padStart(10)}  ${reference.rows.toLocaleString('en')} rows, ${rate(reference.rows, reference.seconds)} (touchpoints ${s(reference.touchpointsSeconds)})`,
    );
    out(`    ratio     ${result.ingest_vs_bare_read.toFixed(2).padStart(8)}x  (target 1.5x)`);
    if (result.workbook_ms_each !== null)
      out(`    workbooks ${result.workbook_ms_each.toFixed(1).padStart(8)} ms each (${result.workbooks} files; target 10 ms)`);
    for (const source of result.ingest_by_source.slice(0, 6)) {
      out(
        `    ${(source.source ?? '(unknown)').padEnd(28)} ${s(source.seconds).padStart(10)}  ${source.files} files, ${source.rows.toLocaleString('en')} rows`,
      );
    }
    out(
      `  build       ${s(buildSeconds).padStart(10)}  ${models.models.length} models; slowest: ${result.models
        .slice(0, 5)
        .map((model) => `${model.model} ${s(model.seconds)}`)
        .join(', ')}`,
    );
    out(`  report      ${s(reportSeconds).padStart(10)}`);
    out(`  full run    ${s(result.full_run_seconds).padStart(10)}  (ingest + build + report)`);
    out(`  run, no new ${s(runSeconds).padStart(9)}  (target 2 s; the first after the build, which checks the warehouse: ${s(firstRunSeconds)})`);
    out(
      `  daily run   ${s(incrementalRunSeconds).padStart(10)}  (the next day's ${daily.filesLoaded} files, ${daily.rowsLoaded.toLocaleString('en')} rows; ${daily.modelsBuilt} models built, ${daily.modelsKept} kept; ${Object.entries(
        daily.stageSeconds,
      )
        .map(([stage, seconds]) => `${stage} ${s(seconds)}`)
        .join(', ')})`,
    );
    out(
      `              slowest models: ${dailyModels
        .slice(0, 8)
        .map((model) => `${model.model} ${s(model.seconds)}`)
        .join(', ')}`,
    );
    out(
      `  peak RSS    ${String(result.peak_rss_mb).padStart(7)} MB  (VmHWM ${result.vm_hwm_mb} MB; memory_limit ${result.memory_limit ?? 'DuckDB default'}); warehouse ${result.warehouse_mb} MB`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function bareRead(paths: readonly string[], database: string, memoryLimit: string | undefined) {
  const instance = await DuckDBInstance.create(database, memoryLimit ? { memory_limit: memoryLimit } : {});
  const connection = await instance.connect();
  let rows = 0;
  let touchpointsSeconds = 0;
  const started = clock();
  try {
    for (const [index, path] of paths.entries()) {
      const fileStarted = clock();
      // GA4 files open with a `#` preamble: the bare read skips it as comments.
      const options = /ga4/.test(path) ? `, comment = '#'` : '';
      await connection.run(`create table t${index} as select * from read_csv(${quotedString(path)}${options})`);
      const reader = await connection.runAndReadAll(`select count(*)::integer as n from t${index}`);
      rows += Number((reader.getRowObjectsJS()[0] as { n: number }).n);
      if (/touchpoints/.test(path)) touchpointsSeconds += clock() - fileStarted;
    }
    return { seconds: clock() - started, rows, touchpointsSeconds };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `log`, handing the fields of every line it writes to `tap` first. */
function tapped(log: Logger, tap: (fields: Record<string, unknown> | undefined) => void): Logger {
  const recording =
    (write: Logger['info']): Logger['info'] =>
    (message, fields) => {
      tap(fields);
      write(message, fields);
    };
  return { ...log, info: recording(log.info), warn: recording(log.warn), error: recording(log.error) };
}

/** Ingest time, files and rows per source, the slowest first. */
function bySource(files: readonly { source: string | null; seconds: number; rows: number }[]) {
  const sources = new Map<string | null, { source: string | null; seconds: number; files: number; rows: number }>();
  for (const file of files) {
    const entry = sources.get(file.source) ?? { source: file.source, seconds: 0, files: 0, rows: 0 };
    entry.seconds += file.seconds;
    entry.files += 1;
    entry.rows += file.rows;
    sources.set(file.source, entry);
  }
  return [...sources.values()].sort((a, b) => b.seconds - a.seconds);
}

function sumWhere<T extends { seconds: number }>(items: readonly T[], keep: (item: T) => boolean): number {
  return items.filter(keep).reduce((total, item) => total + item.seconds, 0);
}

function readVmHwm(): number | null {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function readMeminfoKb(): number {
  try {
    return Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
