/**
 * Cell text to typed values, the way real exports write them: localised numbers
 * (`1.234,5`, `1 234,5`, `1,234.5`), percent strings (`62,5 %`, `< 1%`) and fractions,
 * and dates in the formats Danish Excel, LinkedIn, Meta, GA4 and HubSpot use. Every
 * parser returns `null` for a value it cannot read, never a guess.
 */
import { TZDate } from '@date-fns/tz';

const PLAIN_DIGITS = /^\d{1,15}$/;
const PLAIN_DECIMAL = /^\d{1,15}\.\d{1,15}$/;

/** Parses a number written with either decimal convention; `null` when it is not one. */
export function parseNumber(text: string, decimal: '.' | ',' | 'auto' = 'auto'): number | null {
  // Most cells are plain digits (every workbook number is), which read the same under any mark.
  if (PLAIN_DIGITS.test(text) || (decimal !== ',' && PLAIN_DECIMAL.test(text))) return Number(text);
  // Excel's error values (`#DIV/0!`, `#N/A`, `#VALUE!`) would otherwise lose their prefix and read as digits.
  if (/^\s*#/.test(text)) return null;
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  let value = compact.replace(/^[^\d+\-.,(]+/, '');
  // The dot of an abbreviation before the number (`kr. 1200`, `ca. 1200`) is not a decimal point.
  if (value !== compact && /^[.,]/.test(value)) return null;
  value = value.replace(/[^\d.,)]+$/, '');
  if (value === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  if (value.startsWith('-')) {
    negative = !negative;
    value = value.slice(1);
  } else if (value.startsWith('+')) value = value.slice(1);
  if (!/^[\d.,]+$/.test(value) || !/\d/.test(value)) return null;
  const separator = decimal === 'auto' ? guessDecimalSeparator(value) : decimal;
  const thousands = separator === '.' ? ',' : '.';
  const parts = value.split(separator);
  if (parts.length > 2) return null;
  const whole = parts[0]!;
  if (whole.includes(thousands) && !/^\d{1,3}([.,]\d{3})+$/.test(whole)) return null;
  const normalised = whole.split(thousands).join('') + (parts.length === 2 ? `.${parts[1]}` : '');
  if (parts.length === 2 && !/^\d*$/.test(parts[1]!)) return null;
  const number = Number(normalised);
  if (!Number.isFinite(number)) return null;
  return negative ? -number : number;
}

/**
 * Which of `.` and `,` is the decimal separator. When both occur, the last one. A lone
 * `,` followed by exactly three digits is read as thousands (`1,234`, as GA4 and
 * LinkedIn write it) and a lone `.` as a decimal point; a separator that repeats is
 * thousands. Callers that know the file's convention pass it instead of guessing.
 */
function guessDecimalSeparator(value: string): '.' | ',' {
  const lastDot = value.lastIndexOf('.');
  const lastComma = value.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  if (lastComma >= 0) {
    const groups = value.split(',');
    if (groups.length > 2) return '.';
    return groups[1]!.length === 3 ? '.' : ',';
  }
  if (lastDot >= 0 && value.split('.').length > 2) return ',';
  return '.';
}

/**
 * A rate as a fraction: `"6.14%"` → 0.0614, `"62,5 %"` → 0.625, `"< 1%"` → 0.005 (half
 * the bound, the midpoint of what it can mean), and a bare number is taken as already a
 * fraction (GA4 writes `0.6679`).
 */
export function parsePercent(text: string, decimal: '.' | ',' | 'auto' = 'auto'): number | null {
  const trimmed = text.trim();
  const below = /^<\s*([\d.,]+)\s*%$/.exec(trimmed);
  if (below) {
    const bound = parseNumber(below[1]!, decimal);
    return bound === null ? null : bound / 200;
  }
  if (trimmed.endsWith('%')) {
    const number = parseNumber(trimmed.slice(0, -1), decimal);
    return number === null ? null : number / 100;
  }
  return parseNumber(trimmed, decimal);
}

/**
 * A web address as written, when it is one: `http://` or `https://` and a host with a dot,
 * no spaces. Anything else (`javascript:`, `data:`, `file:`, a relative path) is null, so
 * no link the reports or a spreadsheet open can run a script or read a local file.
 */
export function parseWebAddress(text: string): string | null {
  const trimmed = text.trim();
  if (!/^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i.test(trimmed)) return null;
  return URL.canParse(trimmed) ? trimmed : null;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'ja', 'sand', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'nej', 'falsk', '']);

export function parseBoolean(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/** The date layouts exports use. A column's layout is chosen from all its values. */
export const DATE_FORMATS = ['iso', 'ymd_compact', 'dmy_dash', 'dmy_dot', 'mdy_slash', 'dmy_slash', 'excel_serial'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Calendar parts and an optional time of day and zone offset (minutes east of UTC). */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number | null;
}

const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(AM|PM|am|pm)?\s*(Z|[+-]\d{2}:?\d{2})?)?`;
/** A date written year first, with an optional time and zone: year, month, day, hour, minute, second, AM/PM, offset. */
export const ISO_DATE_TIME = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const PATTERNS: Record<Exclude<DateFormat, 'excel_serial'>, { regex: RegExp; order: [number, number, number] }> = {
  iso: { regex: ISO_DATE_TIME, order: [1, 2, 3] },
  ymd_compact: { regex: new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`), order: [1, 2, 3] },
  dmy_dash: { regex: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${TIME}$`), order: [3, 2, 1] },
  dmy_dot: { regex: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`), order: [3, 2, 1] },
  mdy_slash: { regex: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`), order: [3, 1, 2] },
  dmy_slash: { regex: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`), order: [3, 2, 1] },
};

/** Reads a date in one layout; `null` when the text is not a valid date in it. */
export function parseDateParts(text: string, format: DateFormat): DateParts | null {
  const trimmed = text.trim();
  if (format === 'excel_serial') return excelSerialParts(trimmed);
  const { regex, order } = PATTERNS[format];
  const match = regex.exec(trimmed);
  if (!match) return null;
  const year = Number(match[order[0]]);
  const month = Number(match[order[1]]);
  const day = Number(match[order[2]]);
  let hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const meridiem = match[7]?.toUpperCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second, offsetMinutes: parseOffset(match[8]) };
}

function parseOffset(zone: string | undefined): number | null {
  if (zone === undefined) return null;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** Excel's day count from 1899-12-30 (the 1900 leap-year bug folded in), with a fraction for time. */
function excelSerialParts(text: string): DateParts | null {
  if (!/^\d{5}(\.\d+)?$/.test(text)) return null;
  const serial = Number(text);
  if (serial < 20000 || serial > 80000) return null; // 1954..2119: anything else is not a plausible export date
  const ms = Math.round((serial - 25569) * 86_400_000);
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    offsetMinutes: null,
  };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * The layouts that read every one of `values`. Several can remain (`04/05/2026`
 * fits both M/D and D/M); the caller resolves that with the locale.
 */
export function candidateDateFormats(values: readonly string[]): DateFormat[] {
  const present = values.map((value) => value.trim()).filter((value) => value !== '');
  if (present.length === 0) return [...DATE_FORMATS];
  return DATE_FORMATS.filter((format) => present.every((value) => parseDateParts(value, format) !== null));
}

/** Dates without a time zone are wall-clock times in `timeZone`; returns the UTC instant. */
export function toInstant(parts: DateParts, timeZone: string): Date {
  if (parts.offsetMinutes !== null) {
    return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - parts.offsetMinutes * 60_000);
  }
  const zoned = new TZDate(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, timeZone);
  return new Date(zoned.getTime());
}

/** A calendar date as a `Date` at 00:00 UTC (how DuckDB's DATE crosses into JS). */
export function toCalendarDate(parts: DateParts): Date {
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in `timeZone`. */
export function localCalendarDay(instant: Date, timeZone: string): string {
  const zoned = new TZDate(instant.getTime(), timeZone);
  return `${zoned.getFullYear()}-${String(zoned.getMonth() + 1).padStart(2, '0')}-${String(zoned.getDate()).padStart(2, '0')}`;
}
