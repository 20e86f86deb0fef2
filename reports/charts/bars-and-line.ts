/**
 * A weekly count as bars on the left axis and a second count as a line on the right axis,
 * each axis on its own scale: the layers and `resolve` a dual-axis chart spreads into its
 * spec after its shared x encoding.
 */
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import type { LayerSpec } from 'vega-lite/types_unstable/spec/layer.js';

export interface BarsSeries {
  field: string;
  title: string;
  color: string;
  /** The left axis's title colour (a darker one where the bars are light). */
  titleColor: string;
}

export interface LineSeries {
  field: string;
  title: string;
  color: string;
  /** 1 for a count of people, so that the right axis shows no fractions. */
  tickMinStep?: number;
}

export function barsAndLineLayers(bars: BarsSeries, line: LineSeries): Pick<LayerSpec<Field>, 'layer' | 'resolve'> {
  return {
    layer: [
      {
        mark: { type: 'bar', color: bars.color },
        encoding: {
          y: { field: bars.field, type: 'quantitative', title: bars.title, axis: { titleColor: bars.titleColor } },
        },
      },
      {
        mark: { type: 'line', color: line.color, point: { color: line.color } },
        encoding: {
          y: {
            field: line.field,
            type: 'quantitative',
            title: line.title,
            scale: { zero: true },
            axis: { orient: 'right', titleColor: line.color, ...(line.tickMinStep === undefined ? {} : { tickMinStep: line.tickMinStep }), grid: false },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
