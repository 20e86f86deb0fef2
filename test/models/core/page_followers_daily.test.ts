import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { buildModels } from '../../helpers/models.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const LINKEDIN = join(import.meta.dirname, '../../../fixtures/exports/linkedin');
const SEPTEMBER = join(LINKEDIN, 'nordlys-energi_followers_2026-09-01_2026-09-30.xls');
const MID_SEPTEMBER_TO_MID_OCTOBER = join(LINKEDIN, 'nordlys-energi_followers_2026-09-15_2026-10-14.xlsx');
const OCTOBER = join(LINKEDIN, 'nordlys-energi_followers_2026-10-01_2026-10-31.csv');
const MODELS = ['staging.stg_linkedin__page_followers', 'core.page_followers_daily'];

async function dailyFollowers(files: string[]) {
  return withWarehouse(async (warehouse) => {
    const config = testConfig();
    for (const file of files) {
      expect(await ingestFile(warehouse, config, file, { runId: null, log: memoryLogger() })).toMatchObject({ status: 'loaded' });
    }
    await buildModels(warehouse, config, MODELS, []);
    return warehouse.all(
      `select page_name, day::varchar as day, new_followers_sponsored as sponsored, new_followers_organic as organic,
              new_followers_auto_invited as auto_invited, new_followers_total as total
       from core.page_followers_daily order by page_name, day`,
    );
  });
}

describe('models/core/page_followers_daily', () => {
  it('gives each day of overlapping exports once, as the latest export says it, whatever the load order', async () => {
    for (const files of [
      [SEPTEMBER, MID_SEPTEMBER_TO_MID_OCTOBER, OCTOBER],
      [OCTOBER, MID_SEPTEMBER_TO_MID_OCTOBER, SEPTEMBER],
    ]) {
      expect(await dailyFollowers(files)).toEqual([
        { page_name: 'nordlys-energi', day: '2026-09-01', sponsored: 0, organic: 12, auto_invited: 3, total: 15 },
        { page_name: 'nordlys-energi', day: '2026-09-02', sponsored: 4, organic: 9, auto_invited: 0, total: 13 },
        { page_name: 'nordlys-energi', day: '2026-09-03', sponsored: 0, organic: 7, auto_invited: 1, total: 8 },
        { page_name: 'nordlys-energi', day: '2026-09-15', sponsored: 0, organic: 22, auto_invited: 2, total: 24 },
        { page_name: 'nordlys-energi', day: '2026-09-16', sponsored: 6, organic: 15, auto_invited: 0, total: 21 },
        { page_name: 'nordlys-energi', day: '2026-09-30', sponsored: 0, organic: 6, auto_invited: 0, total: 6 },
        { page_name: 'nordlys-energi', day: '2026-10-01', sponsored: 0, organic: 10, auto_invited: 1, total: 11 },
        { page_name: 'nordlys-energi', day: '2026-10-02', sponsored: 0, organic: 8, auto_invited: 0, total: 8 },
        { page_name: 'nordlys-energi', day: '2026-10-14', sponsored: 2, organic: 12, auto_invited: 0, total: 14 },
        { page_name: 'nordlys-energi', day: '2026-10-20', sponsored: 1, organic: 9, auto_invited: 0, total: 10 },
        { page_name: 'nordlys-energi', day: '2026-10-31', sponsored: 0, organic: 4, auto_invited: 0, total: 4 },
      ]);
    }
  });

  it('counts a file whose name does not say the page for the company’s page', async () => {
    const renamed = join(tempFolder(), 'New followers.csv');
    copyFileSync(OCTOBER, renamed);
    const rows = await dailyFollowers([renamed]);
    expect(rows.map((row) => row.page_name)).toEqual(Array(5).fill('Nordlys Energi A/S'));
  });
});
