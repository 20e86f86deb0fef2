/**
 * Chart images carried over from the previous report run. A chart's spec holds its data,
 * so a chart whose spec is the one an earlier run drew, with the same report code and
 * chart libraries, gives the same SVG and PNG: those are copied from the previous run
 * instead of drawn again. A day's run redraws only the charts whose data changed.
 *
 * Each run folder keeps the images it used in `.chart-images/`, one file per image, named
 * by a hash of the report code's version, the kind of image and what it is drawn from.
 * The next run looks them up in `out/latest/`; a run's folder holds its own images only,
 * so nothing accumulates.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { svgToPng } from './png.ts';
import { renderSvg, type RenderSvgOptions } from './svg.ts';

/** The folder, inside a run folder, that holds the images the run drew or carried over. */
export const CHART_IMAGES_FOLDER = '.chart-images';

export interface ChartImages {
  /** The chart's SVG (see `renderSvg`). */
  svg(spec: TopLevelSpec, options?: RenderSvgOptions): Promise<string>;
  /** The SVG as a PNG for slides (see `svgToPng`). */
  png(svg: string): Promise<Buffer>;
}

/** Draws every image afresh and keeps none: for pages rendered outside a report run. */
export const DRAWN_IMAGES: ChartImages = { svg: renderSvg, png: (svg) => svgToPng(svg) };

/**
 * Images for the run being written into `runFolder`, taken from `previousFolder` (the
 * latest run's folder, or null) when it drew them under the same `codeVersion`.
 */
export function carriedImages(previousFolder: string | null, runFolder: string, codeVersion: string): ChartImages {
  const folder = join(runFolder, CHART_IMAGES_FOLDER);
  mkdirSync(folder, { recursive: true });
  const key = (kind: string, source: string) => createHash('sha256').update(codeVersion).update('\0').update(kind).update('\0').update(source).digest('hex');
  const image = async <T extends string | Buffer>(file: string, draw: () => Promise<T>, read: (path: string) => T): Promise<T> => {
    const earlier = previousFolder === null ? null : readIfPresent(join(previousFolder, CHART_IMAGES_FOLDER, file), read);
    const bytes = earlier ?? (await draw());
    // Written whole under a temporary name, then renamed: a killed run leaves no half image.
    const partial = join(folder, `${file}.partial`);
    writeFileSync(partial, bytes);
    renameSync(partial, join(folder, file));
    return bytes;
  };
  return {
    svg: (spec, options = {}) =>
      image(
        `${key(options.untitled ? 'svg-untitled' : 'svg', JSON.stringify(spec))}.svg`,
        () => renderSvg(spec, options),
        (path) => readFileSync(path, 'utf8'),
      ),
    png: (svg) =>
      image(
        `${key('png', svg)}.png`,
        () => svgToPng(svg),
        (path) => readFileSync(path),
      ),
  };
}

/** A file's contents, or null when it is not there (or cannot be read: then the image is drawn again). */
function readIfPresent<T>(path: string, read: (path: string) => T): T | null {
  try {
    return read(path);
  } catch {
    return null;
  }
}
