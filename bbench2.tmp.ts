import { build } from '/work/main/pipelines/build.ts';
import { memoryLogger } from '/work/main/pipelines/log.ts';
import { testConfig, withWarehouse } from '/work/main/test/helpers/warehouse.ts';
import { discoverModels } from '/work/main/models/runner.ts';
const config = testConfig();
const models = await discoverModels();
await withWarehouse(async (w) => {
  if (process.env.T) await w.run(`set threads = ${process.env.T}`);
  const c0 = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < 3; i++) await build(w, config, { runId: null, log: memoryLogger(), models });
  const c = process.cpuUsage(c0);
  console.log(
    'threads',
    process.env.T ?? 'default',
    'wall',
    ((performance.now() - t) / 3).toFixed(0),
    'cpu',
    ((c.user + c.system) / 3000).toFixed(0),
    'sys',
    (c.system / 3000).toFixed(0),
  );
});
