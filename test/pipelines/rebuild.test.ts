/**
 * `advocacy rebuild --from-archive`. The headline claim (every mart has the same rows after
 * the rebuild) is checked on the demo program, through the command line; the other cases
 * on a small archive of fixture exports, through the functions the command calls.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../pipelines/build.ts';
import { checkWarehouse } from '../../pipelines/check.ts';
import { main } from '../../pipelines/cli.ts';
import { loadConfig, type Config } from '../../pipelines/config.ts';
import { ExitCode } from '../../pipelines/errors.ts';
import { ingestFiles, listInputFiles } from '../../pipelines/ingest.ts';
import { acquireLock } from '../../pipelines/lock.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { describeRebuild, REBUILDING_SUFFIX, RebuildRefusedError, REPLACED_SUFFIX, rebuildFromArchive, type RebuildSummary } from '../../pipelines/rebuild.ts';
import { countOutcomes, runInbox } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { quotedString, Warehouse } from '../../pipelines/warehouse.ts';
import { localCalendarDay } from '../../sources/read/values.ts';
import { demoBuild } from '../helpers/demo.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/exports');
const BIN = join(import.meta.dirname, '../../pipelines/advocacy.mjs');
const MINUTES = 60_000;

/** Runs the command line in this process: its exit code, what it printed and what it logged. */
async function advocacy(argv: string[]) {
  let log = '';
  const printed: string[] = [];
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    log += String(chunk);
    return true;
  });
  try {
    const code = await main(argv, (line) => printed.push(line));
    return { code, out: printed.join('\n'), log };
  } finally {
    write.mockRestore();
  }
}

/** `advocacy rebuild --from-archive` in this process: its summary, and the lines the command prints. */
async function rebuild(config: Config, force = false) {
  const summary = await rebuildFromArchive(config, memoryLogger(), { force });
  return { summary, out: describeRebuild(summary, config.paths.warehouse).join('\n') };
}

/** The files beside the warehouse: the replaced ones the rebuilds kept, and what else is there. */
function warehouseFolder(warehouse: string) {
  const folder = join(warehouse, '..');
  const names = readdirSync(folder);
  return {
    replaced: names
      .filter((name) => name.startsWith(`advocacy.duckdb${REPLACED_SUFFIX}`) && !name.endsWith('.wal'))
      .sort()
      .map((name) => join(folder, name)),
    rebuilding: names.filter((name) => name.includes(REBUILDING_SUFFIX)),
  };
}

/** Every marts table whose rows differ between two warehouse files (either has rows the other has not), by exact value. */
async function martsThatDiffer(a: string, b: string): Promise<{ tables: number; differ: string[] }> {
  const warehouse = await Warehouse.open(':memory:');
  try {
    await warehouse.run(`attach ${quotedString(a)} as a (read_only); attach ${quotedString(b)} as b (read_only)`);
    const tables = await warehouse.all<{ name: string; in_both: boolean }>(
      `select table_name as name, count(distinct database_name) = 2 as in_both from duckdb_tables()
       where schema_name = 'marts' and database_name in ('a', 'b') group by table_name order by name`,
    );
    const differ: string[] = [];
    for (const table of tables) {
      const mart = `marts."${table.name}"`;
      const rows = table.in_both
        ? await warehouse.one<{ rows: number }>(
            `select (select count(*) from (from a.${mart} except all from b.${mart})) + (select count(*) from (from b.${mart} except all from a.${mart}))::integer as rows`,
          )
        : { rows: 1 };
      if (Number(rows?.rows) > 0) differ.push(table.name);
    }
    return { tables: tables.length, differ };
  } finally {
    warehouse.close();
  }
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function readWarehouse<T>(path: string, read: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await Warehouse.open(path, { readOnly: true });
  try {
    return await read(warehouse);
  } finally {
    warehouse.close();
  }
}

function query<T extends object>(path: string, sql: string): Promise<T[]> {
  return readWarehouse(path, (warehouse) => warehouse.all<T>(sql));
}

async function loadedPaths(warehouse: string): Promise<string[]> {
  return (await query<{ path: string }>(warehouse, `select path from meta.files where status = 'loaded' order by file_id`)).map((row) => row.path);
}

/**
 * A project as a run over an inbox of the demo program's exports leaves it: the shared demo
 * warehouse (a copy), and each file it loaded in the archive's folder of the day it was
 * loaded, in its sub-folder of the exports. `archived` lists those files in the order the
 * warehouse loaded them, the order a rebuild must load them in.
 */
async function demoProject() {
  const root = tempFolder('advocacy-rebuild-');
  const demo = demoBuild().root;
  const exports = join(demo, 'demo-exports');
  const paths = { inbox: join(root, 'inbox'), archive: join(root, 'archive'), warehouse: join(root, 'warehouse/advocacy.duckdb'), out: join(root, 'out') };
  const config = join(root, 'advocacy.config.json');
  const demoConfig = JSON.parse(readFileSync(join(exports, 'advocacy.config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(config, JSON.stringify({ ...demoConfig, paths, lock: { wait_seconds: 0 } }));
  cpSync(join(demo, 'warehouse/advocacy.duckdb'), paths.warehouse);
  const loaded = await query<{ path: string; day: string }>(
    paths.warehouse,
    `select path, strftime(loaded_at, '%Y-%m-%d') as day from meta.files where status = 'loaded' order by file_id`,
  );
  const archived = loaded.map(({ path, day }) => {
    const inArchive = join(paths.archive, day, relative(exports, path));
    cpSync(path, inArchive);
    return inArchive;
  });
  return { root, config, paths, archived };
}

describe('pipelines/rebuild: advocacy rebuild --from-archive on the demo program', () => {
  let project: Awaited<ReturnType<typeof demoProject>>;

  beforeAll(async () => {
    project = await demoProject();
    expect(project.archived.length).toBeGreaterThan(100);
  });

  it(
    'rebuilds the warehouse from the archive, loading the files in the order the replaced warehouse did, with the same rows in every mart; keeps the one it replaces and writes the reports',
    async () => {
      const before = sha256(project.paths.warehouse);
      // What a rebuild killed outright leaves: the next one starts afresh.
      writeFileSync(`${project.paths.warehouse}${REBUILDING_SUFFIX}`, 'half a warehouse');
      writeFileSync(`${project.paths.warehouse}${REBUILDING_SUFFIX}.wal`, 'half a log');
      const rebuilt = await advocacy(['rebuild', '--from-archive', '--config', project.config]);
      expect(rebuilt.code, rebuilt.log).toBe(ExitCode.ok);
      const folder = warehouseFolder(project.paths.warehouse);
      expect(folder.rebuilding).toEqual([]);
      expect(folder.replaced).toHaveLength(1);
      const [replaced] = folder.replaced;
      expect(sha256(replaced!)).toBe(before);
      const compared = await martsThatDiffer(replaced!, project.paths.warehouse);
      expect(compared.tables).toBeGreaterThan(30);
      expect(compared.differ).toEqual([]);
      expect(rebuilt.out).toContain(`marts: all ${compared.tables} have the same rows as in the replaced warehouse`);
      expect(rebuilt.out).toContain(`rebuilt ${project.paths.warehouse}; the warehouse it replaces is kept as ${replaced}`);
      expect(await loadedPaths(project.paths.warehouse)).toEqual(project.archived);
      // The reports were written from the rebuilt warehouse, with the config as it is.
      const report = await advocacy(['report', '--config', project.config]);
      expect(report.code, report.log).toBe(ExitCode.ok);
      expect(report.out).toMatch(/^reports are up to date in /);
    },
    5 * MINUTES,
  );

  it('without --from-archive it says what to rebuild from', async () => {
    const { code, log } = await advocacy(['rebuild', '--config', project.config]);
    expect(code).toBe(ExitCode.usage);
    expect(log).toContain('Say what to rebuild from: "advocacy rebuild --from-archive".');
  });
});

describe('pipelines/rebuild on a small archive', () => {
  /** A roster, its shares and the company page's LinkedIn posts, whose impressions are valued as EMV. */
  const EXPORTS = ['program/ambassadors.csv', 'program/share_log.csv', 'linkedin/nordlys-energi_content_2026-10-01_2026-10-31.csv'];

  /** A project whose archive holds the exports a run loaded on `day`, with a copy of `warehouse` when given. */
  function smallProject(options: { warehouse?: string; day?: string } = {}) {
    const root = tempFolder('advocacy-rebuild-small-');
    const file = join(root, 'advocacy.config.json');
    writeFileSync(
      file,
      JSON.stringify({ company: { name: 'Nordlys Energi A/S' }, salt: 'rebuild-test-salt', lock: { wait_seconds: 0 }, ingest: { settle_seconds: 0 } }),
    );
    const config = loadConfig(file);
    const archived = EXPORTS.map((name) => join(config.paths.archive, options.day ?? '2026-10-01', name));
    for (const [index, path] of archived.entries()) cpSync(join(FIXTURES, EXPORTS[index]!), path);
    if (options.warehouse) cpSync(options.warehouse, config.paths.warehouse);
    return { root, file, config, warehouse: config.paths.warehouse, archived };
  }

  /** The first project's warehouse, rebuilt where there was none: the healthy warehouse of the small archive's files. */
  let first: ReturnType<typeof smallProject>;
  let firstRebuild: { summary: RebuildSummary; out: string };

  beforeAll(async () => {
    first = smallProject();
    firstRebuild = await rebuild(first.config);
  }, 2 * MINUTES);

  it('with no warehouse yet, builds one from the archive and has nothing to keep beside it', async () => {
    expect(firstRebuild.summary.replaced).toEqual({ state: 'absent' });
    expect(firstRebuild.out.split('\n').at(-1)).toBe(`rebuilt ${first.warehouse}`);
    expect(warehouseFolder(first.warehouse)).toEqual({ replaced: [], rebuilding: [] });
    const loaded = await loadedPaths(first.warehouse);
    expect(loaded).toEqual(listInputFiles([first.config.paths.archive]));
    expect(loaded.toSorted()).toEqual(first.archived.toSorted());
  });

  it(
    'a zeroed warehouse (exit 7 on run) is rebuilt: run and check then succeed, and the marts equal those of a healthy warehouse of the same files',
    async () => {
      const { config, warehouse } = smallProject({ warehouse: first.warehouse });
      writeFileSync(warehouse, Buffer.alloc(statSync(warehouse).size));
      await expect(withSession(config, 'run', memoryLogger(), (session) => runInbox(session))).rejects.toMatchObject({
        exitCode: ExitCode.warehouseDamaged,
        message: expect.stringContaining('Run `advocacy rebuild --from-archive` to make it again from the exports archived in'),
      });

      const { out } = await rebuild(config);
      expect(out).toMatch(/the warehouse being replaced cannot be read \(.*not a valid DuckDB database file.*\): it is moved aside as it is/);
      const folder = warehouseFolder(warehouse);
      expect(folder.rebuilding).toEqual([]);
      expect(folder.replaced).toHaveLength(1);
      expect(readFileSync(folder.replaced[0]!).every((byte) => byte === 0)).toBe(true);

      expect((await readWarehouse(warehouse, (opened) => checkWarehouse(opened))).problems).toEqual([]);
      const run = await withSession(config, 'run', memoryLogger(), (session) => runInbox(session));
      expect(run.checkProblems).toEqual([]);
      expect((await martsThatDiffer(first.warehouse, warehouse)).differ).toEqual([]);
    },
    2 * MINUTES,
  );

  it(
    'a file loaded with "advocacy ingest" from outside the archive makes rebuild refuse to replace the warehouse, naming the file, unless --force',
    async () => {
      const { root, config, warehouse } = smallProject({ warehouse: first.warehouse });
      const outside = join(root, 'elsewhere/salesforce-leads.csv');
      cpSync(join(FIXTURES, 'crm/salesforce-leads.csv'), outside);
      // What "advocacy ingest" and then "advocacy build" do.
      const ingested = await withSession(config, 'ingest', memoryLogger(), async (session) => {
        const outcomes = countOutcomes(await ingestFiles(session.warehouse, config, [outside], session));
        await build(session.warehouse, config, session);
        return outcomes;
      });
      expect(ingested.filesLoaded).toBe(1);
      const before = sha256(warehouse);

      const log = memoryLogger();
      const refused: unknown = await rebuildFromArchive(config, log, { force: false }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RebuildRefusedError);
      expect(refused).toMatchObject({ exitCode: ExitCode.checkFailed });
      expect((refused as Error).message).toContain(`The archive ${config.paths.archive} lacks 1 of the files the warehouse ${warehouse} holds (${outside})`);
      expect((refused as Error).message).toContain(
        'Put those files into the inbox (the next run archives them, loading nothing twice) and rebuild again, or rebuild with --force',
      );
      expect(log.lines.join('\n')).toMatch(/marts\.\w+: \d+ rows only in the replaced warehouse/);
      expect(sha256(warehouse)).toBe(before);
      expect(warehouseFolder(warehouse)).toEqual({ replaced: [], rebuilding: [] });

      const forced = await rebuild(config, true);
      expect(forced.out).toContain(`file ${outside}: loaded in the replaced warehouse (`);
      expect(forced.out).toContain('), but not in the archive');
      expect(await loadedPaths(warehouse)).not.toContain(outside);
      expect((await martsThatDiffer(first.warehouse, warehouse)).differ).toEqual([]);
      const { replaced } = warehouseFolder(warehouse);
      expect(replaced).toHaveLength(1);
      expect(await loadedPaths(replaced[0]!)).toContain(outside);
      expect(existsSync(outside)).toBe(true);
    },
    2 * MINUTES,
  );

  it(
    "keeps the EMV rate each past day was first valued at: after the config's rates change, the rebuild values history as the replaced warehouse did",
    async () => {
      const { file, warehouse } = smallProject({ warehouse: first.warehouse });
      const rates = [
        { platform: 'linkedin', metric: 'impressions', rate: 90 },
        { platform: 'linkedin', metric: 'reactions', rate: 3 },
      ];
      writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), emv: { rates } }));
      const { out } = await rebuild(loadConfig(file));
      expect(out).toMatch(/EMV: the rates \d+ days were first valued at are kept from the replaced warehouse/);
      const emv = (path: string) =>
        query<{ rate: number; config_rate: number; emv: number }>(
          path,
          `select rate, config_rate, round(sum(emv), 2) as emv from marts.emv_daily where platform = 'linkedin' and metric = 'impressions' group by all`,
        );
      const [before] = await emv(first.warehouse);
      expect(before).toMatchObject({ rate: 60, config_rate: 60 });
      expect(before!.emv).toBeGreaterThan(0);
      expect(await emv(warehouse)).toEqual([{ ...before, config_rate: 90 }]);
    },
    2 * MINUTES,
  );

  it(
    'a rebuild stopped by SIGTERM leaves the warehouse as it was and removes its own file and its lock',
    async () => {
      const { file, warehouse } = smallProject({ warehouse: first.warehouse });
      const before = sha256(warehouse);
      const child = spawn(process.execPath, [BIN, 'rebuild', '--from-archive', '--config', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      child.stderr.on('data', (chunk) => (log += String(chunk)));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Stopped while it builds the models.
      await vi.waitFor(() => expect(log).toMatch(/build: \d+ models/), { timeout: 2 * MINUTES, interval: 50 });
      expect(existsSync(`${warehouse}${REBUILDING_SUFFIX}`)).toBe(true);
      child.kill('SIGTERM');
      expect(await exited, log).toBe(ExitCode.stoppedByTermination);
      expect(sha256(warehouse)).toBe(before);
      expect(warehouseFolder(warehouse)).toEqual({ replaced: [], rebuilding: [] });
      expect(existsSync(`${warehouse}.lock`)).toBe(false);
    },
    2 * MINUTES,
  );

  it(
    'loads the archive in the order the replaced warehouse loaded it, though a later run of the same day shares its day folder: the latest roster still wins',
    async () => {
      // The small archive in today's day folder, where a run today archives a roster that sorts before the first one.
      const { config, warehouse } = smallProject({ warehouse: first.warehouse, day: localCalendarDay(new Date(), first.config.timezone) });
      const roster = readFileSync(join(FIXTURES, 'program/ambassadors.csv'), 'utf8');
      const second = join(config.paths.inbox, 'program/ambassadors-2.csv');
      mkdirSync(dirname(second), { recursive: true });
      writeFileSync(second, roster.replace('Søren Kjærgaard', 'Søren Kjærgaard Holm'));
      expect((await withSession(config, 'run', memoryLogger(), (session) => runInbox(session))).filesLoaded).toBe(1);
      await rebuild(config);
      const [replaced] = warehouseFolder(warehouse).replaced;
      const names = (paths: string[]) => paths.map((path) => path.split('/').at(-1));
      const rosters = (paths: string[]) => names(paths).filter((name) => name?.startsWith('ambassadors'));
      expect(rosters(listInputFiles([config.paths.archive]))).toEqual(['ambassadors-2.csv', 'ambassadors.csv']);
      expect(rosters(await loadedPaths(replaced!))).toEqual(['ambassadors.csv', 'ambassadors-2.csv']);
      expect(names(await loadedPaths(warehouse))).toEqual(names(await loadedPaths(replaced!)));
      expect(await query(warehouse, `select name from core.ambassadors where ambassador_id = 'A001'`)).toEqual([{ name: 'Søren Kjærgaard Holm' }]);
      expect((await martsThatDiffer(replaced!, warehouse)).differ).toEqual([]);
    },
    2 * MINUTES,
  );

  it('takes the lock a run takes: while a run holds it, the rebuild gives up and changes nothing', async () => {
    const { config, warehouse } = smallProject();
    const lock = await acquireLock(warehouse, { command: 'run', waitSeconds: 0, log: memoryLogger() });
    try {
      await expect(rebuildFromArchive(config, memoryLogger(), { force: false })).rejects.toMatchObject({
        exitCode: ExitCode.lockHeld,
        message: expect.stringContaining(`The warehouse is locked by the run "run" (pid ${process.pid}`),
      });
      expect(existsSync(warehouse)).toBe(false);
      expect(warehouseFolder(warehouse)).toEqual({ replaced: [], rebuilding: [] });
    } finally {
      lock.release();
    }
  });
});
