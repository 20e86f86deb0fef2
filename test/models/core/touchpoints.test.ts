/**
 * core.touchpoints from real touchpoints files (loaded through the adapter and its
 * read_csv path), and the order core.attribution_touches gives touches made in the same
 * second.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildModels } from '../../helpers/models.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const HEADER = 'visitor_id,touched_at,utm_source,utm_medium,utm_campaign,utm_content,utm_term,landing_page,referrer';

/** Loads each file (its lines under the header) in turn, with hand-made aliases for amb-1 (A1) and amb-2 (A2), and builds `models`. */
async function loadTouchpoints(warehouse: Warehouse, files: string[][], models: string[], inputs: string[] = []): Promise<void> {
  const folder = tempFolder();
  const config = testConfig({ timezone: 'UTC' });
  for (const [index, lines] of files.entries()) {
    const path = join(folder, `touchpoints-${index + 1}.csv`);
    writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
    expect(await ingestFile(warehouse, config, path, { runId: null, log: memoryLogger() })).toMatchObject({ status: 'loaded', rowsRejected: 0 });
  }
  await warehouse.run(`create schema if not exists core;
    create table core.ambassador_aliases as select * from (values ('amb-1', 'A1'), ('amb-2', 'A2')) as t(alias_key, ambassador_id)`);
  await buildModels(warehouse, config, ['staging.stg_web__touchpoints', 'core.touchpoints', ...models], ['core.ambassador_aliases', ...inputs]);
}

const AMB_1 = 'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-1,,https://nordlys.dk/job,';
const AMB_2 = 'v1,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-2,,https://nordlys.dk/job,';

describe('models/core/touchpoints', () => {
  it('counts two clicks on two different links in the same second as two touches', async () => {
    await withWarehouse(async (warehouse) => {
      await loadTouchpoints(warehouse, [[AMB_1, AMB_2]], []);
      const rows = await warehouse.all<{ ambassador_id: string; touchpoint_id: string }>(
        `select ambassador_id, touchpoint_id from core.touchpoints order by ambassador_id`,
      );
      expect(rows.map((row) => row.ambassador_id)).toEqual(['A1', 'A2']);
      expect(new Set(rows.map((row) => row.touchpoint_id)).size).toBe(2);
    });
  });

  it('keeps the same click in two overlapping files one touch, from the later file', async () => {
    await withWarehouse(async (warehouse) => {
      const later = 'v1,2026-06-30T08:00:00Z,google,organic,,,,https://nordlys.dk/,';
      await loadTouchpoints(
        warehouse,
        [
          [AMB_1, AMB_2],
          [AMB_2, AMB_1, later],
        ],
        [],
      );
      expect(
        await warehouse.all(
          `select ambassador_id, strftime(touched_at, '%Y-%m-%d %H:%M:%S') as touched_at from core.touchpoints order by touched_at, ambassador_id`,
        ),
      ).toEqual([
        { ambassador_id: 'A1', touched_at: '2026-06-29 10:00:00' },
        { ambassador_id: 'A2', touched_at: '2026-06-29 10:00:00' },
        { ambassador_id: null, touched_at: '2026-06-30 08:00:00' },
      ]);
    });
  });

  it('orders touches in the same second by channel, then landing page, then tags, so the last touch is the same on every build', async () => {
    await withWarehouse(async (warehouse) => {
      await warehouse.run(`create schema if not exists core;
        create table core.outcomes (outcome_id varchar, occurred_at timestamp, visitor_id varchar, email_hash varchar);
        insert into core.outcomes values ('o1', '2026-06-29 12:00:00', 'v2', null);
        create table core.visitor_identities (email_hash varchar, visitor_id varchar);`);
      await loadTouchpoints(
        warehouse,
        [
          [
            // One ambassador's three links clicked in one second: two pages, and one page under two campaigns.
            'v2,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-1,,https://nordlys.dk/karriere,',
            'v2,2026-06-29T10:00:00Z,linkedin,employee_advocacy,autumn,amb-1,,https://nordlys.dk/karriere,',
            'v2,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-1,,https://nordlys.dk/job,',
            'v2,2026-06-29T10:00:00Z,linkedin,employee_advocacy,spring,amb-2,,https://nordlys.dk/job,',
          ],
        ],
        ['core.attribution_touches'],
        ['core.outcomes', 'core.visitor_identities'],
      );
      const order = await warehouse.all<{ channel: string; landing_page: string; utm_campaign: string }>(
        `select a.channel, t.landing_page, t.utm_campaign
         from core.attribution_touches as a join core.touchpoints as t using (touchpoint_id)
         where a.granularity = 'ambassador' order by a.touch_order`,
      );
      expect(order).toEqual([
        { channel: 'A1', landing_page: 'https://nordlys.dk/job', utm_campaign: 'spring' },
        { channel: 'A1', landing_page: 'https://nordlys.dk/karriere', utm_campaign: 'autumn' },
        { channel: 'A1', landing_page: 'https://nordlys.dk/karriere', utm_campaign: 'spring' },
        { channel: 'A2', landing_page: 'https://nordlys.dk/job', utm_campaign: 'spring' },
      ]);
    });
  });
});
