/**
 * Difference in differences with staggered treatment dates, as a "stacked" event study:
 * each training week g is its own experiment. Its treated units are those first trained
 * in week g; its controls are the units not yet trained by the end of the window (never
 * trained, or trained after g + K). Both must be enrolled for the whole window: the K
 * weeks before g and the K weeks after it (week g itself, part before and part after,
 * is left out). Each unit's change is its mean per week after minus its mean before; the
 * week-g effect is the treated units' mean change minus the controls'. The overall effect
 * is the average of the week effects weighted by their treated units (the design of
 * Cengiz, Dube, Lindner & Zipperer 2019; it never compares a unit with one already
 * treated, the flaw of the two-way fixed-effects estimator with staggered dates, see
 * Goodman-Bacon 2021). The interval is a cluster bootstrap over units: a resampled unit
 * brings all its weeks, in every stack it belongs to.
 */
import { percentileInterval } from './bootstrap.ts';
import type { RandomSource } from './random.ts';

export interface PanelUnit {
  id: string;
  /** Index of the week of the unit's first treatment, or null. */
  treatedWeek: number | null;
  /** Outcome per week index, only for weeks the unit was enrolled for in full. */
  weeks: ReadonlyMap<number, number>;
}

export interface StackEstimate extends Summary {
  /** The training week (index); null for the overall estimate. */
  treatedWeek: number | null;
  low: number | null;
  high: number | null;
}

interface Change {
  before: number;
  after: number;
}

interface Stack {
  week: number;
  /** Per unit index (into the unit list): its change as a treated unit or a control. */
  treated: Map<number, Change>;
  controls: Map<number, Change>;
}

function windowChange(unit: PanelUnit, week: number, span: number): Change | null {
  let before = 0;
  let after = 0;
  for (let offset = 1; offset <= span; offset += 1) {
    const pre = unit.weeks.get(week - offset);
    const post = unit.weeks.get(week + offset);
    if (pre === undefined || post === undefined) return null;
    before += pre;
    after += post;
  }
  return { before: before / span, after: after / span };
}

function buildStacks(units: readonly PanelUnit[], span: number): Stack[] {
  const weeks = [...new Set(units.map((unit) => unit.treatedWeek).filter((week): week is number => week !== null))].sort((a, b) => a - b);
  const stacks: Stack[] = [];
  for (const week of weeks) {
    const stack: Stack = { week, treated: new Map(), controls: new Map() };
    units.forEach((unit, index) => {
      const isTreated = unit.treatedWeek === week;
      const isControl = unit.treatedWeek === null || unit.treatedWeek > week + span;
      if (!isTreated && !isControl) return;
      const change = windowChange(unit, week, span);
      if (!change) return;
      (isTreated ? stack.treated : stack.controls).set(index, change);
    });
    if (stack.treated.size > 0 && stack.controls.size > 0) stacks.push(stack);
  }
  return stacks;
}

interface Summary {
  treated: number;
  controls: number;
  treatedBefore: number;
  treatedAfter: number;
  controlBefore: number;
  controlAfter: number;
  effect: number;
}

/** One stack's estimate, with each unit counted as often as `weight` says (1 without resampling). */
function summarise(stack: Stack, weight: (index: number) => number): Summary | null {
  const side = (changes: Map<number, Change>) => {
    let n = 0;
    let before = 0;
    let after = 0;
    for (const [index, change] of changes) {
      const w = weight(index);
      if (w === 0) continue;
      n += w;
      before += w * change.before;
      after += w * change.after;
    }
    return n === 0 ? null : { n, before: before / n, after: after / n };
  };
  const treated = side(stack.treated);
  const controls = side(stack.controls);
  if (!treated || !controls) return null;
  return {
    treated: treated.n,
    controls: controls.n,
    treatedBefore: treated.before,
    treatedAfter: treated.after,
    controlBefore: controls.before,
    controlAfter: controls.after,
    effect: treated.after - treated.before - (controls.after - controls.before),
  };
}

function combine(summaries: readonly Summary[]): Summary | null {
  const weight = summaries.reduce((sum, one) => sum + one.treated, 0);
  if (weight === 0) return null;
  const average = (pick: (one: Summary) => number) => summaries.reduce((sum, one) => sum + one.treated * pick(one), 0) / weight;
  return {
    treated: weight,
    controls: summaries.reduce((sum, one) => sum + one.controls, 0),
    treatedBefore: average((one) => one.treatedBefore),
    treatedAfter: average((one) => one.treatedAfter),
    controlBefore: average((one) => one.controlBefore),
    controlAfter: average((one) => one.controlAfter),
    effect: average((one) => one.effect),
  };
}

/**
 * The overall estimate (first) and one per training week, each with its percentile
 * interval at `level` from `samples` cluster-bootstrap resamples.
 */
export function staggeredDifferenceInDifferences(
  units: readonly PanelUnit[],
  span: number,
  samples: number,
  random: RandomSource,
  level = 0.95,
): StackEstimate[] {
  const stacks = buildStacks(units, span);
  const once = () => 1;
  const point = stacks.map((stack) => summarise(stack, once) as Summary);
  const combined = combine(point);
  if (!combined) return [];
  // Overall, a control of several training weeks is still one ambassador.
  const overall = { ...combined, controls: new Set(stacks.flatMap((stack) => [...stack.controls.keys()])).size };
  // Units that take part in some stack are the ones resampled.
  const pool = [...new Set(stacks.flatMap((stack) => [...stack.treated.keys(), ...stack.controls.keys()]))].sort((a, b) => a - b);
  const overallDraws: number[] = [];
  const stackDraws: number[][] = stacks.map(() => []);
  // Times each unit (by its index) is drawn in a resample.
  const counts = new Int32Array(units.length);
  for (let sample = 0; sample < samples; sample += 1) {
    counts.fill(0);
    for (let draw = 0; draw < pool.length; draw += 1) {
      const index = pool[Math.floor(random() * pool.length)] as number;
      counts[index]! += 1;
    }
    const weight = (index: number) => counts[index]!;
    const resampled: Summary[] = [];
    stacks.forEach((stack, position) => {
      const summary = summarise(stack, weight);
      if (!summary) return;
      resampled.push(summary);
      stackDraws[position]!.push(summary.effect);
    });
    const combined = combine(resampled);
    if (combined) overallDraws.push(combined.effect);
  }
  const withInterval = (treatedWeek: number | null, summary: Summary, draws: number[]): StackEstimate => {
    const interval = percentileInterval(draws, level);
    return { treatedWeek, ...summary, low: interval?.[0] ?? null, high: interval?.[1] ?? null };
  };
  return [
    withInterval(null, overall, overallDraws),
    ...stacks.map((stack, position) => withInterval(stack.week, point[position] as Summary, stackDraws[position] as number[])),
  ];
}
