import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcomeShapleyCredits, outcomesWithin, shapleyValues, simplifiedShapley } from '../../../../models/core/attribution/shapley.ts';

describe('models/core/attribution/shapley', () => {
  it('reproduces the Facebook / Organic / LinkedIn example of "Data-driven marketing attribution" (Towards Data Science; notebook tomgorb/misc "Data Driven Attribution.ipynb")', () => {
    // Conversion ratios per coalition: F 0.2, O 0.1, L 0.17, F+O 0.17, F+L 0.3, L+O 0, F+L+O 0.06
    // (100 converting journeys); worth of a set = the conversions of every coalition inside it.
    const outcomes = [
      ...Array.from({ length: 20 }, () => ['F']),
      ...Array.from({ length: 10 }, () => ['O']),
      ...Array.from({ length: 17 }, () => ['L']),
      ...Array.from({ length: 17 }, () => ['O', 'F']),
      ...Array.from({ length: 30 }, () => ['L', 'F']),
      ...Array.from({ length: 6 }, () => ['F', 'O', 'L']),
    ];
    const worth = outcomesWithin(outcomes);
    // the notebook's worth vector [0.2, 0.1, 0.17, 0.47, 0.67, 0.27, 1.0], in conversions
    expect(['F', 'O', 'L', 'F+O', 'F+L', 'L+O', 'F+L+O'].map((set) => worth(new Set(set.split('+'))))).toEqual([20, 10, 17, 47, 67, 27, 100]);
    const exact = shapleyValues(['F', 'O', 'L'], worth);
    expect(exact.get('F')! / 100).toBeCloseTo(0.455, 12);
    expect(exact.get('O')! / 100).toBeCloseTo(0.205, 12);
    expect(exact.get('L')! / 100).toBeCloseTo(0.34, 12);
    // Zhao et al. (2018): the same numbers from splitting each outcome over its channels
    const simplified = simplifiedShapley(outcomes);
    expect(simplified.get('F')).toBeCloseTo(45.5, 12);
    expect(simplified.get('O')).toBeCloseTo(20.5, 12);
    expect(simplified.get('L')).toBeCloseTo(34, 12);
  });

  it('splits one outcome equally over its distinct channels, however often each was touched', () => {
    expect(outcomeShapleyCredits(['A1'])).toEqual(new Map([['A1', 1]]));
    expect(outcomeShapleyCredits(['A1', 'Email', 'A1', 'A1'])).toEqual(new Map([['A1', 0.5], ['Email', 0.5]]));
    expect(outcomeShapleyCredits(['Email', 'A1', 'Direct'])).toEqual(new Map([['Email', 1 / 3], ['A1', 1 / 3], ['Direct', 1 / 3]]));
  });

  it('equals the full Shapley formula for the game "outcomes whose channels lie within S" (Zhao et al. 2018, theorem)', () => {
    const channels = ['A1', 'A2', 'Email', 'Direct', 'Organic Search', 'Paid Search'];
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.constantFrom(...channels), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), (outcomes) => {
        const players = [...new Set(outcomes.flat())];
        const exact = shapleyValues(players, outcomesWithin(outcomes));
        const simplified = simplifiedShapley(outcomes);
        for (const player of players) expect(simplified.get(player)).toBeCloseTo(exact.get(player)!, 10);
        // efficiency: the values add up to the number of outcomes
        expect([...exact.values()].reduce((sum, value) => sum + value, 0)).toBeCloseTo(outcomes.length, 10);
      }),
      { numRuns: 100 },
    );
  });
});
