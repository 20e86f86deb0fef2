/** A real, small warehouse to damage, and what a fault's message must never say. */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { advocacyInProcess } from './cli.ts';
import { tempFolder } from './warehouse.ts';

const ROSTER = 'ambassador_id,name,utm_code\nA001,Søren Kjær,amb-7f3k2\nA002,Mette Lund,amb-q81zd\n';

/** The config, archive and warehouse of the project folder `cwd`. */
function projectPaths(cwd: string) {
  return { cwd, config: join(cwd, 'advocacy.config.yaml'), archive: join(cwd, 'archive'), warehouse: join(cwd, 'warehouse/advocacy.duckdb') };
}

/** A project folder with a config, an archive holding the roster, and the warehouse path. */
function project() {
  const folder = projectPaths(tempFolder());
  writeFileSync(folder.config, 'company:\n  name: Nordlys Energi A/S\nsalt: warehouse-faults-test-salt\nlock:\n  wait_seconds: 0\n');
  mkdirSync(join(folder.archive, '2026-10-01'), { recursive: true });
  writeFileSync(join(folder.archive, '2026-10-01/ambassadors.csv'), ROSTER);
  mkdirSync(join(folder.cwd, 'warehouse'));
  return folder;
}

export type FaultProject = ReturnType<typeof project>;

/** A real warehouse: the archive loaded and built. */
export async function builtWarehouse(): Promise<FaultProject> {
  const folder = project();
  expect((await advocacyInProcess(['ingest', folder.archive, '--config', folder.config])).code).toBe(ExitCode.ok);
  return folder;
}

/** A copy of a built project folder, for a case to damage while the others keep the original. */
export function copiedProject(built: FaultProject): FaultProject {
  const folder = projectPaths(tempFolder());
  cpSync(built.cwd, folder.cwd, { recursive: true });
  return folder;
}

export function expectNoBugWording(log: string) {
  expect(log).not.toMatch(/internal error|bug|report it/i);
  expect(log).not.toMatch(/\n\s+at /);
}
