/**
 * One run per warehouse, between processes: a second `advocacy` waits for the lock another
 * process holds, gives up with exit code 5 naming the holder, takes over the lock of a
 * process that is gone, and goes on when the holder lets go; a warehouse open in another
 * program is named too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { lockFileFor } from '../../pipelines/lock.ts';
import { ADVOCACY, advocacyProcess as advocacy } from '../helpers/cli.ts';
import { tempFolder } from '../helpers/warehouse.ts';

const ROOT = join(import.meta.dirname, '../..');

/**
 * A process that takes the lock like a run does and holds it until a line arrives on
 * its stdin (then releases it and exits) or it is killed; resolves when it holds it.
 */
async function lockHolder(warehouse: string): Promise<ChildProcess> {
  const script = `
    import { acquireLock } from './pipelines/lock.ts';
    import { createLogger } from './pipelines/log.ts';
    const lock = await acquireLock(${JSON.stringify(warehouse)}, { command: 'holder', waitSeconds: 0, log: createLogger() });
    process.stdout.write('held\\n');
    process.stdin.on('data', () => { lock.release(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      if (data.toString().includes('held')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code} before holding the lock`)));
  });
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

function project(waitSeconds: number): { cwd: string; warehouse: string } {
  const cwd = tempFolder('advocacy-lock-');
  writeFileSync(join(cwd, 'advocacy.config.yaml'), `company:\n  name: Nordlys Energi A/S\nsalt: lock-test-salt\nlock:\n  wait_seconds: ${waitSeconds}\n`);
  return { cwd, warehouse: join(cwd, 'warehouse/advocacy.duckdb') };
}

describe('the warehouse lock between processes', () => {
  it('two processes: the second waits, gives up with exit code 5, or goes on when the first finishes', async () => {
    const { cwd, warehouse } = project(1);
    const holder = await lockHolder(warehouse);
    try {
      const blocked = advocacy(['check'], cwd);
      expect(blocked.status).toBe(ExitCode.lockHeld);
      expect(blocked.stderr).toMatch(/waiting up to 1 s for the run "holder"/);
      expect(blocked.stderr).toMatch(
        /error: The warehouse is locked by the run "holder" \(pid \d+ on .+, started .+\); waited 1 s and gave up, changing nothing\./,
      );
      expect(blocked.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(warehouse)).toBe(false);
    } finally {
      holder.kill('SIGKILL');
      await exited(holder);
    }

    // The holder was killed: its lock is stale, and the next run takes it over.
    expect(existsSync(lockFileFor(warehouse))).toBe(true);
    const next = advocacy(['check'], cwd);
    expect(next.status).toBe(ExitCode.ok);
    expect(next.stderr).toMatch(/warn: took over a stale lock: the run "holder" \(pid \d+, started .+\) is no longer running/);
    expect(existsSync(lockFileFor(warehouse))).toBe(false);

    // A run that waits long enough goes on when the holder lets go.
    const { cwd: patientCwd, warehouse: patientWarehouse } = project(60);
    const brief = await lockHolder(patientWarehouse);
    const patient = spawn(process.execPath, [ADVOCACY, 'check'], { cwd: patientCwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    patient.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      // The second run is waiting: let the first one finish.
      if (/waiting up to/.test(stderr)) brief.stdin!.end('done\n');
    });
    expect(await exited(patient)).toBe(ExitCode.ok);
    expect(await exited(brief)).toBe(0);
    expect(stderr).toMatch(/waiting up to 60 s for the run "holder"/);
  });

  it('a warehouse open in another program (a DuckDB shell) is waited for, then named', async () => {
    const { cwd, warehouse } = project(1);
    const script = `
      import { DuckDBInstance } from '@duckdb/node-api';
      import { mkdirSync } from 'node:fs';
      mkdirSync(${JSON.stringify(join(cwd, 'warehouse'))}, { recursive: true });
      const instance = await DuckDBInstance.create(${JSON.stringify(warehouse)});
      process.stdout.write('held\\n');
      setTimeout(() => process.exit(0), 60000);`;
    const shell = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve) => shell.stdout!.on('data', (data: Buffer) => data.toString().includes('held') && resolve()));
      const blocked = advocacy(['status'], cwd);
      expect(blocked.status).toBe(ExitCode.lockHeld);
      expect(blocked.stderr).toMatch(
        /error: The warehouse .*advocacy\.duckdb is open in another program \(held by .+, pid \d+\); close it \(a DuckDB shell, a notebook\) and run again\. Nothing was changed\./,
      );
      expect(existsSync(lockFileFor(warehouse))).toBe(false);
    } finally {
      shell.kill('SIGKILL');
      await exited(shell);
    }
  });
});
