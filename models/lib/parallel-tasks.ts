/**
 * The pure, costly steps of the marts that `mapInParallel` (parallel.ts) may run on worker
 * threads: each takes one plain-data input (what a worker can be sent) and returns
 * plain data. The same functions run in this thread when the work is too small to share.
 */
import { estimateResampling, type ResamplingOptions, type RoiResampling } from './statistics/roi-table.ts';

export const tasks = {
  /** The ROIs of one period's resampling (roi-table.ts). */
  roiResampling: ({ resampling, options }: { resampling: RoiResampling; options: ResamplingOptions }) => estimateResampling(resampling, options),
};

export type Tasks = typeof tasks;
