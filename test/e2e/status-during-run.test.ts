/**
 * `advocacy status` is what a person runs to see what the pipeline is doing: it works
 * during a run (without the run's lock), says which run is going on and where it is,
 * and is not itself a run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../pipelines/cli.ts';
import { loadConfig } from '../../pipelines/config.ts';
import { ExitCode } from '../../pipelines/errors.ts';
import { ingestFiles } from '../../pipelines/ingest.ts';
import { acquireLock, lockFileFor, type LockOwner } from '../../pipelines/lock.ts';
import { createLogger, memoryLogger } from '../../pipelines/log.ts';
import { countOutcomes } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { describeStatus, type SourceStatus, type StatusReport } from '../../pipelines/status.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder } from '../helpers/warehouse.ts';
import { ADVOCACY } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const EXPORTS = join(ROOT, 'fixtures/exports');

function advocacy(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [ADVOCACY, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `advocacy status` in this process, for when no other process has to hold the warehouse: its exit code and what it printed. */
async function statusHere(cwd: string): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const status = await main(['status', '--config', join(cwd, 'advocacy.config.yaml')], (line) => {
    stdout += `${line}\n`;
  });
  return { status, stdout };
}

/** A project whose warehouse holds the roster, loaded in this process as `advocacy ingest` loads it. */
async function loadedProject(): Promise<{ cwd: string; warehouse: string; config: string }> {
  const cwd = tempFolder('advocacy-status-');
  const configFile = join(cwd, 'advocacy.config.yaml');
  writeFileSync(configFile, 'company:\n  name: Nordlys Energi A/S\nsalt: status-test-salt\nlock:\n  wait_seconds: 1\n');
  cpSync(join(EXPORTS, 'program/ambassadors.csv'), join(cwd, 'ambassadors.csv'));
  const config = loadConfig(configFile);
  const outcomes = await withSession(config, 'ingest', memoryLogger(), async (session) => {
    const loaded = await ingestFiles(session.warehouse, config, [join(cwd, 'ambassadors.csv')], { runId: session.runId, log: session.log });
    return countOutcomes(loaded);
  });
  expect(outcomes).toMatchObject({ filesLoaded: 1, filesFailed: 0 });
  return { cwd, warehouse: config.paths.warehouse, config: configFile };
}

async function runs(warehouse: string): Promise<string[]> {
  const opened = await Warehouse.open(warehouse, { readOnly: true });
  try {
    return (await opened.all<{ command: string }>(`select command from meta.runs order by run_id`)).map((run) => run.command);
  } finally {
    opened.close();
  }
}

function source(overrides: Partial<SourceStatus>): SourceStatus {
  return {
    source: 'program.aliases',
    files: 1,
    rows: 4,
    rejected: 0,
    period_start: null,
    period_end: null,
    last_loaded_at: new Date('2026-11-02T06:00:00Z'),
    days_since_period_end: null,
    ...overrides,
  };
}

function report(sources: SourceStatus[]): StatusReport {
  return { sources, failedFiles: [], rejected: [], rejectedTotal: 0, runs: [], leadStages: [], leadMerges: null, unmatched: [], unused: [], costs: null };
}

describe('advocacy status', () => {
  it('status during a run: answers at once without the lock, naming the run in progress, since when and at which stage', async () => {
    const { cwd, warehouse } = await loadedProject();
    const lock = await acquireLock(warehouse, { command: 'run', waitSeconds: 0, log: createLogger() });
    // The run has the DuckDB file open for writing, as a run does from start to end.
    const writing = await Warehouse.open(warehouse);
    try {
      lock.publishProgress({ stage: 'ingest', done: 3, total: 40 });
      const status = advocacy(['status'], cwd);
      expect(status.status, status.stderr).toBe(ExitCode.ok);
      expect(status.stderr).toBe('');
      expect(status.stdout).toMatch(
        new RegExp(
          `^A run is in progress: "run" \\(pid ${process.pid} on .+\\), started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC; at ingest since \\d\\d:\\d\\d:\\d\\d UTC: 3 of 40 files\\.\\n`,
        ),
      );
      expect(status.stdout).toMatch(/The warehouse is open for writing by this run: what it holds is shown when the run has finished\./);

      lock.publishProgress({ stage: 'build', done: 12, total: 80 });
      expect(advocacy(['status'], cwd).stdout).toMatch(/; at build since .* UTC: 12 of 80 models\./);
      lock.publishProgress({ stage: 'report' });
      expect(advocacy(['status'], cwd).stdout).toMatch(/; at report since .* UTC\./);
    } finally {
      writing.close();
      lock.release();
    }
    const after = await statusHere(cwd);
    expect(after.stdout).not.toMatch(/in progress/);
    expect(after.stdout).toMatch(/Files loaded per source:\n {2}program\.ambassadors/);
  });

  it('status during a run: the run publishes its stage and progress in its lock file as it goes', async () => {
    const { warehouse, config: configFile } = await loadedProject();
    const config = loadConfig(configFile);
    const files = ['program/aliases.csv', 'program/content.csv'].map((file) => join(EXPORTS, file));
    const seen: LockOwner['progress'][] = [];
    const log = memoryLogger();
    await withSession(config, 'ingest', log, (session) =>
      ingestFiles(session.warehouse, config, files, {
        runId: session.runId,
        log: {
          ...session.log,
          info: (message, fields) => {
            session.log.info(message, fields);
            if (message.startsWith('loaded ')) seen.push((JSON.parse(readFileSync(lockFileFor(warehouse), 'utf8')) as LockOwner).progress);
          },
        },
      }).then(() => ({})),
    );
    // The first file's step is published when a quarter second has passed since the stage began; the last always.
    expect(seen[0]).toEqual({
      stage: 'ingest',
      done: expect.toSatisfy((done: number) => done === 0 || done === 1),
      total: 2,
      stage_started_at: expect.any(String),
    });
    expect(seen[1]).toEqual({ stage: 'ingest', done: 2, total: 2, stage_started_at: expect.any(String) });
  });

  it('status is not logged as a run, and its "Last runs" lists only real runs', async () => {
    const { cwd, warehouse } = await loadedProject();
    expect((await statusHere(cwd)).status).toBe(ExitCode.ok);
    const status = await statusHere(cwd);
    expect(status.status).toBe(ExitCode.ok);
    expect(status.stdout).toMatch(/Last runs:\n {2}#1 ingest .* UTC: done in [\d.]+ s\n$/);
    expect(await runs(warehouse)).toEqual(['ingest']);
  });

  it('status prints no "? .. ?" for a source without a period, and a one-day period as that day', () => {
    const lines = describeStatus(
      report([
        source({}),
        source({ source: 'program.goals', period_start: new Date('2026-09-01'), period_end: new Date('2026-09-01') }),
        source({ source: 'web.touchpoints', period_start: new Date('2026-09-01'), period_end: new Date('2026-09-30'), days_since_period_end: 3 }),
      ]),
    );
    expect(lines.join('\n')).not.toMatch(/\?/);
    expect(lines.find((line) => line.includes('program.aliases'))).toMatch(/4 rows +0 rejected$/);
    expect(lines.find((line) => line.includes('program.goals'))).toMatch(/0 rejected {2}2026-09-01$/);
    expect(lines.find((line) => line.includes('web.touchpoints'))).toMatch(/0 rejected {2}2026-09-01 \.\. 2026-09-30, data ends 3 days ago$/);
  });
});
