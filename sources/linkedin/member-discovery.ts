/**
 * LinkedIn member post analytics, sheet DISCOVERY (docs/formats.md#sheet-discovery):
 * key/value rows, not a table, read as one row per file:
 *
 *     Overall Performance | 10/8/2026 - 10/9/2026
 *     Impressions         | 12
 *     Members reached     | 8
 *
 * Members reached is the platform's own count of distinct people for the period; it is
 * never summed across files or periods. Keys beyond the known ones are kept in `_extra`.
 */
import { defineAdapter, type LocatedTable } from '../adapter.ts';
import { isBlank } from '../read/table.ts';
import type { Grid } from '../read/grid.ts';
import { parseDateParts, toCalendarDate } from '../read/values.ts';
import { findKeyRow, keyValueTable, memberFileFacts, MEMBER_DERIVED_COLUMNS } from './member-file.ts';

const FIRST_KEY = 'Overall Performance';

export const linkedinMemberDiscovery = defineAdapter({
  name: 'linkedin.member_discovery',
  platform: 'linkedin',
  title: 'LinkedIn member discovery summary',
  signature: ['Overall Performance'],
  sheet: 'DISCOVERY',
  loader: 'papaparse',
  keepExtraColumns: true,
  naturalKey: ['folder_name', 'member_name', 'period_start', 'period_end'],
  columns: [
    { name: 'period', headers: ['Overall Performance'], type: 'text' },
    { name: 'impressions', headers: ['Impressions'], type: 'integer' },
    { name: 'members_reached', headers: ['Members reached'], type: 'integer' },
  ],
  derivedColumns: MEMBER_DERIVED_COLUMNS,
  fileFacts: memberFileFacts,
  locateTable: locateDiscovery,
  transformRow(row) {
    // The sheet's own period is the truth; the file name's stands in when it cannot be read.
    const period = discoveryPeriod(row.period as string | null);
    return period ? { ...row, period_start: period.start, period_end: period.end } : row;
  },
});

/** The key/value rows from the `Overall Performance` row down to the first blank row, as a table of one row. */
export function locateDiscovery(grid: Grid): LocatedTable | null {
  const start = findKeyRow(grid, FIRST_KEY);
  if (start < 0) return null;
  const blank = grid.rows.findIndex((row, index) => index > start && isBlank(row.cells));
  return keyValueTable(grid, start, blank < 0 ? grid.rows.length : blank);
}

/** `10/8/2026 - 10/9/2026` (US month first, as LinkedIn writes it) → its first and last day. */
export function discoveryPeriod(text: string | null): { start: Date; end: Date } | null {
  const match = /^\s*(\d{1,2}\/\d{1,2}\/\d{4})\s*[-–]\s*(\d{1,2}\/\d{1,2}\/\d{4})\s*$/.exec(text ?? '');
  if (!match) return null;
  const start = parseDateParts(match[1]!, 'mdy_slash');
  const end = parseDateParts(match[2]!, 'mdy_slash');
  return start && end ? { start: toCalendarDate(start), end: toCalendarDate(end) } : null;
}
