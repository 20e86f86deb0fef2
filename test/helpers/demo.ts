/** The demo program built once per test run (test/global-setup.ts), opened read-only. */
import { join } from 'node:path';
import { inject } from 'vitest';
import type { PlantedFacts } from '../../fixtures/generator/index.ts';
import type { RunSummary } from '../../pipelines/run.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';

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
    demo: DemoBuild;
  }
}

export function demoBuild(): DemoBuild {
  return inject('demo');
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
