/**
 * The self-contained HTML report: one file that opens offline. Charts are inline static
 * SVG (readable with scripts off, and what the print stylesheet prints); with the
 * interactive bundle, Vega, Vega-Lite and vega-embed are inlined too and each chart is
 * embedded over its SVG (tooltips, cohort filters). Nothing loads from anywhere: the
 * Content-Security-Policy allows inline styles, `data:` images and exactly the inline
 * scripts whose SHA-256 hashes it lists. Every text from the page model is escaped; the
 * only markup passed through is Vega's SVG, checked for script-capable elements, and the
 * specs go in a JSON block with `<` escaped.
 */
import { PAGE_TEXT, REPORT_TITLES } from '../i18n.ts';
import type { ReportChart, ReportPage, ReportTable } from '../page.ts';
import { cspHash, EMBED_SCRIPT, scriptJson, type InteractiveBundle } from './bundle.ts';

/** Without scripts nothing may load: only inline styles and `data:` images are allowed. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The policy for a page with the interactive bundle: the same, plus the two inline scripts by hash. */
export function interactivePolicy(library: string): string {
  return `${CONTENT_SECURITY_POLICY} blob:; script-src ${cspHash(library)} ${cspHash(EMBED_SCRIPT)}`;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/**
 * Vega's SVG is trusted markup (it escapes text and attribute values), but check before
 * inlining it: an SVG with a script, a foreign object, an image, a link, or an event
 * handler attribute would break the report's guarantees. The check looks at element and
 * attribute names only (values and text are blanked first), so a name such as
 * `x onload='y'` in an axis label is text, not a reason to fail.
 */
export function assertInlineSafeSvg(svg: string, name: string): string {
  const trimmed = svg.trim();
  if (!trimmed.startsWith('<svg')) throw new Error(`chart ${name}: the rendered SVG does not start with <svg`);
  // Vega writes double-quoted attributes and escapes `<` and `"` inside values and text.
  const markupOnly = trimmed.replace(/"[^"]*"/g, '""').replace(/>[^<]*</g, '><');
  const unsafe = /<\s*(?:script|foreignObject|iframe|image|use|a|style)\b|\son[a-z]+\s*=|\s(?:xlink:)?(?:href|src)\s*=/i.exec(markupOnly);
  if (unsafe) throw new Error(`chart ${name}: the rendered SVG contains ${JSON.stringify(unsafe[0].trim())}, which a report may not inline`);
  return trimmed;
}

const STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #555; --rule: #dcdcdc; --tile: #f5f6f8; --accent: #0072B2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
.page { max-width: 1040px; margin: 0 auto; padding: 0 24px 48px; }
.first-screen { padding: 32px 0; border-bottom: 1px solid var(--rule); }
.eyebrow { margin: 0; color: var(--muted); font-size: 0.9rem; letter-spacing: 0.04em; text-transform: uppercase; }
h1 { margin: 0.2rem 0 0.1rem; font-size: 2.1rem; line-height: 1.2; }
.period { margin: 0 0 1.4rem; color: var(--muted); }
.headline { font-size: 1.35rem; line-height: 1.45; max-width: 52rem; margin: 0 0 1.8rem; }
.kpis { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px; }
.kpi { background: var(--tile); border-left: 4px solid var(--accent); padding: 12px 14px; border-radius: 4px; }
.kpi-label { display: block; font-size: 0.85rem; color: var(--muted); }
.kpi-value { display: block; font-size: 1.6rem; font-weight: 650; line-height: 1.25; font-variant-numeric: tabular-nums; }
.kpi-note { display: block; font-size: 0.8rem; color: var(--muted); }
.notes { margin: 1.2rem 0 0; padding-left: 1.2rem; color: var(--muted); font-size: 0.9rem; }
.chart { margin: 0; padding: 36px 0 28px; border-bottom: 1px solid var(--rule); }
.chart h2 { margin: 0; font-size: 1.2rem; line-height: 1.35; }
.chart .subtitle { margin: 0.2rem 0 0.8rem; color: var(--muted); font-size: 0.9rem; }
.chart .plot { overflow-x: auto; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart .narrative { margin: 0.8rem 0 0.3rem; font-size: 1.05rem; max-width: 52rem; }
.chart figcaption { color: var(--muted); font-size: 0.85rem; max-width: 52rem; }
.report-nav { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 12px 0; border-bottom: 1px solid var(--rule); font-size: 0.9rem; }
.report-nav a { color: var(--accent); text-decoration: none; }
.report-nav a[aria-current="page"] { color: var(--ink); font-weight: 650; }
.noscript { color: var(--muted); font-size: 0.85rem; }
.plot-interactive .vega-embed { width: 100%; }
.plot-interactive .vega-bindings { margin-top: 6px; font-size: 0.85rem; }
.plot-interactive .vega-bindings select { font: inherit; }
.table-wrap { overflow-x: auto; margin-top: 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; min-width: 50%; }
caption { text-align: left; font-weight: 650; padding: 0 0 6px; }
th, td { padding: 4px 10px 4px 0; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { font-weight: 650; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td { max-width: 28rem; overflow-wrap: break-word; }
td.link { overflow-wrap: anywhere; }
.table-note { color: var(--muted); font-size: 0.8rem; margin: 0.3rem 0 0; white-space: pre-line; }
.tables { padding-top: 20px; }
.glossary { padding-top: 28px; }
.glossary h2 { font-size: 1.2rem; }
.glossary dt { font-weight: 650; margin-top: 0.6rem; }
.glossary dd { margin: 0.1rem 0 0; color: var(--muted); max-width: 52rem; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.8rem; }
@media (max-width: 600px) { h1 { font-size: 1.6rem; } .headline { font-size: 1.1rem; } }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  .first-screen { padding: 0 0 12pt; break-after: page; border: 0; }
  .kpi { border: 1px solid #bbb; border-left: 4px solid #000; background: none; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .chart { break-inside: avoid; page-break-inside: avoid; padding: 14pt 0; }
  .chart .plot { overflow: visible; }
  .glossary { break-before: page; }
  .report-nav, .noscript, .plot-interactive, .vega-bindings { display: none !important; }
  .plot-static, .plot-static[hidden] { display: block !important; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  tr { break-inside: avoid; }
}
`;

function chartId(chart: ReportChart): string {
  return `chart-${chart.name.replace(/[^a-z0-9-]/gi, '-')}`;
}

/**
 * Words wrap between words only, so a narrow column never breaks one letter by letter; a
 * link, which has no word breaks, may break anywhere.
 */
function cellClass(cell: string, numeric: boolean): string {
  if (numeric) return ' class="num"';
  return /^https?:\/\//.test(cell) ? ' class="link"' : '';
}

function tableHtml(table: ReportTable, language: 'en' | 'da'): string {
  const head = table.columns.map((column) => `<th scope="col"${column.numeric ? ' class="num"' : ''}>${escapeHtml(column.label)}</th>`).join('');
  const rows = table.rows.length
    ? table.rows
        .map((row) => `<tr>${row.map((cell, index) => `<td${cellClass(cell, table.columns[index]?.numeric === true)}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
        .join('\n')
    : `<tr><td colspan="${table.columns.length}">${escapeHtml(PAGE_TEXT.tableEmpty[language])}</td></tr>`;
  return `<div class="table-wrap" id="table-${escapeHtml(table.name.replace(/[^a-z0-9-]/gi, '-'))}">
<table>
<caption>${escapeHtml(table.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${table.note ? `<p class="table-note">${escapeHtml(table.note)}</p>` : ''}
</div>`;
}

function chartSection(chart: ReportChart, language: 'en' | 'da', interactive: boolean): string {
  const id = chartId(chart);
  return `<section class="chart" id="${escapeHtml(id)}">
<figure aria-labelledby="${escapeHtml(id)}-title" data-chart="${escapeHtml(chart.name)}">
<h2 id="${escapeHtml(id)}-title">${escapeHtml(chart.title)}</h2>
<p class="subtitle">${escapeHtml(chart.subtitle)}</p>
<div class="plot plot-static">${assertInlineSafeSvg(chart.svg, chart.name)}</div>
${interactive ? '<div class="plot plot-interactive" hidden></div>' : ''}
<p class="narrative">${escapeHtml(chart.narrative)}</p>
<figcaption><strong>${escapeHtml(PAGE_TEXT.definition[language])}:</strong> ${escapeHtml(chart.definition)}</figcaption>
</figure>
${chart.table ? tableHtml(chart.table, language) : ''}
</section>`;
}

export interface RenderOptions {
  /**
   * The browser builds to inline for interactive charts; without them the page has no
   * scripts at all (static SVG only).
   */
  interactive?: InteractiveBundle;
}

/** Renders the page model as one self-contained HTML document. */
export function renderReportHtml(page: ReportPage, options: RenderOptions = {}): string {
  const language = page.lang === 'da' ? 'da' : 'en';
  const bundle = page.charts.length > 0 ? options.interactive : undefined;
  const policy = bundle ? interactivePolicy(bundle.library) : CONTENT_SECURITY_POLICY;
  const kpis = page.kpis.length
    ? `<ul class="kpis">\n${page.kpis
        .map(
          (kpi) =>
            `<li class="kpi"><span class="kpi-label">${escapeHtml(kpi.label)}</span><strong class="kpi-value">${escapeHtml(kpi.value)}</strong><span class="kpi-note">${escapeHtml(kpi.note)}</span></li>`,
        )
        .join('\n')}\n</ul>`
    : '';
  const notes = page.notes.length ? `<ul class="notes">\n${page.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('\n')}\n</ul>` : '';
  const glossary = page.glossary.map((entry) => `<dt>${escapeHtml(entry.term)}</dt>\n<dd>${escapeHtml(entry.definition)}</dd>`).join('\n');
  const nav = page.links?.length
    ? `<nav class="report-nav" aria-label="${escapeHtml(PAGE_TEXT.contents[language])}">${page.links
        .map((link) => `<a href="${escapeHtml(link.href)}"${link.current ? ' aria-current="page"' : ''}>${escapeHtml(link.label)}</a>`)
        .join('')}</nav>`
    : '';
  const tables = page.tables?.length ? `<section class="tables">\n${page.tables.map((table) => tableHtml(table, language)).join('\n')}\n</section>` : '';
  const eyebrow = page.kind && page.kind in REPORT_TITLES ? REPORT_TITLES[page.kind as keyof typeof REPORT_TITLES][language] : PAGE_TEXT.eyebrow[language];
  const scripts = bundle
    ? `<script type="application/json" id="chart-specs">${scriptJson(Object.fromEntries(page.charts.map((chart) => [chart.name, chart.spec])))}</script>
<script>${bundle.library}</script>
<script>${EMBED_SCRIPT}</script>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="page">
${nav}
<header class="first-screen">
<p class="eyebrow">${escapeHtml(eyebrow)}</p>
<h1>${escapeHtml(page.title)}</h1>
${page.period ? `<p class="period">${escapeHtml(page.period)}</p>` : ''}
<p class="headline">${escapeHtml(page.headline)}</p>
${kpis}
${notes}
${bundle ? `<noscript><p class="noscript">${escapeHtml(PAGE_TEXT.noscript[language])}</p></noscript>` : ''}
</header>
<main>
${page.charts.map((chart) => chartSection(chart, language, bundle !== undefined)).join('\n')}
${tables}
</main>
<section class="glossary" aria-labelledby="glossary-title">
<h2 id="glossary-title">${escapeHtml(PAGE_TEXT.glossary[language])}</h2>
<dl>
${glossary}
</dl>
</section>
<footer><p>${escapeHtml(page.source)}</p></footer>
</div>
${scripts}
</body>
</html>
`;
}
