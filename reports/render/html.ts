/**
 * The self-contained HTML report: one file that opens offline. No scripts, no external
 * fonts, styles or images (a Content-Security-Policy forbids them), charts inline as
 * static SVG, a print stylesheet. Every text from the page model is escaped; the only
 * markup passed through is Vega's SVG, which is checked for script-capable elements.
 */
import type { ReportChart, ReportPage } from '../page.ts';

/** Nothing may load: only inline styles and `data:` images are allowed. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

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
.first-screen { min-height: 92vh; display: flex; flex-direction: column; justify-content: center; padding: 32px 0; border-bottom: 1px solid var(--rule); }
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
.glossary { padding-top: 28px; }
.glossary h2 { font-size: 1.2rem; }
.glossary dt { font-weight: 650; margin-top: 0.6rem; }
.glossary dd { margin: 0.1rem 0 0; color: var(--muted); max-width: 52rem; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.8rem; }
@media (max-width: 600px) { h1 { font-size: 1.6rem; } .headline { font-size: 1.1rem; } .first-screen { min-height: auto; } }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  .first-screen { min-height: auto; padding: 0 0 12pt; break-after: page; border: 0; }
  .kpi { border: 1px solid #bbb; border-left: 4px solid #000; background: none; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .chart { break-inside: avoid; page-break-inside: avoid; padding: 14pt 0; }
  .chart .plot { overflow: visible; }
  .glossary { break-before: page; }
}
`;

function chartSection(chart: ReportChart): string {
  const id = `chart-${chart.name.replace(/[^a-z0-9-]/gi, '-')}`;
  return `<section class="chart" id="${escapeHtml(id)}">
<figure aria-labelledby="${escapeHtml(id)}-title">
<h2 id="${escapeHtml(id)}-title">${escapeHtml(chart.title)}</h2>
<p class="subtitle">${escapeHtml(chart.subtitle)}</p>
<div class="plot">${assertInlineSafeSvg(chart.svg, chart.name)}</div>
<p class="narrative">${escapeHtml(chart.narrative)}</p>
<figcaption>${escapeHtml(chart.definition)}</figcaption>
</figure>
</section>`;
}

/** Renders the page model as one self-contained HTML document. */
export function renderReportHtml(page: ReportPage): string {
  const kpis = page.kpis.length
    ? `<ul class="kpis">\n${page.kpis
        .map(
          (kpi) =>
            `<li class="kpi"><span class="kpi-label">${escapeHtml(kpi.label)}</span><strong class="kpi-value">${escapeHtml(kpi.value)}</strong><span class="kpi-note">${escapeHtml(kpi.note)}</span></li>`,
        )
        .join('\n')}\n</ul>`
    : '';
  const notes = page.notes.length ? `<ul class="notes">\n${page.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('\n')}\n</ul>` : '';
  const glossary = page.glossary
    .map((entry) => `<dt>${escapeHtml(entry.term)}</dt>\n<dd>${escapeHtml(entry.definition)}</dd>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="page">
<header class="first-screen">
<p class="eyebrow">Employee advocacy report</p>
<h1>${escapeHtml(page.title)}</h1>
${page.period ? `<p class="period">${escapeHtml(page.period)}</p>` : ''}
<p class="headline">${escapeHtml(page.headline)}</p>
${kpis}
${notes}
</header>
<main>
${page.charts.map(chartSection).join('\n')}
</main>
<section class="glossary" aria-labelledby="glossary-title">
<h2 id="glossary-title">Glossary</h2>
<dl>
${glossary}
</dl>
</section>
<footer><p>${escapeHtml(page.source)}</p></footer>
</div>
</body>
</html>
`;
}
