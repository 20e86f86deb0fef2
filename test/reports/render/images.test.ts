import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { VEGA_LITE_SCHEMA } from '../../../reports/charts/theme.ts';
import { CHART_IMAGES_FOLDER, carriedImages } from '../../../reports/render/images.ts';
import { svgToPng } from '../../../reports/render/png.ts';
import { renderSvg } from '../../../reports/render/svg.ts';
import { tempFolder } from '../../helpers/warehouse.ts';

function postsChart(posts: number): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: 'Posts',
    data: { values: [{ name: 'Åse', posts }] },
    mark: 'bar',
    encoding: { y: { field: 'name', type: 'nominal' }, x: { field: 'posts', type: 'quantitative' } },
  };
}

const CODE = 'report-code-version';
const imagesIn = (folder: string) => readdirSync(join(folder, CHART_IMAGES_FOLDER)).sort();

describe('reports/render/images', () => {
  it('draws what renderSvg and svgToPng draw when there is no earlier run, and keeps each image in the run folder', async () => {
    const run = tempFolder();
    const images = carriedImages(null, run, CODE);
    const svg = await images.svg(postsChart(3));
    expect(svg).toBe(await renderSvg(postsChart(3)));
    expect(await images.svg(postsChart(3), { untitled: true })).toBe(await renderSvg(postsChart(3), { untitled: true }));
    const png = await images.png(svg);
    expect(png.equals(await svgToPng(svg))).toBe(true);
    const kept = imagesIn(run);
    expect(kept.map((file) => file.replace(/^[0-9a-f]{64}/, 'KEY')).sort()).toEqual(['KEY.png', 'KEY.svg', 'KEY.svg']);
    expect(kept.map((file) => readFileSync(join(run, CHART_IMAGES_FOLDER, file))).some((bytes) => bytes.equals(png))).toBe(true);
  });

  it('carries over the images of an unchanged spec from the earlier run, and draws a chart whose data or report code changed', async () => {
    const earlier = tempFolder();
    const first = carriedImages(null, earlier, CODE);
    const drawn = await first.svg(postsChart(3));
    await first.svg(postsChart(4));
    // What the earlier run kept is what the next one takes: a marked copy shows it was not drawn again.
    const [svgFile] = imagesIn(earlier).filter((file) => readFileSync(join(earlier, CHART_IMAGES_FOLDER, file), 'utf8') === drawn);
    writeFileSync(join(earlier, CHART_IMAGES_FOLDER, svgFile!), drawn.replace('<svg', '<svg data-carried="yes"'));

    const next = tempFolder();
    const images = carriedImages(earlier, next, CODE);
    expect(await images.svg(postsChart(3))).toContain('data-carried="yes"');
    expect(await images.svg(postsChart(5))).toBe(await renderSvg(postsChart(5)));
    // The untitled drawing of the same spec is another image.
    expect(await images.svg(postsChart(3), { untitled: true })).toBe(await renderSvg(postsChart(3), { untitled: true }));
    // The next run's folder holds the images it used, not the earlier run's others (the chart of 4 posts).
    expect(imagesIn(next)).toHaveLength(3);
    expect(imagesIn(next)).toContain(svgFile);

    const otherCode = carriedImages(earlier, tempFolder(), `${CODE}-changed`);
    expect(await otherCode.svg(postsChart(3))).toBe(drawn);
  });

  it('draws an image again when the earlier one cannot be read', async () => {
    const earlier = tempFolder();
    await carriedImages(null, earlier, CODE).svg(postsChart(3));
    const [svgFile] = imagesIn(earlier);
    // A folder in the image's place: reading it fails.
    const broken = tempFolder();
    mkdirSync(join(broken, CHART_IMAGES_FOLDER, svgFile!), { recursive: true });
    expect(await carriedImages(broken, tempFolder(), CODE).svg(postsChart(3))).toBe(await renderSvg(postsChart(3)));
  });
});
