/**
 * SVG to PNG for slides, with resvg (a Rust renderer shipped as an npm platform
 * package: no browser, no network). Text uses the machine's fonts; the charts ask for
 * system sans-serif fonts, which resvg resolves through its sans-serif family.
 *
 * Loading the fonts, drawing at twice the size and encoding take longer than laying a
 * chart out, so they run on a worker thread of their own (`png-worker.mjs`), started on
 * first use, which keeps the process alive only while it has work.
 */
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

/** Fonts metric-compatible with the Helvetica widths the SVG was laid out with, in order of preference. */
const SANS_SERIF = ['Liberation Sans', 'Arial', 'Helvetica', 'DejaVu Sans', 'Noto Sans'];

interface Job {
  resolve(png: Buffer): void;
  reject(error: Error): void;
}

let renderer: { worker: Worker; jobs: Map<number, Job> } | undefined;
let lastJob = 0;

function pngRenderer(): { worker: Worker; jobs: Map<number, Job> } {
  if (renderer) return renderer;
  const worker = new Worker(new URL('./png-worker.mjs', import.meta.url));
  const jobs = new Map<number, Job>();
  const stopped = (error: Error) => {
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
    renderer = undefined;
  };
  worker.on('message', ({ id, png, error }: { id: number; png?: Uint8Array; error?: string }) => {
    const job = jobs.get(id);
    jobs.delete(id);
    if (jobs.size === 0) worker.unref();
    if (png) job?.resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    else job?.reject(new Error(`the chart could not be drawn as PNG: ${error}`));
  });
  worker.on('error', stopped);
  worker.on('exit', (code) => stopped(new Error(`the PNG renderer stopped (exit code ${code})`)));
  worker.unref();
  renderer = { worker, jobs };
  return renderer;
}

/** A PNG of the SVG at `scale` times its size (2: sharp on slides and retina screens), on white. */
export function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: SANS_SERIF[0], sansSerifFamily: SANS_SERIF[0] },
  };
  const { worker, jobs } = pngRenderer();
  lastJob += 1;
  const id = lastJob;
  return new Promise((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({ id, svg, options });
  });
}
