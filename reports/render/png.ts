/**
 * SVG to PNG for slides, with resvg (a Rust renderer shipped as an npm platform
 * package: no browser, no network). Text uses the machine's fonts; the charts ask for
 * system sans-serif fonts, which resvg resolves through its sans-serif family.
 */
import { Resvg } from '@resvg/resvg-js';

/** Fonts metric-compatible with the Helvetica widths the SVG was laid out with, in order of preference. */
const SANS_SERIF = ['Liberation Sans', 'Arial', 'Helvetica', 'DejaVu Sans', 'Noto Sans'];

/** A PNG of the SVG at `scale` times its size (2: sharp on slides and retina screens), on white. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: SANS_SERIF[0], sansSerifFamily: SANS_SERIF[0] },
  });
  return resvg.render().asPng();
}
