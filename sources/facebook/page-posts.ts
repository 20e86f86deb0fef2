/**
 * Meta Business Suite post export (Insights → Content → Export,
 * docs/formats.md#facebook-posts): UTF-8 with BOM, header on row 1, one row per post with
 * lifetime metrics as of the export. The column set drifts between 32 and 34 columns from
 * month to month, so every column is matched by name, only Post ID is required, and unknown
 * columns are kept in `_extra`. Current files say `Views`, older ones `Impressions` (both
 * kept, in their own columns). The caption is in `Title` for some post types and in
 * `Description` for others: `caption` is whichever is filled (Description first when both
 * are). `Publish time` is US `MM/DD/YYYY HH:MM` in the Page's time zone, taken as the
 * config's. A Post ID in scientific notation (Excel damage) rejects the row.
 */
import { defineAdapter, type FileContext, type FileFacts } from '../adapter.ts';
import { parseDateParts, toCalendarDate } from '../read/values.ts';
import { checkMetaId } from './ids.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FILE_NAME = /^([A-Za-z]{3})-(\d{1,2})-(\d{4})_([A-Za-z]{3})-(\d{1,2})-(\d{4})_(\d+)/;

export const facebookPagePosts = defineAdapter({
  name: 'facebook.page_posts',
  platform: 'facebook',
  title: 'Meta Business Suite post export',
  signature: ['Post ID', 'Page ID', 'Publish time', 'Permalink'],
  loader: 'papaparse',
  dateOrder: 'mdy',
  keepExtraColumns: true,
  naturalKey: ['post_id'],
  columns: [
    { name: 'post_id', headers: ['Post ID'], type: 'text', required: true },
    { name: 'page_id', headers: ['Page ID'], type: 'text' },
    { name: 'page_name', headers: ['Page name'], type: 'text' },
    { name: 'title', headers: ['Title'], type: 'text' },
    { name: 'description', headers: ['Description'], type: 'text' },
    { name: 'duration_sec', headers: ['Duration (sec)'], type: 'number' },
    { name: 'published_at', headers: ['Publish time'], type: 'timestamp' },
    { name: 'caption_type', headers: ['Caption type'], type: 'text' },
    { name: 'permalink', headers: ['Permalink'], type: 'text' },
    { name: 'is_crosspost', headers: ['Is crosspost'], type: 'text' },
    { name: 'is_share', headers: ['Is share'], type: 'text' },
    { name: 'post_type', headers: ['Post type'], type: 'text' },
    { name: 'languages', headers: ['Languages'], type: 'text' },
    { name: 'custom_labels', headers: ['Custom labels'], type: 'text' },
    { name: 'funded_content_status', headers: ['Funded content status'], type: 'text' },
    { name: 'data_comment', headers: ['Data comment'], type: 'text' },
    { name: 'metric_period', headers: ['Date'], type: 'text' },
    { name: 'views', headers: ['Views'], type: 'integer' },
    { name: 'impressions', headers: ['Impressions'], type: 'integer' },
    { name: 'reach', headers: ['Reach'], type: 'integer' },
    { name: 'reactions_comments_shares', headers: ['Reactions, Comments and Shares'], type: 'integer' },
    { name: 'reactions', headers: ['Reactions'], type: 'integer' },
    { name: 'comments', headers: ['Comments'], type: 'integer' },
    { name: 'shares', headers: ['Shares'], type: 'integer' },
    { name: 'total_clicks', headers: ['Total clicks'], type: 'integer' },
    { name: 'link_clicks', headers: ['Link Clicks'], type: 'integer' },
    { name: 'other_clicks', headers: ['Other Clicks'], type: 'integer' },
    { name: 'photo_clicks', headers: ['Matched Audience Targeting Consumption (Photo Click)'], type: 'integer' },
    { name: 'video_clicks', headers: ['Matched Audience Targeting Consumption (Video Click)'], type: 'integer' },
    { name: 'hide_all_clicks', headers: ['Negative feedback from users: Hide all'], type: 'integer' },
    { name: 'hide_clicks', headers: ['Negative feedback from users: Hide'], type: 'integer' },
    { name: 'seconds_viewed', headers: ['Seconds viewed'], type: 'number' },
    { name: 'average_seconds_viewed', headers: ['Average Seconds viewed'], type: 'number' },
    { name: 'video_views_3s', headers: ['3-Second Video Views'], type: 'integer' },
    { name: 'video_views_1min', headers: ['1-Minute Video Views'], type: 'integer' },
    { name: 'reach_organic', headers: ['Reach from Organic posts'], type: 'integer' },
    { name: 'views_boosted', headers: ['Views from Boosted posts'], type: 'integer' },
    { name: 'estimated_earnings_usd', headers: ['Estimated earnings (USD)'], type: 'number' },
    { name: 'ad_cpm_usd', headers: ['Ad CPM (USD)'], type: 'number' },
    { name: 'ad_impressions', headers: ['Ad impressions'], type: 'integer' },
  ],
  derivedColumns: [
    { name: 'caption', type: 'text' },
    { name: 'period_start', type: 'date' },
    { name: 'period_end', type: 'date' },
  ],
  fileFacts: metaFileFacts,
  transformRow(row) {
    for (const [field, label] of [
      ['post_id', 'Post ID'],
      ['page_id', 'Page ID'],
    ] as const) {
      const problem = checkMetaId(row[field], field, label);
      if (problem) return problem;
    }
    return { ...row, caption: row.description ?? row.title ?? null };
  },
});

/** The period from `<Mon-DD-YYYY>_<Mon-DD-YYYY>_<page id>.csv`, e.g. `Aug-01-2025_Aug-31-2025_1039829308656930.csv`. */
export function metaFileFacts(file: FileContext): FileFacts {
  const match = FILE_NAME.exec(file.fileName);
  const start = match ? monthDay(match[1]!, match[2]!, match[3]!) : null;
  const end = match ? monthDay(match[4]!, match[5]!, match[6]!) : null;
  const facts: FileFacts = { values: { period_start: start, period_end: end } };
  if (start) facts.periodStart = start;
  if (end) facts.periodEnd = end;
  return facts;
}

function monthDay(month: string, day: string, year: string): Date | null {
  const index = MONTHS.indexOf(month.toLowerCase());
  if (index < 0) return null;
  const parts = parseDateParts(`${year}-${index + 1}-${day}`, 'iso');
  return parts && toCalendarDate(parts);
}
