#!/usr/bin/env node
// The `advocacy` command. The sources are TypeScript, run through tsx's loader, so
// there is no build step between a clone and a run.
import { register } from 'tsx/esm/api';

register();
// `advocacy status | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
