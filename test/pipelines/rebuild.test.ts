/**
 * `advocacy rebuild --from-archive` on a small archive of fixture exports, through the
 * functions the command calls. The headline claim (every mart has the same rows after the
 * rebuild) is checked on the demo program in test/e2e/rebuild-demo.test.ts, a rebuild
 * stopped by a signal in test/e2e/rebuild-stopped.test.ts, and the flows around a rebuild
 * (a damaged warehouse, files from outside the archive, EMV rates, a day's runs) in
 * test/e2e/rebuild-archive.test.ts.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { listInputFiles } from '../../pipelines/ingest.ts';
import { acquireLock } from '../../pipelines/lock.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { rebuildFromArchive, type RebuildSummary } from '../../pipelines/rebuild.ts';
import { advocacyInProcess as advocacy } from '../helpers/cli.ts';
import { loadedPaths, MINUTES, rebuild, smallProject, warehouseFolder } from '../helpers/rebuild.ts';

describe('pipelines/rebuild on a small archive', () => {
  /** The first project's warehouse, rebuilt where there was none: the healthy warehouse of the small archive's files. */
  let first: ReturnType<typeof smallProject>;
  let firstRebuild: { summary: RebuildSummary; out: string };

  beforeAll(async () => {
    first = smallProject();
    firstRebuild = await rebuild(first.config);
  }, 2 * MINUTES);

  it('without --from-archive it says what to rebuild from', async () => {
    const { code, log } = await advocacy(['rebuild', '--config', first.file]);
    expect(code).toBe(ExitCode.usage);
    expect(log).toContain('Say what to rebuild from: "advocacy rebuild --from-archive".');
  });

  it('with no warehouse yet, builds one from the archive and has nothing to keep beside it', async () => {
    expect(firstRebuild.summary.replaced).toEqual({ state: 'absent' });
    expect(firstRebuild.out.split('\n').at(-1)).toBe(`rebuilt ${first.warehouse}`);
    expect(warehouseFolder(first.warehouse)).toEqual({ replaced: [], rebuilding: [] });
    const loaded = await loadedPaths(first.warehouse);
    expect(loaded).toEqual(listInputFiles([first.config.paths.archive]));
    expect(loaded.toSorted()).toEqual(first.archived.toSorted());
  });

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
