/**
 * One input file cannot take a run's memory or time, and a file still being written is
 * never half-loaded: the files found by hand were a 2.8 MB workbook that unpacks to
 * 300,000 rows of 100 cells, a touchpoints header with a million columns, and a
 * touchpoints file growing while the run read it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../pipelines/config.ts';
import { BadInputError } from '../../pipelines/errors.ts';
import { ingestFile, ingestFiles, listInputFiles } from '../../pipelines/ingest.ts';
import { createLogger, memoryLogger } from '../../pipelines/log.ts';
import { ParserProcess } from '../../pipelines/parser-process.ts';
import { runInbox, type RunSummary } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { bombWorkbook, wideCsv } from '../helpers/hostile-files.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

const EXPORTS = join(import.meta.dirname, '../../fixtures/exports');

async function rowCounts(config: Config, tables: readonly string[]): Promise<Record<string, number>> {
  const warehouse = await Warehouse.open(config.paths.warehouse, { readOnly: true });
  try {
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = (await warehouse.one<{ n: number }>(`select count(*)::integer as n from ${table}`))!.n;
    return counts;
  } finally {
    warehouse.close();
  }
}

describe('an inbox holding a ZIP bomb, a million-column file, a link to an outside folder and a roster', () => {
  const outside = tempFolder('advocacy-outside-');
  let config: Config;
  let summary: RunSummary;
  let lines: string[];

  beforeAll(async () => {
    config = testConfig({}, tempFolder());
    const { inbox } = config.paths;
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'bomb.xlsx'), bombWorkbook());
    writeFileSync(join(inbox, 'touchpoints-wide.csv'), wideCsv(['visitor_id', 'touched_at'], 1_000_000, ['GA1.1.1.2', '2026-10-01T10:00:00Z']));
    copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), join(inbox, 'ambassadors.csv'));
    copyFileSync(join(EXPORTS, 'web/outcomes.csv'), join(outside, 'outcomes.csv'));
    symlinkSync(outside, join(inbox, 'elsewhere'));
    const log = memoryLogger();
    summary = await withSession(config, 'run', log, (session) => runInbox(session));
    lines = log.lines;
  });

  it('the run finishes and loads the roster', async () => {
    expect(summary).toMatchObject({ filesLoaded: 1, filesFailed: 2, filesSkipped: 1 });
    const counts = await rowCounts(config, ['raw.program__ambassadors', 'raw.web__touchpoints']);
    expect(counts['raw.program__ambassadors']).toBeGreaterThan(0);
    expect(counts['raw.web__touchpoints']).toBe(0);
  });

  it('the ZIP bomb goes to failed/ with a note naming ingest.limits.workbook_mb and what to do', () => {
    const note = readFileSync(join(config.paths.inbox, 'failed/bomb.xlsx.error.txt'), 'utf8');
    expect(note).toMatch(
      /^bomb\.xlsx unpacks to 865 MB \(its 3 MB are compressed\), more than ingest\.limits\.workbook_mb \(512 MB\) allows, so it was not read\./,
    );
    expect(note).toMatch(/export a shorter period, or save the sheets it needs as CSV/);
  });

  it('the million-column file goes to failed/ with a note naming ingest.limits.columns', () => {
    const note = readFileSync(join(config.paths.inbox, 'failed/touchpoints-wide.csv.error.txt'), 'utf8');
    expect(note).toMatch(/^touchpoints-wide\.csv: line 1 has 1,000,002 columns, more than ingest\.limits\.columns \(5,000\) allows/);
  });

  it('both refusals are recorded in meta.files, so status names them', async () => {
    const warehouse = await Warehouse.open(config.paths.warehouse, { readOnly: true });
    try {
      const failed = await warehouse.all<{ file_name: string; message: string }>(
        `select file_name, message from meta.files where status = 'failed' order by file_name`,
      );
      expect(failed.map((row) => row.file_name)).toEqual(['bomb.xlsx', 'touchpoints-wide.csv']);
    } finally {
      warehouse.close();
    }
  });

  it('the linked folder outside is neither read nor moved', () => {
    expect(readdirSync(outside)).toEqual(['outcomes.csv']);
    expect(lines.some((line) => /skipped elsewhere in the inbox.*link/.test(line))).toBe(true);
  });
});

describe('the parser process budget', () => {
  it('a workbook that declares no dimension and passes the size limits but needs more heap than parse_memory_mb fails alone; the next workbook loads', async () => {
    const config = testConfig({ ingest: { settle_seconds: 0, limits: { parse_memory_mb: 64 } } });
    const { inbox } = config.paths;
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'a-bomb.xlsx'), bombWorkbook({ sheets: 1, rows: 50_000, declareDimension: false }));
    copyFileSync(join(EXPORTS, 'linkedin/AggregateAnalytics_Jens Hansen_2026-10-01_2026-10-31.xlsx'), join(inbox, 'b-aggregate.xlsx'));
    const outcomes = await withWarehouse((warehouse) => ingestFiles(warehouse, config, listInputFiles([inbox]), { runId: null, log: memoryLogger() }));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'loaded']);
    expect(outcomes[0]).toMatchObject({
      message: expect.stringMatching(
        /^a-bomb\.xlsx needs more memory to read than ingest\.limits\.parse_memory_mb \(64 MB\) allows, so it was not loaded; export a shorter period per file/,
      ),
    });
  });

  it('two files parsed at the same time each get their own rows back', async () => {
    const parser = new ParserProcess();
    const request = (file: string) => {
      const path = join(EXPORTS, file);
      const options = { fileName: basename(path), folderName: 'program', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
      return parser.parse(
        { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), source: null, options },
        { parse_seconds: 60, parse_memory_mb: 256 },
        basename(path),
      );
    };
    try {
      const files = ['program/ambassadors.csv', 'program/goals.csv', 'program/trainings.csv', 'program/costs.csv'];
      const results = await Promise.all(files.map(request));
      expect(results.map((result) => (result.status === 'parsed' ? result.parts[0]!.adapter : result.status))).toEqual([
        'program.ambassadors',
        'program.goals',
        'program.trainings',
        'program.costs',
      ]);
    } finally {
      parser.stop();
    }
  });

  it('a file whose reading does not end within parse_seconds is stopped and fails with a note naming the limit', async () => {
    const folder = tempFolder();
    const fifo = join(folder, 'never-ends.csv');
    mkfifoSync(fifo);
    const parser = new ParserProcess();
    try {
      const attempt = parser.parse(
        {
          path: fifo,
          sha256: '',
          source: null,
          options: { fileName: 'never-ends.csv', folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: null },
        },
        { parse_seconds: 5, parse_memory_mb: 256 },
        'never-ends.csv',
      );
      await expect(attempt).rejects.toThrow(BadInputError);
      await expect(attempt).rejects.toThrow(/^never-ends\.csv took longer than ingest\.limits\.parse_seconds \(5 s\) to read, so it was not loaded/);
    } finally {
      parser.stop();
    }
  });
});

function mkfifoSync(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed`);
}

describe('stable files only', () => {
  it('a file modified within ingest.settle_seconds is waited for and loads; one that changes while the run waits is left in the inbox and said so', async () => {
    const config = testConfig({ ingest: { settle_seconds: 5 } });
    const { inbox, archive } = config.paths;
    mkdirSync(inbox, { recursive: true });
    copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), join(inbox, 'settled.csv'));
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(join(inbox, 'settled.csv'), twoMinutesAgo, twoMinutesAgo);
    copyFileSync(join(EXPORTS, 'program/content.csv'), join(inbox, 'just-copied.csv'));
    const growing = join(inbox, 'touchpoints.csv');
    const touchpoints = readFileSync(join(EXPORTS, 'web/touchpoints.csv'), 'utf8');
    const half = touchpoints.indexOf('\n', touchpoints.length / 2) + 1;
    writeFileSync(growing, touchpoints.slice(0, half));
    // Another program is still writing the touchpoints file while the run waits.
    const lines: string[] = [];
    const log = createLogger({
      write: (line) => {
        lines.push(line);
        if (line.startsWith('waiting')) appendFileSync(growing, touchpoints.slice(half));
      },
    });
    const summary = await withSession(config, 'run', log, (session) => runInbox(session));
    expect(summary).toMatchObject({ filesLoaded: 2, filesSkipped: 1 });
    expect(existsSync(growing)).toBe(true);
    const archived = readdirSync(archive, { recursive: true }).map(String);
    expect(archived.filter((path) => path.endsWith('.csv')).sort()).toEqual([
      expect.stringMatching(/just-copied\.csv$/),
      expect.stringMatching(/settled\.csv$/),
    ]);
    expect(lines.some((line) => /waiting [1-5] s for 2 files modified within the last 5 s \(ingest\.settle_seconds\) to settle/.test(line))).toBe(true);
    expect(
      lines.some((line) =>
        /skipped touchpoints\.csv in the inbox, left where it is: it changed within the last 5 s \(ingest\.settle_seconds\) while the run waited/.test(line),
      ),
    ).toBe(true);
  });

  it('a touchpoints file that grows while it is read is not loaded, not archived, and loads whole once it stops growing', async () => {
    const config = testConfig();
    const { inbox } = config.paths;
    mkdirSync(inbox, { recursive: true });
    const file = join(inbox, 'touchpoints.csv');
    const rows = readFileSync(join(EXPORTS, 'web/touchpoints.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(file, `${rows.join('\n')}\n`);
    // Another program is still writing the file: it appends rows for as long as the run reads.
    const rest = rows[1]!.slice(rows[1]!.indexOf(','));
    const writer = spawn(process.execPath, [
      '-e',
      `const fs = require('fs'); let visitor = 0; setInterval(() => fs.appendFileSync(${JSON.stringify(file)}, 'GA1.1.9.' + (visitor += 1) + ${JSON.stringify(`${rest}\n`)}), 1);`,
    ]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const log = memoryLogger();
      const summary = await withSession(config, 'run', log, (session) => runInbox(session));
      expect(summary).toMatchObject({ filesLoaded: 0, filesFailed: 0, filesSkipped: 1 });
      expect(log.lines.some((line) => /left touchpoints\.csv where it is: it changed while it was read/.test(line))).toBe(true);
    } finally {
      writer.kill('SIGKILL');
      await new Promise((resolve) => writer.once('exit', resolve));
    }
    expect(existsSync(file)).toBe(true);
    expect((await rowCounts(config, ['raw.web__touchpoints']))['raw.web__touchpoints']).toBe(0);

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').length - 1;
    await withWarehouse(async (warehouse) => {
      const outcome = await ingestFile(warehouse, config, file, { runId: null, log: memoryLogger() });
      expect(outcome.status).toBe('loaded');
      const loaded = outcome as { rowsLoaded: number; rowsRejected: number };
      expect(loaded.rowsLoaded + loaded.rowsRejected).toBe(lines);
    });
  });

  it('a file that changes between its reading and its load is left, through the papaparse path too', async () => {
    await withWarehouse(async (warehouse) => {
      const folder = tempFolder();
      const file = join(folder, 'ambassadors.csv');
      copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), file);
      const writer = spawn(process.execPath, [
        '-e',
        `const fs = require('fs'); for (;;) fs.appendFileSync(${JSON.stringify(file)}, 'A999,Ny Ambassadør,amb-n3wn3\\n');`,
      ]);
      try {
        // Once the writer is appending (its start takes longer on a busy machine).
        const size = statSync(file).size;
        while (statSync(file).size === size) await new Promise((resolve) => setTimeout(resolve, 20));
        const outcome = await ingestFile(warehouse, testConfig(), file, { runId: null, log: memoryLogger() });
        expect(outcome).toMatchObject({ status: 'left', reason: expect.stringMatching(/^it changed while it was read/) });
      } finally {
        writer.kill('SIGKILL');
        await new Promise((resolve) => writer.once('exit', resolve));
      }
      expect((await warehouse.one<{ n: number }>(`select count(*)::integer as n from meta.files`))!.n).toBe(0);
    });
  });
});
