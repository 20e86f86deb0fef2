import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { warehouseFault, warehouseFaultKind } from '../../pipelines/warehouse-faults.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { advocacyInProcess as advocacy } from '../helpers/cli.ts';
import { builtWarehouse, copiedProject, expectNoBugWording, type FaultProject } from '../helpers/warehouse-faults.ts';

describe('pipelines/warehouse-faults', () => {
  afterEach(() => vi.restoreAllMocks());

  /** One built warehouse for every case: a case that damages it damages its own copy. */
  let built: FaultProject;
  beforeAll(async () => {
    built = await builtWarehouse();
  });

  describe('a damaged warehouse file exits 7 with how to rebuild it, not as a bug', () => {
    const cases: [string, (bytes: Buffer) => Buffer][] = [
      ['zeroed', (bytes) => Buffer.alloc(bytes.length)],
      ['truncated', (bytes) => bytes.subarray(0, Math.floor(bytes.length / 3))],
      ['random bytes', (bytes) => randomBytes(bytes.length)],
      // The first block after the three 4 KiB headers: its checksum no longer matches.
      ['bit-flipped', (bytes) => Buffer.from(bytes).fill(bytes[20_000]! ^ 0x10, 20_000, 20_001)],
    ];
    for (const [name, damage] of cases) {
      it(`a ${name} warehouse file`, async () => {
        const folder = copiedProject(built);
        writeFileSync(folder.warehouse, damage(readFileSync(folder.warehouse)));
        const { code, log } = await advocacy(['build', '--config', folder.config]);
        expect(code).toBe(ExitCode.warehouseDamaged);
        expect(log).toContain(`error: The warehouse ${folder.warehouse} is damaged or is not a DuckDB database (`);
        expect(log).toContain(
          `Run \`advocacy rebuild --from-archive\` to make it again from the exports archived in ${folder.archive}; the damaged file is kept beside it.`,
        );
        expectNoBugWording(log);
      });
    }
  });

  describe('a read-only warehouse exits 8 saying to make it writable, not as a bug', () => {
    it('a write to a warehouse DuckDB opened read-only is the same fault', async () => {
      const warehouse = await Warehouse.open(built.warehouse, { readOnly: true });
      const error = await warehouse.run('create table raw.extra (x integer)').then(
        () => null,
        (failure: unknown) => failure,
      );
      warehouse.close();
      expect(warehouseFaultKind(error)).toBe('readOnly');
      expect(warehouseFault(error, built)?.exitCode).toBe(ExitCode.warehouseReadOnly);
    });
  });

  it('a full disk exits 9: nothing the failed step did was committed, free space and run again', () => {
    const paths = { warehouse: '/srv/advocacy/warehouse/advocacy.duckdb', archive: '/srv/advocacy/archive' };
    // DuckDB's messages for a failed write, a short write and a file it cannot create on a full disk.
    const messages = [
      'IO Error: Could not write file "/srv/advocacy/warehouse/advocacy.duckdb.wal": No space left on device',
      'IO Error: Could not write all bytes to file "/srv/advocacy/warehouse/advocacy.duckdb": wanted=262144 wrote=4096',
      'IO Error: Cannot open file "/srv/advocacy/warehouse/.tmp/duckdb_temp_storage_DEFAULT-1.tmp": No space left on device',
      'IO Error: Could not write file "/srv/advocacy/warehouse/advocacy.duckdb": Disk quota exceeded',
    ];
    for (const message of messages) {
      const fault = warehouseFault(new Error(message), paths);
      expect(fault?.exitCode, message).toBe(ExitCode.diskFull);
      expect(fault?.message).toMatch(
        /^No space is left on the disk \(.+\)\. The step that failed was rolled back and committed nothing to the warehouse \/srv\/advocacy\/warehouse\/advocacy\.duckdb; what earlier steps committed is kept\. Free space on that disk, then run again\.$/,
      );
    }
    const lockOnFullDisk = Object.assign(new Error("ENOSPC: no space left on device, open '/srv/advocacy/warehouse/advocacy.duckdb.lock'"), { code: 'ENOSPC' });
    expect(warehouseFault(lockOnFullDisk, paths)?.exitCode).toBe(ExitCode.diskFull);
    expect(warehouseFault(new Error('Binder Error: Referenced column "x" not found'), paths)).toBeNull();
  });

  it('an unwritable report folder is not blamed on the warehouse', () => {
    const refused = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/advocacy/out/.staging'"), {
      code: 'EACCES',
      path: '/srv/advocacy/out/.staging',
    });
    expect(warehouseFault(refused, { warehouse: '/srv/advocacy/warehouse/advocacy.duckdb', archive: '/srv/advocacy/archive' })).toBeNull();
  });
});
