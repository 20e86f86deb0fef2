import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { prepareWarehouse } from '../../../pipelines/meta.ts';
import { Warehouse } from '../../../pipelines/warehouse.ts';
import { adapters } from '../../../sources/index.ts';
import { buildModels } from '../../helpers/models.ts';
import { buildProgramFiles } from '../../helpers/program-files.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const AUGUST = join(import.meta.dirname, '../../../fixtures/exports/facebook/Aug-01-2026_Aug-31-2026_1039829308656930.csv');
const EXPORTS = join(import.meta.dirname, '../../../fixtures/exports');
const MEMBER_WORKBOOK = 'linkedin/A004/Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx';
const POST_EXPORT = 'linkedin/A004/PostAnalytics_Mette Larsen, MBA_7371432207001234567.xlsx';
const POSTS_MODELS = [
  'staging.stg_facebook__page_posts',
  'staging.stg_linkedin__member_posts',
  'staging.stg_linkedin__member_post_analytics',
  'staging.stg_linkedin__page_posts',
  'core.post_snapshots',
  'staging.stg_program__ambassadors',
  'core.ambassadors',
  'staging.stg_program__aliases',
  'core.ambassador_aliases',
  'staging.stg_program__shares',
  'core.shares',
  'staging.stg_linkedin__member_shares',
  'core.linkedin_post_identities',
  'staging.stg_linkedin__member_daily',
  'core.ambassador_daily_reach',
  'core.posts',
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
  it("keeps every snapshot and gives each post once, with the latest export's metrics, whatever the load order", async () => {
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
        if (outcome.status === 'loaded')
          await warehouse.run(`update meta.files set loaded_at = $on::timestamp where file_id = $id`, { on: loadedOn, id: outcome.fileId });
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
        await build(warehouse, [
          [MEMBER_WORKBOOK, '2026-10-02'],
          [POST_EXPORT, '2026-10-05'],
        ]);
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

    it('loses to a TOP POSTS export whose period ends after the day it was loaded, in the measures TOP POSTS gives', async () => {
      await withWarehouse(async (warehouse) => {
        await build(warehouse, [
          [POST_EXPORT, '2026-09-20'],
          [MEMBER_WORKBOOK, '2026-10-02'],
        ]);
        // TOP POSTS has no reach, reactions, comments or shares: the single-post export's stand
        expect(await post(warehouse)).toMatchObject({
          metrics_as_of: '2026-09-30',
          impressions: 3100,
          reach: 2011,
          reactions: 48,
          comments: 7,
          shares: 3,
          engagements: 52,
        });
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

describe('one post, one key: a post the share log and the member’s exports link in different forms is one post', () => {
  /** The share log's rows, each linking a post of Mette Larsen's (A004) TOP POSTS and single-post exports in another form. */
  const SHARE_LOG = [
    'ambassador_id,platform,shared_at,content_id,post_url,post_text,tracked_url',
    // the activity id the single-post export's file name maps to the share id of its Post URL
    'A004,linkedin,2026-09-02T08:30:00,C001,https://www.linkedin.com/feed/update/urn:li:activity:7371432207001234567/?utm_source=share&utm_medium=member_desktop,Energiomstillingen i praksis,',
    // an activity id nothing maps to the ugcPost TOP POSTS lists: her one post that day on each side
    'A004,linkedin,2026-09-12T10:00:00,C002,https://www.linkedin.com/posts/mette-larsen_vindmoeller-activity-7376200661700000001-Qz9P?utm_source=share&utm_medium=member_android,Vindmøller,',
    // the same activity id as TOP POSTS, encoded, on the mobile host
    'A004,linkedin,2026-09-03T07:00:00,C003,https://m.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7380867006855626752,Nordlys,',
    // an article has no id: its link written one way
    'A004,linkedin,2026-09-20T12:00:00,C004,https://dk.linkedin.com/pulse/why-heat-pumps-work-danish-winters-mette-larsen-abc1f/?trk=public_post,Varmepumper om vinteren,',
    // a share id beside TOP POSTS’ ugcPost of that day: two posts (a post is a share or a ugcPost, not both)
    'A004,linkedin,2026-09-14T09:00:00,C005,https://www.linkedin.com/feed/update/urn:li:share:7384491861790000000,Et andet opslag,',
    // two posts of hers on one day, each met by her data archive's post of the same text, or of the same link
    'A004,linkedin,2026-09-28T09:05:00,C007,https://www.linkedin.com/posts/mette-larsen_solar-activity-7421137165900000099-Pq1r,Solceller  på taget,https://nordlys.dk/solar?utm_content=amb-m3tt3',
    'A004,linkedin,2026-09-28T15:00:00,C008,https://www.linkedin.com/posts/mette-larsen_jobs-activity-7421300000000000077-Zz0z,Vi søger montører,https://nordlys.dk/job/montoer?utm_source=linkedin&utm_content=amb-m3tt3',
    // another ambassador's post on the day of one of hers
    'A002,linkedin,2026-09-28T09:00:00,C006,https://www.linkedin.com/posts/asemol_solar-activity-7421137165900000000-Xy1z,Solceller,',
  ].join('\n');

  /** Her data archive: the share or ugcPost ids, in UTC; the first is TOP POSTS' `tail` post. */
  const ARCHIVE = [
    'Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility',
    '2026-09-28 07:04:10,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7421137165813919744,Solceller på taget,"","",MEMBER_NETWORK',
    '2026-09-28 13:01:00,https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7421300000000000001,"Vi søger montører 🔧 skriv til mig",https://nordlys.dk/job/montoer?utm_source=linkedin&utm_medium=social,"",MEMBER_NETWORK',
  ].join('\n');

  async function build(warehouse: Warehouse) {
    const config = testConfig();
    const inbox = tempFolder();
    const files: [string, string][] = [
      ['program/ambassadors.csv', '2026-09-01'],
      [MEMBER_WORKBOOK, '2026-10-02'],
      [POST_EXPORT, '2026-10-05'],
    ];
    for (const [path] of files) {
      mkdirSync(dirname(join(inbox, path)), { recursive: true });
      copyFileSync(join(EXPORTS, path), join(inbox, path));
    }
    mkdirSync(join(inbox, 'program'), { recursive: true });
    writeFileSync(join(inbox, 'program/share_log.csv'), `${SHARE_LOG}\n`);
    writeFileSync(join(inbox, 'linkedin/A004/Shares.csv'), `${ARCHIVE}\n`);
    for (const [path, loadedOn] of [...files, ['program/share_log.csv', '2026-10-06'], ['linkedin/A004/Shares.csv', '2026-10-06']] as [string, string][]) {
      const outcome = await ingestFile(warehouse, config, join(inbox, path), { runId: null, log: memoryLogger() });
      expect(outcome, path).toMatchObject({ status: 'loaded' });
      if (outcome.status === 'loaded')
        await warehouse.run(`update meta.files set loaded_at = $on::timestamp where file_id = $id`, { on: loadedOn, id: outcome.fileId });
    }
    await buildModels(warehouse, config, POSTS_MODELS, []);
  }

  // Both cases read the same build.
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open(':memory:');
    await prepareWarehouse(warehouse, adapters);
    await build(warehouse);
  });
  afterAll(() => warehouse.close());

  it('joins each share-log row to its export post, with the export’s metrics and the basis of the join', async () => {
    const posts = await warehouse.all(
      `select post_text, posted_on::varchar as posted_on, is_in_share_log, match_basis, impressions, reach, engagements
       from core.posts where ambassador_id = 'A004' and post_text is not null order by posted_at`,
    );
    expect(posts).toEqual([
      {
        post_text: 'Energiomstillingen i praksis',
        posted_on: '2026-09-02',
        is_in_share_log: true,
        match_basis: 'urn',
        impressions: 3480,
        reach: 2011,
        engagements: 65,
      },
      { post_text: 'Nordlys', posted_on: '2026-09-03', is_in_share_log: true, match_basis: 'urn', impressions: 640, reach: null, engagements: 12 },
      {
        post_text: 'Vindmøller',
        posted_on: '2026-09-12',
        is_in_share_log: true,
        match_basis: 'ambassador_day',
        impressions: 4210,
        reach: null,
        engagements: 31,
      },
      { post_text: 'Et andet opslag', posted_on: '2026-09-14', is_in_share_log: true, match_basis: null, impressions: null, reach: null, engagements: null },
      {
        post_text: 'Varmepumper om vinteren',
        posted_on: '2026-09-20',
        is_in_share_log: true,
        match_basis: 'url',
        impressions: null,
        reach: null,
        engagements: 5,
      },
      {
        post_text: 'Solceller  på taget',
        posted_on: '2026-09-28',
        is_in_share_log: true,
        match_basis: 'ambassador_time_text',
        impressions: 90,
        reach: null,
        engagements: null,
      },
      {
        post_text: 'Vi søger montører',
        posted_on: '2026-09-28',
        is_in_share_log: true,
        match_basis: 'ambassador_time_link',
        impressions: null,
        reach: null,
        engagements: null,
      },
    ]);
  });

  it('counts each post once: the seven TOP POSTS posts and the two share-log posts no export has, for her; the other ambassador’s post stays hers', async () => {
    expect(
      await warehouse.all(
        `select ambassador_id, count(*)::integer as posts, count(distinct post_key)::integer as keys from core.posts where owner = 'ambassador' group by all order by all`,
      ),
    ).toEqual([
      { ambassador_id: 'A002', posts: 1, keys: 1 },
      { ambassador_id: 'A004', posts: 9, keys: 9 },
    ]);
    // every snapshot lands on a post of core.posts
    expect(
      await warehouse.one(
        `select count(*)::integer as orphans from core.post_snapshots where owner = 'ambassador' and post_key not in (select post_key from core.posts)`,
      ),
    ).toEqual({ orphans: 0 });
  });
});

describe('a post a later export lists without impressions keeps the impressions an earlier export gave', () => {
  const POST = 'https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761283/';
  const OTHER = 'https://www.linkedin.com/feed/update/urn:li:activity:7371432206977761284/';
  const TOP_POSTS_HEADER = 'Post URL,Post publish date,Engagements,,Post URL,Post publish date,Impressions';
  const FILES: Record<string, string> = {
    'ambassadors.csv': ['ambassador_id,name,joined_on,utm_code', 'A004,Mette Larsen,2026-09-01,amb-m3tt3'].join('\n'),
    // mid-month: the post is in both top-50 tables
    'Content_2026-09-01_2026-09-15_Mette Larsen.csv': [TOP_POSTS_HEADER, `${POST},9/2/2026,40,,${POST},9/2/2026,2500`].join('\n'),
    // the whole month: another post has pushed it out of the impressions table; its engagements grew
    'Content_2026-09-01_2026-09-30_Mette Larsen.csv': [TOP_POSTS_HEADER, `${POST},9/2/2026,52,,${OTHER},9/20/2026,9000`, `${OTHER},9/20/2026,30,,,,`].join(
      '\n',
    ),
  };

  it('takes each measure from the latest export that gives it', async () => {
    const warehouse = await buildProgramFiles(FILES, {}, undefined, ['core.post_snapshots', 'core.posts']);
    try {
      expect(
        await warehouse.all(
          `select post_key, snapshot_on::varchar as snapshot_on, impressions, engagements from core.post_snapshots order by post_key, snapshot_on`,
        ),
      ).toEqual([
        { post_key: 'linkedin:7371432206977761283', snapshot_on: '2026-09-15', impressions: 2500, engagements: 40 },
        { post_key: 'linkedin:7371432206977761283', snapshot_on: '2026-09-30', impressions: null, engagements: 52 },
        { post_key: 'linkedin:7371432206977761284', snapshot_on: '2026-09-30', impressions: 9000, engagements: 30 },
      ]);
      expect(
        await warehouse.all(
          `select post_key, ambassador_id, metrics_as_of::varchar as metrics_as_of, impressions, engagements from core.posts order by post_key`,
        ),
      ).toEqual([
        { post_key: 'linkedin:7371432206977761283', ambassador_id: 'A004', metrics_as_of: '2026-09-30', impressions: 2500, engagements: 52 },
        { post_key: 'linkedin:7371432206977761284', ambassador_id: 'A004', metrics_as_of: '2026-09-30', impressions: 9000, engagements: 30 },
      ]);
    } finally {
      warehouse.close();
    }
  });
});
