#!/usr/bin/env node
// The `advocacy` command. In a clone it sits beside the TypeScript sources and runs them
// compiled to JavaScript in node_modules/.cache (compiled.mjs: once per change of the
// sources, so there is no build step between a clone and a run), or through tsx's loader
// when that cache cannot be written. A dist/ left by `npm pack` is never run in their
// stead. The installed package holds no sources, only their compiled JavaScript in dist/,
// which runs on plain Node.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// A reader that goes away (`advocacy run | head`) is no reason to stop a run halfway: what
// would have been printed is dropped, and the command finishes its work.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const sources = new URL('./cli.ts', import.meta.url);
async function cloneCli() {
  const { compiledSources } = await import('./compiled.mjs');
  const compiled = await compiledSources(fileURLToPath(new URL('..', import.meta.url)));
  if (compiled) {
    process.setSourceMapsEnabled(true);
    return import(pathToFileURL(join(compiled, 'pipelines', 'cli.js')).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('./cli.ts');
}
const { main } = existsSync(sources) ? await cloneCli() : await import('../dist/pipelines/cli.js');
process.exitCode = await main(process.argv.slice(2));
