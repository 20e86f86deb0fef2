/**
 * LinkedIn member post analytics, sheet FOLLOWERS (docs/formats.md#sheet-followers): the
 * total above the table (`Total followers on 10/9/2026 | 101`), then `Date | New followers`
 * per day. The total and its day are the same on every row (derived columns).
 */
import { defineAdapter, type FileContext, type FileFacts } from '../adapter.ts';
import { parseDateParts, parseNumber, toCalendarDate } from '../read/values.ts';
import { memberFileFacts, MEMBER_DERIVED_COLUMNS } from './member-file.ts';

const TOTAL = /^total followers on\s+(\d{1,2}\/\d{1,2}\/\d{4})\s*,\s*(.+)$/i;

export const linkedinMemberFollowers = defineAdapter({
  name: 'linkedin.member_followers',
  platform: 'linkedin',
  title: 'LinkedIn member new followers',
  signature: ['Date', 'New followers'],
  sheet: 'FOLLOWERS',
  loader: 'papaparse',
  dateOrder: 'mdy',
  naturalKey: ['folder_name', 'member_name', 'activity_on'],
  columns: [
    { name: 'activity_on', headers: ['Date'], type: 'date', required: true },
    { name: 'new_followers', headers: ['New followers'], type: 'integer' },
  ],
  derivedColumns: [...MEMBER_DERIVED_COLUMNS, { name: 'total_followers', type: 'integer' }, { name: 'total_followers_on', type: 'date' }],
  fileFacts: followersFacts,
});

function followersFacts(file: FileContext): FileFacts {
  const facts = memberFileFacts(file);
  const total = followerTotal(file.preamble);
  return { ...facts, values: { ...facts.values, total_followers: total.count, total_followers_on: total.on } };
}

/** The `Total followers on <M/D/YYYY>,<n>` line of the preamble; nulls when it is absent or unreadable. */
export function followerTotal(preamble: readonly string[]): { count: number | null; on: Date | null } {
  for (const line of preamble) {
    const match = TOTAL.exec(line.trim());
    if (!match) continue;
    const parts = parseDateParts(match[1]!, 'mdy_slash');
    const count = parseNumber(match[2]!.replace(/,+$/, ''));
    return { count: count !== null && Number.isInteger(count) ? count : null, on: parts && toCalendarDate(parts) };
  }
  return { count: null, on: null };
}
