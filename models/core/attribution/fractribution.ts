/**
 * Fractribution (github.com/google/fractribution, `py/fractribution.py`,
 * `run_shapley_attribution`) as pure numbers: path counts in, credits out.
 *
 * Paths are first "exposure"-transformed: repeats of a channel in a row collapse into
 * one touch. A path's conversion probability is conversions / (conversions +
 * non-conversions) among identical paths (0 for a path never seen). The credit of the
 * touch at position i is the drop in that probability when the touch is left out (the
 * path without position i, not collapsed again, as Google's code does), floored at 0;
 * the credits are normalised to sum to 1; when all are 0 the last touch gets 1; a
 * one-touch path gives its touch 1. A channel's credit is the sum over its positions.
 */

export interface PathCounts {
  conversions: number;
  nonConversions: number;
}

/** Collapses repeats of a channel in a row: [D, A, B, B, C, D, C, C] -> [D, A, B, C, D, C]. */
export function exposurePath(channels: readonly string[]): string[] {
  return channels.filter((channel, index) => index === 0 || channel !== channels[index - 1]);
}

/** conversions / (conversions + non-conversions), 0 for an unseen or empty path. */
export function conversionProbability(counts: PathCounts | undefined): number {
  if (!counts) return 0;
  const total = counts.conversions + counts.nonConversions;
  return total > 0 ? counts.conversions / total : 0;
}

/**
 * Each position's counterfactual marginal contribution (before normalising): the
 * path's probability minus the probability of the path without that position, floored
 * at 0; a one-touch path's is its own probability.
 */
export function marginalContributions(path: readonly string[], probabilityOf: (path: readonly string[]) => number): number[] {
  if (path.length === 0) return [];
  const probability = probabilityOf(path);
  if (path.length === 1) return [probability];
  return path.map((_, index) => Math.max(0, probability - probabilityOf([...path.slice(0, index), ...path.slice(index + 1)])));
}

/** The credit of each channel of one (exposure-transformed) converting path; sums to 1. */
export function fractributionCredits(path: readonly string[], probabilityOf: (path: readonly string[]) => number): Map<string, number> {
  const credits = new Map<string, number>();
  if (path.length === 0) return credits;
  const contributions = marginalContributions(path, probabilityOf);
  const total = contributions.reduce((sum, value) => sum + value, 0);
  const weights = total > 0 ? contributions.map((value) => value / total) : contributions.map((_, index) => (index === path.length - 1 ? 1 : 0));
  for (const [index, channel] of path.entries()) credits.set(channel, (credits.get(channel) ?? 0) + weights[index]!);
  return credits;
}

/** Credits for every converting path of a path table keyed by `key(path)`. */
export function fractribution(
  paths: ReadonlyMap<string, PathCounts & { channels: readonly string[] }>,
  key: (path: readonly string[]) => string,
): Map<string, Map<string, number>> {
  const probabilityOf = (path: readonly string[]) => conversionProbability(paths.get(key(path)));
  const result = new Map<string, Map<string, number>>();
  for (const [pathKey, counts] of paths) {
    if (counts.conversions > 0) result.set(pathKey, fractributionCredits(counts.channels, probabilityOf));
  }
  return result;
}
