import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The test files wait on child processes, a browser and DuckDB's own threads as much as on
    // the CPU: on two cores two workers take three quarters of the time one does.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
