import { describe, expect, it } from 'vitest';
import { stronglyConnectedComponents } from '../../../../models/lib/linear-algebra/components.ts';
import { csrFromEdges } from './matrices.ts';

describe('models/lib/linear-algebra/components', () => {
  it('finds the cycles of a graph and lists every component before the components that lead to it', () => {
    // 0 -> 1 -> 2 -> 1 (cycle {1, 2}), 2 -> 3, 3 -> 3 (self-loop), 4 -> 0, 5 alone
    const graph = csrFromEdges(6, [
      [0, 1],
      [1, 2],
      [2, 1],
      [2, 3],
      [3, 3],
      [4, 0],
    ]);
    const { component, components } = stronglyConnectedComponents(graph);
    const sets = components.map((members) => [...members].sort());
    expect(sets).toContainEqual([1, 2]);
    expect(
      sets
        .filter((members) => members.length === 1)
        .flat()
        .sort(),
    ).toEqual([0, 3, 4, 5]);
    for (const [from, to] of [
      [0, 1],
      [2, 3],
      [4, 0],
    ] as const) {
      expect(component[to]!, `${from} -> ${to}`).toBeLessThan(component[from]!);
    }
  });

  it('walks a path of 200,000 states without recursion', () => {
    const n = 200_000;
    const path = csrFromEdges(
      n,
      Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as const),
    );
    const { components } = stronglyConnectedComponents(path);
    expect(components).toHaveLength(n);
    expect(components[0]).toEqual(Int32Array.of(n - 1));
  });
});
