import { defineAdapter, isRejection, type ColumnSpec } from '../adapter.ts';
import { jsTrim } from '../read/read-csv-sql.ts';
import {
  ga4FileFacts,
  ga4TotalRowSql,
  GA4_METRIC_COLUMNS,
  GA4_PERIOD_COLUMNS,
  GA4_TIME_COLUMNS,
  isGa4TotalRow,
  placeInTime,
  placeInTimeSql,
} from './report.ts';

/**
 * Session-scoped dimensions of GA4's acquisition reports. A standard report has a
 * primary dimension and at most one secondary one; an Exploration may have more. Labels:
 * current English, the pre-2023 English, and French
 * (docs/formats.md#ga4-traffic-acquisition; French labels other than the channel group are
 * the GA4 UI's, unconfirmed in an export).
 */
const DIMENSIONS: readonly ColumnSpec[] = [
  {
    name: 'channel_group',
    headers: [
      'Session primary channel group (Default Channel Group)',
      'Session default channel group',
      'Session primary channel group',
      'Groupe de canaux principal de la session (Groupe de canaux par défaut)',
      'Groupe de canaux par défaut de la session',
    ],
    type: 'text',
  },
  {
    name: 'source_medium',
    headers: ['Session source / medium', 'Session manual source / medium', 'Source / support de la session', 'Source/support de la session'],
    type: 'text',
  },
  { name: 'session_source', headers: ['Session source', 'Session manual source', 'Source de la session'], type: 'text' },
  { name: 'session_medium', headers: ['Session medium', 'Session manual medium', 'Support de la session'], type: 'text' },
  { name: 'session_campaign', headers: ['Session campaign', 'Campagne de la session'], type: 'text' },
  { name: 'manual_campaign_name', headers: ['Session manual campaign name', 'Nom de la campagne manuelle de la session'], type: 'text' },
  // Holds utm_content: the ambassador's code in the default attribution setup.
  { name: 'manual_ad_content', headers: ['Session manual ad content', 'Contenu publicitaire manuel de la session'], type: 'text' },
  { name: 'manual_term', headers: ['Session manual term', 'Terme manuel de la session'], type: 'text' },
];

const M = GA4_METRIC_COLUMNS;

/**
 * GA4 Reports → Acquisition → Traffic acquisition → Share → Download CSV
 * (docs/formats.md#ga4-traffic-acquisition), in English or French, and Explorations →
 * Export data with the same dimensions and metrics (docs/formats.md#ga4-explorations: the
 * preamble there is `# 20251001-20260228`, the total at the bottom). Both are the same
 * facts, and their headers cannot be told apart, so one adapter reads both; `report_title`
 * keeps which report it was.
 *
 * UTM values are case-sensitive in GA4 (`linkedin` and `LinkedIn` are two rows): they are
 * kept as they come, and staging merges case variants. One row is one day (the `Date`
 * dimension), one month (an Exploration's bare `Month`) or the whole period (neither),
 * as `grain` says.
 */
export const ga4TrafficAcquisition = defineAdapter({
  name: 'ga4.traffic_acquisition',
  platform: 'ga4',
  title: 'GA4 traffic acquisition report',
  signature: [
    DIMENSIONS.flatMap((column) => column.headers),
    'Sessions',
    [...M.engagedSessions.headers, ...M.engagementRate.headers, ...M.keyEvents.headers, ...M.eventCount.headers],
  ],
  // Hundreds of thousands of rows a year at a large program: DuckDB reads them, the row hooks in SQL (`sqlHooks`).
  loader: 'read_csv',
  columns: [
    ...DIMENSIONS,
    GA4_TIME_COLUMNS.day,
    GA4_TIME_COLUMNS.month,
    GA4_TIME_COLUMNS.dateRange,
    M.sessions,
    M.engagedSessions,
    M.engagementRate,
    M.engagementTimePerSession,
    M.eventsPerSession,
    M.eventCount,
    M.keyEvents,
    M.keyEventRate,
    M.totalRevenue,
    M.activeUsers,
  ],
  derivedColumns: [...GA4_PERIOD_COLUMNS, { name: 'source', type: 'text' }, { name: 'medium', type: 'text' }],
  naturalKey: ['day', 'date_range', ...DIMENSIONS.map((column) => column.name)],
  isSummaryRow: isGa4TotalRow,
  fileFacts: ga4FileFacts,
  transformRow(row, facts) {
    const placed = placeInTime(row, facts);
    if (isRejection(placed)) return placed;
    const [splitSource, splitMedium] = splitSourceMedium(placed.source_medium as string | null);
    return {
      ...placed,
      source: (placed.session_source as string | null) ?? splitSource,
      medium: (placed.session_medium as string | null) ?? splitMedium,
    };
  },
  sqlHooks: {
    isSummaryRow: ga4TotalRowSql,
    transformRow(facts, value) {
      const placed = placeInTimeSql(facts, value);
      const [splitSource, splitMedium] = splitSourceMediumSql(value('source_medium'));
      return {
        columns: {
          ...placed.columns,
          source: `coalesce(${value('session_source')}, ${splitSource})`,
          medium: `coalesce(${value('session_medium')}, ${splitMedium})`,
        },
        rejects: placed.rejects,
      };
    },
  },
});

/** `google / cpc` → `google`, `cpc`; the medium is the part after the last slash (sources can hold one, media do not). */
export function splitSourceMedium(value: string | null): [string | null, string | null] {
  if (value === null) return [null, null];
  const cut = value.lastIndexOf('/');
  if (cut < 0) return [value.trim() || null, null];
  return [value.slice(0, cut).trim() || null, value.slice(cut + 1).trim() || null];
}

/** `splitSourceMedium` in SQL. */
function splitSourceMediumSql(value: string): [string, string] {
  const part = (text: string) => `nullif(${jsTrim(text)}, '')`;
  return [
    `case when contains(${value}, '/') then ${part(`regexp_extract(${value}, '(?s)^(.*)/', 1)`)} else ${part(value)} end`,
    `case when contains(${value}, '/') then ${part(`regexp_extract(${value}, '/([^/]*)$', 1)`)} end`,
  ];
}
