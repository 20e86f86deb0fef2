import { describe, expect, it } from 'vitest';
import { bootstrapMeanDifference, percentileInterval } from '../../../models/lib/statistics/bootstrap.ts';
import { staggeredDifferenceInDifferences, type PanelUnit } from '../../../models/lib/statistics/did.ts';
import { PermutationTest, settleHolmDecisions } from '../../../models/lib/statistics/permutation.ts';
import { mulberry32, seededRandom } from '../../../models/lib/statistics/random.ts';
import { roiWithInterval } from '../../../models/lib/statistics/roi.ts';

describe('models/lib/statistics (resampling)', () => {
  it('draws the same numbers for the same seed and key, and others for another key', () => {
    const first = Array.from({ length: 5 }, seededRandom(20260501, 'a'));
    expect(Array.from({ length: 5 }, seededRandom(20260501, 'a'))).toEqual(first);
    expect(Array.from({ length: 5 }, seededRandom(20260501, 'b'))).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('gives an identical bootstrap interval on a rebuild with the same seed', () => {
    const a = [3, 5, 2, 8, 6, 4, 7, 5];
    const b = [1, 2, 2, 3, 1, 4, 2];
    const first = bootstrapMeanDifference(a, b, 2000, seededRandom(7, 'x'))!;
    expect(bootstrapMeanDifference(a, b, 2000, seededRandom(7, 'x'))).toEqual(first);
    expect(first[0]).toBeLessThan(5.25 - 2.142857);
    expect(first[1]).toBeGreaterThan(5.25 - 2.142857);
    expect(first[0]).toBeGreaterThan(0);
    expect(percentileInterval([1, 2, 3, 4, 5], 0.5)).toEqual([2, 4]);
  });

  it('matches the exact permutation distribution', () => {
    const p = (a: number[], b: number[], key: string) => {
      const test = new PermutationTest(a, b, seededRandom(1, key));
      test.draw(20000);
      return test.p;
    };
    // a = 1,2,3 against 4,5,6: of the 20 ways to split six values in two threes, 2 are as
    // extreme, so the exact two-sided p-value is 0.1.
    expect(p([1, 2, 3], [4, 5, 6], 'p')).toBeCloseTo(0.1, 2);
    // simple-statistics' documented example: permutationTest(control, treatment) ~ 0.1324.
    const control = [2, 5, 3, 6, 7, 2, 5];
    const treatment = [20, 5, 13, 12, 7, 2, 2];
    expect(p(control, treatment, 'q')).toBeCloseTo(0.1324, 2);
    // Groups of different sizes, either way round (the smaller one is drawn): 7 of the 84
    // ways to pick three of the nine values are as extreme.
    expect(p([1, 2, 3], [2, 4, 5, 6, 7, 9], 'r')).toBeCloseTo(7 / 84, 2);
    expect(p([2, 4, 5, 6, 7, 9], [1, 2, 3], 'r')).toBeCloseTo(7 / 84, 2);
  });

  it('draws more only for p-values whose Monte-Carlo interval holds their Holm threshold, up to the cap, and the same on a rerun', () => {
    const run = () => {
      // Exact p-values: 2 / 3432, and about 0.049, next to the threshold of 0.05 it gets as the larger of two.
      const tests = [
        new PermutationTest([1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14], seededRandom(5, 'clear')),
        new PermutationTest([1.2, 1.8, 2.4, 3.1, 3.3, 4.0, 4.6], [2.7, 3.1, 3.8, 4.4, 5.1, 5.5, 6.3], seededRandom(5, 'near')),
      ];
      for (const test of tests) test.draw(1000);
      settleHolmDecisions(tests, { cap: 64_000, alpha: 0.05 });
      return tests.map((test) => [test.draws, test.p, test.standardError]);
    };
    const [clear, near] = run() as [number[], number[]];
    expect(clear[0]).toBe(1000);
    expect(near[0]).toBe(64_000);
    expect(near[2]).toBeCloseTo(Math.sqrt((near[1]! * (1 - near[1]!)) / 64_000), 15);
    expect(run()).toEqual([clear, near]);
  });

  it('goes on drawing from a snapshot and the stream state exactly as the test it was taken from', () => {
    const a = [3, 5, 2, 8, 6, 4, 7, 5, 9, 1];
    const b = [1, 2, 2, 3, 1, 4, 2, 6];
    const straight = new PermutationTest(a, b, seededRandom(5, 'pair'));
    straight.draw(4000);
    const random = seededRandom(5, 'pair');
    const first = new PermutationTest(a, b, random);
    first.draw(1500);
    const resumed = PermutationTest.resume(a, b, first.snapshot(), mulberry32(random.state));
    resumed.draw(2500);
    expect([resumed.p, resumed.draws, resumed.standardError]).toEqual([straight.p, straight.draws, straight.standardError]);
    expect(mulberry32(random.state)()).toBe(random());
  });

  it('bootstraps ROI over units around the fixed costs, reproducibly', () => {
    const units = [
      { value: 300, cost: 100 },
      { value: 100, cost: 100 },
      { value: 0, cost: 100 },
      { value: 200, cost: 100 },
    ];
    const estimate = roiWithInterval(units, { value: 0, cost: 200 }, 1000, seededRandom(3, 'roi'));
    expect(estimate.value).toBe(600);
    expect(estimate.cost).toBe(600);
    expect(estimate.roi).toBe(0);
    expect(estimate.low!).toBeLessThan(0);
    expect(estimate.high!).toBeGreaterThan(0);
    expect(roiWithInterval(units, { value: 0, cost: 200 }, 1000, seededRandom(3, 'roi'))).toEqual(estimate);
    expect(roiWithInterval([], { value: 5, cost: 0 }, 10, seededRandom(3)).roi).toBeNull();
  });

  it('estimates a staggered training effect against not-yet-trained units only', () => {
    // Every unit's weekly outcome rises by 1 per week (a common trend); a treated unit gains
    // 2 from the week after its training. Unit t2 is trained at week 8: it is a control for
    // the week-3 stack while untrained, and is never used as a control once trained.
    const unit = (id: string, treatedWeek: number | null, level: number): PanelUnit => ({
      id,
      treatedWeek,
      weeks: new Map(Array.from({ length: 14 }, (_, week) => [week, level + week + (treatedWeek !== null && week > treatedWeek ? 2 : 0)])),
    });
    const units = [unit('t1', 3, 5), unit('t1b', 3, 9), unit('t2', 8, 1), unit('c1', null, 0), unit('c2', null, 4)];
    const [overall, ...stacks] = staggeredDifferenceInDifferences(units, 2, 500, seededRandom(1, 'did'));
    expect(overall!.effect).toBeCloseTo(2, 12);
    expect(overall!.treated).toBe(3);
    expect(stacks.map((stack) => [stack.treatedWeek, stack.treated, stack.controls])).toEqual([
      [3, 2, 3],
      [8, 1, 2],
    ]);
    // With no noise every resample gives the same effect.
    expect(overall!.low).toBeCloseTo(2, 12);
    expect(overall!.high).toBeCloseTo(2, 12);
  });
});
