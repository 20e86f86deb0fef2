import { quotedString } from '../../pipelines/warehouse.ts';
import { defineAdapter, rejectRow } from '../adapter.ts';
import { linkedinPostIdSql, linkedinPostRef, linkedinPostSqlReadable, linkedinPostUrl, linkedinPostUrlSql, linkedinPostUrnSql } from '../linkedin/post-urn.ts';
import { UTM_DERIVED_COLUMNS, utmTags, utmTagsSql, utmTagsSqlReadable } from '../web/utm.ts';

export const SHARE_PLATFORMS = ['linkedin', 'facebook'] as const;

/**
 * The content hub's share log: one row per share an ambassador made
 * (docs/formats.md#share-log), the one complete list of personal posts and their texts. The
 * tracked link's campaign tags become columns (`utm_content` carries the ambassador's code
 * by default), and a LinkedIn post URL's id becomes `post_id` (its URN `post_urn`, the URL
 * written one way), to meet the platform's own exports.
 *
 * The log lists every share again each day (a snapshot, hundreds of megabytes at a large
 * program), so DuckDB reads it (`sqlHooks`). A row whose addresses hold escapes the SQL
 * does not decode is left to JS, and the file then goes through papaparse.
 */
export const programShareLog = defineAdapter({
  name: 'program.share_log',
  platform: 'program',
  title: 'share log',
  signature: ['ambassador_id', 'platform', 'shared_at'],
  loader: 'read_csv',
  keepExtraColumns: true,
  naturalKey: ['ambassador_id', 'platform', 'shared_at'],
  columns: [
    { name: 'ambassador_id', headers: ['ambassador_id'], type: 'text', required: true },
    { name: 'platform', headers: ['platform'], type: 'text', required: true },
    { name: 'shared_at', headers: ['shared_at'], type: 'timestamp', required: true },
    { name: 'content_id', headers: ['content_id'], type: 'text' },
    { name: 'post_url', headers: ['post_url'], type: 'url' },
    { name: 'post_text', headers: ['post_text'], type: 'text' },
    { name: 'tracked_url', headers: ['tracked_url'], type: 'url' },
  ],
  derivedColumns: [...UTM_DERIVED_COLUMNS, { name: 'post_id', type: 'text' }, { name: 'post_urn', type: 'text' }],
  transformRow(row) {
    const platform = String(row.platform).toLowerCase();
    if (!(SHARE_PLATFORMS as readonly string[]).includes(platform)) {
      return rejectRow(`platform must be one of ${SHARE_PLATFORMS.join(', ')}`, 'platform', String(row.platform));
    }
    const url = row.post_url as string | null;
    const ref = platform === 'linkedin' ? linkedinPostRef(url) : null;
    const postUrl = platform === 'linkedin' && url !== null ? linkedinPostUrl(url) : url;
    return { ...row, platform, post_url: postUrl, ...utmTags(row.tracked_url as string | null), post_id: ref?.id ?? null, post_urn: ref?.urn ?? null };
  },
  sqlHooks: {
    transformRow(_facts, value) {
      const written = value('platform');
      // Letters outside ASCII lower-case differently in JS and DuckDB (`K`, `İ`): left to JS.
      const platform = `(case when regexp_full_match(${written}, '[A-Za-z]+') then lower(${written}) end)`;
      const linkedin = `${platform} = 'linkedin'`;
      const postUrl = value('post_url');
      const trackedUrl = value('tracked_url');
      const urn = linkedinPostUrnSql(postUrl);
      return {
        columns: {
          platform,
          post_url: `case when ${linkedin} then ${linkedinPostUrlSql(postUrl)} else ${postUrl} end`,
          ...utmTagsSql(trackedUrl),
          post_id: `case when ${linkedin} then ${linkedinPostIdSql(urn)} end`,
          post_urn: `case when ${linkedin} then ${urn} end`,
        },
        rejects: `${platform} is null or ${platform} not in (${SHARE_PLATFORMS.map(quotedString).join(', ')})
          or ${linkedin} and not ${linkedinPostSqlReadable(postUrl)} or not ${utmTagsSqlReadable(trackedUrl)}`,
      };
    },
  },
});
