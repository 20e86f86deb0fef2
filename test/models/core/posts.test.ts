import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { buildModels } from '../../helpers/models.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const AUGUST = join(import.meta.dirname, '../../../fixtures/exports/facebook/Aug-01-2026_Aug-31-2026_1039829308656930.csv');

/** The August export as Meta would give it a month later: the same posts, more views. */
function laterExport(dir: string): string {
  const text = readFileSync(AUGUST, 'utf8').replace(/^\ufeff/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const rows = parsed.data.map((row) => ({ ...row, Views: String(Number(row.Views) + 1000) }));
  const file = join(dir, 'Aug-01-2026_Sep-30-2026_1039829308656930.csv');
  writeFileSync(file, `\ufeff${Papa.unparse(rows, { columns: parsed.meta.fields })}\n`);
  return file;
}

describe('models/core/posts and post_snapshots', () => {
  it('keeps every snapshot and gives each post once, with the latest export\'s metrics, whatever the load order', async () => {
    for (const order of ['earlier first', 'later first'] as const) {
      await withWarehouse(async (warehouse) => {
        const config = testConfig();
        const later = laterExport(tempFolder());
        const files = order === 'earlier first' ? [AUGUST, later] : [later, AUGUST];
        for (const file of files) {
          const outcome = await ingestFile(warehouse, config, file, { runId: null, log: memoryLogger() });
          expect(outcome.status).toBe('loaded');
        }
        await buildModels(
          warehouse,
          config,
          [
            'staging.stg_facebook__page_posts', 'staging.stg_linkedin__member_posts', 'staging.stg_linkedin__page_posts', 'core.post_snapshots',
            'staging.stg_program__ambassadors', 'core.ambassadors', 'staging.stg_program__aliases', 'core.ambassador_aliases',
            'staging.stg_program__shares', 'core.shares', 'core.posts',
          ],
          [],
        );
        const snapshots = await warehouse.all<{ post_key: string; snapshots: number; first: number; last: number }>(
          `select post_key, count(*)::integer as snapshots, arg_min(impressions, snapshot_on) as first, arg_max(impressions, snapshot_on) as last
           from core.post_snapshots group by post_key order by post_key`,
        );
        expect(snapshots.length).toBeGreaterThan(0);
        for (const post of snapshots) {
          expect(post.snapshots).toBe(2);
          expect(post.last - post.first).toBe(1000);
        }
        const posts = await warehouse.all<{ post_key: string; impressions: number; owner: string; metrics_as_of: Date }>(
          `select post_key, impressions, owner, metrics_as_of from core.posts order by post_key`,
        );
        expect(posts.map((post) => post.post_key)).toEqual(snapshots.map((post) => post.post_key));
        expect(posts.map((post) => post.impressions)).toEqual(snapshots.map((post) => post.last));
        for (const post of posts) {
          expect(post.owner).toBe('company');
          expect(post.metrics_as_of.toISOString().slice(0, 10)).toBe('2026-09-30');
        }
      });
    }
  });
});
