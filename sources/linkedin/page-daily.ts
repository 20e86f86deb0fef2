/**
 * LinkedIn company Page content export, sheet `Metrics`
 * (docs/formats.md#linkedin-page-content): one row per day, `Date` then
 * (organic)/(sponsored)/(total) columns of each metric. The set varies by version (older
 * files say `Shares (…)` for `Reposts (…)`), so every metric is optional and unknown
 * columns are kept in `_extra`.
 */
import { defineAdapter, type ColumnSpec, type ColumnType } from '../adapter.ts';
import { pageFileFacts, PAGE_DERIVED_COLUMNS } from './page-file.ts';

const METRICS: { name: string; labels: string[]; type: ColumnType }[] = [
  { name: 'impressions', labels: ['Impressions'], type: 'integer' },
  { name: 'unique_impressions', labels: ['Unique impressions'], type: 'integer' },
  { name: 'clicks', labels: ['Clicks'], type: 'integer' },
  { name: 'reactions', labels: ['Reactions', 'Likes'], type: 'integer' },
  { name: 'comments', labels: ['Comments'], type: 'integer' },
  { name: 'reposts', labels: ['Reposts', 'Shares'], type: 'integer' },
  { name: 'engagement_rate', labels: ['Engagement rate'], type: 'percent' },
];
const SPLITS = ['organic', 'sponsored', 'total'] as const;

/** `impressions_organic` ← `Impressions (organic)`, and so on for every metric and split. */
const METRIC_COLUMNS: ColumnSpec[] = METRICS.flatMap((metric) =>
  SPLITS.map((split) => ({
    name: `${metric.name}_${split}`,
    headers: metric.labels.map((label) => `${label} (${split})`),
    type: metric.type,
  })),
);

export const linkedinPageDaily = defineAdapter({
  name: 'linkedin.page_daily',
  platform: 'linkedin',
  title: 'LinkedIn company Page daily metrics',
  signature: ['Date', ['Impressions (total)', 'Impressions (organic)']],
  sheet: 'Metrics',
  loader: 'papaparse',
  dateOrder: 'mdy',
  keepExtraColumns: true,
  naturalKey: ['page_name', 'activity_on'],
  columns: [{ name: 'activity_on', headers: ['Date'], type: 'date', required: true }, ...METRIC_COLUMNS],
  derivedColumns: PAGE_DERIVED_COLUMNS,
  fileFacts: pageFileFacts,
});
