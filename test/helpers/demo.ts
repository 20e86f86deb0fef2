/**
 * The demo program built once per test run (test/global-setup.ts), opened read-only.
 * Importing this module waits until that build has finished.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { PlantedFacts } from '../../fixtures/generator/index.ts';
import type { RunSummary } from '../../pipelines/run.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { DEMO_FAILED_FILE, DEMO_RESULT_FILE } from './demo-files.ts';

export interface DemoBuild {
  /** The folder the demo ran in: demo-exports/, warehouse/, out/. */
  root: string;
  summary: RunSummary;
  planted: PlantedFacts;
  company: { name: string; aliases: string[] };
  /** What the demo run logged. */
  log: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder the shared demo is built in; its result file appears when the build is done. */
    demoRoot: string;
  }
}

const BUILD_MINUTES = 10;

async function finishedDemo(root: string): Promise<DemoBuild> {
  const deadline = Date.now() + BUILD_MINUTES * 60_000;
  for (;;) {
    if (existsSync(join(root, DEMO_RESULT_FILE))) return JSON.parse(readFileSync(join(root, DEMO_RESULT_FILE), 'utf8')) as DemoBuild;
    if (existsSync(join(root, DEMO_FAILED_FILE)))
      throw new Error(`The shared demo program failed to build:\n${readFileSync(join(root, DEMO_FAILED_FILE), 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`The shared demo program was not built within ${BUILD_MINUTES} minutes (${root}).`);
    await sleep(200);
  }
}

const demo = await finishedDemo(inject('demoRoot'));

export function demoBuild(): DemoBuild {
  return demo;
}

/** Runs `work` on the shared demo warehouse, opened read-only. */
export async function withDemoWarehouse<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await Warehouse.open(join(demoBuild().root, 'warehouse/advocacy.duckdb'), { readOnly: true });
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}
