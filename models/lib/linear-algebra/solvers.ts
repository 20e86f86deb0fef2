/**
 * Solves with M = I - Q, for Q the transient part of an absorbing Markov chain (sparse,
 * substochastic, self-loops divided out), in both directions, and gives the diagonal of
 * M^-1. Block triangular over the strongly connected components of Q (Tarjan), so only
 * the components that have cycles cost anything:
 *
 * - a component of one state has M^-1 = [1];
 * - a component of up to `denseLimit` states is inverted densely (Gauss-Jordan);
 * - a larger one (at ambassador granularity: thousands of ambassadors that share the
 *   hub channels Direct, Organic Search, Email ...) is split by a Schur complement on its
 *   `hubs` most connected states K: with R the rest, A = I - Q_RR, G = A^-1 Q_RK,
 *   H = Q_KR A^-1 and S = I - Q_KK - Q_KR G (|K| x |K|, dense),
 *   N_RR = A^-1 + G S^-1 H, N_KK = S^-1 (N = M^-1). Once the hubs are out, R is nearly
 *   acyclic: its own components are solved as singletons, densely, or (when still large)
 *   by Gauss-Seidel to `tolerance` (relative) with the diagonal of A^-1 by forward push to
 *   a proven relative error below `diagonalTolerance` (it only walks the
 *   ambassador-to-ambassador transitions). The cost is near O(transitions x |K|) for
 *   hub-and-spoke journeys instead of O(states^3); the worst case is thousands of
 *   ambassadors handing visitors to random others, one big cycle without hubs, where
 *   the push costs about one sparse pass per ambassador.
 */
import { stronglyConnectedComponents } from './components.ts';
import { padColumns, submatrix, transpose, type Csr } from './sparse.ts';

export interface SolverSettings {
  /** Components up to this many states are inverted densely. */
  denseLimit: number;
  /** States taken out of a large component as its Schur separator. */
  hubs: number;
  /** Relative tolerance of the iterative solves. */
  tolerance: number;
  /** Proven bound on the relative error of the diagonal computed by push. */
  diagonalTolerance: number;
}

/** Solves with M = I - Q and gives the diagonal of M^-1, in the block's own numbering. */
interface BlockSolver {
  /** x with M x = rhs. */
  solve(rhs: Float64Array): Float64Array;
  /** x with x^T M = rhs^T. */
  solveTransposed(rhs: Float64Array): Float64Array;
  /** The diagonal of M^-1 (expected visits to a state, starting there). */
  diagonal(): Float64Array;
}

/** `top`: a large component is split by a Schur complement; `inner` (the rest inside one): solved iteratively. */
export type Level = 'top' | 'inner';

function blockSolver(q: Csr, level: Level, settings: SolverSettings): BlockSolver {
  if (q.n === 1) return new SingletonSolver();
  if (q.n <= settings.denseLimit) return new DenseSolver(q);
  return level === 'top' ? new SchurSolver(q, settings) : new IterativeSolver(q, settings);
}

/** Block substitution over the strongly connected components of `q`. */
export class TriangularSolver implements BlockSolver {
  private readonly component: Int32Array;
  private readonly components: Int32Array[];
  private readonly blocks: BlockSolver[];

  constructor(
    private readonly q: Csr,
    level: Level,
    settings: SolverSettings,
  ) {
    const { component, components } = stronglyConnectedComponents(q);
    this.component = component;
    this.components = components;
    const local = new Int32Array(q.n).fill(-1);
    this.blocks = components.map((members) => (members.length === 1 ? SINGLETON : blockSolver(submatrix(q, members, local), level, settings)));
  }

  solve(rhs: Float64Array): Float64Array {
    const { q, component } = this;
    const x = new Float64Array(q.n);
    // Components come successors first: each sees the final values of what it leads to.
    this.components.forEach((members, index) => {
      const local = new Float64Array(members.length);
      for (let i = 0; i < members.length; i += 1) {
        const row = members[i]!;
        let sum = rhs[row]!;
        for (let k = q.start[row]!; k < q.start[row + 1]!; k += 1) {
          if (component[q.col[k]!] !== index) sum += q.val[k]! * x[q.col[k]!]!;
        }
        local[i] = sum;
      }
      const solved = members.length === 1 ? local : this.blocks[index]!.solve(local);
      for (let i = 0; i < members.length; i += 1) x[members[i]!] = solved[i]!;
    });
    return x;
  }

  solveTransposed(rhs: Float64Array): Float64Array {
    const { q, component } = this;
    const x = new Float64Array(q.n);
    const incoming = new Float64Array(q.n);
    // Predecessors first: each component receives what flows into it, then passes it on.
    for (let index = this.components.length - 1; index >= 0; index -= 1) {
      const members = this.components[index]!;
      const local = new Float64Array(members.length);
      for (let i = 0; i < members.length; i += 1) local[i] = rhs[members[i]!]! + incoming[members[i]!]!;
      const solved = members.length === 1 ? local : this.blocks[index]!.solveTransposed(local);
      for (let i = 0; i < members.length; i += 1) {
        const row = members[i]!;
        x[row] = solved[i]!;
        for (let k = q.start[row]!; k < q.start[row + 1]!; k += 1) {
          if (component[q.col[k]!] !== index) incoming[q.col[k]!]! += solved[i]! * q.val[k]!;
        }
      }
    }
    return x;
  }

  diagonal(): Float64Array {
    const d = new Float64Array(this.q.n);
    this.components.forEach((members, index) => {
      if (members.length === 1) {
        d[members[0]!] = 1;
        return;
      }
      const local = this.blocks[index]!.diagonal();
      for (let i = 0; i < members.length; i += 1) d[members[i]!] = local[i]!;
    });
    return d;
  }
}

/** One state without a self-loop: M = [1]. */
class SingletonSolver implements BlockSolver {
  solve(rhs: Float64Array): Float64Array {
    return rhs.slice();
  }
  solveTransposed(rhs: Float64Array): Float64Array {
    return rhs.slice();
  }
  diagonal(): Float64Array {
    return Float64Array.of(1);
  }
}
const SINGLETON = new SingletonSolver();

/** Inverts a dense square matrix (row-major, n x n) by Gauss-Jordan with partial pivoting. */
export function invertDense(matrix: Float64Array, n: number): Float64Array {
  const a = matrix.slice();
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) inverse[i * n + i] = 1;
  for (let column = 0; column < n; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < n; row += 1) {
      if (Math.abs(a[row * n + column]!) > Math.abs(a[pivot * n + column]!)) pivot = row;
    }
    const pivotValue = a[pivot * n + column]!;
    if (pivotValue === 0) throw new Error('The chain has a closed loop with no way to conversion or null.');
    if (pivot !== column) {
      for (let k = 0; k < n; k += 1) {
        [a[pivot * n + k], a[column * n + k]] = [a[column * n + k]!, a[pivot * n + k]!];
        [inverse[pivot * n + k], inverse[column * n + k]] = [inverse[column * n + k]!, inverse[pivot * n + k]!];
      }
    }
    const scale = 1 / pivotValue;
    for (let k = 0; k < n; k += 1) {
      a[column * n + k]! *= scale;
      inverse[column * n + k]! *= scale;
    }
    for (let row = 0; row < n; row += 1) {
      if (row === column) continue;
      const factor = a[row * n + column]!;
      if (factor === 0) continue;
      for (let k = 0; k < n; k += 1) {
        a[row * n + k]! -= factor * a[column * n + k]!;
        inverse[row * n + k]! -= factor * inverse[column * n + k]!;
      }
    }
  }
  return inverse;
}

/** A component small enough to invert: M^-1 held densely. */
class DenseSolver implements BlockSolver {
  private readonly inverse: Float64Array;
  private readonly n: number;

  constructor(q: Csr) {
    const n = q.n;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i += 1) {
      m[i * n + i] = 1;
      for (let k = q.start[i]!; k < q.start[i + 1]!; k += 1) m[i * n + q.col[k]!]! -= q.val[k]!;
    }
    this.n = n;
    this.inverse = invertDense(m, n);
  }

  solve(rhs: Float64Array): Float64Array {
    const { n, inverse } = this;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      let sum = 0;
      for (let j = 0; j < n; j += 1) sum += inverse[i * n + j]! * rhs[j]!;
      x[i] = sum;
    }
    return x;
  }

  solveTransposed(rhs: Float64Array): Float64Array {
    const { n, inverse } = this;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      const weight = rhs[i]!;
      if (weight === 0) continue;
      for (let j = 0; j < n; j += 1) x[j]! += weight * inverse[i * n + j]!;
    }
    return x;
  }

  diagonal(): Float64Array {
    return Float64Array.from({ length: this.n }, (_, i) => this.inverse[i * this.n + i]!);
  }
}

/**
 * A large strongly connected component, split on its most connected states K (the
 * hubs) by a Schur complement; the rest R is solved by block substitution over its own
 * (small, after the hubs are out) components.
 */
class SchurSolver implements BlockSolver {
  private readonly n: number;
  private readonly hub: Int32Array; // block index -> K index, or -1
  private readonly rest: Int32Array; // block index -> R index, or -1
  private readonly hubs: Int32Array; // K index -> block index
  private readonly others: Int32Array; // R index -> block index
  private readonly restSolver: TriangularSolver;
  /** Q_RK and Q_KR as lists; Q_KK dense. */
  private readonly restToHub: Csr; // rows R, columns K
  private readonly hubToRest: Csr; // rows K, columns R
  private readonly g: Float64Array; // R x K: A^-1 Q_RK
  private readonly h: Float64Array; // K x R: Q_KR A^-1
  private readonly sInverse: Float64Array; // K x K
  private readonly gs: Float64Array; // R x K: G S^-1

  constructor(q: Csr, settings: SolverSettings) {
    const n = q.n;
    this.n = n;
    // The hubs: the states with the most distinct neighbours inside the component.
    const degree = new Int32Array(n);
    for (let i = 0; i < n; i += 1) {
      degree[i]! += q.start[i + 1]! - q.start[i]!;
      for (let k = q.start[i]!; k < q.start[i + 1]!; k += 1) degree[q.col[k]!]! += 1;
    }
    const size = Math.min(settings.hubs, n - 1);
    const byDegree = Array.from({ length: n }, (_, i) => i).sort((a, b) => degree[b]! - degree[a]! || a - b);
    this.hub = new Int32Array(n).fill(-1);
    this.rest = new Int32Array(n).fill(-1);
    this.hubs = Int32Array.from(byDegree.slice(0, size));
    for (const [k, node] of this.hubs.entries()) this.hub[node] = k;
    const others: number[] = [];
    for (let i = 0; i < n; i += 1) if (this.hub[i] === -1) others.push(i);
    this.others = Int32Array.from(others);
    for (const [r, node] of this.others.entries()) this.rest[node] = r;
    const k = this.hubs.length;
    const r = this.others.length;

    // Split Q into its four blocks.
    const local = new Int32Array(n).fill(-1);
    this.restSolver = new TriangularSolver(submatrix(q, this.others, local), 'inner', settings);
    this.restToHub = this.crossBlock(q, this.others, this.hub);
    this.hubToRest = this.crossBlock(q, this.hubs, this.rest);
    const s = new Float64Array(k * k);
    for (let a = 0; a < k; a += 1) {
      s[a * k + a] = 1;
      const row = this.hubs[a]!;
      for (let e = q.start[row]!; e < q.start[row + 1]!; e += 1) {
        const b = this.hub[q.col[e]!]!;
        if (b >= 0) s[a * k + b]! -= q.val[e]!;
      }
    }

    // G = A^-1 Q_RK, one column per hub; H = Q_KR A^-1, one row per hub.
    this.g = new Float64Array(r * k);
    const byHub = transpose(padColumns(this.restToHub, k));
    for (let b = 0; b < k; b += 1) {
      const column = new Float64Array(r);
      for (let e = byHub.start[b]!; e < byHub.start[b + 1]!; e += 1) column[byHub.col[e]!] = byHub.val[e]!;
      const solved = this.restSolver.solve(column);
      for (let i = 0; i < r; i += 1) this.g[i * k + b] = solved[i]!;
    }
    this.h = new Float64Array(k * r);
    for (let a = 0; a < k; a += 1) {
      const row = new Float64Array(r);
      for (let e = this.hubToRest.start[a]!; e < this.hubToRest.start[a + 1]!; e += 1) row[this.hubToRest.col[e]!] = this.hubToRest.val[e]!;
      this.h.set(this.restSolver.solveTransposed(row), a * r);
    }
    // S = I - Q_KK - Q_KR G
    for (let a = 0; a < k; a += 1) {
      for (let e = this.hubToRest.start[a]!; e < this.hubToRest.start[a + 1]!; e += 1) {
        const i = this.hubToRest.col[e]!;
        const weight = this.hubToRest.val[e]!;
        for (let b = 0; b < k; b += 1) s[a * k + b]! -= weight * this.g[i * k + b]!;
      }
    }
    this.sInverse = invertDense(s, k);
    this.gs = new Float64Array(r * k);
    for (let i = 0; i < r; i += 1) {
      for (let a = 0; a < k; a += 1) {
        const weight = this.g[i * k + a]!;
        if (weight === 0) continue;
        for (let b = 0; b < k; b += 1) this.gs[i * k + b]! += weight * this.sInverse[a * k + b]!;
      }
    }
  }

  /** Rows `rows` of q restricted to the columns `target` maps (to their index there). */
  private crossBlock(q: Csr, rows: Int32Array, target: Int32Array): Csr {
    const start = new Int32Array(rows.length + 1);
    const col: number[] = [];
    const val: number[] = [];
    rows.forEach((row, i) => {
      for (let e = q.start[row]!; e < q.start[row + 1]!; e += 1) {
        const j = target[q.col[e]!]!;
        if (j < 0) continue;
        col.push(j);
        val.push(q.val[e]!);
      }
      start[i + 1] = col.length;
    });
    return { n: rows.length, start, col: Int32Array.from(col), val: Float64Array.from(val) };
  }

  solve(rhs: Float64Array): Float64Array {
    const k = this.hubs.length;
    const r = this.others.length;
    const restRhs = Float64Array.from(this.others, (node) => rhs[node]!);
    const z = this.restSolver.solve(restRhs); // A^-1 y_R
    // x_K = S^-1 (y_K + Q_KR z)
    const y = Float64Array.from(this.hubs, (node) => rhs[node]!);
    for (let a = 0; a < k; a += 1) {
      for (let e = this.hubToRest.start[a]!; e < this.hubToRest.start[a + 1]!; e += 1) y[a]! += this.hubToRest.val[e]! * z[this.hubToRest.col[e]!]!;
    }
    const xK = new Float64Array(k);
    for (let a = 0; a < k; a += 1) {
      let sum = 0;
      for (let b = 0; b < k; b += 1) sum += this.sInverse[a * k + b]! * y[b]!;
      xK[a] = sum;
    }
    // x_R = z + G x_K
    const x = new Float64Array(this.n);
    for (let i = 0; i < r; i += 1) {
      let sum = z[i]!;
      for (let a = 0; a < k; a += 1) sum += this.g[i * k + a]! * xK[a]!;
      x[this.others[i]!] = sum;
    }
    for (const [a, node] of this.hubs.entries()) x[node] = xK[a]!;
    return x;
  }

  solveTransposed(rhs: Float64Array): Float64Array {
    const k = this.hubs.length;
    const r = this.others.length;
    const w = this.restSolver.solveTransposed(Float64Array.from(this.others, (node) => rhs[node]!)); // y_R^T A^-1
    // x_K^T = (y_K^T + w^T Q_RK) S^-1
    const y = Float64Array.from(this.hubs, (node) => rhs[node]!);
    for (let i = 0; i < r; i += 1) {
      const weight = w[i]!;
      if (weight === 0) continue;
      for (let e = this.restToHub.start[i]!; e < this.restToHub.start[i + 1]!; e += 1) y[this.restToHub.col[e]!]! += weight * this.restToHub.val[e]!;
    }
    const xK = new Float64Array(k);
    for (let a = 0; a < k; a += 1) {
      if (y[a] === 0) continue;
      for (let b = 0; b < k; b += 1) xK[b]! += y[a]! * this.sInverse[a * k + b]!;
    }
    // x_R^T = w^T + x_K^T H
    const x = new Float64Array(this.n);
    for (let i = 0; i < r; i += 1) {
      let sum = w[i]!;
      for (let a = 0; a < k; a += 1) sum += xK[a]! * this.h[a * r + i]!;
      x[this.others[i]!] = sum;
    }
    for (const [a, node] of this.hubs.entries()) x[node] = xK[a]!;
    return x;
  }

  diagonal(): Float64Array {
    const k = this.hubs.length;
    const r = this.others.length;
    const restDiagonal = this.restSolver.diagonal();
    const d = new Float64Array(this.n);
    for (let i = 0; i < r; i += 1) {
      let sum = restDiagonal[i]!;
      for (let a = 0; a < k; a += 1) sum += this.gs[i * k + a]! * this.h[a * r + i]!;
      d[this.others[i]!] = sum;
    }
    for (const [a, node] of this.hubs.entries()) d[node] = this.sInverse[a * k + a]!;
    return d;
  }
}

/**
 * A component of the rest that is still large after the hubs are out (ambassadors who
 * hand visitors to each other in long cycles): Gauss-Seidel for solves, and the
 * diagonal of M^-1 by forward push from each state, both to the tolerance.
 */
class IterativeSolver implements BlockSolver {
  private readonly transposed: Csr;

  constructor(
    private readonly q: Csr,
    private readonly settings: SolverSettings,
  ) {
    this.transposed = transpose(q);
  }

  solve(rhs: Float64Array): Float64Array {
    return gaussSeidel(this.q, rhs, this.settings.tolerance);
  }

  solveTransposed(rhs: Float64Array): Float64Array {
    return gaussSeidel(this.transposed, rhs, this.settings.tolerance);
  }

  /**
   * N[c, c] for every c by forward push: a unit of mass starts at c and is pushed along
   * the transitions; what arrives back at c adds to N[c, c]. With L the mass not yet
   * pushed, the rest it would bring is at most L x N[c, c] (N[x, c] <= N[c, c]), so
   * N[c, c] lies in [found, found / (1 - L)]; the push goes on, with a finer threshold,
   * until L is within the tolerance. Cost: the states within reach of c that hold mass
   * above the threshold, not the whole block.
   */
  diagonal(): Float64Array {
    const { q } = this;
    const n = q.n;
    const d = new Float64Array(n);
    const residual = new Float64Array(n);
    const queued = new Uint8Array(n);
    const seen = new Uint8Array(n);
    const touched = new Int32Array(n);
    // A ring of at most n queued states.
    const queue = new Int32Array(n);
    const tolerance = Math.max(this.settings.diagonalTolerance, 1e-15);
    for (let c = 0; c < n; c += 1) {
      residual[c] = 1;
      seen[c] = 1;
      touched[0] = c;
      let touchedCount = 1;
      let found = 0;
      let left = 1;
      for (let threshold = tolerance * 1e-2; left > tolerance; threshold *= 1e-2) {
        let head = 0;
        let size = 0;
        for (let t = 0; t < touchedCount; t += 1) {
          const node = touched[t]!;
          if (residual[node]! > threshold) {
            queued[node] = 1;
            queue[(head + size++) % n] = node;
          }
        }
        if (size === 0 && threshold < 1e-300) break;
        while (size > 0) {
          const node = queue[head]!;
          head = head + 1 === n ? 0 : head + 1;
          size -= 1;
          queued[node] = 0;
          const mass = residual[node]!;
          residual[node] = 0;
          if (node === c) found += mass;
          for (let e = q.start[node]!; e < q.start[node + 1]!; e += 1) {
            const next = q.col[e]!;
            if (!seen[next]) {
              seen[next] = 1;
              touched[touchedCount++] = next;
            }
            const value = residual[next]! + mass * q.val[e]!;
            residual[next] = value;
            if (!queued[next] && value > threshold) {
              queued[next] = 1;
              queue[(head + size++) % n] = next;
            }
          }
        }
        left = 0;
        for (let t = 0; t < touchedCount; t += 1) left += residual[touched[t]!]!;
      }
      d[c] = found / (1 - left / 2);
      for (let t = 0; t < touchedCount; t += 1) {
        residual[touched[t]!] = 0;
        seen[touched[t]!] = 0;
      }
    }
    return d;
  }
}

/** x = rhs + Q x by Gauss-Seidel sweeps, to the relative tolerance. */
function gaussSeidel(q: Csr, rhs: Float64Array, tolerance: number): Float64Array {
  const n = q.n;
  const x = rhs.slice();
  for (let sweep = 0; sweep < 1_000_000; sweep += 1) {
    let change = 0;
    let size = 0;
    for (let i = 0; i < n; i += 1) {
      let sum = rhs[i]!;
      for (let e = q.start[i]!; e < q.start[i + 1]!; e += 1) sum += q.val[e]! * x[q.col[e]!]!;
      change = Math.max(change, Math.abs(sum - x[i]!));
      size = Math.max(size, Math.abs(sum));
      x[i] = sum;
    }
    if (change <= tolerance * size) return x;
  }
  throw new Error('The Markov chain did not converge: a loop of channels that almost never ends.');
}
