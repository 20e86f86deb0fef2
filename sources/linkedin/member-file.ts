/**
 * What a LinkedIn member export says about its member and period in its file name
 * (FORMATS.md 1a): the workbook never names the member inside. `Content_<start>_<end>_<Member
 * Name>.xlsx` (older, still seen) and `AggregateAnalytics_<Member Name>_<start>_<end>.xlsx`
 * (reported for 2026). A browser's copy suffix (` (1)`) is not part of the name. The
 * folder the file sits in may be the ambassador's id; both are kept as they are, and the
 * ambassador is resolved later, in SQL, through names and aliases.
 */
import type { DerivedColumnSpec, FileContext, FileFacts } from '../adapter.ts';
import { parseDateParts, toCalendarDate } from '../read/values.ts';

export interface MemberFileName {
  memberName: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
}

/** Derived columns every sheet of a member export carries. */
export const MEMBER_DERIVED_COLUMNS: readonly DerivedColumnSpec[] = [
  { name: 'member_name', type: 'text' },
  { name: 'folder_name', type: 'text' },
  { name: 'period_start', type: 'date' },
  { name: 'period_end', type: 'date' },
];

const DAY = String.raw`(\d{4}-\d{2}-\d{2}|\d{8})`;
const CONTENT = new RegExp(String.raw`^Content_${DAY}_${DAY}(?:_(.*))?$`, 'i');
const AGGREGATE_WITH_DATES = new RegExp(String.raw`^AggregateAnalytics_(.*)_${DAY}_${DAY}$`, 'i');
const AGGREGATE = /^AggregateAnalytics_(.*)$/i;

/** Reads a member export's file name; parts it does not hold are null. */
export function memberFileName(fileName: string): MemberFileName {
  const base = stripCopySuffix(fileName.replace(/\.(xlsx|xlsm|xls|csv|txt)$/i, ''));
  let match = CONTENT.exec(base);
  if (match) return { memberName: cleanName(match[3]), periodStart: day(match[1]!), periodEnd: day(match[2]!) };
  match = AGGREGATE_WITH_DATES.exec(base);
  if (match) return { memberName: cleanName(match[1]), periodStart: day(match[2]!), periodEnd: day(match[3]!) };
  match = AGGREGATE.exec(base);
  if (match) return { memberName: cleanName(match[1]), periodStart: null, periodEnd: null };
  return { memberName: null, periodStart: null, periodEnd: null };
}

/** The `fileFacts` of every member-export sheet: member name, folder and period as derived values. */
export function memberFileFacts(file: FileContext): FileFacts {
  const name = memberFileName(file.fileName);
  const facts: FileFacts = {
    values: {
      member_name: name.memberName,
      folder_name: file.folderName.trim() === '' ? null : file.folderName,
      period_start: name.periodStart,
      period_end: name.periodEnd,
    },
  };
  if (name.periodStart) facts.periodStart = name.periodStart;
  if (name.periodEnd) facts.periodEnd = name.periodEnd;
  return facts;
}

/** `Name (1)` and `Name(2)`, as browsers name a second download, are `Name`. */
function stripCopySuffix(base: string): string {
  return base.replace(/\s*\(\d+\)$/, '');
}

function cleanName(text: string | undefined): string | null {
  const name = stripCopySuffix((text ?? '').trim()).trim();
  return name === '' ? null : name;
}

function day(text: string): Date | null {
  const parts = parseDateParts(text, text.includes('-') ? 'iso' : 'ymd_compact');
  return parts && toCalendarDate(parts);
}
