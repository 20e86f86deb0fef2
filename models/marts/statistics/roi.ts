/**
 * ROI = (value - cost) / cost with a percentile-bootstrap interval over ambassadors:
 * each resample draws as many ambassadors as there are, with replacement, sums their
 * value and cost, and adds the program's costs that belong to no ambassador (a fixed
 * part, the same in every resample). The interval answers "how much does the ROI depend
 * on which ambassadors the program happened to have", not the uncertainty of the
 * attribution model or of the EMV rates.
 */
import type { RandomSource } from './random.ts';
import { percentileInterval } from './bootstrap.ts';

export interface RoiUnit {
  value: number;
  cost: number;
}

export interface RoiEstimate {
  value: number;
  cost: number;
  /** null when the cost is zero. */
  roi: number | null;
  low: number | null;
  high: number | null;
}

export function roi(value: number, cost: number): number | null {
  return cost > 0 ? (value - cost) / cost : null;
}

export function roiWithInterval(
  units: readonly RoiUnit[],
  fixed: RoiUnit,
  samples: number,
  random: RandomSource,
  level = 0.9,
): RoiEstimate {
  const value = units.reduce((sum, unit) => sum + unit.value, fixed.value);
  const cost = units.reduce((sum, unit) => sum + unit.cost, fixed.cost);
  const point = roi(value, cost);
  if (point === null || units.length === 0) return { value, cost, roi: point, low: null, high: null };
  const n = units.length;
  const values = Float64Array.from(units, (unit) => unit.value);
  const costs = Float64Array.from(units, (unit) => unit.cost);
  const draws: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    let sampleValue = fixed.value;
    let sampleCost = fixed.cost;
    for (let draw = 0; draw < n; draw += 1) {
      const index = Math.floor(random() * n);
      sampleValue += values[index] as number;
      sampleCost += costs[index] as number;
    }
    const sampleRoi = roi(sampleValue, sampleCost);
    if (sampleRoi !== null) draws.push(sampleRoi);
  }
  const interval = percentileInterval(draws, level);
  return { value, cost, roi: point, low: interval?.[0] ?? null, high: interval?.[1] ?? null };
}
