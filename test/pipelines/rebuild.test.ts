/**
 * `advocacy rebuild --from-archive` on a small archive of fixture exports, through the
 * functions the command calls, up to the point where it would load anything. The headline claim (every mart has the same rows after the
 * rebuild) is checked on the demo program in test/e2e/rebuild-demo.test.ts, a rebuild
 * stopped by a signal in test/e2e/rebuild-stopped.test.ts, and the rebuilds themselves
 * (none yet, a damaged warehouse, files from outside the archive, EMV rates, a day's runs) in
 * test/e2e/rebuild-archive.test.ts.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { acquireLock } from '../../pipelines/lock.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { rebuildFromArchive } from '../../pipelines/rebuild.ts';
import { advocacyInProcess as advocacy } from '../helpers/cli.ts';
import { smallProject, warehouseFolder } from '../helpers/rebuild.ts';

describe('pipelines/rebuild on a small archive', () => {
  it('without --from-archive it says what to rebuild from', async () => {
    const { code, log } = await advocacy(['rebuild', '--config', smallProject().file]);
    expect(code).toBe(ExitCode.usage);
    expect(log).toContain('Say what to rebuild from: "advocacy rebuild --from-archive".');
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
