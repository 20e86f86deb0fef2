/**
 * LinkedIn member post analytics, sheet TOP POSTS (docs/formats.md#sheet-top-posts): the
 * workbook each ambassador exports from their own profile, or that sheet saved as CSV by
 * Excel.
 *
 * The sheet holds two tables side by side under one header row, `Post URL | Post publish
 * date | Engagements | (blank) | Post URL | Post publish date | Impressions`: the top 50
 * posts by engagements and, independently ranked, the top 50 by impressions. They are
 * merged here into one row per post URL; a post on one side only has null (unknown, not
 * 0) for the other side's metric.
 */
import { defineAdapter, normaliseHeader, type LocatedTable } from '../adapter.ts';
import { isBlank } from '../read/table.ts';
import type { Grid, GridRow } from '../read/grid.ts';
import { memberFileFacts, MEMBER_DERIVED_COLUMNS } from './member-file.ts';
import { linkedinMemberDaily } from './member-daily.ts';
import { memberDemographicsSheets } from './member-demographics.ts';
import { linkedinMemberDiscovery } from './member-discovery.ts';
import { linkedinMemberFollowers } from './member-followers.ts';
import { linkedinPostRef, linkedinPostUrl } from './post-urn.ts';

const URL_LABEL = 'post url';
const DATE_LABEL = 'post publish date';

/** One table of the header row: where its URL, date and metric columns are. */
interface Block {
  url: number;
  date: number | null;
  metrics: { label: string; index: number }[];
}

/** A post as merged from both tables: the first row it appears on, and its cells. */
interface MergedPost {
  line: number;
  url: string;
  date: string;
  metrics: Map<string, string>;
}

export const linkedinMemberPosts = defineAdapter({
  name: 'linkedin.member_posts',
  platform: 'linkedin',
  title: 'LinkedIn member post analytics (top posts)',
  signature: ['Post URL', 'Post publish date', ['Engagements', 'Impressions']],
  sheet: 'TOP POSTS',
  loader: 'papaparse',
  dateOrder: 'mdy',
  naturalKey: ['post_url'],
  columns: [
    { name: 'post_url', headers: ['Post URL'], type: 'text', required: true },
    { name: 'published_on', headers: ['Post publish date', 'Post Publish Date'], type: 'date' },
    { name: 'engagements', headers: ['Engagements'], type: 'integer' },
    { name: 'impressions', headers: ['Impressions'], type: 'integer' },
  ],
  derivedColumns: [...MEMBER_DERIVED_COLUMNS, { name: 'post_id', type: 'text' }, { name: 'post_urn', type: 'text' }],
  companions: [linkedinMemberDaily, linkedinMemberDiscovery, linkedinMemberFollowers, ...memberDemographicsSheets],
  fileFacts: memberFileFacts,
  locateTable: locateTopPosts,
  transformRow(row) {
    const ref = linkedinPostRef(row.post_url as string);
    return { ...row, post_url: linkedinPostUrl(row.post_url as string), post_id: ref?.id ?? null, post_urn: ref?.urn ?? null };
  },
});

/**
 * Finds the TOP POSTS header (the first row with a `Post URL` cell and a metric), splits
 * it into its side-by-side tables, and merges their rows by post URL into one table with
 * the header `Post URL | Post publish date | <each metric>`.
 */
export function locateTopPosts(grid: Grid): LocatedTable | null {
  const headerIndex = grid.rows.slice(0, 40).findIndex((row) => splitBlocks(row.cells).some((block) => block.metrics.length > 0));
  if (headerIndex < 0) return null;
  const headerRow = grid.rows[headerIndex]!;
  const blocks = splitBlocks(headerRow.cells);
  const metricLabels = [...new Set(blocks.flatMap((block) => block.metrics.map((metric) => metric.label)))];

  const posts: MergedPost[] = [];
  for (const row of grid.rows.slice(headerIndex + 1)) {
    if (isBlank(row.cells)) continue;
    for (const block of blocks) mergeBlockCells(posts, block, row);
  }
  return {
    header: ['Post URL', 'Post publish date', ...metricLabels],
    headerLine: headerRow.line,
    rows: posts.map((post) => ({
      line: post.line,
      cells: [post.url, post.date, ...metricLabels.map((label) => post.metrics.get(label) ?? '')],
    })),
    skipped: 0,
    preamble: grid.rows.slice(0, headerIndex).map((row) => row.cells.filter((cell) => cell !== '').join(',')),
  };
}

/** The tables of a header row: each starts at a `Post URL` cell and takes the labelled cells up to the next one. */
function splitBlocks(cells: readonly string[]): Block[] {
  const blocks: Block[] = [];
  cells.forEach((cell, index) => {
    const label = normaliseHeader(cell);
    if (label === URL_LABEL) blocks.push({ url: index, date: null, metrics: [] });
    else if (label === '' || blocks.length === 0) return;
    else if (label === DATE_LABEL) blocks.at(-1)!.date ??= index;
    else blocks.at(-1)!.metrics.push({ label: cell.replace(/\s+/g, ' ').trim(), index });
  });
  return blocks;
}

/**
 * Adds one table's cells of a row to the merged posts: to the post with that URL that
 * has none of this table's metrics yet, or as a new post. A URL twice in one table thus
 * stays two rows, and the loader rejects the second as a repeated key.
 */
function mergeBlockCells(posts: MergedPost[], block: Block, row: GridRow): void {
  const cell = (index: number | null) => (index === null ? '' : (row.cells[index] ?? '').trim());
  const url = cell(block.url);
  const date = cell(block.date);
  const metrics = block.metrics.map((metric) => [metric.label, cell(metric.index)] as const);
  if (url === '' && date === '' && metrics.every(([, value]) => value === '')) return;
  let post = url === '' ? undefined : posts.find((one) => one.url === url && metrics.every(([label]) => !one.metrics.has(label)));
  if (!post) {
    post = { line: row.line, url, date, metrics: new Map() };
    posts.push(post);
  }
  if (post.date === '') post.date = date;
  for (const [label, value] of metrics) post.metrics.set(label, value);
}
