/**
 * Holm's step-down correction for multiple comparisons (Holm 1979, "A simple
 * sequentially rejective multiple test procedure"). Adjusted p-values: sort the m
 * p-values ascending; the i-th (1-based) becomes max over j <= i of min(1, (m - j + 1)
 * p_(j)). A hypothesis is rejected at level alpha when its adjusted p is below alpha,
 * which is exactly Holm's sequential rule. It controls the family-wise error rate
 * without assuming the tests are independent.
 */

export const CORRECTION = 'holm';

/** Holm-adjusted p-values in the input order; nulls (no test) stay null and do not count in m. */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null && Number.isFinite(entry.p))
    .sort((x, y) => x.p - y.p || x.index - y.index);
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach((entry, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * entry.p));
    adjusted[entry.index] = running;
  });
  return adjusted;
}

/**
 * Each p-value's threshold in Holm's sequential rule, in the input order: alpha / (m - i)
 * for the i-th smallest (0-based), ties in input order as `holmAdjust` ranks them. A
 * p-value is rejected when it and every smaller one are under their thresholds.
 */
export function holmThresholds(pValues: readonly number[], alpha: number): number[] {
  const ranked = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p || x.index - y.index);
  const thresholds = new Array<number>(pValues.length);
  ranked.forEach((entry, rank) => {
    thresholds[entry.index] = alpha / (pValues.length - rank);
  });
  return thresholds;
}
