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
 * N[s, .] (one transposed solve) and the diagonal of N, which
 * `lib/linear-algebra/solvers.ts` gives block by block over the chain's strongly
 * connected components (self-loops are first divided out: they change neither
 * absorption nor hitting probabilities).
 *
 * Higher orders remove a set of states E per channel (every tuple ending in it), which is
 * not a rank-one change. There the conversions lost, d = (I - Q')^-1 s with Q' the chain
 * without the transitions into E and s(x) = sum over e in E of Q[x, e] B[e, conv], are
 * pushed backwards from E towards the start (reverse push); the mass not yet pushed, r,
 * can add at most sum r(x) N[s, x] (the base chain's visits bound the reduced chain's), so
 * the push stops at a proven relative error below `diagonalTolerance`. Each channel
 * only touches the states that lead to it with some weight.
 */
import { transpose, type Csr } from '../../lib/linear-algebra/sparse.ts';
import { TriangularSolver, type SolverSettings } from '../../lib/linear-algebra/solvers.ts';

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
export function transitionsFromPaths(paths: Iterable<{ channels: readonly string[]; conversions?: number; nulls?: number }>, order = 1): Transition[] {
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

function resolveOptions(options: MarkovOptions): SolverSettings {
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

// ---------- the chain

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
        const row = edges.get(source) ?? new Map<number, number>();
        edges.set(source, row);
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
