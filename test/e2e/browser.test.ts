/**
 * The reports in a real browser: headless Chromium (Debian's, at /usr/bin/chromium; CI
 * installs it in .ci/run) opens each report from disk with the network off, and every
 * chart must be there twice: as static SVG, and embedded by vega-embed (interactive).
 * Console errors fail the test, and so does a missing chromium: this test never skips.
 * Screenshots go to a temporary folder (its path is printed).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportPage } from '../../reports/page.ts';
import { attributionPage } from '../../reports/pages/attribution.ts';
import { leadershipPage } from '../../reports/pages/leadership.ts';
import { programPage } from '../../reports/pages/program.ts';
import { interactiveBundle } from '../../reports/render/bundle.ts';
import { writePages } from '../../reports/write.ts';
import { AMBASSADORS } from '../reports/fixtures.ts';
import { fullAttributionMarts, fullLeadershipMarts, fullProgramMarts } from '../reports/fixtures-more.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOSTILE = '<script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">';

let browser: Browser;
let folder: string;
let pages: ReportPage[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM}; install Debian's package (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  folder = mkdtempSync(join(tmpdir(), 'advocacy-browser-'));
  const ambassadors = AMBASSADORS.map((ambassador) => (ambassador.id === 'amb-02' ? { ...ambassador, name: HOSTILE } : ambassador));
  const options = { companyName: `Nordlys ${HOSTILE}`, language: 'en' as const };
  pages = [
    await leadershipPage(fullLeadershipMarts({ ambassadors }), options),
    await programPage(fullProgramMarts({ ambassadors }, HOSTILE), options),
    await attributionPage(fullAttributionMarts({ ambassadors }), { ...options, language: 'da' }),
  ];
  await writePages(pages, folder, { interactive: interactiveBundle(), images: false });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  console.log(`browser test: reports and screenshots in ${folder}`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (folder && !process.env.KEEP_BROWSER_OUTPUT) rmSync(folder, { recursive: true, force: true });
});

describe('reports in headless Chromium, offline', () => {
  for (const kind of ['leadership', 'program', 'attribution']) {
    it(`${kind}.html renders every chart, static and interactive, with no console errors and no network`, async () => {
      const page = pages.find((one) => one.kind === kind)!;
      expect(page.charts.length).toBeGreaterThan(2);
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.goto(`file://${join(folder, `${kind}.html`)}`);
      await tab.waitForFunction(() => Array.from(document.querySelectorAll('[data-chart]')).every((figure) => figure.hasAttribute('data-interactive')), null, {
        timeout: 60_000,
      });
      const charts = await tab.$$eval('[data-chart]', (figures) =>
        figures.map((figure) => ({
          name: figure.getAttribute('data-chart'),
          state: figure.getAttribute('data-interactive'),
          staticSvg: figure.querySelectorAll('.plot-static > svg').length,
          interactiveSvg: figure.querySelectorAll('.plot-interactive svg.marks').length,
          interactiveVisible: !(figure.querySelector('.plot-interactive') as HTMLElement | null)?.hidden,
        })),
      );
      for (const chart of page.charts) {
        const found = charts.find((one) => one.name === chart.name);
        expect(found, `chart ${chart.name} is missing`).toBeDefined();
        expect(found, chart.name).toMatchObject({ state: 'ready', staticSvg: 1, interactiveSvg: 1, interactiveVisible: true });
      }
      expect(charts).toHaveLength(page.charts.length);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      // Hostile export text stayed text.
      expect(await tab.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await tab.locator('h1').innerText()).toContain('<script>');
      await tab.screenshot({ path: join(folder, `${kind}.png`), fullPage: true });
      await context.close();
    });
  }

  it('on a tall screen each report starts at the top: no empty band above the title', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    try {
      const tab = await context.newPage();
      for (const kind of ['leadership', 'program', 'attribution']) {
        await tab.goto(`file://${join(folder, `${kind}.html`)}`);
        const titleTop = await tab.$eval('h1', (title) => title.getBoundingClientRect().top);
        expect(titleTop, kind).toBeLessThan(160);
      }
    } finally {
      await context.close();
    }
  });

  it('table cells wrap between words: no word of a text cell is broken letter by letter (a wide table scrolls instead)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const tab = await context.newPage();
      let cells = 0;
      for (const kind of ['leadership', 'program', 'attribution']) {
        await tab.goto(`file://${join(folder, `${kind}.html`)}`);
        cells += await tab.$$eval('td:not(.num):not(.link)', (all) => all.length);
        const broken = await tab.$$eval('td:not(.num):not(.link)', (all) =>
          all.flatMap((cell) => {
            const words = (cell.textContent ?? '').split(/\s+/).filter(Boolean);
            const style = getComputedStyle(cell);
            const room = cell.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
            const probe = document.createElement('span');
            probe.style.whiteSpace = 'nowrap';
            probe.style.position = 'absolute';
            cell.append(probe);
            const tooWide = words.filter((word) => {
              probe.textContent = word;
              return probe.getBoundingClientRect().width > room + 1;
            });
            probe.remove();
            return tooWide.map((word) => `${word} in a cell ${Math.round(room)} px wide`);
          }),
        );
        expect(broken, kind).toEqual([]);
      }
      expect(cells).toBeGreaterThan(20);
    } finally {
      await context.close();
    }
  });

  it('shows the static charts with scripts off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const tab = await context.newPage();
    await tab.goto(`file://${join(folder, 'leadership.html')}`);
    const visible = await tab.$$eval('.plot-static > svg', (svgs) => svgs.filter((svg) => (svg as SVGSVGElement).getBoundingClientRect().height > 50).length);
    expect(visible).toBe(pages[0]!.charts.length);
    await tab.screenshot({ path: join(folder, 'leadership-noscript.png') });
    await context.close();
  });
});
