/**
 * Builds the installable package into dist/: the TypeScript the command runs, compiled to
 * JavaScript by tsconfig.build.json, and beside it the files read at run time that are not
 * TypeScript (the SQL models and macros, the PNG worker). The package's `advocacy` command
 * (pipelines/advocacy.mjs) runs dist/pipelines/cli.js. `npm pack` runs this first, as `prepack`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sourceFiles } from '../compiled.mjs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD_CONFIG = 'tsconfig.build.json';
const OUT_DIR = 'dist';

/** The files the compiled code reads beside itself: SQL models and macros, and plain JavaScript modules (tsx's bootstraps are in the build's `exclude`). */
function runTimeAssets(files: string[]): string[] {
  return files.filter((file) => file.endsWith('.sql') || file.endsWith('.mjs'));
}

/** Compiles into a fresh dist/ and copies the run-time assets beside the JavaScript; returns the assets. */
function buildPackage(): string[] {
  rmSync(join(ROOT, OUT_DIR), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // What tsc and this script say goes to stderr: `npm pack --json` prints its JSON on stdout after them.
  execFileSync(process.execPath, [tsc, '--project', BUILD_CONFIG], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const assets = runTimeAssets(sourceFiles(ROOT).map((file) => file.path));
  for (const file of assets) {
    const target = join(ROOT, OUT_DIR, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(ROOT, file), target);
  }
  return assets;
}

const assets = buildPackage();
console.error(
  `${OUT_DIR}/: compiled with ${BUILD_CONFIG}; copied beside the JavaScript: ${assets.length} files (${assets.filter((file) => file.endsWith('.mjs')).join(', ')} and the SQL)`,
);
