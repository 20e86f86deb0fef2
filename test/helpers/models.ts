/** Builds a few models, and what they read, on hand-made input tables, the way a test of one model needs. */
import { build } from '../../pipelines/build.ts';
import type { Config } from '../../pipelines/config.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { discoverModels, modelsFeeding } from '../../models/runner.ts';

/**
 * Builds `targets` and the models they read, on the raw tables and the hand-made `inputs`,
 * every one of them whole: a test changes its tables in place, where a build tells change
 * by the files loaded.
 */
export async function buildModels(warehouse: Warehouse, config: Config, targets: string[], inputs: string[]): Promise<void> {
  const models = modelsFeeding(await discoverModels(), targets, inputs);
  await build(warehouse, config, { runId: null, log: memoryLogger(), models, inputs, full: true });
}
