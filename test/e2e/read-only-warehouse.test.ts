/**
 * A warehouse the user running the pipeline cannot write: `advocacy` exits 8 saying to make
 * it writable, not as a bug. chmod does not bind root: as root, the command runs as a
 * process as `nobody`, who owns neither the file nor the folder.
 */
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { advocacyInProcess, advocacyProcess } from '../helpers/cli.ts';
import { builtWarehouse, expectNoBugWording, type FaultProject } from '../helpers/warehouse-faults.ts';

const asRoot = process.getuid?.() === 0;

async function advocacyAsOwnerOrNobody(folder: FaultProject, argv: string[]) {
  if (!asRoot) return advocacyInProcess(argv);
  chmodSync(folder.cwd, 0o755);
  const result = advocacyProcess(argv, folder.cwd, { uid: 65534, gid: 65534, env: { HOME: folder.cwd } });
  return { code: result.status, log: result.stderr };
}

describe('a read-only warehouse exits 8 saying to make it writable, not as a bug', () => {
  it('a read-only warehouse file (chmod 0444)', async () => {
    const folder = await builtWarehouse();
    chmodSync(folder.warehouse, 0o444);
    if (asRoot) chmodSync(join(folder.cwd, 'warehouse'), 0o777);
    const { code, log } = await advocacyAsOwnerOrNobody(folder, ['build', '--config', folder.config]);
    expect(code).toBe(ExitCode.warehouseReadOnly);
    expect(log).toContain(`error: The warehouse ${folder.warehouse} cannot be written (`);
    expect(log).toMatch(
      /Permission denied\); nothing was changed\. Make the file and its folder writable for the user the pipeline runs as \(chmod u\+w\), then run again\./,
    );
    expectNoBugWording(log);
  });

  it('a read-only warehouse folder', async () => {
    const folder = await builtWarehouse();
    chmodSync(join(folder.cwd, 'warehouse'), 0o555);
    const { code, log } = await advocacyAsOwnerOrNobody(folder, ['build', '--config', folder.config]);
    expect(code).toBe(ExitCode.warehouseReadOnly);
    expect(log).toContain(`error: The warehouse ${folder.warehouse} cannot be written (`);
    expect(log).toContain('Make the file and its folder writable');
    expect(existsSync(`${folder.warehouse}.lock`)).toBe(false);
    expectNoBugWording(log);
  });
});
