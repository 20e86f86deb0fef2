/**
 * The command line two ways: as a process, the way a user or a scheduler starts it (only
 * the tests in test/e2e/ do that), and in this process through `main`, for the tests of
 * one command's module.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../pipelines/cli.ts';

/** The executable `advocacy` runs. */
export const ADVOCACY = join(import.meta.dirname, '../../pipelines/advocacy.mjs');

/** Runs `advocacy args` as a process in `cwd` and waits for it; `env` adds to this process's environment. */
export function advocacyProcess(args: string[], cwd: string, options: { env?: Record<string, string>; uid?: number; gid?: number } = {}) {
  return spawnSync(process.execPath, [ADVOCACY, ...args], {
    cwd,
    encoding: 'utf8',
    uid: options.uid,
    gid: options.gid,
    env: { ...process.env, ...options.env },
  });
}

/** Runs the command line in this process: its exit code, what it printed and what it logged. */
export async function advocacyInProcess(argv: string[]) {
  let log = '';
  const printed: string[] = [];
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    log += String(chunk);
    return true;
  });
  try {
    const code = await main(argv, (line) => printed.push(line));
    return { code, out: printed.join('\n'), log };
  } finally {
    write.mockRestore();
  }
}
