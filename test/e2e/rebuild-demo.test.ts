/**
 * `advocacy rebuild --from-archive` on the demo program: every mart has the same rows after
 * the rebuild. The other cases, on a small archive of fixture exports, are in
 * test/pipelines/rebuild.test.ts.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { REBUILDING_SUFFIX } from '../../pipelines/rebuild.ts';
import { advocacyInProcess as advocacy } from '../helpers/cli.ts';
import { demoBuild } from '../helpers/demo.ts';
import { loadedPaths, MINUTES, martsThatDiffer, query, sha256, warehouseFolder } from '../helpers/rebuild.ts';
import { tempFolder } from '../helpers/warehouse.ts';

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

describe('advocacy rebuild --from-archive on the demo program', () => {
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
});
