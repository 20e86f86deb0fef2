import { describe, expect, it } from 'vitest';
import { leadershipPage } from '../../../reports/pages/leadership.ts';
import type { ReportPage } from '../../../reports/page.ts';
import { assertInlineSafeSvg, CONTENT_SECURITY_POLICY, escapeHtml, renderReportHtml } from '../../../reports/render/html.ts';
import { AMBASSADORS, fixtureMarts, GOALS } from '../fixtures.ts';

const SCRIPT_NAME = '<script>alert(1)</script>';
const ATTRIBUTE_NAME = '"><img onerror=alert(1)>';

/** Network references an HTML file could make: src/href/url()/@import to http(s) or protocol-relative. */
const NETWORK_REFERENCE = /(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\/)|url\(\s*["']?\s*(?:https?:)?\/\/|@import/i;

function minimalPage(overrides: Partial<ReportPage> = {}): ReportPage {
  return {
    lang: 'en',
    title: 'Nordlys Energi A/S: employee advocacy',
    period: '2 March 2026 – 10 May 2026',
    headline: 'Since 2 March 2026, 12 of 12 ambassadors posted 129 times.',
    hasData: true,
    kpis: [{ label: 'Posts', value: '129', note: 'shared on LinkedIn and Facebook' }],
    charts: [],
    notes: [],
    glossary: [{ term: 'Sessions', definition: 'Visits, as GA4 counts them.' }],
    source: 'marts',
    ...overrides,
  };
}

/** The fixture program with hostile names wherever exports supply text. */
function hostileMarts() {
  return fixtureMarts({
    companyName: `Nordlys ${SCRIPT_NAME}`,
    ambassadors: AMBASSADORS.map((ambassador) =>
      ambassador.id === 'amb-02'
        ? { ...ambassador, name: SCRIPT_NAME }
        : ambassador.id === 'amb-04'
          ? { ...ambassador, name: ATTRIBUTE_NAME }
          : ambassador.cohort === 'Bølge 2'
            ? { ...ambassador, cohort: 'Bølge <b>2</b>', department: `HR ${SCRIPT_NAME}` }
            : ambassador,
    ),
    goals: GOALS.map((goal) => (goal.id === 'goal-applications' ? { ...goal, name: `Ansøgninger </figure>${SCRIPT_NAME}` } : goal)),
  });
}

describe('reports/render/html', () => {
  describe('escapeHtml', () => {
    it('turns markup into text', () => {
      expect(escapeHtml(SCRIPT_NAME)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(escapeHtml(ATTRIBUTE_NAME)).toBe('&quot;&gt;&lt;img onerror=alert(1)&gt;');
      expect(escapeHtml("Søren & Åse's")).toBe('Søren &amp; Åse&#39;s');
    });
  });

  describe('renderReportHtml', () => {
    it('is one self-contained document: charset, strict CSP, inline CSS with print styles, no scripts', () => {
      const html = renderReportHtml(minimalPage());
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain('<meta charset="utf-8">');
      expect(CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`,
      );
      expect(html).toContain('<style>');
      expect(html).toContain('@media print');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(NETWORK_REFERENCE);
      expect(html).not.toMatch(/<link\b/i);
    });

    it('escapes every text of the page model', () => {
      const html = renderReportHtml(
        minimalPage({
          title: SCRIPT_NAME,
          headline: ATTRIBUTE_NAME,
          kpis: [{ label: SCRIPT_NAME, value: ATTRIBUTE_NAME, note: SCRIPT_NAME }],
          notes: [ATTRIBUTE_NAME],
          glossary: [{ term: SCRIPT_NAME, definition: ATTRIBUTE_NAME }],
          source: SCRIPT_NAME,
        }),
      );
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&quot;&gt;&lt;img onerror=alert(1)&gt;');
    });

    it('keeps names with markup as text inside and around the charts', async () => {
      const page = await leadershipPage(hostileMarts(), { companyName: `Nordlys ${SCRIPT_NAME}`, locale: 'en-GB' });
      const html = renderReportHtml(page);
      // The hostile ambassador leads the top-ambassadors chart, so the name is in its title, its SVG and its spec.
      expect(page.charts.find((chart) => chart.name === 'top-ambassadors')?.title).toContain(SCRIPT_NAME);
      expect(page.charts.find((chart) => chart.name === 'top-ambassadors')?.svg).toContain('&lt;script&gt;');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/<b>/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; led with');
      // The goal named "</figure>…" did not close its figure early.
      expect(html.match(/<figure/g)).toHaveLength(page.charts.length);
      expect(html.match(/<\/figure>/g)).toHaveLength(page.charts.length);
      expect(html.match(/<svg/g)).toHaveLength(page.charts.length);
    });
  });

  describe('assertInlineSafeSvg', () => {
    it('accepts Vega’s SVG, with hostile text in labels', () => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text aria-label="x onload='y'">&lt;script&gt; onclick='z'</text></svg>`;
      expect(assertInlineSafeSvg(svg, 'test')).toBe(svg);
    });

    it('refuses scripts, foreign objects, links, images and event handlers', () => {
      expect(() => assertInlineSafeSvg('<svg><script>alert(1)</script></svg>', 'test')).toThrow(/<script/);
      expect(() => assertInlineSafeSvg('<svg><foreignObject></foreignObject></svg>', 'test')).toThrow(/foreignObject/);
      expect(() => assertInlineSafeSvg('<svg><a href="https://example.com"><text>x</text></a></svg>', 'test')).toThrow();
      expect(() => assertInlineSafeSvg('<svg><image href="data:image/png;base64,AA"/></svg>', 'test')).toThrow(/<image/);
      expect(() => assertInlineSafeSvg('<svg onload="alert(1)"></svg>', 'test')).toThrow(/onload/);
      expect(() => assertInlineSafeSvg('<div></div>', 'test')).toThrow(/does not start with <svg/);
    });
  });
});

describe('reports/render/html, interactive', () => {
  it('inlines the chart libraries and the embed script, allowed by their hashes and nothing else', async () => {
    const { interactiveBundle, cspHash, EMBED_SCRIPT } = await import('../../../reports/render/bundle.ts');
    const { programPage } = await import('../../../reports/pages/program.ts');
    const { fullProgramMarts } = await import('../fixtures-more.ts');
    const bundle = interactiveBundle();
    const page = await programPage(fullProgramMarts({}, SCRIPT_NAME), { companyName: 'Nordlys', locale: 'en-GB' });
    const html = renderReportHtml(page, { interactive: bundle });
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(policy).toBe(`default-src 'none'; style-src 'unsafe-inline'; img-src data: blob:; script-src ${cspHash(bundle.library)} ${cspHash(EMBED_SCRIPT)}`);
    expect(policy).not.toMatch(/unsafe-eval|https?:/);
    // Exactly three script elements: the specs (JSON, not run), the libraries and the embed script.
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html).toContain(`<script>${EMBED_SCRIPT}</script>`);
    expect(html).not.toMatch(NETWORK_REFERENCE);
    // The static SVG stays as the fallback, with an empty interactive twin beside it.
    expect(html.match(/class="plot plot-static"/g)).toHaveLength(page.charts.length);
    expect(html.match(/class="plot plot-interactive" hidden/g)).toHaveLength(page.charts.length);
    expect(html).toContain('<noscript>');
    // Specs are JSON with every "<" escaped, so export text cannot close the script element.
    const specs = /<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(specs).not.toContain('<');
    expect(Object.keys(JSON.parse(specs))).toEqual(page.charts.map((chart) => chart.name));
  });

  it('shows export text with markup and formula prefixes as text in every section of the program report', async () => {
    const { programPage } = await import('../../../reports/pages/program.ts');
    const { fullProgramMarts } = await import('../fixtures-more.ts');
    const hostile = `${SCRIPT_NAME} ${ATTRIBUTE_NAME} =HYPERLINK("x")`;
    const page = await programPage(
      fullProgramMarts({ ambassadors: AMBASSADORS.map((a) => (a.id === 'amb-11' ? { ...a, name: ATTRIBUTE_NAME } : a)) }, hostile),
      { companyName: `Nordlys ${SCRIPT_NAME}`, locale: 'en-GB' },
    );
    const html = renderReportHtml(page);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // The content title and the follow-up list carry it as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img onerror=alert(1)&gt; =HYPERLINK(&quot;x&quot;)');
    expect(html.match(/<table>/g)?.length).toBeGreaterThanOrEqual(4);
  });
});
