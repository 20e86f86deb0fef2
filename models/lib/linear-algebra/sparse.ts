/**
 * Sparse square matrices in compressed rows, and the operations the solvers need on them:
 * a principal submatrix, the transpose, and a rectangular block padded to square.
 */

/** A sparse square matrix in compressed rows; `n` rows, entries `col[k], val[k]` for k in start[i]..start[i+1]. */
export interface Csr {
  n: number;
  start: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

/** The rows and columns `nodes` of a matrix, renumbered 0..nodes.length-1 in that order. */
export function submatrix(q: Csr, nodes: ArrayLike<number>, local: Int32Array): Csr {
  const n = nodes.length;
  for (let i = 0; i < n; i += 1) local[nodes[i]!] = i;
  const start = new Int32Array(n + 1);
  let size = 0;
  for (let i = 0; i < n; i += 1) {
    const row = nodes[i]!;
    for (let k = q.start[row]!; k < q.start[row + 1]!; k += 1) if (local[q.col[k]!]! >= 0) size += 1;
    start[i + 1] = size;
  }
  const col = new Int32Array(size);
  const val = new Float64Array(size);
  let at = 0;
  for (let i = 0; i < n; i += 1) {
    const row = nodes[i]!;
    for (let k = q.start[row]!; k < q.start[row + 1]!; k += 1) {
      const target = local[q.col[k]!]!;
      if (target < 0) continue;
      col[at] = target;
      val[at] = q.val[k]!;
      at += 1;
    }
  }
  for (let i = 0; i < n; i += 1) local[nodes[i]!] = -1;
  return { n, start, col, val };
}

/** The transpose, rows sorted by column. */
export function transpose(q: Csr): Csr {
  const start = new Int32Array(q.n + 1);
  for (let k = 0; k < q.col.length; k += 1) start[q.col[k]! + 1]! += 1;
  for (let i = 0; i < q.n; i += 1) start[i + 1]! += start[i]!;
  const fill = start.slice(0, q.n);
  const col = new Int32Array(q.col.length);
  const val = new Float64Array(q.col.length);
  for (let row = 0; row < q.n; row += 1) {
    for (let k = q.start[row]!; k < q.start[row + 1]!; k += 1) {
      const at = fill[q.col[k]!]!;
      fill[q.col[k]!] = at + 1;
      col[at] = row;
      val[at] = q.val[k]!;
    }
  }
  return { n: q.n, start, col, val };
}

/** A rows-by-`columns` block with at least `columns` (empty) rows, so that `transpose` sees every column. */
export function padColumns(block: Csr, columns: number): Csr {
  if (block.n >= columns) return block;
  const start = new Int32Array(columns + 1);
  start.set(block.start);
  start.fill(block.start[block.n]!, block.n + 1);
  return { n: columns, start, col: block.col, val: block.val };
}
