import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipelines/cli.ts';
import { ExitCode } from '../../pipelines/errors.ts';
import { warehouseFault, warehouseFaultKind } from '../../pipelines/warehouse-faults.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const BIN = join(import.meta.dirname, '../../pipelines/advocacy.mjs');
const ROSTER = 'ambassador_id,name,utm_code\nA001,Søren Kjær,amb-7f3k2\nA002,Mette Lund,amb-q81zd\n';

/** A project folder with a config, an archive holding the roster, and the warehouse path. */
function project() {
  const cwd = tempFolder();
  const config = join(cwd, 'advocacy.config.yaml');
  writeFileSync(config, 'company:\n  name: Nordlys Energi A/S\nsalt: warehouse-faults-test-salt\nlock:\n  wait_seconds: 0\n');
  mkdirSync(join(cwd, 'archive/2026-10-01'), { recursive: true });
  writeFileSync(join(cwd, 'archive/2026-10-01/ambassadors.csv'), ROSTER);
  mkdirSync(join(cwd, 'warehouse'));
  return { cwd, config, archive: join(cwd, 'archive'), warehouse: join(cwd, 'warehouse/advocacy.duckdb') };
}

/** Runs the command line in this process; returns its exit code and what it logged. */
async function advocacy(argv: string[]) {
  let log = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    log += String(chunk);
    return true;
  });
  try {
    const code = await main(argv, () => undefined);
    return { code, log };
  } finally {
    write.mockRestore();
  }
}

/** A real warehouse: the archive loaded and built. */
async function builtWarehouse() {
  const folder = project();
  expect((await advocacy(['ingest', folder.archive, '--config', folder.config])).code).toBe(ExitCode.ok);
  return folder;
}

function expectNoBugWording(log: string) {
  expect(log).not.toMatch(/internal error|bug|report it/i);
  expect(log).not.toMatch(/\n\s+at /);
}

describe('pipelines/warehouse-faults', () => {
  afterEach(() => vi.restoreAllMocks());

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
        const folder = await builtWarehouse();
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

    it('the recovery the message gives rebuilds the warehouse from the archive', async () => {
      const folder = await builtWarehouse();
      writeFileSync(folder.warehouse, Buffer.alloc(statSync(folder.warehouse).size));
      expect((await advocacy(['status', '--config', folder.config])).code).toBe(ExitCode.warehouseDamaged);
      expect((await advocacy(['rebuild', '--from-archive', '--config', folder.config])).code).toBe(ExitCode.ok);
      const warehouse = await Warehouse.open(folder.warehouse, { readOnly: true });
      try {
        expect(await warehouse.all(`select ambassador_id from raw.program__ambassadors order by all`)).toEqual([
          { ambassador_id: 'A001' },
          { ambassador_id: 'A002' },
        ]);
      } finally {
        warehouse.close();
      }
    });
  });

  describe('a read-only warehouse exits 8 saying to make it writable, not as a bug', () => {
    /** chmod does not bind root: as root, the command runs as `nobody`, who owns neither the file nor the folder. */
    const asRoot = process.getuid?.() === 0;
    async function advocacyAsOwnerOrNobody(folder: ReturnType<typeof project>, argv: string[]) {
      if (!asRoot) return advocacy(argv);
      chmodSync(folder.cwd, 0o755);
      const result = spawnSync(process.execPath, [BIN, ...argv], {
        cwd: folder.cwd,
        encoding: 'utf8',
        uid: 65534,
        gid: 65534,
        env: { ...process.env, HOME: folder.cwd },
      });
      return { code: result.status, log: result.stderr };
    }

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

    it('a write to a warehouse DuckDB opened read-only is the same fault', async () => {
      const folder = await builtWarehouse();
      const warehouse = await Warehouse.open(folder.warehouse, { readOnly: true });
      const error = await warehouse.run('create table raw.extra (x integer)').then(
        () => null,
        (failure: unknown) => failure,
      );
      warehouse.close();
      expect(warehouseFaultKind(error)).toBe('readOnly');
      expect(warehouseFault(error, folder)?.exitCode).toBe(ExitCode.warehouseReadOnly);
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
