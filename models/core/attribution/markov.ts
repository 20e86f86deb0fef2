/**
 * Markov-chain attribution by removal effect, as pure numbers: transition counts in,
 * removal effects out. No I/O and no SQL; `marts/markov_removal_effects.model.ts` feeds
 * it the counts that `core/attribution/markov_transitions.sql` groups.
 *
 * The chain has a start state, one transient state per channel (per tuple of the last
 * `order` channels at higher orders), and two absorbing states, conversion and null.
 * P(conv) is the probability of absorption in conversion from the start. Removing a
 * channel c sends every transition into c (into any state ending in c) to null;
 * RE(c) = 1 - P(conv without c) / P(conv). Everything is computed by linear algebra,
 * never by simulating walks.
 *
 * How it scales (first order). One solve per channel would cost O(channels x chain);
 * instead, with the fundamental matrix N = (I - Q)^-1 and B = N R:
 *
 *   P(conv and ever in c) = P(reach c) x B[c, conv],  P(reach c) = N[s, c] / N[c, c]
 *   P(conv without c)     = B[s, conv] - (N[s, c] / N[c, c]) x B[c, conv]
 *
 * (Sherman-Morrison on the rank-one change "column c of Q to zero" gives the same.) So
 * three things are needed, for all states at once: B[., conv] (one solve), the row
 * N[s, .] (one transposed solve) and the diagonal of N. The solves and the diagonal are
 * block triangular over the chain's strongly connected components (Tarjan), so only the
 * components that have cycles cost anything:
 *
 * - a component of one state has N[c, c] = 1 (self-loops are first divided out: they
 *   change neither absorption nor hitting probabilities);
 * - a component of up to `denseLimit` states is inverted densely (Gauss-Jordan);
 * - a larger one (at ambassador granularity: thousands of ambassadors that share the
 *   hub channels Direct, Organic Search, Email ...) is split by a Schur complement on its
 *   `hubs` most connected states K: with R the rest, A = I - Q_RR, G = A^-1 Q_RK,
 *   H = Q_KR A^-1 and S = I - Q_KK - Q_KR G (|K| x |K|, dense),
 *   N_RR = A^-1 + G S^-1 H, N_KK = S^-1. Once the hubs are out, R is nearly acyclic:
 *   its own components are solved as singletons, densely, or (when still large) by
 *   Gauss-Seidel to `tolerance` (1e-13 relative) with the diagonal of A^-1 by forward
 *   push to a proven relative error below `diagonalTolerance` (1e-9; it only walks the
 *   ambassador-to-ambassador transitions). The cost is near O(transitions x |K|) for
 *   hub-and-spoke journeys instead of O(states^3); the worst case is thousands of
 *   ambassadors handing visitors to random others, one big cycle without hubs, where
 *   the push costs about one sparse pass per ambassador.
 *
 * Higher orders remove a set of states E per channel (every tuple ending in it), which is
 * not a rank-one change. There the conversions lost, d = (I - Q')^-1 s with Q' the chain
 * without the transitions into E and s(x) = sum over e in E of Q[x, e] B[e, conv], are
 * pushed backwards from E towards the start (reverse push); the mass not yet pushed, r,
 * can add at most sum r(x) N[s, x] (the base chain's visits bound the reduced chain's), so
 * the push stops at a proven relative error below `diagonalTolerance`. Each channel
 * only touches the states that lead to it with some weight.
 */

export const START = '(start)';
export const CONVERSION = '(conversion)';
export const NULL_STATE = '(null)';
/** Joins the channels of a higher-order state (`A\u001fB`); channel names must not contain it. */
export const STATE_SEPARATOR = '\u001f';

/** How often the chain went from one state to another. */
export interface Transition {
  from: string;
  to: string;
  count: number;
}

export interface MarkovOptions {
  /**
   * The channel a transient state stands for; removing a channel removes every state it
   * maps to. __Default value:__ the part after the last `STATE_SEPARATOR`.
   */
  channelOf?: (state: string) => string;
  /** Components up to this many states are inverted densely. __Default value:__ 400 */
  denseLimit?: number;
  /** States taken out of a large component as its Schur separator. __Default value:__ 64 */
  hubs?: number;
  /** Relative tolerance of the iterative solves. __Default value:__ 1e-13 */
  tolerance?: number;
  /**
   * Proven bound on the relative error of what is computed by push: N[c, c] for states in
   * large cycles among non-hub states, and each channel's loss at higher orders.
   * __Default value:__ 1e-9
   */
  diagonalTolerance?: number;
}

export interface ChannelRemoval {
  channel: string;
  /** Transitions into the channel's states (its visits), self-loops included. */
  transitions: number;
  pConversionWithout: number;
  /** 1 - pConversionWithout / pConversion, in [0, 1]. */
  removalEffect: number;
  /** removalEffect / the sum of all removal effects (0 when nothing converts). */
  share: number;
}

export interface MarkovResult {
  pConversion: number;
  channels: ChannelRemoval[];
  /** `fundamental` when every channel is one state (first order), else `per_channel`. */
  method: 'fundamental' | 'per_channel';
}

/** The default `channelOf`: the last channel of a state. */
export function lastChannel(state: string): string {
  const at = state.lastIndexOf(STATE_SEPARATOR);
  return at < 0 ? state : state.slice(at + 1);
}

/**
 * The transitions of paths as an order-`order` chain: the state after a touch is the
 * tuple of the last `order` channels (fewer at the start of a path). A path with
 * `conversions` ends in conversion that many times and with `nulls` in null.
 */
export function transitionsFromPaths(
  paths: Iterable<{ channels: readonly string[]; conversions?: number; nulls?: number }>,
  order = 1,
): Transition[] {
  const counts = new Map<string, Transition>();
  const add = (from: string, to: string, count: number) => {
    if (count === 0) return;
    const key = `${from}\u0000${to}`;
    const existing = counts.get(key);
    if (existing) existing.count += count;
    else counts.set(key, { from, to, count });
  };
  for (const path of paths) {
    const weight = (path.conversions ?? 0) + (path.nulls ?? 0);
    if (path.channels.length === 0 || weight === 0) continue;
    let previous = START;
    for (let index = 0; index < path.channels.length; index += 1) {
      const state = path.channels.slice(Math.max(0, index - order + 1), index + 1).join(STATE_SEPARATOR);
      add(previous, state, weight);
      previous = state;
    }
    add(previous, CONVERSION, path.conversions ?? 0);
    add(previous, NULL_STATE, path.nulls ?? 0);
  }
  return [...counts.values()];
}

/** Removal effects of every channel of the chain the transitions describe. */
export function markovRemovalEffects(transitions: Iterable<Transition>, options: MarkovOptions = {}): MarkovResult {
  const settings = resolveOptions(options);
  const chain = buildChain(transitions);
  const channelOf = options.channelOf ?? lastChannel;

  // Group the transient states (all but the start) by the channel they stand for.
  const statesOf = new Map<string, number[]>();
  for (let state = 1; state < chain.names.length; state += 1) {
    const channel = channelOf(chain.names[state]!);
    const states = statesOf.get(channel);
    if (states) states.push(state);
    else statesOf.set(channel, [state]);
  }
  const channels = [...statesOf.keys()].sort();
  const firstOrder = channels.every((channel) => statesOf.get(channel)!.length === 1);

  const solver = new TriangularSolver(chain.q, 'top', settings);
  const absorption = solver.solve(chain.toConversion);
  const pConversion = chain.q.n > 0 ? absorption[0]! : 0;

  // P(conv) - P(conv without c), computed directly where possible (no cancellation for small effects)
  const loss = new Map<string, number>();
  if (pConversion > 0) {
    if (firstOrder) {
      const start = new Float64Array(chain.q.n);
      start[0] = 1;
      const visits = solver.solveTransposed(start);
      const diagonal = solver.diagonal();
      for (const channel of channels) {
        const state = statesOf.get(channel)![0]!;
        const reach = diagonal[state]! > 0 ? visits[state]! / diagonal[state]! : 0;
        loss.set(channel, reach * absorption[state]!);
      }
    } else {
      const start = new Float64Array(chain.q.n);
      start[0] = 1;
      const visits = solver.solveTransposed(start);
      const incoming = transpose(chain.q);
      const work = pushWorkspace(chain.q.n);
      for (const channel of channels) {
        loss.set(channel, lossWithout(incoming, statesOf.get(channel)!, absorption, visits, pConversion * settings.diagonalTolerance, work));
      }
    }
  }

  const effects = channels.map((channel) => {
    const removalEffect = pConversion > 0 ? clamp01(loss.get(channel)! / pConversion) : 0;
    const pWithout = pConversion > 0 ? pConversion * (1 - removalEffect) : 0;
    const transitionsInto = statesOf.get(channel)!.reduce((sum, state) => sum + chain.visits[state]!, 0);
    return { channel, transitions: transitionsInto, pConversionWithout: pWithout, removalEffect, share: 0 };
  });
  const total = effects.reduce((sum, effect) => sum + effect.removalEffect, 0);
  if (total > 0) for (const effect of effects) effect.share = effect.removalEffect / total;
  return { pConversion, channels: effects, method: firstOrder ? 'fundamental' : 'per_channel' };
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

interface Settings {
  denseLimit: number;
  hubs: number;
  tolerance: number;
  diagonalTolerance: number;
}

function resolveOptions(options: MarkovOptions): Settings {
  return {
    denseLimit: Math.max(1, options.denseLimit ?? 400),
    hubs: Math.max(1, options.hubs ?? 64),
    tolerance: options.tolerance ?? 1e-13,
    diagonalTolerance: options.diagonalTolerance ?? 1e-9,
  };
}

/** Scratch arrays for `lossWithout`, reused from channel to channel. */
interface PushWorkspace {
  isRemoved: Uint8Array;
  residual: Float64Array;
  queued: Uint8Array;
  seen: Uint8Array;
  touched: Int32Array;
  queue: Int32Array;
}

function pushWorkspace(n: number): PushWorkspace {
  return {
    isRemoved: new Uint8Array(n),
    residual: new Float64Array(n),
    queued: new Uint8Array(n),
    seen: new Uint8Array(n),
    touched: new Int32Array(n),
    queue: new Int32Array(n),
  };
}

/**
 * P(conv) - P(conv without the states `removed`), by reverse push of the conversions that
 * pass through them, to an absolute error below `tolerance` (see the module comment).
 */
function lossWithout(
  incoming: Csr,
  removed: readonly number[],
  absorption: Float64Array,
  visits: Float64Array,
  tolerance: number,
  work: PushWorkspace,
): number {
  const n = incoming.n;
  const { isRemoved, residual, queued, seen, touched, queue } = work;
  let touchedCount = 0;
  const add = (state: number, mass: number) => {
    if (!seen[state]) {
      seen[state] = 1;
      touched[touchedCount++] = state;
    }
    residual[state]! += mass;
  };
  for (const state of removed) isRemoved[state] = 1;
  // s(x): what x loses by its transitions into the removed states
  for (const state of removed) {
    for (let e = incoming.start[state]!; e < incoming.start[state + 1]!; e += 1) {
      const from = incoming.col[e]!;
      if (!isRemoved[from]) add(from, incoming.val[e]! * absorption[state]!); // removed states are unreachable
    }
  }
  let found = 0;
  let left = Infinity;
  for (let threshold = tolerance * 1e-3; ; threshold *= 1e-3) {
    let head = 0;
    let size = 0;
    for (let t = 0; t < touchedCount; t += 1) {
      const state = touched[t]!;
      if (residual[state]! * visits[state]! > threshold) {
        queued[state] = 1;
        queue[(head + size++) % n] = state;
      }
    }
    while (size > 0) {
      const state = queue[head]!;
      head = head + 1 === n ? 0 : head + 1;
      size -= 1;
      queued[state] = 0;
      const mass = residual[state]!;
      residual[state] = 0;
      if (state === 0) {
        found += mass; // the start has no predecessors
        continue;
      }
      for (let e = incoming.start[state]!; e < incoming.start[state + 1]!; e += 1) {
        const from = incoming.col[e]!;
        if (isRemoved[from]) continue;
        add(from, incoming.val[e]! * mass);
        if (!queued[from] && residual[from]! * visits[from]! > threshold) {
          queued[from] = 1;
          queue[(head + size++) % n] = from;
        }
      }
    }
    // What is left can add at most sum r(x) N[start, x].
    left = 0;
    for (let t = 0; t < touchedCount; t += 1) left += residual[touched[t]!]! * visits[touched[t]!]!;
    if (left <= tolerance || threshold < 1e-300) break;
  }
  for (let t = 0; t < touchedCount; t += 1) {
    residual[touched[t]!] = 0;
    seen[touched[t]!] = 0;
  }
  for (const state of removed) isRemoved[state] = 0;
  return found + left / 2;
}

// ---------- the chain as a sparse matrix

/** A sparse square matrix in compressed rows; `n` rows, entries `col[k], val[k]` for k in start[i]..start[i+1]. */
export interface Csr {
  n: number;
  start: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

interface Chain {
  /** State names; 0 is the start. */
  names: string[];
  /** Transient-to-transient probabilities, self-loops divided out. */
  q: Csr;
  /** Probability of going to conversion next, self-loops divided out. */
  toConversion: Float64Array;
  /** Transitions into each state (self-loops included). */
  visits: Float64Array;
}

function buildChain(transitions: Iterable<Transition>): Chain {
  const index = new Map<string, number>([[START, 0]]);
  const names = [START];
  const id = (state: string): number => {
    let found = index.get(state);
    if (found === undefined) {
      found = names.length;
      index.set(state, found);
      names.push(state);
    }
    return found;
  };
  const edges = new Map<number, Map<number, number>>();
  const conversions: number[] = [];
  const totals: number[] = [];
  const selfLoops: number[] = [];
  const visits: number[] = [];
  for (const { from, to, count } of transitions) {
    if (!(count > 0)) continue;
    if (from === CONVERSION || from === NULL_STATE) throw new Error(`A transition leaves the absorbing state ${from}.`);
    if (to === START) throw new Error('A transition goes back to the start state.');
    const source = id(from);
    totals[source] = (totals[source] ?? 0) + count;
    if (to === CONVERSION) conversions[source] = (conversions[source] ?? 0) + count;
    else if (to !== NULL_STATE) {
      const target = id(to);
      visits[target] = (visits[target] ?? 0) + count;
      if (target === source) selfLoops[source] = (selfLoops[source] ?? 0) + count;
      else {
        let row = edges.get(source);
        if (!row) edges.set(source, (row = new Map()));
        row.set(target, (row.get(target) ?? 0) + count);
      }
    }
  }
  const n = names.length;
  const start = new Int32Array(n + 1);
  for (let state = 0; state < n; state += 1) start[state + 1] = start[state]! + (edges.get(state)?.size ?? 0);
  const col = new Int32Array(start[n]!);
  const val = new Float64Array(start[n]!);
  const toConversion = new Float64Array(n);
  for (let state = 0; state < n; state += 1) {
    // Leaving by a self-loop only delays: divide it out of the row.
    const leaving = (totals[state] ?? 0) - (selfLoops[state] ?? 0);
    if (leaving <= 0) continue; // no way out but the self-loop: as good as null
    toConversion[state] = (conversions[state] ?? 0) / leaving;
    let at = start[state]!;
    const row = [...(edges.get(state) ?? new Map<number, number>()).entries()].sort((a, b) => a[0] - b[0]);
    for (const [target, count] of row) {
      col[at] = target;
      val[at] = count / leaving;
      at += 1;
    }
  }
  return { names, q: { n, start, col, val }, toConversion, visits: Float64Array.from({ length: n }, (_, state) => visits[state] ?? 0) };
}

/** The rows and columns `nodes` of a matrix, renumbered 0..nodes.length-1 in that order. */
function submatrix(q: Csr, nodes: ArrayLike<number>, local: Int32Array): Csr {
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

function transpose(q: Csr): Csr {
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

/**
 * Strongly connected components (Tarjan, without recursion). Components come out in
 * reverse topological order: every component before the ones that lead to it.
 */
export function stronglyConnectedComponents(q: Csr): { component: Int32Array; components: Int32Array[] } {
  const n = q.n;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const components: Int32Array[] = [];
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let stackSize = 0;
  let counter = 0;
  for (let root = 0; root < n; root += 1) {
    if (order[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = q.start[root]!;
    order[root] = low[root] = counter++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const node = callNode[depth]!;
      const edge = callEdge[depth]!;
      if (edge < q.start[node + 1]!) {
        callEdge[depth] = edge + 1;
        const next = q.col[edge]!;
        if (order[next] === -1) {
          order[next] = low[next] = counter++;
          stack[stackSize++] = next;
          onStack[next] = 1;
          depth += 1;
          callNode[depth] = next;
          callEdge[depth] = q.start[next]!;
        } else if (onStack[next]) low[node] = Math.min(low[node]!, order[next]!);
        continue;
      }
      if (low[node] === order[node]) {
        let size = 0;
        while (stack[stackSize - 1 - size] !== node) size += 1;
        size += 1;
        const members = stack.slice(stackSize - size, stackSize);
        stackSize -= size;
        for (const member of members) {
          onStack[member] = 0;
          component[member] = components.length;
        }
        components.push(members);
      }
      depth -= 1;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
    }
  }
  return { component, components };
}

// ---------- solvers for M = I - Q on a block of states

/** Solves with M = I - Q and gives the diagonal of M^-1, in the block's own numbering. */
interface BlockSolver {
  /** x with M x = rhs. */
  solve(rhs: Float64Array): Float64Array;
  /** x with x^T M = rhs^T. */
  solveTransposed(rhs: Float64Array): Float64Array;
  /** The diagonal of M^-1 (expected visits to a state, starting there). */
  diagonal(): Float64Array;
}

type Level = 'top' | 'inner';

function blockSolver(q: Csr, level: Level, settings: Settings): BlockSolver {
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
    settings: Settings,
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

  constructor(q: Csr, settings: Settings) {
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
    this.hubs.forEach((node, k) => (this.hub[node] = k));
    const others: number[] = [];
    for (let i = 0; i < n; i += 1) if (this.hub[i] === -1) others.push(i);
    this.others = Int32Array.from(others);
    this.others.forEach((node, r) => (this.rest[node] = r));
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
    this.hubs.forEach((node, a) => (x[node] = xK[a]!));
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
    this.hubs.forEach((node, a) => (x[node] = xK[a]!));
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
    this.hubs.forEach((node, a) => (d[node] = this.sInverse[a * k + a]!));
    return d;
  }
}

/** A rows-by-`columns` block with at least `columns` (empty) rows, so that `transpose` sees every column. */
function padColumns(block: Csr, columns: number): Csr {
  if (block.n >= columns) return block;
  const start = new Int32Array(columns + 1);
  start.set(block.start);
  start.fill(block.start[block.n]!, block.n + 1);
  return { n: columns, start, col: block.col, val: block.val };
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
    private readonly settings: Settings,
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
