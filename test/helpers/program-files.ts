/** A small program written as real-shaped files, loaded through ingest and built end to end. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { discoverModels, modelsFeeding } from '../../models/runner.ts';
import { build } from '../../pipelines/build.ts';
import { validateConfig, type ConfigInput } from '../../pipelines/config.ts';
import { ingestFile, type FileOutcome } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { prepareWarehouse } from '../../pipelines/meta.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { adapters } from '../../sources/index.ts';
import { tempFolder } from './warehouse.ts';

/**
 * An in-memory warehouse with `files` (name → text) written to a temp folder, each loaded
 * (and expected to load as `expected` says), and every model built, or only the `models` a
 * test reads and what they read. The config is Nordlys Energi's in Copenhagen with a Danish
 * locale, with `overrides` on top.
 */
export async function buildProgramFiles(
  files: Record<string, string>,
  overrides: Partial<ConfigInput> = {},
  expected: Partial<FileOutcome> = { status: 'loaded' },
  models?: readonly string[],
): Promise<Warehouse> {
  const root = tempFolder('program-files-');
  const warehouse = await Warehouse.open(':memory:');
  await prepareWarehouse(warehouse, adapters);
  const config = validateConfig({ company: { name: 'Nordlys Energi' }, salt: 'test-salt-1234', locale: 'da-DK', ...overrides }, { root, env: {} });
  for (const [name, text] of Object.entries(files)) {
    const path = join(root, name);
    writeFileSync(path, `${text}\n`);
    const outcome = await ingestFile(warehouse, config, path, { runId: null, log: memoryLogger() });
    expect(outcome, `${name}: ${JSON.stringify(outcome)}`).toMatchObject(expected);
  }
  await build(warehouse, config, { runId: null, log: memoryLogger(), ...(models ? { models: modelsFeeding(await discoverModels(), models) } : {}) });
  return warehouse;
}
