/**
 * The reference the Shapley attribution model is tested against: `shapleyValues` is the
 * textbook formula over every coalition (2^n worth evaluations; small n only), and
 * `outcomesWithin` the game whose worth of a set of channels S is the number of outcomes
 * whose distinct channels all lie in S. The SQL model
 * models/core/attribution/channel_credits_by_path_model.sql computes its Shapley values
 * in the simplified form of Zhao, Mahboobi and Bagheri (2018), "Shapley Value Methods for
 * Attribution Modeling in Online Advertising" (the game is a sum of unanimity games, one
 * per outcome, so each outcome gives 1/k to each of its k distinct channels).
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

/** The worth function of Zhao et al.'s game: outcomes whose distinct channels all lie in the coalition. */
export function outcomesWithin(outcomes: readonly (readonly string[])[]): (coalition: ReadonlySet<string>) => number {
  return (coalition) => outcomes.filter((channels) => channels.length > 0 && channels.every((channel) => coalition.has(channel))).length;
}
