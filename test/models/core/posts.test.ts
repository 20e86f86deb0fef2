import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import type { Warehouse } from '../../../pipelines/warehouse.ts';
import { buildModels } from '../../helpers/models.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const AUGUST = join(import.meta.dirname, '../../../fixtures/exports/facebook/Aug-01-2026_Aug-31-2026_1039829308656930.csv');
const EXPORTS = join(import.meta.dirname, '../../../fixtures/exports');
const MEMBER_WORKBOOK = 'linkedin/A004/Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx';
const POST_EXPORT = 'linkedin/A004/PostAnalytics_Mette Larsen, MBA_7371432207001234567.xlsx';
const POSTS_MODELS = [
  'staging.stg_facebook__page_posts', 'staging.stg_linkedin__member_posts', 'staging.stg_linkedin__member_post_analytics', 'staging.stg_linkedin__page_posts',
  'core.post_snapshots', 'staging.stg_program__ambassadors', 'core.ambassadors', 'staging.stg_program__aliases', 'core.ambassador_aliases',
  'staging.stg_program__shares', 'core.shares', 'core.posts',
];

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
        await buildModels(warehouse, config, POSTS_MODELS, []);
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

  describe('a LinkedIn single-post export (PostAnalytics_<Name>_<post id>.xlsx)', () => {
    /** Loads the roster and `files` (under fixtures/exports/), each logged as loaded on the given day, and builds core.posts. */
    async function build(warehouse: Warehouse, files: [path: string, loadedOn: string][]) {
      const config = testConfig();
      const inbox = tempFolder();
      for (const [path, loadedOn] of [['program/ambassadors.csv', '2026-09-01'], ...files] as [string, string][]) {
        mkdirSync(dirname(join(inbox, path)), { recursive: true });
        copyFileSync(join(EXPORTS, path), join(inbox, path));
        const outcome = await ingestFile(warehouse, config, join(inbox, path), { runId: null, log: memoryLogger() });
        expect(outcome, path).toMatchObject({ status: 'loaded' });
        if (outcome.status === 'loaded') await warehouse.run(`update meta.files set loaded_at = $on::timestamp where file_id = $id`, { on: loadedOn, id: outcome.fileId });
      }
      await buildModels(warehouse, config, POSTS_MODELS, []);
    }

    const post = (warehouse: Warehouse) =>
      warehouse.one(
        `select owner, ambassador_id, posted_on::varchar as posted_on, metrics_as_of::varchar as metrics_as_of, impressions, reach, reactions, comments, shares, clicks, engagements
         from core.posts where post_key = 'linkedin:7371432206977761283'`,
      );

    it('is a snapshot of its post beside the TOP POSTS one, and the latest of them gives core.posts its metrics', async () => {
      await withWarehouse(async (warehouse) => {
        await build(warehouse, [[MEMBER_WORKBOOK, '2026-10-02'], [POST_EXPORT, '2026-10-05']]);
        expect(
          await warehouse.all(
            `select owner, snapshot_on::varchar as snapshot_on, impressions, reach, engagements from core.post_snapshots
             where post_key = 'linkedin:7371432206977761283' order by snapshot_on`,
          ),
        ).toEqual([
          { owner: 'ambassador', snapshot_on: '2026-09-30', impressions: 3100, reach: null, engagements: 52 },
          { owner: 'ambassador', snapshot_on: '2026-10-05', impressions: 3480, reach: 2011, engagements: 65 },
        ]);
        expect(await post(warehouse)).toEqual({
          owner: 'ambassador',
          ambassador_id: 'A004',
          posted_on: '2026-09-02',
          metrics_as_of: '2026-10-05',
          impressions: 3480,
          reach: 2011,
          reactions: 48,
          comments: 7,
          shares: 3,
          clicks: null,
          engagements: 65,
        });
        expect(await warehouse.one(`select count(*)::integer as posts from core.posts where post_key = 'linkedin:7371432206977761283'`)).toEqual({ posts: 1 });
      });
    });

    it('loses to a TOP POSTS export whose period ends after the day it was loaded', async () => {
      await withWarehouse(async (warehouse) => {
        await build(warehouse, [[POST_EXPORT, '2026-09-20'], [MEMBER_WORKBOOK, '2026-10-02']]);
        expect(await post(warehouse)).toMatchObject({ metrics_as_of: '2026-09-30', impressions: 3100, reach: null, engagements: 52 });
      });
    });

    it('makes a post no TOP POSTS lists the ambassador’s, through the folder it sits in', async () => {
      await withWarehouse(async (warehouse) => {
        await build(warehouse, [[POST_EXPORT, '2026-10-05']]);
        expect(await post(warehouse)).toMatchObject({ owner: 'ambassador', ambassador_id: 'A004', posted_on: '2026-09-02', impressions: 3480 });
      });
    });
  });
});
