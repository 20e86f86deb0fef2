/** `advocacy rebuild --from-archive` as a process, stopped halfway: the warehouse it would replace is untouched. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { REBUILDING_SUFFIX } from '../../pipelines/rebuild.ts';
import { ADVOCACY } from '../helpers/cli.ts';
import { MINUTES, rebuild, sha256, smallProject, warehouseFolder } from '../helpers/rebuild.ts';

describe('advocacy rebuild --from-archive stopped by a signal', () => {
  it(
    'a rebuild stopped by SIGTERM leaves the warehouse as it was and removes its own file and its lock',
    async () => {
      const { config, file, warehouse } = smallProject();
      await rebuild(config);
      const before = sha256(warehouse);
      const child = spawn(process.execPath, [ADVOCACY, 'rebuild', '--from-archive', '--config', file], { stdio: ['ignore', 'ignore', 'pipe'] });
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
});
