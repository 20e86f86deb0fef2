/**
 * Builds the demo program once for the whole test run, so the tests that look at a built
 * warehouse share one build instead of each making its own. The build runs here while the
 * test files start: only the files that import `test/helpers/demo.ts` wait for it (that
 * module waits for the build's result file), and read it; a test that must change a
 * warehouse copies it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runDemo } from '../pipelines/demo.ts';
import { memoryLogger } from '../pipelines/log.ts';
import { DEMO_FAILED_FILE, DEMO_RESULT_FILE } from './helpers/demo-files.ts';
import type { DemoBuild } from './helpers/demo.ts';

let root: string | null = null;
let building: Promise<void> = Promise.resolve();

export function setup(project: TestProject): void {
  const folder = mkdtempSync(join(tmpdir(), 'advocacy-shared-demo-'));
  root = folder;
  const log = memoryLogger();
  building = runDemo(folder, log).then(
    ({ summary, program }) => {
      const demo: DemoBuild = { root: folder, summary, planted: program.planted, company: program.company, log: log.lines };
      writeFileSync(join(folder, DEMO_RESULT_FILE), JSON.stringify(demo));
    },
    (error: Error) => writeFileSync(join(folder, DEMO_FAILED_FILE), error.stack ?? error.message),
  );
  project.provide('demoRoot', folder);
}

export async function teardown(): Promise<void> {
  await building;
  if (root) rmSync(root, { recursive: true, force: true });
}
