/**
 * The pure, costly steps of the marts that `mapInParallel` (parallel.ts) may run on worker
 * threads: each takes one plain-data input (what a worker can be sent) and returns
 * plain data. The same functions run in this thread when the work is too small to share.
 */
import { auditPost, type AuditResult, type DisclosureRules } from './disclosure/audit.ts';
import { bootstrapMeanDifference } from './statistics/bootstrap.ts';
import { PermutationTest, type PermutationSnapshot } from './statistics/permutation.ts';
import { seededRandom } from './statistics/random.ts';
import { estimateResampling, type ResamplingOptions, type RoiResampling } from './statistics/roi-table.ts';

/** About how long one value drawn by a resampling takes (a bootstrap's or a permutation's), for `mapInParallel`'s estimate. */
export const MILLISECONDS_PER_DRAW = 1e-5;
/** About how long the disclosure audit of one post takes. */
export const MILLISECONDS_PER_AUDIT = 0.02;

/** A post as the disclosure audit reads it. */
export interface AuditedPost {
  post_text: string | null;
  linkedin_headline: string | null;
  platform: string;
}

/** Two groups' values compared (marts.cohort_comparison): the streams' seed and key, and the draws to make. */
export interface GroupComparisonInput {
  a: number[];
  b: number[];
  seed: number;
  key: string;
  bootstrapSamples: number;
  level: number;
  permutations: number;
}

export interface GroupComparison {
  interval: [number, number] | null;
  /** The permutation test after its first draws, and the state of its stream, to draw on from. */
  permutation: PermutationSnapshot & { state: number };
}

export const tasks = {
  /** The ROIs of one period's resampling (roi-table.ts). */
  roiResampling: ({ resampling, options }: { resampling: RoiResampling; options: ResamplingOptions }) => estimateResampling(resampling, options),
  /** The disclosure verdicts of a run of posts (disclosure/audit.ts). */
  disclosureVerdicts: ({ posts, rules }: { posts: AuditedPost[]; rules: DisclosureRules }): AuditResult[] =>
    posts.map((post) => auditPost(post.post_text, post.linkedin_headline, post.platform, rules)),
  /**
   * The costly part of comparing two groups: the bootstrap interval of the difference in
   * means and the permutation test's first draws, each from its own stream (`<key>|bootstrap`,
   * `<key>|permutation`).
   */
  groupComparison: ({ a, b, seed, key, bootstrapSamples, level, permutations }: GroupComparisonInput): GroupComparison => {
    const interval = bootstrapMeanDifference(a, b, bootstrapSamples, seededRandom(seed, `${key}|bootstrap`), level);
    const random = seededRandom(seed, `${key}|permutation`);
    const test = new PermutationTest(a, b, random);
    test.draw(permutations);
    return { interval, permutation: { ...test.snapshot(), state: random.state } };
  },
};

export type Tasks = typeof tasks;
