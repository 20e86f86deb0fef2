/** Sparse matrices for the linear-algebra tests. */
import type { Csr } from '../../../../models/lib/linear-algebra/sparse.ts';
import type { RandomSource } from '../../../../models/lib/statistics/random.ts';

/** An n x n matrix with the entries `[row, column, value]` (value 1 when left out). */
export function csrFromEdges(n: number, entries: readonly (readonly [number, number, number?])[]): Csr {
  const rows = Array.from({ length: n }, () => [] as [number, number][]);
  for (const [row, column, value] of entries) rows[row]!.push([column, value ?? 1]);
  const start = new Int32Array(n + 1);
  for (const [i, row] of rows.entries()) start[i + 1] = start[i]! + row.length;
  const sorted = rows.flatMap((row) => row.sort((a, b) => a[0] - b[0]));
  return { n, start, col: Int32Array.from(sorted, ([column]) => column), val: Float64Array.from(sorted, ([, value]) => value) };
}

/**
 * The transient part of a random absorbing chain: `n` states, a few hubs that every state
 * may lead to, cycles among the rest, and each row summing to less than one.
 */
export function randomChain(n: number, hubs: number, random: RandomSource): Csr {
  const entries: [number, number, number][] = [];
  for (let row = 0; row < n; row += 1) {
    const targets = new Set<number>();
    for (let k = 0; k < 3; k += 1) targets.add(Math.floor(random() * hubs));
    for (let k = 0; k < 2; k += 1) targets.add(Math.floor(random() * n));
    targets.delete(row);
    const weights = [...targets].map(() => random());
    const total = weights.reduce((sum, weight) => sum + weight, 0) / (0.5 + 0.45 * random());
    for (const [k, column] of [...targets].entries()) entries.push([row, column, weights[k]! / total]);
  }
  return csrFromEdges(n, entries);
}

/** I - Q, dense and row-major. */
export function identityMinus(q: Csr): Float64Array {
  const m = new Float64Array(q.n * q.n);
  for (let i = 0; i < q.n; i += 1) {
    m[i * q.n + i] = 1;
    for (let k = q.start[i]!; k < q.start[i + 1]!; k += 1) m[i * q.n + q.col[k]!]! -= q.val[k]!;
  }
  return m;
}
