/**
 * Headless rendering: a Vega-Lite spec to a static SVG string, with no browser, no canvas
 * and no network. Vega escapes the text it writes into the SVG, so names from exports
 * cannot become markup.
 *
 * Without a canvas Vega guesses every text's width as 0.8 em per character, about 50%
 * too wide for a sans-serif font: facet headers and legends then push charts apart and
 * labels are cut early. Vega lets a host supply its own `textMetrics.width` (vl-convert
 * does); we supply one from Helvetica's glyph widths, which the system fonts the charts
 * ask for (system-ui, Segoe UI, Roboto, Arial) match closely.
 */
import { setImmediate } from 'node:timers/promises';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A loader that refuses every request and records it: charts carry their data inline, and reports never fetch. */
function offlineLoader(refused: string[]): vega.Loader {
  const refuse = (uri: string) => {
    refused.push(uri);
    return Promise.reject(new Error(`charts render offline; refusing to load ${uri}`));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** Helvetica's advance widths (1/1000 em) for printable ASCII, from space (32) to tilde (126). */
// prettier-ignore
const ASCII_WIDTHS = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space … /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  278,
  278,
  584,
  584,
  584,
  556, // 0 … ?
  1015,
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833,
  722,
  778, // @ … O
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611,
  278,
  278,
  278,
  469,
  556, // P … _
  333,
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833,
  556,
  556, // ` … o
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500,
  334,
  260,
  334,
  584, // p … ~
];

/** Widths of the non-ASCII characters reports use that do not decompose to an ASCII letter. */
const OTHER_WIDTHS: Record<string, number> = {
  æ: 889,
  Æ: 1000,
  ø: 611,
  Ø: 778,
  ß: 611,
  '’': 222,
  '‘': 222,
  '“': 333,
  '”': 333,
  '–': 556,
  '—': 1000,
  '·': 278,
  '…': 1000,
  '€': 556,
  '£': 556,
  '\u00a0': 278,
  '\u202f': 278,
  '−': 584,
};

/** System UI fonts run a little wider than Helvetica, bold wider still; erring wide keeps labels apart. */
const REGULAR_FACTOR = 1.08;
const BOLD_FACTOR = 1.16;

function glyphWidth(character: string): number {
  const code = character.codePointAt(0) ?? 0;
  if (code >= 32 && code <= 126) return ASCII_WIDTHS[code - 32] ?? 556;
  const known = OTHER_WIDTHS[character];
  if (known !== undefined) return known;
  // å, é, ü …: the base letter's width.
  const base = character.normalize('NFD').charAt(0);
  const baseCode = base.codePointAt(0) ?? 0;
  if (base !== character && baseCode >= 32 && baseCode <= 126) return ASCII_WIDTHS[baseCode - 32] ?? 556;
  return 556;
}

/** The width in px of `text` in a sans-serif system font. */
export function sansSerifTextWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const character of text) units += glyphWidth(character);
  return (units / 1000) * fontSize * (bold ? BOLD_FACTOR : REGULAR_FACTOR);
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}

function isBold(weight: string | number | undefined): boolean {
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || (weight !== undefined && Number(weight) >= 600);
}

/** Installs the sans-serif width table as Vega's text measure (once; Vega calls it for every label). */
function useSansSerifTextMetrics(): void {
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  if ((metrics.width as { sansSerif?: boolean }).sansSerif) return;
  const width = (item: TextItem, text?: unknown): number => {
    const value = text ?? item.text;
    const line = Array.isArray(value) ? value.join(' ') : value === null || value === undefined ? '' : String(value);
    return sansSerifTextWidth(line, item.fontSize ?? 11, isBold(item.fontWeight));
  };
  metrics.width = Object.assign(width, { sansSerif: true });
}

/** Compiled specs by spec: a chart's SVG for the page and its SVG for slides share one compile. */
const compiled = new WeakMap<TopLevelSpec, vega.Spec>();

/** The Vega spec a Vega-Lite spec compiles to (throws on an invalid spec); compiled once per spec. */
export function compileSpec(spec: TopLevelSpec): vega.Spec {
  let vegaSpec = compiled.get(spec);
  if (!vegaSpec) {
    vegaSpec = compile(spec, { logger: QUIET }).spec;
    compiled.set(spec, vegaSpec);
  }
  return vegaSpec;
}

/** Vega-Lite's compile logger, keeping warnings (e.g. about faceted independent scales) off the console; errors still throw. */
const QUIET = {
  level: () => QUIET,
  error: (...args: readonly unknown[]) => {
    throw new Error(args.map(String).join(' '));
  },
  warn: () => QUIET,
  info: () => QUIET,
  debug: () => QUIET,
} as unknown as NonNullable<Parameters<typeof compile>[1]>['logger'];

export interface RenderSvgOptions {
  /**
   * Leave the title out (the page prints it as text). Vega-Lite puts a title only in the
   * top-level `title` of the Vega spec, so this draws what the spec without its title
   * would, with no second compile.
   *
   * __Default value:__ `false`
   */
  untitled?: boolean;
}

/**
 * Renders a Vega-Lite spec to an SVG document string (`<svg …>…</svg>`). Rejects a spec
 * that asks to load anything (Vega itself would only log the failed load and draw nothing).
 */
export async function renderSvg(spec: TopLevelSpec, options: RenderSvgOptions = {}): Promise<string> {
  // Vega draws a chart without giving the event loop a turn; one first lets work waiting
  // on I/O go on between charts (DuckDB writes the extracts meanwhile).
  await setImmediate();
  useSansSerifTextMetrics();
  const { title: _title, ...untitled } = compileSpec(spec);
  const refused: string[] = [];
  const view = new vega.View(vega.parse(options.untitled ? untitled : compileSpec(spec)), {
    renderer: 'none',
    loader: offlineLoader(refused),
    logLevel: vega.Error,
  });
  try {
    const svg = await view.toSVG();
    if (refused.length > 0) throw new Error(`a chart must carry its data inline; it asked to load ${refused.join(', ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}
