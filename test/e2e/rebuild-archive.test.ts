/**
 * `advocacy rebuild --from-archive` as whole flows on a small archive of fixture exports:
 * a first warehouse where there was none, a damaged warehouse rebuilt and then run and checked, a file from outside the archive,
 * EMV rates kept across a config change, and the order of a day's runs. The command's own
 * cases are in test/pipelines/rebuild.test.ts.
 */
import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipelines/build.ts';
import { checkWarehouse } from '../../pipelines/check.ts';
import { loadConfig } from '../../pipelines/config.ts';
import { ExitCode } from '../../pipelines/errors.ts';
import { ingestFiles, listInputFiles } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { RebuildRefusedError, rebuildFromArchive } from '../../pipelines/rebuild.ts';
import { countOutcomes, runInbox } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { localCalendarDay } from '../../sources/read/values.ts';
import { FIXTURES } from '../helpers/fixture-exports.ts';
import { loadedPaths, MINUTES, martsThatDiffer, query, readWarehouse, rebuild, sha256, smallProject, warehouseFolder } from '../helpers/rebuild.ts';

describe('rebuild --from-archive on a small archive, end to end', () => {
  /** A healthy warehouse of the small archive's files, rebuilt where there was none. */
  let first: ReturnType<typeof smallProject>;
  let firstRebuild: Awaited<ReturnType<typeof rebuild>>;

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
});
