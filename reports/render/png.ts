/**
 * SVG to PNG for slides, with resvg (a Rust renderer shipped as an npm platform
 * package: no browser, no network). Text uses the machine's fonts; the charts ask for
 * system sans-serif fonts, which resvg resolves through its sans-serif family.
 *
 * Loading the fonts, drawing at twice the size and encoding take longer than laying a
 * chart out, so they run on a worker thread of their own (`png-worker.mjs`), started on
 * first use, which keeps the process alive only while it has work.
 */
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { WorkerJobs } from '../../pipelines/worker-jobs.ts';

/** Fonts metric-compatible with the Helvetica widths the SVG was laid out with, in order of preference. */
const SANS_SERIF = ['Liberation Sans', 'Arial', 'Helvetica', 'DejaVu Sans', 'Noto Sans'];

let renderer: WorkerJobs<{ png: Uint8Array }> | undefined;

function pngRenderer(): WorkerJobs<{ png: Uint8Array }> {
  if (!renderer || renderer.stopped) {
    renderer = new WorkerJobs(new URL('./png-worker.mjs', import.meta.url), { failed: 'the chart could not be drawn as PNG', worker: 'the PNG renderer' });
  }
  return renderer;
}

/** A PNG of the SVG at `scale` times its size (2: sharp on slides and retina screens), on white. */
export function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: SANS_SERIF[0], sansSerifFamily: SANS_SERIF[0] },
  };
  return pngRenderer()
    .run({ svg, options })
    .then(({ png }) => Buffer.from(png.buffer, png.byteOffset, png.byteLength));
}
