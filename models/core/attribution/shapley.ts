/**
 * Shapley values for attribution, as pure numbers. `shapleyValues` is the textbook
 * formula over every coalition (2^n worth evaluations; small n only);
 * `simplifiedShapley` is Zhao, Mahboobi and Bagheri (2018), "Shapley Value Methods for
 * Attribution Modeling in Online Advertising": when the worth of a set of channels S is
 * the number of outcomes whose distinct channels all lie in S, the game is a sum of
 * unanimity games, one per outcome, so each outcome gives 1/k to each of its k distinct
 * channels. The SQL model core/attribution/channel_credits_by_path_model.sql computes
 * that per outcome; the tests hold it against `shapleyValues`.
 */

/** The Shapley value of every player of a game given by its worth function. */
export function shapleyValues(players: readonly string[], worth: (coalition: ReadonlySet<string>) => number): Map<string, number> {
  const n = players.length;
  if (n > 20) throw new Error(`The exact Shapley value over ${n} players needs 2^${n} coalitions; use the simplified form.`);
  const worthOf = new Float64Array(1 << n);
  for (let mask = 0; mask < 1 << n; mask += 1) {
    worthOf[mask] = worth(new Set(players.filter((_, index) => mask & (1 << index))));
  }
  const factorial = [1];
  for (let k = 1; k <= n; k += 1) factorial.push(factorial[k - 1]! * k);
  const values = new Map<string, number>();
  players.forEach((player, index) => {
    const bit = 1 << index;
    let value = 0;
    for (let mask = 0; mask < 1 << n; mask += 1) {
      if (mask & bit) continue;
      const size = popCount(mask);
      // |S|! (n - |S| - 1)! / n! x (v(S + i) - v(S))
      value += ((factorial[size]! * factorial[n - size - 1]!) / factorial[n]!) * (worthOf[mask | bit]! - worthOf[mask]!);
    }
    values.set(player, value);
  });
  return values;
}

function popCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest; rest &= rest - 1) count += 1;
  return count;
}

/** One outcome's credits: 1/k to each of its k distinct channels. */
export function outcomeShapleyCredits(channels: readonly string[]): Map<string, number> {
  const distinct = [...new Set(channels)];
  return new Map(distinct.map((channel) => [channel, 1 / distinct.length]));
}

/** Every channel's total over many outcomes (each a list of its channels), by Zhao et al.'s simplified form. */
export function simplifiedShapley(outcomes: Iterable<readonly string[]>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const channels of outcomes) {
    for (const [channel, credit] of outcomeShapleyCredits(channels)) totals.set(channel, (totals.get(channel) ?? 0) + credit);
  }
  return totals;
}

/** The worth function of Zhao et al.'s game: outcomes whose distinct channels all lie in the coalition. */
export function outcomesWithin(outcomes: readonly (readonly string[])[]): (coalition: ReadonlySet<string>) => number {
  return (coalition) => outcomes.filter((channels) => channels.length > 0 && channels.every((channel) => coalition.has(channel))).length;
}
