/**
 * Seeded randomness for every resampling in the marts, so a rebuild draws the same
 * numbers and gives the same intervals, and for the demo program's generator. The
 * generator is mulberry32 (Tommy Ettinger, 2017: a 32-bit state, period 2^32, ample for
 * a few thousand resamples); each result row gets its own stream from the configured seed
 * and a key naming the row, so a row's interval does not depend on which other rows were
 * computed before it.
 */

/** A source of uniform numbers in [0, 1), as simple-statistics' `randomSource` expects. */
export type RandomSource = () => number;

/** FNV-1a, 32 bits: a stable hash of a text key. */
export function hashKey(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A seeded stream, and where it stands: `mulberry32(stream.state)` goes on with the numbers
 * it would give next. A hot loop reads `state`, steps it with `stepped` and `uniformAt` in
 * local variables (several times faster than a call of the stream per number) and writes it
 * back, so the stream goes on from there.
 */
export type SeededStream = RandomSource & { state: number };

/** mulberry32's state one step after `state`. */
export function stepped(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

/** The number in [0, 1) mulberry32 gives when it steps to `state`. */
export function uniformAt(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** mulberry32 from a 32-bit seed. */
export function mulberry32(seed: number): SeededStream {
  let state = seed >>> 0;
  const next = () => {
    state = stepped(state);
    return uniformAt(state);
  };
  return Object.defineProperty(next, 'state', {
    get: () => state,
    set: (value: number) => {
      state = value >>> 0;
    },
  }) as SeededStream;
}

/** The stream for one result row: the same seed and key always give the same numbers. */
export function seededRandom(seed: number, key = ''): SeededStream {
  return mulberry32(hashKey(`${seed}|${key}`));
}

/** A uniform index in [0, length). */
export function randomIndex(random: RandomSource, length: number): number {
  return Math.floor(random() * length);
}
