/**
 * LinkedIn single-post analytics export (docs/formats.md#linkedin-single-post-analytics):
 * what a member downloads from one post (the post's … menu → View analytics → Export),
 * `PostAnalytics_<Name>_<post id>.xlsx`, in 2026 also `SinglePostAnalytics_<Name>_<post
 * id>.xlsx`. It is key/value rows, not a table, read as one row per file:
 *
 *     Post URL                        | https://www.linkedin.com/feed/update/urn:li:share:7432…
 *     Post Date                       | Feb 25, 2026
 *     Post Publish Time               | 11:53 AM
 *     Impressions                     | 1,316
 *     Members reached                 | 940
 *     Reactions                       | 42
 *     …
 *
 * LinkedIn documents no layout. The one here is put together from public parsers and
 * test builders of the export that quote the labels and sheet names (their evidence is in
 * docs/formats.md#linkedin-single-post-analytics), in
 * two generations:
 * - sheets PERFORMANCE (the key/value rows, a blank row after Post Publish Time) and TOP
 *   DEMOGRAPHICS (`Category | Value | Percentage`); dates as `Sep 30, 2025`;
 * - one sheet, `Post analytics`: the same keys, grouped under rows without a value
 *   (`Discovery`, `Profile activity`, `Engagement`), then `Post viewer demographics` and a
 *   `Category | Value | %` table; dates as `9/16/2026`.
 * Numbers are text cells with thousands commas. Exports of 2023 have no Members reached
 * (absent, so null, not 0), and some years say `from post` for `from this post`.
 *
 * The keys are matched through the header lists below, and keys not listed are ignored,
 * as is the demographics table (it describes one post's viewers, which no model uses).
 * The post is the one in Post URL (its id as in TOP POSTS), else the id in the file name,
 * which is kept in `file_post_id` either way: it may be another of the post's ids. An
 * article's URL has no id and is its identity, as in TOP POSTS. The metrics are lifetime
 * totals as of the export, a snapshot of the post; the file does not say when it was
 * exported, so the post date is a derived column rather than a date column, which keeps
 * the file's period empty and the snapshot dated by the day it is loaded.
 */
import { defineAdapter, normaliseHeader, rejectRow, type LocatedTable } from '../adapter.ts';
import { isBlank } from '../read/table.ts';
import type { Grid } from '../read/grid.ts';
import { parseDateParts, toCalendarDate } from '../read/values.ts';
import { keyValueTable, memberFileFacts, memberFileName, MEMBER_IDENTITY_COLUMNS } from './member-file.ts';
import { linkedinPostRef, linkedinPostUrl, linkedinUrn } from './post-urn.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_FIRST = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;

export const linkedinMemberPostAnalytics = defineAdapter({
  name: 'linkedin.member_post_analytics',
  platform: 'linkedin',
  title: 'LinkedIn single-post analytics',
  signature: ['Post URL'],
  loader: 'papaparse',
  naturalKey: ['post_id', 'post_url'],
  columns: [
    { name: 'post_url', headers: ['Post URL', 'Post link'], type: 'text' },
    { name: 'post_date', headers: ['Post Date', 'Post publish date'], type: 'text', required: true },
    { name: 'publish_time', headers: ['Post Publish Time', 'Post time'], type: 'text' },
    { name: 'impressions', headers: ['Impressions'], type: 'integer' },
    { name: 'members_reached', headers: ['Members reached'], type: 'integer' },
    { name: 'profile_viewers', headers: ['Profile viewers from this post', 'Profile viewers from post'], type: 'integer' },
    { name: 'followers_gained', headers: ['Followers gained from this post', 'Followers gained from post'], type: 'integer' },
    { name: 'social_engagements', headers: ['Social engagements', 'Engagements'], type: 'integer' },
    { name: 'reactions', headers: ['Reactions', 'Likes'], type: 'integer' },
    { name: 'comments', headers: ['Comments'], type: 'integer' },
    { name: 'reposts', headers: ['Reposts', 'Shares'], type: 'integer' },
    { name: 'saves', headers: ['Saves'], type: 'integer' },
    { name: 'sends', headers: ['Sends on LinkedIn', 'Sends'], type: 'integer' },
    { name: 'link_engagements', headers: ['Link engagements', 'Link clicks', 'Clicks'], type: 'integer' },
    { name: 'premium_button_engagements', headers: ['Premium custom button engagements', 'Premium custom button interactions'], type: 'integer' },
  ],
  derivedColumns: [
    ...MEMBER_IDENTITY_COLUMNS,
    { name: 'file_post_id', type: 'text' },
    { name: 'post_id', type: 'text' },
    { name: 'post_urn', type: 'text' },
    { name: 'published_on', type: 'date' },
  ],
  fileFacts(file) {
    const { values } = memberFileFacts(file);
    return { values: { member_name: values?.member_name, folder_name: values?.folder_name, file_post_id: memberFileName(file.fileName).postId } };
  },
  locateTable: locatePostAnalytics,
  transformRow(row) {
    const written = row.post_date as string;
    const publishedOn = postDate(written);
    if (!publishedOn) return rejectRow(`"${written}" in Post Date is not a date as LinkedIn writes it (M/D/YYYY or Mon D, YYYY)`, 'post_date', written);
    const url = row.post_url as string | null;
    const filePostId = row.file_post_id as string | null;
    if (url === null && filePostId === null) {
      return rejectRow('Post URL is empty and the file name has no post id (PostAnalytics_<Name>_<post id>.xlsx), so the post is unknown', 'post_url', null);
    }
    const ref = linkedinPostRef(url);
    const isArticle = url?.includes('/pulse/');
    return {
      ...row,
      published_on: publishedOn,
      post_url: url === null ? null : linkedinPostUrl(url),
      post_id: ref?.id ?? (isArticle ? null : filePostId),
      post_urn: ref?.urn ?? linkedinUrn(url),
    };
  },
});

/**
 * The key/value rows from the sheet's first filled row down to the demographics table
 * (its `Category | Value` header), as a table of one row.
 */
export function locatePostAnalytics(grid: Grid): LocatedTable | null {
  const start = grid.rows.findIndex((row) => !isBlank(row.cells));
  if (start < 0) return null;
  const demographics = grid.rows.findIndex((row) => {
    const cells = row.cells.map(normaliseHeader);
    return cells.includes('category') && cells.includes('value');
  });
  return keyValueTable(grid, start, demographics < 0 ? grid.rows.length : demographics);
}

/** `9/16/2026` (US month first), `Feb 25, 2026`, an ISO date or an Excel date number → the calendar day; null otherwise. */
export function postDate(text: string): Date | null {
  const named = MONTH_FIRST.exec(text.trim());
  const month = named ? MONTHS.indexOf(named[1]!.slice(0, 3).toLowerCase()) + 1 : 0;
  const parts = named
    ? month > 0
      ? parseDateParts(`${month}/${named[2]}/${named[3]}`, 'mdy_slash')
      : null
    : (parseDateParts(text, 'mdy_slash') ?? parseDateParts(text, 'iso') ?? parseDateParts(text, 'excel_serial'));
  return parts && toCalendarDate(parts);
}
