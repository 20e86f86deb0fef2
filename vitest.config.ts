import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import DemoLastSequencer from './test/sequencer.ts';

// Every folder the tests make (projects, warehouses, reports, the commands they start) goes
// under one folder of this run, removed when the run ends: a run writes gigabytes there.
// The test processes inherit TMPDIR, and with it this folder.
if (!process.env.ADVOCACY_TEST_TMPDIR) {
  const folder = mkdtempSync(join(tmpdir(), 'advocacy-tests-'));
  // Open to every user, as the system's temporary folder is: some tests run the command as another one.
  chmodSync(folder, 0o1777);
  process.env.ADVOCACY_TEST_TMPDIR = folder;
  process.env.TMPDIR = folder;
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}

/**
 * Two projects. `fast`: the tests of one module each (test/<path>/<module>.test.ts for
 * <path>/<module>.ts), in-process, on hand-made tables and fixtures; `npm run test:fast`
 * runs them alone. `e2e`: the product as a whole (test/e2e/), through the command line
 * as a process or on the demo program, which test/global-setup.ts builds once for them.
 * `npm test` runs both. test/vitest.config.test.ts checks that every test file is where
 * this division says.
 */
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    sequence: { sequencer: DemoLastSequencer },
    // The test files wait on child processes, a browser and DuckDB's own threads as much as on
    // the CPU: on two cores two workers take three quarters of the time one does.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        // One process runs many files: the modules every file imports (DuckDB, Vega) load once.
        test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], isolate: false },
      },
      {
        extends: true,
        // Each file's own state is on disk (temp folders, warehouses, child processes), so its modules load once too.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], isolate: false },
      },
    ],
  },
});
