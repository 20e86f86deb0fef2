/**
 * LinkedIn member post analytics, sheet ENGAGEMENT (docs/formats.md#sheet-engagement): one
 * row per day. The known layout is `Date | Impressions | Engagements`; a richer 2026 layout
 * (`Date, Impressions, Clicks, Likes, Comments, Reposts, Sends, Engagement rate`) is
 * reported by one source and accepted too, with every metric optional. Loads with the
 * member's TOP POSTS sheet, or alone from a CSV saved from the sheet.
 */
import { defineAdapter } from '../adapter.ts';
import { memberFileFacts, MEMBER_DERIVED_COLUMNS } from './member-file.ts';

export const linkedinMemberDaily = defineAdapter({
  name: 'linkedin.member_daily',
  platform: 'linkedin',
  title: 'LinkedIn member daily engagement',
  signature: ['Date', 'Impressions', ['Engagements', 'Engagement rate']],
  sheet: 'ENGAGEMENT',
  loader: 'papaparse',
  dateOrder: 'mdy',
  // The day alone is unique in one file; across files, per member.
  naturalKey: ['folder_name', 'member_name', 'activity_on'],
  columns: [
    { name: 'activity_on', headers: ['Date'], type: 'date', required: true },
    { name: 'impressions', headers: ['Impressions'], type: 'integer' },
    { name: 'engagements', headers: ['Engagements'], type: 'integer' },
    { name: 'clicks', headers: ['Clicks'], type: 'integer' },
    { name: 'reactions', headers: ['Likes', 'Reactions'], type: 'integer' },
    { name: 'comments', headers: ['Comments'], type: 'integer' },
    { name: 'reposts', headers: ['Reposts', 'Shares'], type: 'integer' },
    { name: 'sends', headers: ['Sends'], type: 'integer' },
    { name: 'engagement_rate', headers: ['Engagement rate'], type: 'percent' },
  ],
  derivedColumns: MEMBER_DERIVED_COLUMNS,
  fileFacts: memberFileFacts,
});
