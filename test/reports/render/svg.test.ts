import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { VEGA_LITE_SCHEMA } from '../../../reports/charts/theme.ts';
import { renderSvg, sansSerifTextWidth } from '../../../reports/render/svg.ts';

const bars: TopLevelSpec = {
  $schema: VEGA_LITE_SCHEMA,
  data: {
    values: [
      { name: 'Søren <script>alert(1)</script>', posts: 3 },
      { name: 'Åse', posts: 5 },
    ],
  },
  mark: 'bar',
  encoding: { y: { field: 'name', type: 'nominal' }, x: { field: 'posts', type: 'quantitative' } },
};

describe('reports/render/svg', () => {
  it('renders headless to SVG, escaping text', async () => {
    const svg = await renderSvg(bars);
    expect(svg).toMatch(/^<svg[^>]* width="\d+" height="\d+"/);
    expect(svg.split('aria-roledescription="bar"')).toHaveLength(3);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('>Åse</text>');
  });

  it('refuses a spec that would load data over the network', async () => {
    const remote = { ...bars, data: { url: 'https://example.com/data.csv' } } as TopLevelSpec;
    await expect(renderSvg(remote)).rejects.toThrow(/must carry its data inline; it asked to load https:\/\/example\.com\/data\.csv/);
  });

  it('measures text like a sans-serif font, not 0.8 em a character', () => {
    expect(sansSerifTextWidth('', 11)).toBe(0);
    expect(sansSerifTextWidth('iiii', 10)).toBeLessThan(sansSerifTextWidth('MMMM', 10));
    expect(sansSerifTextWidth('å', 10)).toBe(sansSerifTextWidth('a', 10));
    expect(sansSerifTextWidth('Mette Østergaard', 11, true)).toBeGreaterThan(sansSerifTextWidth('Mette Østergaard', 11));
    // Every printable ASCII character has its own width (the table covers 32 to 126).
    expect(sansSerifTextWidth('~', 1000)).toBeCloseTo(584 * 1.08);
    const estimate = 0.8 * 'Kvalificerede ansøgninger'.length * 12;
    expect(sansSerifTextWidth('Kvalificerede ansøgninger', 12)).toBeLessThan(estimate * 0.8);
  });
});
