/**
 * What the three report pages share: the options they take, rendering a chart draft
 * (spec → static SVG, title as text), notes for marts that are missing, and the
 * navigation between the reports of one run.
 */
import type { TopLevelSpec } from 'vega-lite';
import { createAnonymiser, type Anonymiser } from '../anonymise.ts';
import { createFormat, DEFAULT_CURRENCY, localeFor, type Format, type Language } from '../format.ts';
import { REPORT_TITLES, type Texts } from '../i18n.ts';
import type { ReportChart, ReportLink, ReportTable } from '../page.ts';
import { DRAWN_IMAGES, type ChartImages } from '../render/images.ts';
import type { ChartOptions } from '../charts/theme.ts';

export interface PageOptions {
  /** The company as the config names it (the title). */
  companyName: string;
  /**
   * The currency of values and costs; the summary mart's own currency wins when it has one.
   *
   * __Default value:__ `'DKK'`
   */
  currency?: string;
  /**
   * The locale numbers and dates are written in.
   *
   * __Default value:__ the language's (`en-GB`, `da-DK`)
   */
  locale?: string;
  /**
   * The language of the words (config `report.language`).
   *
   * __Default value:__ `'en'`
   */
  language?: Language;
  /**
   * Replace ambassadors' names by pseudonyms (config `report.anonymise`).
   *
   * __Default value:__ `false`
   */
  anonymise?: boolean;
  /** The key for the pseudonyms (the config's salt); unsalted without one. */
  salt?: string | null;
  /**
   * The attribution model the headline figures use (config `attribution.default_model`).
   *
   * __Default value:__ `'last_touch'`
   */
  model?: string;
  /**
   * Where the charts' images come from: drawn, or carried over from the previous run
   * when their spec is the same (`carriedImages`).
   *
   * __Default value:__ drawn
   */
  images?: ChartImages;
}

/** The format, chart options and anonymiser a page works with. */
export function pageContext(options: PageOptions, currency?: string | null) {
  const language = options.language ?? 'en';
  const locale = options.locale ?? localeFor(language);
  const money = currency || options.currency || DEFAULT_CURRENCY;
  const format: Format = createFormat({ locale, currency: money, language });
  const chartOptions: ChartOptions = { locale, currency: money, language };
  const anonymiser: Anonymiser = createAnonymiser({ enabled: options.anonymise ?? false, language, salt: options.salt ?? null });
  return { language, locale, format, chartOptions, anonymiser, model: options.model ?? 'last_touch' };
}

/** A chart before rendering: its spec and the words around it. */
export interface ChartDraft {
  name: string;
  spec: TopLevelSpec;
  narrative: string;
  definition: string;
  table?: ReportTable;
}

/** Renders the chart without its title: the page prints the title and subtitle as text. */
export async function renderChart(draft: ChartDraft, images: ChartImages = DRAWN_IMAGES): Promise<ReportChart> {
  const { text, subtitle } = titleParts((draft.spec as { title?: unknown }).title);
  return { ...draft, title: text, subtitle, svg: await images.svg(draft.spec, { untitled: true }) };
}

export async function renderCharts(drafts: readonly (ChartDraft | string)[], images: ChartImages = DRAWN_IMAGES): Promise<ReportChart[]> {
  const charts: ReportChart[] = [];
  for (const draft of drafts) if (typeof draft !== 'string') charts.push(await renderChart(draft, images));
  return charts;
}

/** The drafts that are notes: a chart left out, and why. */
export function draftNotes(drafts: readonly (ChartDraft | string)[]): string[] {
  return drafts.filter((draft): draft is string => typeof draft === 'string');
}

export function titleParts(title: unknown): { text: string; subtitle: string } {
  const join = (value: unknown) => (Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '');
  if (typeof title === 'string' || Array.isArray(title)) return { text: join(title), subtitle: '' };
  if (title && typeof title === 'object') {
    const parts = title as { text?: unknown; subtitle?: unknown };
    return { text: join(parts.text), subtitle: join(parts.subtitle) };
  }
  return { text: '', subtitle: '' };
}

/** The three reports of a run, in the order the navigation shows them. */
export const REPORT_KINDS = ['leadership', 'program', 'attribution'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Links to the three reports, the current one marked. */
export function reportLinks(current: ReportKind, language: Language): ReportLink[] {
  return REPORT_KINDS.map((kind) => ({ href: `${kind}.html`, label: REPORT_TITLES[kind][language], current: kind === current }));
}

/** `Top content is left out: there is no content for ambassadors to share yet.` in the report's language. */
export function leftOut(what: string, why: Texts, format: Format): string {
  return format.t({ en: `${what} is left out: ${why.en}.`, da: `${what} er udeladt: ${why.da}.` });
}

/** `Source: marts.x.` in the report's language. */
export function source(format: Format, ...marts: string[]): string {
  return format.t({ en: `Source: ${marts.join(', ')}.`, da: `Kilde: ${marts.join(', ')}.` });
}
