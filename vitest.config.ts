import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

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
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/global-setup.ts'] },
      },
    ],
  },
});
