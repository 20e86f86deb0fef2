import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conversionProbability,
  exposurePath,
  fractribution,
  fractributionCredits,
  marginalContributions,
  type PathCounts,
} from '../../../../models/core/attribution/fractribution.ts';

const SEPARATOR = '\u001f';

/** A path table from `'A > B': [conversions, non-conversions]`. */
function table(entries: Record<string, [number, number]>) {
  return new Map(
    Object.entries(entries).map(([path, [conversions, nonConversions]]) => {
      const channels = path.split(' > ');
      return [channels.join(SEPARATOR), { channels, conversions, nonConversions } as PathCounts & { channels: string[] }];
    }),
  );
}

function credits(entries: Record<string, [number, number]>, path: string) {
  const paths = table(entries);
  return Object.fromEntries(fractribution(paths, (channels) => channels.join(SEPARATOR)).get(path.split(' > ').join(SEPARATOR)) ?? []);
}

describe('models/core/attribution/fractribution', () => {
  it('collapses repeats in a row (the exposure transform of google/fractribution path_transforms.sql)', () => {
    expect(exposurePath(['D', 'A', 'B', 'B', 'C', 'D', 'C', 'C'])).toEqual(['D', 'A', 'B', 'C', 'D', 'C']);
    expect(exposurePath([])).toEqual([]);
  });

  it('gives a one-touch path all the credit', () => {
    expect(credits({ A: [3, 7] }, 'A')).toEqual({ A: 1 });
  });

  it('credits each touch with the drop in conversion probability without it, normalised', () => {
    // P(A > B) = 2/4; P(B) = 1/4 (drop 1/4 for A); P(A) = 1/5 (drop 0.3 for B)
    const result = credits({ 'A > B': [2, 2], A: [1, 4], B: [1, 3] }, 'A > B');
    expect(result.A).toBeCloseTo(0.25 / 0.55, 12);
    expect(result.B).toBeCloseTo(0.3 / 0.55, 12);
  });

  it('floors negative drops at 0', () => {
    // P(A > B) = 0.2; P(B) = 0.5 (drop -0.3, floored); P(A) = 0.1 (drop 0.1)
    expect(credits({ 'A > B': [1, 4], A: [1, 9], B: [1, 1] }, 'A > B')).toEqual({ A: 0, B: 1 });
  });

  it('gives the last touch everything when no touch makes a difference', () => {
    // P(A > B) = 0.5, and both one-touch paths convert at 1
    expect(credits({ 'A > B': [1, 1], A: [1, 0], B: [2, 0] }, 'A > B')).toEqual({ A: 0, B: 1 });
  });

  it('treats a path never seen as converting at 0, and does not collapse a path with a touch left out (A > B > A without B is A > A)', () => {
    expect(conversionProbability(undefined)).toBe(0);
    const probabilities = new Map([
      ['A|B|A', 0.5],
      ['B|A', 0.25],
      ['A|B', 0.1],
      ['A', 0.4], // never asked for: A > A is not A
    ]);
    const contributions = marginalContributions(['A', 'B', 'A'], (path) => probabilities.get(path.join('|')) ?? 0);
    expect(contributions).toEqual([0.25, 0.5, 0.4]);
    const result = fractributionCredits(['A', 'B', 'A'], (path) => probabilities.get(path.join('|')) ?? 0);
    expect(result.get('A')).toBeCloseTo(0.65 / 1.15, 12);
    expect(result.get('B')).toBeCloseTo(0.5 / 1.15, 12);
  });

  it('sums to 1 per converting path, and relabelling channels relabels credits', () => {
    const channel = fc.constantFrom('A1', 'A2', 'Email', 'Direct');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(channel, { minLength: 1, maxLength: 5 }), fc.nat({ max: 5 }), fc.nat({ max: 5 })), { minLength: 1, maxLength: 20 }),
        (rows) => {
          const entries: Record<string, [number, number]> = {};
          for (const [path, conversions, nonConversions] of rows) {
            const key = exposurePath(path).join(' > ');
            const [c, n] = entries[key] ?? [0, 0];
            entries[key] = [c + conversions, n + nonConversions];
          }
          const all = fractribution(table(entries), (channels) => channels.join(SEPARATOR));
          for (const result of all.values()) expect([...result.values()].reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
          const renamed = Object.fromEntries(
            Object.entries(entries).map(([key, value]) => [
              key
                .split(' > ')
                .map((name) => `x${name}`)
                .join(' > '),
              value,
            ]),
          );
          const allRenamed = fractribution(table(renamed), (channels) => channels.join(SEPARATOR));
          for (const [key, result] of all) {
            const other = allRenamed.get(
              key
                .split(SEPARATOR)
                .map((name) => `x${name}`)
                .join(SEPARATOR),
            )!;
            for (const [name, credit] of result) expect(other.get(`x${name}`)).toBeCloseTo(credit, 12);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
