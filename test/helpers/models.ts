/** Builds a few named models on hand-made input tables, the way a test of one model needs. */
import { build } from '../../pipelines/build.ts';
import type { Config } from '../../pipelines/config.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { discoverModels } from '../../models/runner.ts';

/** marts.data_issues and the models it reads, from the raw tables. */
export const DATA_ISSUES_MODELS = [
  'staging.stg_program__ambassadors',
  'staging.stg_program__aliases',
  'core.ambassadors',
  'core.ambassador_aliases',
  'staging.stg_ga4__traffic_daily',
  'staging.stg_ga4__landing_pages',
  'core.ga4_sessions',
  'marts.data_issues',
];

export async function buildModels(warehouse: Warehouse, config: Config, ids: string[], inputs: string[]): Promise<void> {
  const models = (await discoverModels()).filter((model) => ids.includes(model.id));
  await build(warehouse, config, { runId: null, log: memoryLogger(), models, inputs });
}
