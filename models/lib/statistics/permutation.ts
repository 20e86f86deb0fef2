/**
 * A two-sided permutation test of the difference in means, by Monte Carlo: each draw
 * gives the smaller group a uniformly random subset of the pooled values (a partial
 * Fisher-Yates shuffle, as many steps as that group has values), and the p-value is
 * (b + 1) / (m + 1), b the draws whose |difference| reaches the observed one, m the draws
 * (Phipson & Smyth 2010: a permutation p-value is never zero). simple-statistics' own
 * `permutationTest` returns b / m, which can be 0.
 *
 * A family of tests corrected with Holm's method draws adaptively (`settleHolmDecisions`):
 * every test first draws as many times as every other; a test whose Monte-Carlo interval of p still
 * holds its Holm threshold draws as many again, until none does or it reaches `cap`
 * draws, so the Monte-Carlo error cannot flip a decision the cap can settle. Each test
 * draws from its own seeded stream, so the result is deterministic.
 */
import { mean } from 'simple-statistics';
import { holmThresholds } from './holm.ts';
import { stepped, uniformAt, type SeededStream } from './random.ts';

export class PermutationTest {
  private readonly pooled: Float64Array;
  private readonly total: number;
  /** The group whose values a draw picks (the smaller one), and the other's size. */
  private readonly picked: number;
  private readonly rest: number;
  private readonly observed: number;
  private readonly tolerance: number;
  private reached = 0;
  /** The draws made so far. */
  draws = 0;

  constructor(
    a: readonly number[],
    b: readonly number[],
    private readonly random: SeededStream,
  ) {
    if (a.length === 0 || b.length === 0) throw new Error('internal: a permutation test needs two non-empty groups');
    this.pooled = Float64Array.from([...a, ...b]);
    this.total = this.pooled.reduce((sum, value) => sum + value, 0);
    this.picked = Math.min(a.length, b.length);
    this.rest = this.pooled.length - this.picked;
    this.observed = Math.abs(mean(a as number[]) - mean(b as number[]));
    // Differences equal up to rounding count as reaching the observed one.
    this.tolerance = 1e-9 * Math.max(1, this.observed);
  }

  draw(count: number): void {
    const { pooled, random, picked, rest, total } = this;
    const n = pooled.length;
    const bar = this.observed - this.tolerance;
    let state = random.state;
    for (let draw = 0; draw < count; draw += 1) {
      let sum = 0;
      for (let index = 0; index < picked; index += 1) {
        state = stepped(state);
        const other = index + Math.floor(uniformAt(state) * (n - index));
        const value = pooled[other]!;
        pooled[other] = pooled[index]!;
        pooled[index] = value;
        sum += value;
      }
      if (Math.abs(sum / picked - (total - sum) / rest) >= bar) this.reached += 1;
    }
    random.state = state;
    this.draws += count;
  }

  /** Where the test stands: the pooled values in their shuffled order and its counts, to go on elsewhere (`resume`). */
  snapshot(): PermutationSnapshot {
    return { pooled: this.pooled.slice(), reached: this.reached, draws: this.draws };
  }

  /** The test of `a` and `b` as `snapshot` left it, drawing on from `random` (the stream it drew from, where it stood). */
  static resume(a: readonly number[], b: readonly number[], snapshot: PermutationSnapshot, random: SeededStream): PermutationTest {
    const test = new PermutationTest(a, b, random);
    test.pooled.set(snapshot.pooled);
    test.reached = snapshot.reached;
    test.draws = snapshot.draws;
    return test;
  }

  /** (b + 1) / (m + 1). */
  get p(): number {
    return (this.reached + 1) / (this.draws + 1);
  }

  /** The Monte-Carlo standard error of p: sqrt(p (1 - p) / m). */
  get standardError(): number {
    const p = this.p;
    return Math.sqrt((p * (1 - p)) / this.draws);
  }
}

export interface PermutationSnapshot {
  pooled: Float64Array;
  reached: number;
  draws: number;
}

export interface AdaptiveDraws {
  /** Draws no test goes beyond. */
  cap: number;
  /** The family-wise level of the Holm decisions. */
  alpha: number;
}

/** The standard normal's 0.995 quantile: a Monte-Carlo interval of p at 99%. */
const Z_99 = 2.5758293035489004;

/**
 * Draws for a family of tests, each of which has made its `initial` draws (where it made
 * them does not matter: each draws from its own stream), until each p-value's 99%
 * Monte-Carlo interval (p ± 2.576 SE) lies on one side of its Holm threshold
 * (alpha / (m - rank)), or its test has `cap` draws. Only the tests whose interval holds
 * their threshold draw again.
 */
export function settleHolmDecisions(tests: readonly PermutationTest[], options: AdaptiveDraws): void {
  for (;;) {
    const thresholds = holmThresholds(
      tests.map((test) => test.p),
      options.alpha,
    );
    const undecided = tests.filter((test, index) => test.draws < options.cap && Math.abs(test.p - thresholds[index]!) <= Z_99 * test.standardError);
    if (undecided.length === 0) return;
    for (const test of undecided) test.draw(Math.min(test.draws, options.cap - test.draws));
  }
}
