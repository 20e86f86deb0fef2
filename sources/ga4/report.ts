/**
 * What GA4's CSV downloads share, whichever report they come from
 * (docs/formats.md#ga4-downloads): the `#` preamble with the period and the report's title,
 * the `Grand total` row, the metric columns and their labels in English (current and
 * pre-2024) and French, and the rule that gives each row its day.
 */
import { quotedString } from '../../pipelines/warehouse.ts';
import {
  isRejection,
  rejectRow,
  type ColumnSpec,
  type DerivedColumnSpec,
  type FileContext,
  type FileFacts,
  type ParsedRow,
  type RowRejection,
  type SqlTransform,
} from '../adapter.ts';
import { factLiteral } from '../read/read-csv-sql.ts';
import { parseDateParts, toCalendarDate } from '../read/values.ts';

/** Metric columns of the Reports and Explorations downloads. Rates are fractions, times seconds. */
export const GA4_METRIC_COLUMNS = {
  sessions: { name: 'sessions', headers: ['Sessions'], type: 'integer' },
  engagedSessions: { name: 'engaged_sessions', headers: ['Engaged sessions', 'Sessions avec engagement'], type: 'integer' },
  engagementRate: { name: 'engagement_rate', headers: ['Engagement rate', "Taux d'engagement"], type: 'percent' },
  engagementTimePerSession: {
    name: 'average_engagement_time_per_session',
    headers: ['Average engagement time per session', "Durée d'engagement moyenne par session"],
    type: 'number',
  },
  engagementTimePerActiveUser: {
    name: 'average_engagement_time_per_active_user',
    headers: [
      'Average engagement time per active user',
      'Average engagement time',
      "Durée d'engagement moyenne par utilisateur actif",
      "Durée d'engagement moyenne",
    ],
    type: 'number',
  },
  eventsPerSession: { name: 'events_per_session', headers: ['Events per session', 'Événements par session'], type: 'number' },
  eventCount: { name: 'event_count', headers: ['Event count', "Nombre d'événements"], type: 'integer' },
  // Renamed from Conversions in 2024; a key event count can be fractional in some attribution settings.
  keyEvents: { name: 'key_events', headers: ['Key events', 'Conversions', 'Événements clés'], type: 'number' },
  keyEventRate: {
    name: 'session_key_event_rate',
    headers: ['Session key event rate', 'Session conversion rate', "Taux d'événements clés de la session", 'Taux de conversion de la session'],
    type: 'percent',
  },
  totalRevenue: { name: 'total_revenue', headers: ['Total revenue', 'Revenu total', 'Revenus totaux'], type: 'money' },
  activeUsers: { name: 'active_users', headers: ['Active users', 'Utilisateurs actifs'], type: 'integer' },
  newUsers: { name: 'new_users', headers: ['New users', 'Nouveaux utilisateurs'], type: 'integer' },
} as const satisfies Record<string, ColumnSpec>;

/** Time columns: a day (`YYYYMMDD`), a bare month of an Exploration, a comparison's range label. */
export const GA4_TIME_COLUMNS = {
  day: { name: 'day', headers: ['Date'], type: 'date' },
  month: { name: 'month', headers: ['Month', 'Mois'], type: 'text' },
  dateRange: { name: 'date_range', headers: ['Date range', 'Plage de dates'], type: 'text' },
} as const satisfies Record<string, ColumnSpec>;

/** Derived columns every GA4 adapter fills from the preamble and the time columns. */
export const GA4_PERIOD_COLUMNS: readonly DerivedColumnSpec[] = [
  { name: 'period_start', type: 'date' },
  { name: 'period_end', type: 'date' },
  { name: 'report_title', type: 'text' },
  /** `day` when the row is one day, `month` for a Month row, `period` when it sums the whole period. */
  { name: 'grain', type: 'text' },
];

const START = /^#\s*(?:start date|date de début|startdato)\s*:\s*(\d{8})\s*$/i;
const END = /^#\s*(?:end date|date de fin|slutdato)\s*:\s*(\d{8})\s*$/i;
/** Explorations write the range alone: `# 20251001-20260228`. */
const RANGE = /^#\s*(\d{8})\s*-\s*(\d{8})\s*$/;
/** Preamble lines that are not the report's title. */
const NOT_TITLE = /^(?:-*|all users|tous les utilisateurs|alle brugere|(?:account|property|compte|propriété|konto|ejendom)\s*:.*)$/i;

/**
 * The period and title from the preamble: `# Start date: 20261028` / `# End date:`
 * (French `# Date de début :`), or an Exploration's `# 20251001-20260228`; the title is
 * the first `#` line that is neither a ruler, a segment, an account, nor a date.
 */
export function ga4FileFacts(file: FileContext): FileFacts {
  let start: string | undefined;
  let end: string | undefined;
  let title: string | null = null;
  for (const line of file.preamble) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('#')) continue;
    const startMatch = START.exec(trimmed);
    const endMatch = END.exec(trimmed);
    const rangeMatch = RANGE.exec(trimmed);
    if (startMatch) start ??= startMatch[1];
    else if (endMatch) end ??= endMatch[1];
    else if (rangeMatch) {
      start ??= rangeMatch[1];
      end ??= rangeMatch[2];
    } else {
      const text = trimmed.replace(/^#\s*/, '');
      if (title === null && !NOT_TITLE.test(text)) title = text;
    }
  }
  const periodStart = compactDate(start);
  const periodEnd = compactDate(end);
  return {
    ...(periodStart ? { periodStart } : {}),
    ...(periodEnd ? { periodEnd } : {}),
    values: { period_start: periodStart ?? null, period_end: periodEnd ?? null, report_title: title },
  };
}

function compactDate(text: string | undefined): Date | undefined {
  const parts = text === undefined ? null : parseDateParts(text, 'ymd_compact');
  return parts ? toCalendarDate(parts) : undefined;
}

const TOTAL_LABELS = new Set(['grand total', 'grand totals', 'total', 'totals', 'total général', 'totaux', 'i alt', 'total i alt']);

/**
 * GA4's `Grand total` row (under the header in Reports downloads, at the bottom in
 * Explorations): the first filled cell is the label.
 */
export function isGa4TotalRow(cells: readonly string[]): boolean {
  const first = cells.find((cell) => cell.trim() !== '');
  return first !== undefined && TOTAL_LABELS.has(first.trim().toLowerCase());
}

/**
 * `isGa4TotalRow` in SQL. DuckDB's `lower()` maps a few letters JS's `toLowerCase()` does
 * not (`İ` to `i`), so only cells in the letters the labels are written in can match.
 */
export function ga4TotalRowSql(trimmedCells: readonly string[]): string {
  const first = `coalesce(${trimmedCells.map((cell) => `nullif(${cell}, '')`).join(', ')})`;
  return `regexp_full_match(${first}, '[A-Za-z éÉ]+') and lower(${first}) in (${[...TOTAL_LABELS].map(quotedString).join(', ')})`;
}

/**
 * Gives the row its day: the Date cell; else the first of an Exploration's bare Month
 * (its year from the preamble's range); else the period's first day, for a row that sums
 * the whole period. A row with none of these cannot be placed in time and is rejected.
 */
export function placeInTime(row: ParsedRow, facts: FileFacts): ParsedRow | RowRejection {
  if (row.day instanceof Date) return { ...row, grain: 'day' };
  if (typeof row.month === 'string') {
    const day = monthStart(row.month, facts);
    if (!day) {
      return rejectRow(`"${row.month}" in Month is not a month this file's period (${describePeriod(facts)}) contains`, 'month', row.month);
    }
    return { ...row, day, grain: 'month' };
  }
  if (facts.periodStart) return { ...row, day: facts.periodStart, grain: 'period' };
  return rejectRow(
    'the row has no Date and the file has no "# Start date:" line, so its day is unknown; download the report again with its header lines, or add Date as a dimension',
    'day',
  );
}

/**
 * `placeInTime` in SQL: the same day and grain, and the same rows rejected. A bare month
 * (`10`, `01`) takes the day `placeInTime` itself gives that month in this file's period;
 * a `202510` before the year 100 (which JS's dates put in the 1900s) is rejected here, so
 * such a file goes through papaparse.
 */
export function placeInTimeSql(facts: FileFacts, value: (column: string) => string): SqlTransform {
  const day = value('day');
  const month = value('month');
  const bareMonths = Array.from({ length: 12 }, (_, index) => {
    const placed = placeInTime({ day: null, month: String(index + 1) }, facts);
    return isRejection(placed) ? '' : `when ${index + 1} then ${factLiteral(placed.day, 'date')} `;
  }).join('');
  const monthStartSql = `case when regexp_full_match(${month}, '\\d{6}') and ${month} >= '0100' and substr(${month}, 5, 2) between '01' and '12'
      then make_date(try_cast(substr(${month}, 1, 4) as integer), try_cast(substr(${month}, 5, 2) as integer), 1)
    ${bareMonths === '' ? '' : `when regexp_full_match(${month}, '\\d{1,2}') then (case try_cast(${month} as integer) ${bareMonths}end)`} end`;
  const periodStart = facts.periodStart ? factLiteral(facts.periodStart, 'date') : null;
  return {
    columns: {
      day: `case when ${day} is not null then ${day} when ${month} is not null then ${monthStartSql} else ${periodStart ?? 'null'} end`,
      grain: `case when ${day} is not null then 'day' when ${month} is not null then 'month' ${periodStart ? `else 'period' ` : ''}end`,
    },
    rejects: `${day} is null and ${month} is not null and (${monthStartSql}) is null${periodStart ? '' : ` or ${day} is null and ${month} is null`}`,
  };
}

/** `10` → the 1st of October within the period (its start year, or its end year when the period crosses New Year); `202510` → 2025-10-01. */
function monthStart(text: string, facts: FileFacts): Date | null {
  const full = /^(\d{4})(\d{2})$/.exec(text);
  if (full) {
    const month = Number(full[2]);
    return month >= 1 && month <= 12 ? new Date(Date.UTC(Number(full[1]), month - 1, 1)) : null;
  }
  if (!/^\d{1,2}$/.test(text) || !facts.periodStart || !facts.periodEnd) return null;
  const month = Number(text);
  if (month < 1 || month > 12) return null;
  for (let year = facts.periodStart.getUTCFullYear(); year <= facts.periodEnd.getUTCFullYear(); year += 1) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const last = new Date(Date.UTC(year, month, 0));
    if (last >= facts.periodStart && first <= facts.periodEnd) return first;
  }
  return null;
}

function describePeriod(facts: FileFacts): string {
  if (!facts.periodStart || !facts.periodEnd) return 'not stated in the preamble';
  return `${facts.periodStart.toISOString().slice(0, 10)} to ${facts.periodEnd.toISOString().slice(0, 10)}`;
}
