import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../../models/lib/statistics/holm.ts';

describe('models/lib/statistics/holm', () => {
  it('follows the Holm–Bonferroni worked example (Wikipedia, "Holm–Bonferroni method")', () => {
    // Four hypotheses at alpha = 0.05 with p = 0.01, 0.04, 0.03, 0.005: H4 (0.005 < 0.05/4)
    // and H1 (0.01 < 0.05/3) are rejected; H3 (0.03 >= 0.05/2) is not, so neither is H2.
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]) as number[];
    expect(adjusted.map((p) => Number(p.toFixed(10)))).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(adjusted.map((p) => p < 0.05)).toEqual([true, false, false, true]);
  });

  it("matches R's p.adjust(method = 'holm') and leaves untested rows out of the family", () => {
    // p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") = 0.05 0.08 0.09 0.09 0.09
    expect((holmAdjust([0.01, 0.02, 0.03, 0.04, 0.05]) as number[]).map((p) => Number(p.toFixed(10)))).toEqual([0.05, 0.08, 0.09, 0.09, 0.09]);
    expect(holmAdjust([0.01, null, 0.04])).toEqual([0.02, null, 0.04]);
    expect(holmAdjust([0.6, 0.9])).toEqual([1, 1]);
  });
});
