/**
 * ROI = (value - cost) / cost with a percentile-bootstrap interval over ambassadors:
 * each resample draws as many ambassadors as there are, with replacement, sums their
 * value and cost, and adds the program's costs that belong to no ambassador (a fixed
 * part, the same in every resample). The interval answers "how much does the ROI depend
 * on which ambassadors the program happened to have", not the uncertainty of the
 * attribution model or of the EMV rates.
 */
import { stepped, uniformAt, type SeededStream } from './random.ts';
import { percentileInterval } from './bootstrap.ts';

export interface RoiUnit {
  value: number;
  cost: number;
}

/** The ambassadors of one ROI and the part no ambassador carries. */
export interface RoiUnits {
  units: readonly RoiUnit[];
  fixed: RoiUnit;
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

/** The ROI of the ambassadors and the fixed part together, with no interval. */
export function roiEstimate({ units, fixed }: RoiUnits): RoiEstimate {
  const value = units.reduce((sum, unit) => sum + unit.value, fixed.value);
  const cost = units.reduce((sum, unit) => sum + unit.cost, fixed.cost);
  return { value, cost, roi: roi(value, cost), low: null, high: null };
}

export function roiWithInterval(units: readonly RoiUnit[], fixed: RoiUnit, samples: number, random: SeededStream, level = 0.9): RoiEstimate {
  return roisWithIntervals([{ units, fixed }], samples, random, level)[0]!;
}

/**
 * The ROIs of several rows that resample alike, each as `roiWithInterval` gives it with
 * its own copy of `random`: a resample's draws are ambassador positions, so rows with as
 * many ambassadors (one period's attribution models, whose streams share a seed) draw
 * the same positions, and drawing them once serves every row.
 */
export function roisWithIntervals(rows: readonly RoiUnits[], samples: number, random: SeededStream, level = 0.9): RoiEstimate[] {
  const estimates = rows.map(roiEstimate);
  const resampled = rows.filter((row, index) => estimates[index]!.roi !== null && row.units.length > 0);
  if (resampled.length === 0) return estimates;
  const n = resampled[0]!.units.length;
  if (resampled.some((row) => row.units.length !== n)) throw new Error('internal: rows resampled together must have as many ambassadors');
  // The sums a resample needs: each row's value and cost, each summed once however many
  // rows share it (the models of a period have the same costs).
  const series: Series[] = [];
  const sums = resampled.map((row) => ({
    value: seriesIndex(
      series,
      row.fixed.value,
      row.units.map((unit) => unit.value),
    ),
    cost: seriesIndex(
      series,
      row.fixed.cost,
      row.units.map((unit) => unit.cost),
    ),
    draws: [] as number[],
  }));
  const resampler = new SeriesResampler(series, n);
  for (let sample = 0; sample < samples; sample += 1) {
    const sampleSums = resampler.resample(random);
    for (const sum of sums) {
      const sampleRoi = roi(sampleSums[sum.value]!, sampleSums[sum.cost]!);
      if (sampleRoi !== null) sum.draws.push(sampleRoi);
    }
  }
  return estimates.map((estimate, index) => {
    const position = resampled.indexOf(rows[index]!);
    if (position < 0) return estimate;
    const interval = percentileInterval(sums[position]!.draws, level);
    return { ...estimate, low: interval?.[0] ?? null, high: interval?.[1] ?? null };
  });
}

/** Numbers, one per ambassador position, and the value their resampled sum starts from. */
interface Series {
  start: number;
  numbers: Float64Array;
}

/** The index of the series in `series`, added unless an identical one is there. */
function seriesIndex(series: Series[], start: number, numbers: readonly number[]): number {
  const existing = series.findIndex(
    (other) => Object.is(other.start, start) && other.numbers.every((number, position) => Object.is(number, numbers[position])),
  );
  if (existing >= 0) return existing;
  series.push({ start, numbers: Float64Array.from(numbers) });
  return series.length - 1;
}

/** Sums every series over the same draws of n positions, each in draw order. */
class SeriesResampler {
  private readonly series: Series[];
  private readonly positions: Int32Array;
  private readonly sums: Float64Array;

  constructor(
    series: readonly Series[],
    private readonly n: number,
  ) {
    // Padded with empty series to a multiple of four (see resample).
    const empty: Series = { start: 0, numbers: new Float64Array(n) };
    this.series = [...series, ...Array.from({ length: (4 - (series.length % 4)) % 4 }, () => empty)];
    this.positions = new Int32Array(n);
    this.sums = new Float64Array(this.series.length);
  }

  /** Draws n positions with replacement; the sums, by series index. */
  resample(random: SeededStream): Float64Array {
    const { n, positions, series, sums } = this;
    let state = random.state;
    for (let draw = 0; draw < n; draw += 1) {
      state = stepped(state);
      positions[draw] = Math.floor(uniformAt(state) * n);
    }
    random.state = state;
    // Four series per pass: a single sum waits for each of its additions in turn, while
    // four independent sums overlap theirs.
    for (let first = 0; first < series.length; first += 4) {
      const a = series[first]!.numbers;
      const b = series[first + 1]!.numbers;
      const c = series[first + 2]!.numbers;
      const d = series[first + 3]!.numbers;
      let sumA = series[first]!.start;
      let sumB = series[first + 1]!.start;
      let sumC = series[first + 2]!.start;
      let sumD = series[first + 3]!.start;
      for (let draw = 0; draw < n; draw += 1) {
        const position = positions[draw]!;
        sumA += a[position]!;
        sumB += b[position]!;
        sumC += c[position]!;
        sumD += d[position]!;
      }
      sums[first] = sumA;
      sums[first + 1] = sumB;
      sums[first + 2] = sumC;
      sums[first + 3] = sumD;
    }
    return sums;
  }
}
