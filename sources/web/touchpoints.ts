import { defineAdapter } from '../adapter.ts';

/**
 * The generic touchpoints file (docs/formats.md#touchpoints-file): one visit or click, for
 * click logs, link shorteners and analytics exports that have no adapter of their own.
 * `touched_at` without a zone is in the config's time zone. Extra columns are kept in
 * `_extra`.
 *
 * This is the big file (a million rows for a medium program), so the adapter has no
 * hooks: nothing stops the DuckDB `read_csv` path from taking it. For the same reason
 * the UTM tags of a row whose tag columns are empty are read from `landing_page`'s
 * query string in staging (`stg_web__touchpoints`), not here.
 */
export const webTouchpoints = defineAdapter({
  name: 'web.touchpoints',
  platform: 'web',
  title: 'touchpoints file',
  signature: ['visitor_id', 'touched_at'],
  loader: 'read_csv',
  keepExtraColumns: true,
  // A visit is its visitor, second, page and tags: two links clicked in the same second differ in their tags.
  naturalKey: ['visitor_id', 'touched_at', 'landing_page', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'],
  columns: [
    { name: 'visitor_id', headers: ['visitor_id'], type: 'text', required: true },
    { name: 'touched_at', headers: ['touched_at'], type: 'timestamp', required: true },
    { name: 'utm_source', headers: ['utm_source'], type: 'text' },
    { name: 'utm_medium', headers: ['utm_medium'], type: 'text' },
    { name: 'utm_campaign', headers: ['utm_campaign'], type: 'text' },
    { name: 'utm_content', headers: ['utm_content'], type: 'text' },
    { name: 'utm_term', headers: ['utm_term'], type: 'text' },
    { name: 'landing_page', headers: ['landing_page'], type: 'text' },
    { name: 'referrer', headers: ['referrer'], type: 'text' },
  ],
});
