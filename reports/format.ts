/**
 * Number, money and date formatting for reports: one place that knows the locale and the
 * currency, so a chart title, a sentence and a KPI tile spell `1,204` (en-GB) or `1.204`
 * (da-DK) the same way. Pure: no I/O, no clock.
 */

/** The locale and currency a report is written in. */
export interface FormatOptions {
  /**
   * A BCP 47 locale for numbers and dates.
   *
   * __Default value:__ `'en-GB'`
   */
  locale?: string;
  /**
   * An ISO 4217 currency code for outcome value and cost.
   *
   * __Default value:__ `'DKK'`
   */
  currency?: string;
  /**
   * The language of the report's words (numbers and dates follow `locale`).
   *
   * __Default value:__ `'en'`
   */
  language?: Language;
}

/** The languages reports are written in (config `report.language`). */
export const LANGUAGES = ['en', 'da'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The locale numbers and dates are written in for a report language: `en` → `en-GB`, `da` → `da-DK`. */
export function localeFor(language: Language): string {
  return language === 'da' ? 'da-DK' : 'en-GB';
}

export const DEFAULT_LOCALE = 'en-GB';
export const DEFAULT_CURRENCY = 'DKK';

export interface Format {
  readonly locale: string;
  readonly currency: string;
  readonly language: Language;
  /** The text for the report's language: `format.t({ en: 'goal', da: 'mål' })`. */
  t<T>(texts: Record<Language, T>): T;
  /** A whole number with grouping: `1,204`. */
  integer(value: number): string;
  /** A count that may be fractional (credited outcomes): at most one decimal, `12.5` or `143`. */
  count(value: number): string;
  /** A number with exactly `digits` decimals: `2.4`. */
  decimal(value: number, digits?: number): string;
  /** A share (0.38) as a whole percentage: `38%` (en-GB), `38 %` (da-DK). */
  percent(share: number): string;
  /** An amount of money in the report's currency, without decimals: `DKK 123,456`, `123.456 kr.`. */
  money(amount: number): string;
  /** A calendar date written out: `1 May 2026`, `1. maj 2026`. */
  date(value: Date | string): string;
  /** A span of calendar days as short as the locale writes it: `1 – 30 November 2026`, `1.–30. november 2026`; one day as `date`. */
  dateRange(start: Date | string, end: Date | string): string;
  /** A month and year: `May 2026`, `maj 2026`. */
  month(value: Date | string): string;
  /** A signed share: `+12%`, `−5%` (for changes). */
  signedPercent(share: number): string;
}

/** A formatter for one locale and currency. */
export function createFormat(options: FormatOptions = {}): Format {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const currency = options.currency ?? DEFAULT_CURRENCY;
  const language = options.language ?? 'en';
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
  // Dates are calendar days (DuckDB DATE arrives as 00:00 UTC), so format them in UTC.
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const signedPercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  return {
    locale,
    currency,
    language,
    t: (texts) => texts[language],
    integer: (value) => integer.format(value),
    count: (value) => count.format(value),
    decimal(value, digits = 1) {
      let format = decimals.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        decimals.set(digits, format);
      }
      return format.format(value);
    },
    percent: (share) => percent.format(share),
    money: (amount) => money.format(amount),
    date: (value) => date.format(toUtcDate(value)),
    dateRange: (start, end) => date.formatRange(toUtcDate(start), toUtcDate(end)),
    month: (value) => month.format(toUtcDate(value)),
    signedPercent: (share) => signedPercent.format(share).replace('-', '−'),
  };
}

/** `YYYY-MM-DD` for a DuckDB DATE (a JS Date at 00:00 UTC) or an ISO date string; null stays null. */
export function isoDate(value: Date | string): string;
export function isoDate(value: Date | string | null | undefined): string | null;
export function isoDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return toUtcDate(value).toISOString().slice(0, 10);
}

function toUtcDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  // A bare `YYYY-MM-DD` is parsed as UTC midnight by the Date constructor.
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new RangeError(`not a date: ${JSON.stringify(value)}`);
  return parsed;
}

/** A finite number, or 0 for null, undefined and NaN (for summing measures that may be missing). */
export function num(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'variant', numeric: true });

/** Orders names the same on every machine (not by the process's default locale): `Bølge 2` < `Bølge 10` < `Pilot`. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}
