import { defineAdapter, rejectRow } from '../adapter.ts';
import { linkedinPostRef, linkedinPostUrl } from '../linkedin/post-urn.ts';
import { UTM_DERIVED_COLUMNS, utmTags } from '../web/utm.ts';

export const SHARE_PLATFORMS = ['linkedin', 'facebook'] as const;

/**
 * The content hub's share log: one row per share an ambassador made
 * (docs/formats.md#share-log), the one complete list of personal posts and their texts. The
 * tracked link's campaign tags become columns (`utm_content` carries the ambassador's code
 * by default), and a LinkedIn post URL's id becomes `post_id` (its URN `post_urn`, the URL
 * written one way), to meet the platform's own exports.
 */
export const programShareLog = defineAdapter({
  name: 'program.share_log',
  platform: 'program',
  title: 'share log',
  signature: ['ambassador_id', 'platform', 'shared_at'],
  loader: 'papaparse',
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
});
