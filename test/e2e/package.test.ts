import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../helpers/warehouse.ts';

const ROOT = join(import.meta.dirname, '../..');

interface PackedTarball {
  filename: string;
  integrity: string;
  files: { path: string }[];
}

function run(command: string, args: string[], options: SpawnSyncOptions): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${String(result.stdout).slice(-2000)}\n${String(result.stderr).slice(-4000)}`);
  return String(result.stdout);
}

/**
 * Installs the tarball into an empty folder from the npm cache alone (`npm ci --offline`
 * never asks the registry), with the versions this repository's lock holds for the
 * package's own dependencies: the lock's entries less those only the development tools need.
 */
function installOffline(folder: string, tarball: PackedTarball): void {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const repositoryLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const spec = `file:${tarball.filename}`;
  const dependencies = { [manifest.name as string]: spec };
  const installed = Object.entries(repositoryLock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional);
  const lock = {
    name: 'installed',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'installed', dependencies },
      [`node_modules/${manifest.name as string}`]: {
        version: manifest.version,
        resolved: spec,
        integrity: tarball.integrity,
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
        license: manifest.license,
      },
      ...Object.fromEntries(installed),
    },
  };
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'installed', private: true, dependencies }));
  writeFileSync(join(folder, 'package-lock.json'), JSON.stringify(lock));
  run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: folder });
}

describe('the package npm pack makes', () => {
  const folder = tempFolder('advocacy-package-');
  let tarball: PackedTarball;
  let files: string[];

  beforeAll(() => {
    [tarball] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', folder], { cwd: ROOT })) as [PackedTarball];
    files = tarball.files.map((file) => file.path);
    installOffline(folder, tarball);
  }, 300_000);
  // The installed dependencies take a quarter of a gigabyte.
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('holds the compiled JavaScript and the files it reads at run time, and no TypeScript, tests or tsx bootstraps', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'pipelines/advocacy.mjs',
        'dist/pipelines/cli.js',
        'dist/pipelines/parser-process-main.js',
        'dist/models/runner.js',
        'dist/models/marts/figures.model.js',
        'dist/models/core/ambassadors.sql',
        'dist/reports/render/png-worker.mjs',
        'dist/fixtures/generator/index.js',
      ]),
    );
    expect(
      files.filter((path) => path.endsWith('.ts') || path.startsWith('test/') || path.includes('/bench/') || path.endsWith('parser-process-main.mjs')),
    ).toEqual([]);
    expect(files.every((path) => path.startsWith('dist/') || ['pipelines/advocacy.mjs', 'package.json', 'README.md'].includes(path))).toBe(true);
  });

  it('installs without tsx, so its command cannot run through a TypeScript loader', () => {
    const installed = createRequire(join(folder, 'node_modules/advocacy-pipeline/package.json'));
    expect(() => installed.resolve('tsx')).toThrow(/Cannot find module 'tsx'/);
  });

  it('prints its help without loading the config schema (zod) and YAML parser, the slowest modules to load', () => {
    const loadedList = join(folder, 'loaded-modules.txt');
    const hooks = `import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      appendFileSync(${JSON.stringify(loadedList)}, resolved.url + '\\n');
      return resolved;
    }`;
    const registerHooks = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const help = run(
      process.execPath,
      ['--import', `data:text/javascript,${encodeURIComponent(registerHooks)}`, join(folder, 'node_modules/.bin/advocacy'), '--help'],
      { cwd: folder },
    );
    expect(help).toMatch(/^Usage: advocacy <command> \[options\]$/m);
    const loaded = readFileSync(loadedList, 'utf8');
    expect(loaded).toContain('/dist/pipelines/cli.js');
    expect(loaded).not.toMatch(/\/node_modules\/(zod|yaml)\//);
  });

  it('runs `advocacy demo` on plain Node in the folder it is installed in, and writes the reports', () => {
    const output = run(join(folder, 'node_modules/.bin/advocacy'), ['demo'], { cwd: folder });
    expect(output).toMatch(/files: \d+ loaded, 0 already loaded, 0 failed/);
    expect(output).toMatch(/check: the warehouse is consistent/);
    for (const report of ['leadership.html', 'program.html', 'attribution.html', 'charts/weekly-activity.png']) {
      expect(existsSync(join(folder, 'out/latest', report)), report).toBe(true);
    }
  });
});
