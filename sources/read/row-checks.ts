/**
 * The checks every row passes and the words of a rejected row, the same whichever path
 * reads the file (papaparse in `sources/parse.ts`, DuckDB's `read_csv` in
 * `sources/read-csv.ts`): the limits of a cell and of a past event's date, the shape of
 * a year-first date, and each rejection reason.
 */
import type { ColumnSpec, ColumnType } from '../adapter.ts';
import type { DateFormat } from './values.ts';

/**
 * The longest cell read. Post texts are at most a few thousand characters on every
 * platform; a far longer cell is a damaged file (an unclosed quote swallowing the rest
 * of it) or not an export at all, and is rejected rather than loaded.
 */
export const MAX_CELL_CHARS = 100_000;
/** Values kept in `meta.rejected_rows.value` are cut to this length. */
export const MAX_REJECTED_VALUE_CHARS = 500;
/** A rejected row's text in `meta.rejected_rows.raw` is cut to this length. */
export const MAX_REJECTED_RAW_CHARS = 2000;

export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)`;
}

/** A value written year first (`2026-11-27`, `2026-11-27T14:03:00Z`): read as ISO whatever the column's layout. */
export const ISO_SHAPE = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[T\s])/;

/**
 * Columns that record something that already happened: an export cannot hold such a
 * date after tomorrow (a day of slack for time zones). Timestamps ending in `_at` do,
 * but an open deal's expected `closed_at`; of the plain dates, the activity days and
 * the dates of steps taken (created, applied, hired, rejected, converted, trained).
 * Roster dates (`joined_on`, `left_on`), periods and publication dates (a content hub
 * lists scheduled items) may lie ahead. A column's `past` setting overrides the rule.
 */
export function recordsPastEvent(column: Pick<ColumnSpec, 'name' | 'type' | 'past'>): boolean {
  if (column.past !== undefined) return column.past;
  if (column.type === 'timestamp') return column.name.endsWith('_at') && !PLANNED_TIMESTAMPS.has(column.name);
  if (column.type === 'date') return PAST_EVENT_DATES.test(column.name);
  return false;
}
const PLANNED_TIMESTAMPS = new Set(['closed_at']);
const PAST_EVENT_DATES = /^(day|activity_on|(created|posted|shared|applied|hired|rejected|converted|trained|last_activity)_on)$/;

export interface PastLimits {
  /** The latest instant a past-event timestamp may have: now plus one day. */
  instant: number;
  /** The latest calendar day (UTC midnight) a past-event date may have: tomorrow. */
  day: number;
}

/** The latest dates of past events, for a file read at `now`. */
export function pastLimits(now: Date): PastLimits {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { instant: now.getTime() + 86_400_000, day: today + 86_400_000 };
}

/** The latest a past event in a date or timestamp column may be. */
export function pastLimit(column: Pick<ColumnSpec, 'type'>, limits: PastLimits): number {
  return column.type === 'date' ? limits.day : limits.instant;
}

/** The header label of a file column, or its position when the header has none there. */
export function columnLabel(header: readonly string[], index: number): string {
  return header[index]?.trim() || `column ${index + 1}`;
}

export function nulCharacterReason(label: string): string {
  return `${label} holds a NUL character (byte 0), which no export writes; the file is damaged or in an encoding that was not recognised: save it again as UTF-8 CSV`;
}

export function overlongCellReason(label: string, length: number): string {
  return `${label} holds ${length.toLocaleString('en')} characters, more than any export writes (${MAX_CELL_CHARS.toLocaleString('en')}); the file is probably damaged: check this line in a text editor`;
}

export function requiredValueReason(header: string): string {
  return `${header} is empty, and every row needs it`;
}

/** The end of the reason for a past event dated after `limit` (milliseconds since the epoch). */
export function afterTomorrowProblem(limit: number): string {
  return `is after tomorrow (${new Date(limit).toISOString().slice(0, 10)}), and an export only holds what already happened; check the date (and the clock of the computer that exported it)`;
}

export function repeatedKeyReason(naturalKey: readonly string[], firstLine: number | null): string {
  return `the same ${naturalKey.join(' + ')} is already on line ${firstLine} of this file; the first one is kept`;
}

/** The start of the note for a file with a header and no rows (a workbook drops it when another sheet has rows). */
export const NO_ROWS_NOTE = 'the file has a header and no rows under it';

export function noRowsNote(headerLine: number): string {
  return `${NO_ROWS_NOTE} (line ${headerLine}); nothing to load from it`;
}

/** What a column's values must be, for the reason of a value that is not. */
export function describeType(type: ColumnType, dateFormat: DateFormat | undefined): string {
  switch (type) {
    case 'text':
      return 'text';
    case 'url':
      return 'a web address starting with https:// or http://';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'money':
      return 'an amount';
    case 'percent':
      return 'a percentage or fraction';
    case 'boolean':
      return 'true or false';
    case 'date':
      return `a valid date in the column's format (${DATE_FORMAT_LABELS[dateFormat ?? 'iso']})`;
    case 'timestamp':
      return `a valid date in the column's format (${DATE_FORMAT_LABELS[dateFormat ?? 'iso']}, with an optional time such as 14:03)`;
  }
}

const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD',
  ymd_compact: 'YYYYMMDD',
  dmy_dash: 'DD-MM-YYYY',
  dmy_dot: 'DD.MM.YYYY',
  mdy_slash: 'M/D/YYYY',
  dmy_slash: 'D/M/YYYY',
  excel_serial: 'an Excel date number',
};
