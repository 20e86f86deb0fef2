// The sources of a clone, compiled to JavaScript once per change and kept in
// node_modules/.cache/advocacy/, so that each run of the command starts on plain Node.
// Loading the TypeScript through tsx's loader costs every process (the command and its
// parser child) about a second of CPU, which a nightly run and every test pay again.
//
// What is compiled, and what is copied beside it, is what the package build takes
// (tsconfig.build.json's `include` less its `exclude`), so the compiled tree has the layout
// of dist/. One folder per state of the sources, named by a hash of every file's path,
// size and modification time: a changed file makes a new folder, which is written under a
// temporary name and renamed into place, so processes that start at the same moment never
// see half of one. Folders unused for a week are removed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const BUILD_CONFIG = 'tsconfig.build.json';
const CACHE_FOLDER = join('node_modules', '.cache', 'advocacy');
const UNUSED_DAYS = 7;
/** Changes when the way the sources are compiled changes. */
const COMPILER_VERSION = '1';

/** The files the package build takes (its config's `include` less its `exclude`), relative to `root` with `/`, with their sizes and modification times. */
export function sourceFiles(root) {
  const { include, exclude } = JSON.parse(readFileSync(join(root, BUILD_CONFIG), 'utf8'));
  const walk = (folder) =>
    readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
      const path = `${folder}/${entry.name}`;
      if (exclude.includes(path)) return [];
      if (entry.isDirectory()) return walk(path);
      const { size, mtimeMs } = statSync(join(root, path));
      return [{ path, size, mtimeMs }];
    });
  return include.flatMap(walk).sort((a, b) => (a.path < b.path ? -1 : 1));
}

function stateHash(files, compiler) {
  const hash = createHash('sha256').update(`${COMPILER_VERSION}\0${compiler}\0${process.version}\0`);
  for (const { path, size, mtimeMs } of files) hash.update(`${path}\0${size}\0${mtimeMs}\0`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Compiles each TypeScript file of `files` on its own (relative imports kept as imports,
 * `.ts` written `.js`) into `folder`, and copies the other files beside them. The clone's
 * cache keeps inline source maps; the package build (pipelines/package/build.ts) goes without.
 */
export async function compileInto(root, files, folder, { sourcemap = 'inline' } = {}) {
  const { build } = await import('esbuild');
  const typeScript = files.filter(({ path }) => path.endsWith('.ts'));
  await build({
    absWorkingDir: root,
    entryPoints: typeScript.map(({ path }) => path),
    outdir: folder,
    outbase: '.',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap,
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'one-module-per-file',
        setup(compiler) {
          // Every import stays an import: of the compiled neighbour for a relative `.ts`, of the package for the rest.
          compiler.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            return { path: /^\.\.?\//.test(args.path) ? args.path.replace(/\.ts$/, '.js') : args.path, external: true };
          });
        },
      },
    ],
  });
  for (const { path } of files.filter(({ path }) => !path.endsWith('.ts'))) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    copyFileSync(join(root, path), join(folder, path));
  }
}

function removeUnused(cache, current) {
  const oldest = Date.now() - UNUSED_DAYS * 24 * 3600 * 1000;
  for (const entry of readdirSync(cache)) {
    if (entry === current) continue;
    const path = join(cache, entry);
    if (statSync(path).mtimeMs < oldest) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The compiled tree of the sources under `root` (the clone), compiled first when the
 * sources changed since. Null when it cannot be written (a read-only clone, no esbuild):
 * the caller then loads the TypeScript itself.
 */
export async function compiledSources(root) {
  try {
    const compiler = JSON.parse(readFileSync(join(root, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
    const files = sourceFiles(root);
    const cache = join(root, CACHE_FOLDER);
    const name = stateHash(files, compiler);
    const folder = join(cache, name);
    if (existsSync(folder)) {
      const now = new Date();
      utimesSync(folder, now, now);
      return folder;
    }
    const temporary = join(cache, `${name}.${process.pid}.tmp`);
    rmSync(temporary, { recursive: true, force: true });
    await compileInto(root, files, temporary);
    try {
      renameSync(temporary, folder);
    } catch (error) {
      // Another process compiled the same sources first: theirs is as good.
      rmSync(temporary, { recursive: true, force: true });
      if (!existsSync(folder)) throw error;
    }
    removeUnused(cache, name);
    return folder;
  } catch {
    return null;
  }
}
