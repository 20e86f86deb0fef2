import { defineAdapter, isRejection } from '../adapter.ts';
import { clickIds, pagePath, utmTags, UTM_DERIVED_COLUMNS } from '../web/utm.ts';
import { ga4FileFacts, GA4_METRIC_COLUMNS, GA4_PERIOD_COLUMNS, GA4_TIME_COLUMNS, isGa4TotalRow, placeInTime } from './report.ts';

const M = GA4_METRIC_COLUMNS;
const LANDING_PAGE = ['Landing page + query string', 'Landing page', 'Page de destination + chaîne de requête', 'Page de destination'];

/**
 * GA4 Reports → Engagement → Landing page → Download CSV
 * (docs/formats.md#ga4-landing-pages): `Landing page + query string, Sessions, Active
 * users, New users, Average engagement time per active user, Key events, Total revenue`
 * (the metric set is the default report's, inferred). The path keeps its query string, so
 * the UTM tags (and `fbclid`, `gclid`) of the visit's link are read from it: this is where
 * the ambassador's code shows up when the session dimensions were not exported. A secondary
 * dimension (source / medium, channel group, Date) may be present.
 */
export const ga4LandingPages = defineAdapter({
  name: 'ga4.landing_pages',
  platform: 'ga4',
  title: 'GA4 landing page report',
  // Four labels, so that a landing-page report with a session secondary dimension is
  // recognised as this rather than as traffic acquisition (three).
  signature: [
    LANDING_PAGE,
    'Sessions',
    [...M.activeUsers.headers, ...M.newUsers.headers, ...M.engagementTimePerActiveUser.headers],
    [...M.keyEvents.headers, ...M.totalRevenue.headers],
  ],
  loader: 'papaparse',
  columns: [
    { name: 'landing_page', headers: LANDING_PAGE, type: 'text' },
    { name: 'source_medium', headers: ['Session source / medium', 'Source / support de la session', 'Source/support de la session'], type: 'text' },
    {
      name: 'channel_group',
      headers: ['Session primary channel group (Default Channel Group)', 'Session default channel group', 'Groupe de canaux par défaut de la session'],
      type: 'text',
    },
    GA4_TIME_COLUMNS.day,
    GA4_TIME_COLUMNS.month,
    GA4_TIME_COLUMNS.dateRange,
    M.sessions,
    M.activeUsers,
    M.newUsers,
    M.engagementTimePerActiveUser,
    M.engagedSessions,
    M.engagementRate,
    M.keyEvents,
    M.totalRevenue,
  ],
  derivedColumns: [
    ...GA4_PERIOD_COLUMNS,
    { name: 'page_path', type: 'text' },
    ...UTM_DERIVED_COLUMNS,
    { name: 'has_fbclid', type: 'boolean' },
    { name: 'has_gclid', type: 'boolean' },
  ],
  naturalKey: ['day', 'date_range', 'landing_page', 'source_medium', 'channel_group'],
  isSummaryRow: isGa4TotalRow,
  fileFacts: ga4FileFacts,
  transformRow(row, facts) {
    const placed = placeInTime(row, facts);
    if (isRejection(placed)) return placed;
    const page = placed.landing_page as string | null;
    return { ...placed, page_path: pagePath(page), ...utmTags(page), ...clickIds(page) };
  },
});
