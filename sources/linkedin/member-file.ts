/**
 * What a LinkedIn member export says about its member and period in its file name
 * (docs/formats.md#linkedin-member-workbook): the workbook never names the member inside.
 * `Content_<start>_<end>_<Member Name>.xlsx` (older, still seen) and
 * `AggregateAnalytics_<Member Name>_<start>_<end>.xlsx` (reported for 2026) cover a period;
 * the single-post export, `PostAnalytics_<Member Name>_<post id>.xlsx`
 * (`SinglePostAnalytics_...` in 2026), names a post instead. A browser's copy suffix
 * (` (1)`) is not part of the name. The folder the file sits in may be the ambassador's id;
 * both are kept as they are, and the ambassador is resolved later, in SQL, through names
 * and aliases.
 *
 * The member workbook's DISCOVERY sheet and the single-post export are key/value rows
 * rather than tables; `keyValueTable` reads such rows as a table of one row.
 */
import { normaliseHeader, type DerivedColumnSpec, type FileContext, type FileFacts, type LocatedTable } from '../adapter.ts';
import { isBlank } from '../read/table.ts';
import type { Grid } from '../read/grid.ts';
import { parseDateParts, toCalendarDate } from '../read/values.ts';

export interface MemberFileName {
  memberName: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  /** The post a single-post export is about, as its file name gives it (digits, as text). */
  postId: string | null;
}

/** Derived columns naming whose export a row comes from. */
export const MEMBER_IDENTITY_COLUMNS: readonly DerivedColumnSpec[] = [
  { name: 'member_name', type: 'text' },
  { name: 'folder_name', type: 'text' },
];

/** Derived columns every sheet of a member's period export carries. */
export const MEMBER_DERIVED_COLUMNS: readonly DerivedColumnSpec[] = [
  ...MEMBER_IDENTITY_COLUMNS,
  { name: 'period_start', type: 'date' },
  { name: 'period_end', type: 'date' },
];

const DAY = String.raw`(\d{4}-\d{2}-\d{2}|\d{8})`;
const CONTENT = new RegExp(String.raw`^Content_${DAY}_${DAY}(?:_(.*))?$`, 'i');
const AGGREGATE_WITH_DATES = new RegExp(String.raw`^AggregateAnalytics_(.*)_${DAY}_${DAY}$`, 'i');
const AGGREGATE = /^AggregateAnalytics_(.*)$/i;
const SINGLE_POST = /^(?:Single)?PostAnalytics_(.*)_(\d{15,20})$/i;

/** Reads a member export's file name; parts it does not hold are null. */
export function memberFileName(fileName: string): MemberFileName {
  const base = stripCopySuffix(fileName.replace(/\.(xlsx|xlsm|xls|csv|txt)$/i, ''));
  let match = CONTENT.exec(base);
  if (match) return { memberName: cleanName(match[3]), periodStart: day(match[1]!), periodEnd: day(match[2]!), postId: null };
  match = AGGREGATE_WITH_DATES.exec(base);
  if (match) return { memberName: cleanName(match[1]), periodStart: day(match[2]!), periodEnd: day(match[3]!), postId: null };
  match = AGGREGATE.exec(base);
  if (match) return { memberName: cleanName(match[1]), periodStart: null, periodEnd: null, postId: null };
  match = SINGLE_POST.exec(base);
  if (match) return { memberName: cleanName(match[1]), periodStart: null, periodEnd: null, postId: match[2]! };
  return { memberName: null, periodStart: null, periodEnd: null, postId: null };
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

/**
 * Key/value rows (the key in a row's first filled cell, the value in the next) read as
 * a table of one row: the keys become the header and the values the row, on the line of
 * the first key. Rows from `start` up to, not including, `end` are read; blank rows are
 * passed over, and a key seen twice keeps its first value.
 */
export function keyValueTable(grid: Grid, start: number, end = grid.rows.length): LocatedTable {
  const header: string[] = [];
  const values: string[] = [];
  for (const row of grid.rows.slice(start, end)) {
    if (isBlank(row.cells)) continue;
    const filled = row.cells.map((cell) => cell.trim()).filter((cell) => cell !== '');
    const key = filled[0]!;
    if (header.some((seen) => normaliseHeader(seen) === normaliseHeader(key))) continue;
    header.push(key);
    values.push(filled[1] ?? '');
  }
  const line = grid.rows[start]!.line;
  return {
    header,
    headerLine: line,
    rows: [{ line, cells: values }],
    skipped: 0,
    preamble: grid.rows.slice(0, start).map((row) => row.cells.filter((cell) => cell !== '').join(',')),
  };
}

/** The index of the first of the first rows whose first filled cell is `key` (compared as headers are); -1 if none. */
export function findKeyRow(grid: Grid, key: string, searchRows = 40): number {
  const wanted = normaliseHeader(key);
  return grid.rows.slice(0, searchRows).findIndex((row) => normaliseHeader(row.cells.find((cell) => cell.trim() !== '') ?? '') === wanted);
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
