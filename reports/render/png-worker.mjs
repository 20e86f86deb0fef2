// The PNG renderer's own thread (see png.ts): resvg lays the chart out, draws it and
// encodes the PNG here, while the main thread goes on with the next chart. Plain
// JavaScript, because a worker does not inherit the TypeScript loader.
import { parentPort } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';

parentPort.on('message', ({ id, svg, options }) => {
  try {
    parentPort.postMessage({ id, png: new Resvg(svg, options).render().asPng() });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
