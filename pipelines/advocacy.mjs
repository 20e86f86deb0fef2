#!/usr/bin/env node
// The `advocacy` command. In a clone it sits beside the TypeScript sources and runs them
// through tsx's loader, so there is no build step between a clone and a run (and a dist/
// left by `npm pack` is never run in their stead). The installed package holds no sources,
// only their compiled JavaScript in dist/, which runs on plain Node.
import { existsSync } from 'node:fs';

// A reader that goes away (`advocacy run | head`) is no reason to stop a run halfway: what
// would have been printed is dropped, and the command finishes its work.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const sources = new URL('./cli.ts', import.meta.url);
async function typeScriptCli() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('./cli.ts');
}
const { main } = existsSync(sources) ? await typeScriptCli() : await import('../dist/pipelines/cli.js');
process.exitCode = await main(process.argv.slice(2));
