/**
 * LinkedIn company Page content export, sheet `All posts`
 * (docs/formats.md#linkedin-page-content): .xls or .xlsx (or the sheet saved as CSV), a
 * one-cell description on row 1 and the header on row 2. Two generations of header names:
 * `Update title, Update link, Update type, …, Reposts (or Shares), Follows, Engagement
 * rate, Content Type` and the newer `Post title, Post link, Post type, Posted by, Created
 * date, …`. Header cells may wrap over lines; the shared header matching ignores the
 * breaks. Created date is US MM/DD/YYYY; engagement rate is `6.14%` or a fraction.
 */
import { defineAdapter } from '../adapter.ts';
import { linkedinPageDaily } from './page-daily.ts';
import { pageFileFacts, PAGE_DERIVED_COLUMNS } from './page-file.ts';
import { linkedinPostRef, linkedinPostUrl, linkedinUrn } from './post-urn.ts';

export const linkedinPagePosts = defineAdapter({
  name: 'linkedin.page_posts',
  platform: 'linkedin',
  title: 'LinkedIn company Page content export (all posts)',
  signature: [['Post title', 'Update title'], ['Post link', 'Update link'], 'Created date', 'Impressions'],
  sheet: 'All posts',
  loader: 'papaparse',
  dateOrder: 'mdy',
  naturalKey: ['post_link'],
  columns: [
    { name: 'post_title', headers: ['Post title', 'Update title'], type: 'text' },
    { name: 'post_link', headers: ['Post link', 'Update link'], type: 'text', required: true },
    { name: 'post_type', headers: ['Post type', 'Update type'], type: 'text' },
    { name: 'campaign_name', headers: ['Campaign name'], type: 'text' },
    { name: 'posted_by', headers: ['Posted by'], type: 'text' },
    { name: 'created_on', headers: ['Created date'], type: 'date' },
    { name: 'campaign_start_on', headers: ['Campaign start date'], type: 'date' },
    { name: 'campaign_end_on', headers: ['Campaign end date'], type: 'date' },
    { name: 'audience', headers: ['Audience'], type: 'text' },
    { name: 'impressions', headers: ['Impressions'], type: 'integer' },
    { name: 'views', headers: ['Views (excluding off-site video views)', 'Views'], type: 'integer' },
    { name: 'offsite_views', headers: ['Off-site views'], type: 'integer' },
    { name: 'clicks', headers: ['Clicks'], type: 'integer' },
    { name: 'click_through_rate', headers: ['Click through rate (CTR)', 'Click-through rate (CTR)', 'CTR'], type: 'percent' },
    { name: 'likes', headers: ['Likes', 'Reactions'], type: 'integer' },
    { name: 'comments', headers: ['Comments'], type: 'integer' },
    { name: 'reposts', headers: ['Reposts', 'Shares'], type: 'integer' },
    { name: 'follows', headers: ['Follows', 'Followers'], type: 'integer' },
    { name: 'engagement_rate', headers: ['Engagement rate'], type: 'percent' },
    { name: 'content_type', headers: ['Content type'], type: 'text' },
  ],
  derivedColumns: [...PAGE_DERIVED_COLUMNS, { name: 'post_id', type: 'text' }, { name: 'post_urn', type: 'text' }],
  companions: [linkedinPageDaily],
  fileFacts: pageFileFacts,
  transformRow(row) {
    const link = row.post_link as string;
    return { ...row, post_link: linkedinPostUrl(link), post_id: linkedinPostRef(link)?.id ?? null, post_urn: linkedinUrn(link) };
  },
});
