/**
 * The page model: what a report says, built by a page in `reports/pages/` from the marts
 * and rendered by `reports/render/html.ts`. Every string here is plain text (names from
 * exports included); only `ReportChart.svg` is markup, produced by Vega.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A headline number on the first screen. */
export interface Kpi {
  label: string;
  /** Already formatted for the report's locale: `1,204`, `52 of 60`, `DKK 123,456`. */
  value: string;
  /** One line of context: a share, a definition, a comparison. */
  note: string;
}

export interface ReportChart {
  /** The file name stem: `weekly-activity` → `charts/weekly-activity.vl.json`. */
  name: string;
  /** The finding, as the spec's title states it. */
  title: string;
  /** What the chart draws, as the spec's subtitle states it. */
  subtitle: string;
  /** The full Vega-Lite spec, data inline (written out as `.vl.json`). */
  spec: TopLevelSpec;
  /** The chart as static SVG, rendered without its title (the page prints the title as text). */
  svg: string;
  /** One sentence on what the numbers say. */
  narrative: string;
  /** The definitions and the mart behind the chart. */
  definition: string;
  /** A table under the chart (e.g. the leaderboard's standings), plain text cells. */
  table?: ReportTable;
}

/** A table of plain-text cells (names from exports included: the renderer escapes them). */
export interface ReportTable {
  /** A file stem for the table's anchor: lowercase letters, digits and dashes. */
  name: string;
  caption: string;
  columns: { label: string; numeric?: boolean }[];
  rows: string[][];
  /** Lines under the table: what it lists, or why it is empty (a line break starts a new line). */
  note?: string;
}

/** Another report of the same run, for the navigation bar. */
export interface ReportLink {
  /** The file beside this one: `program.html`. */
  href: string;
  label: string;
  current: boolean;
}

export interface GlossaryEntry {
  term: string;
  definition: string;
}

export interface ReportPage {
  /** The document's language (`lang` attribute). */
  lang: string;
  title: string;
  /** The period the report covers, written out; empty when there is no data. */
  period: string;
  headline: string;
  /** False when the marts hold no rows yet: the page then says so instead of showing charts. */
  hasData: boolean;
  kpis: Kpi[];
  charts: ReportChart[];
  /** Tables after the charts: follow-up lists, nudges. */
  tables?: ReportTable[];
  /** The reports of the run, for the navigation bar (empty: no bar). */
  links?: ReportLink[];
  /** The report's kind, naming its file: `leadership` → `leadership.html`. */
  kind?: string;
  /** Short notes, e.g. a chart left out because its mart is empty. */
  notes: string[];
  glossary: GlossaryEntry[];
  /** Where the numbers come from (printed in the footer). */
  source: string;
}
