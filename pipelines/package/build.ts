/**
 * Builds the installable package into dist/: the TypeScript the command runs, compiled to
 * JavaScript as a clone's command compiles it (pipelines/compiled.mjs: esbuild, one module
 * per file), and beside it the files read at run time that are not TypeScript (the SQL
 * models and macros, the PNG and statistics workers). What is compiled is what
 * tsconfig.build.json includes less what it excludes. The package's `advocacy` command
 * (pipelines/advocacy.mjs) runs dist/pipelines/cli.js. `npm pack` runs this first, as
 * `prepack`; the type check is `npm test`'s.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileInto, sourceFiles } from '../compiled.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = 'dist';

/** The files the compiled code reads beside itself: SQL models and macros, and plain JavaScript modules (tsx's bootstraps are in the build's `exclude`). */
function isRunTimeAsset(path: string): boolean {
  return path.endsWith('.sql') || path.endsWith('.mjs');
}

const files = sourceFiles(ROOT).filter(({ path }) => path.endsWith('.ts') || isRunTimeAsset(path));
rmSync(join(ROOT, OUT_DIR), { recursive: true, force: true });
await compileInto(ROOT, files, join(ROOT, OUT_DIR), { sourcemap: false });
const assets = files.filter(({ path }) => isRunTimeAsset(path)).map(({ path }) => path);
// What this script says goes to stderr: `npm pack --json` prints its JSON on stdout after it.
console.error(
  `${OUT_DIR}/: ${files.length - assets.length} TypeScript files compiled; copied beside the JavaScript: ${assets.length} files (${assets.filter((path) => path.endsWith('.mjs')).join(', ')} and the SQL)`,
);
