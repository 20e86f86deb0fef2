/**
 * The old Facebook Insights post export (before Meta Business Suite,
 * docs/formats.md#facebook-insights-posts-legacy): row 1 the column names, row 2 a
 * description of each metric (`Lifetime: The total number of people your Page post was
 * served to. (Unique Users)`), then one row per post. The description row is skipped, not
 * rejected. `Post ID` is `<page id>_<post id>`; `Posted` is `M/D/YYYY H:MM`. Some metric
 * names repeat (total and unique counts of video watches); those are not read.
 */
import { defineAdapter } from '../adapter.ts';
import { checkMetaId } from './ids.ts';

const lifetime = (name: string, label: string) => ({ name, headers: [`Lifetime ${label}`], type: 'integer' as const });

export const facebookInsightsPosts = defineAdapter({
  name: 'facebook.insights_posts',
  platform: 'facebook',
  title: 'Facebook Insights post export (legacy)',
  signature: ['Post ID', 'Permalink', 'Post Message', 'Posted'],
  loader: 'papaparse',
  dateOrder: 'mdy',
  naturalKey: ['post_id'],
  columns: [
    { name: 'post_id', headers: ['Post ID'], type: 'text', required: true },
    { name: 'permalink', headers: ['Permalink'], type: 'text' },
    { name: 'post_message', headers: ['Post Message'], type: 'text' },
    { name: 'post_type', headers: ['Type'], type: 'text' },
    { name: 'countries', headers: ['Countries'], type: 'text' },
    { name: 'languages', headers: ['Languages'], type: 'text' },
    { name: 'posted_at', headers: ['Posted'], type: 'timestamp' },
    { name: 'audience_targeting', headers: ['Audience Targeting'], type: 'text' },
    lifetime('reach_total', 'Post Total Reach'),
    lifetime('reach_organic', 'Post organic reach'),
    lifetime('reach_paid', 'Post Paid Reach'),
    lifetime('impressions_total', 'Post Total Impressions'),
    lifetime('impressions_organic', 'Post Organic Impressions'),
    lifetime('impressions_paid', 'Post Paid Impressions'),
    lifetime('engaged_users', 'Engaged Users'),
    lifetime('consumers', 'Post Consumers'),
    lifetime('consumptions', 'Post Consumptions'),
    lifetime('negative_feedback', 'Negative feedback'),
    lifetime('fans_engaged', 'People who have liked your Page and engaged with your post'),
    lifetime('talking_about_likes', 'Talking About This (Post) by action type - like'),
    lifetime('talking_about_comments', 'Talking About This (Post) by action type - comment'),
    lifetime('talking_about_shares', 'Talking About This (Post) by action type - share'),
    lifetime('stories_likes', 'Post Stories by action type - like'),
    lifetime('stories_comments', 'Post Stories by action type - comment'),
    lifetime('stories_shares', 'Post Stories by action type - share'),
    lifetime('link_clicks', 'Post Consumptions by type - link clicks'),
    lifetime('other_clicks', 'Post Consumptions by type - other clicks'),
  ],
  /** Row 2: metric descriptions such as `Lifetime: The total number of …`, and no Post ID in any column. */
  isSummaryRow: (cells) =>
    cells.some((cell) => /^(lifetime|daily|weekly|28 days)\s*:/i.test(cell.trim())) && !cells.some((cell) => /^\d+_\d+$/.test(cell.trim())),
  transformRow(row) {
    return checkMetaId(row.post_id, 'post_id', 'Post ID', /^\d+(_\d+)?$/) ?? row;
  },
});
