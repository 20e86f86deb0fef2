/**
 * Runs the demo program once for the whole test run, so the tests that look at a built
 * warehouse share one build instead of each making its own. Tests reach it through
 * `test/helpers/demo.ts`, read-only; a test that must change a warehouse copies it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runDemo } from '../pipelines/demo.ts';
import { memoryLogger } from '../pipelines/log.ts';
import type { DemoBuild } from './helpers/demo.ts';

let root: string | null = null;

export async function setup(project: TestProject): Promise<void> {
  root = mkdtempSync(join(tmpdir(), 'advocacy-shared-demo-'));
  const log = memoryLogger();
  const { summary, program } = await runDemo(root, log);
  const demo: DemoBuild = { root, summary, planted: program.planted, company: program.company, log: log.lines };
  project.provide('demo', JSON.parse(JSON.stringify(demo)) as DemoBuild);
}

export async function teardown(): Promise<void> {
  if (root) rmSync(root, { recursive: true, force: true });
}
