/**
 * The one Vega-Lite `config` every chart builder applies: a colour-blind-safe palette
 * (Okabe & Ito), the system font stack (no web fonts: reports open offline), sizes, and
 * number and date formatting in the report's locale (so axes read `1.204` in da-DK).
 */
import type { Config } from 'vega-lite';
import { DEFAULT_LOCALE, type Language } from '../format.ts';

/** Vega-Lite v6's schema; every spec states it. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Okabe & Ito's palette, ordered for white paper: blue and orange first, yellow last
 * (lowest contrast), black never as a series colour.
 */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  purple: '#CC79A7',
  sky: '#56B4E9',
  vermillion: '#D55E00',
  yellow: '#F0E442',
  grey: '#6E6E6E',
} as const;

export const CATEGORY_RANGE = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.purple, PALETTE.sky, PALETTE.vermillion, PALETTE.yellow];

/** Goal status colours: green on track, orange at risk, vermillion off track (never red/green alone: labels too). */
export const STATUS_COLORS = {
  on_track: PALETTE.green,
  at_risk: PALETTE.orange,
  off_track: PALETTE.vermillion,
} as const;

/** System fonts only: nothing to download. */
export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Plot sizes in px (the plotting area, without axes and legends). */
export const SIZES = {
  width: 560,
  height: 260,
  /** One facet of a faceted chart. */
  facetWidth: 260,
  facetHeight: 180,
  /** One bar of a horizontal bar chart. */
  barStep: 22,
} as const;

export interface ThemeOptions {
  /**
   * The locale for axis numbers and dates.
   *
   * __Default value:__ `'en-GB'`
   */
  locale?: string;
}

/** The shared config, with number and time formats in the given locale. */
export function chartTheme(options: ThemeOptions = {}): Config {
  return {
    locale: vegaLocale(options.locale ?? DEFAULT_LOCALE),
    font: FONT_STACK,
    background: 'white',
    padding: 8,
    view: { continuousWidth: SIZES.width, continuousHeight: SIZES.height, stroke: null },
    range: { category: CATEGORY_RANGE },
    title: { anchor: 'start', fontSize: 14, fontWeight: 600, subtitleFontSize: 11, subtitleColor: '#444', offset: 12 },
    axis: {
      labelFontSize: 11,
      titleFontSize: 11,
      titleFontWeight: 600,
      labelColor: '#333',
      titleColor: '#333',
      gridColor: '#e4e4e4',
      domainColor: '#888',
      tickColor: '#888',
    },
    // No label limits: without a canvas, Vega estimates text widths generously and would cut names short.
    legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, orient: 'bottom', direction: 'horizontal', labelLimit: 0 },
    header: { labelFontSize: 12, labelFontWeight: 600, titleFontSize: 12, labelLimit: 0 },
    bar: { color: PALETTE.blue },
    line: { color: PALETTE.orange, strokeWidth: 2 },
    point: { filled: true, size: 40 },
    // Interactive copies (vega-embed) show each mark's encoded fields, with their titles, on hover.
    mark: { tooltip: { content: 'encoding' } },
  };
}

/** A colour per attribution model, stable across charts and reports. */
export const MODEL_COLORS: Record<string, string> = {
  last_touch: PALETTE.blue,
  first_touch: PALETTE.orange,
  linear: PALETTE.green,
  time_decay: PALETTE.purple,
  position_based: PALETTE.sky,
  markov: PALETTE.vermillion,
  shapley: PALETTE.yellow,
  fractribution: PALETTE.grey,
};

/** Value components in blues and greens, costs in oranges, the net in black or vermillion. */
export const WATERFALL_COLORS = { value: PALETTE.blue, cost: PALETTE.orange, net: '#1d1d1f', loss: PALETTE.vermillion } as const;

/** Vega's number and time locale definitions, derived from `Intl` for any BCP 47 locale. */
export function vegaLocale(locale: string): NonNullable<Config['locale']> {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const group = parts.find((part) => part.type === 'group')?.value ?? ',';
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  const month = (style: 'long' | 'short') => {
    const format = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' });
    return tuple12((index) => format.format(Date.UTC(2026, index, 1)).replace(/\.$/, ''));
  };
  const weekday = (style: 'long' | 'short') => {
    const format = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' });
    // 2026-03-01 is a Sunday; d3 lists weekdays from Sunday.
    return tuple7((index) => format.format(Date.UTC(2026, 2, 1 + index)).replace(/\.$/, ''));
  };
  return {
    number: { decimal, thousands: group, grouping: [3], currency: ['', ''] },
    time: {
      dateTime: '%x %X',
      date: '%Y-%m-%d',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: weekday('long'),
      shortDays: weekday('short'),
      months: month('long'),
      shortMonths: month('short'),
    },
  };
}

type Tuple7 = [string, string, string, string, string, string, string];
type Tuple12 = [string, string, string, string, string, string, string, string, string, string, string, string];

function tuple7(name: (index: number) => string): Tuple7 {
  return Array.from({ length: 7 }, (_, index) => name(index)) as Tuple7;
}

function tuple12(name: (index: number) => string): Tuple12 {
  return Array.from({ length: 12 }, (_, index) => name(index)) as Tuple12;
}

/** What every chart builder takes: the report's locale (axes, titles) and currency. */
export type ChartOptions = ThemeOptions & {
  /**
   * An ISO 4217 currency code.
   *
   * __Default value:__ `'DKK'`
   */
  currency?: string;
  /**
   * The language of titles, axis titles and legends.
   *
   * __Default value:__ `'en'`
   */
  language?: Language;
};

/** A chart title that states the finding, and a subtitle that says what is drawn. */
export function chartTitle(text: string, subtitle: string): { text: string; subtitle: string } {
  return { text, subtitle };
}

/** The opening of a bar chart's spec: schema, title, theme, size, its data and its bar mark; the chart adds its encoding. */
export function barChartSpec<Datum extends object>(title: { text: string; subtitle: string }, values: Datum[], options: ThemeOptions) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    config: chartTheme(options),
    width: SIZES.width,
    height: SIZES.height,
    data: { values },
    mark: { type: 'bar' as const },
  };
}
