/**
 * LinkedIn data archive `Shares.csv` (docs/formats.md#linkedin-member-sharescsv): every
 * post a member made, with its text and links but no metrics.
 * `Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility` (2021 files: `SharedURL`,
 * `MediaURL`). The file does not name the member: the folder it is dropped in does (an
 * ambassador's id, or a name resolved by alias).
 *
 * Quirks handled here:
 * - `ShareLink` is URL-encoded (`…/urn%3Ali%3Ashare%3A7345…`): it is decoded, and the
 *   post's id and URN are taken from it.
 * - A post with several media has one row per `MediaUrl`, each with the same
 *   `ShareLink`: the rows are collapsed into the first, with every media URL in
 *   `media_urls` (a JSON array). That is one post, not a repeated key.
 * - Multi-line commentary is written with every line break as `"\n"` inside the quoted
 *   field, so after a correct CSV parse each line still carries literal quotes: the
 *   first line a trailing one, inner lines both, the last line a leading one (and an
 *   empty line reads `""`). See `unwrapCommentary` for what can and cannot be undone.
 * - `Date` has no zone; it is read as UTC (inferred, not documented).
 */
import { defineAdapter, normaliseHeader, type LocatedTable } from '../adapter.ts';
import { locateTable } from '../read/table.ts';
import type { Grid } from '../read/grid.ts';
import { decodeUrl, linkedinPostRef, linkedinUrn } from './post-urn.ts';

/** Separates the gathered media URLs inside the `MediaUrl` cell between locating and `transformRow`; URLs never hold a line break. */
const MEDIA_SEPARATOR = '\n';

export const linkedinMemberShares = defineAdapter({
  name: 'linkedin.member_shares',
  platform: 'linkedin',
  title: 'LinkedIn data archive Shares.csv',
  signature: ['Date', 'ShareLink', 'ShareCommentary'],
  loader: 'papaparse',
  naturalKey: ['share_link'],
  columns: [
    { name: 'shared_at', headers: ['Date'], type: 'timestamp', required: true, timezone: 'UTC' },
    { name: 'share_link', headers: ['ShareLink'], type: 'text', required: true },
    { name: 'commentary', headers: ['ShareCommentary'], type: 'text' },
    { name: 'shared_url', headers: ['SharedUrl', 'SharedURL'], type: 'text' },
    { name: 'media_url', headers: ['MediaUrl', 'MediaURL'], type: 'text' },
    { name: 'visibility', headers: ['Visibility'], type: 'text' },
  ],
  derivedColumns: [
    { name: 'folder_name', type: 'text' },
    { name: 'post_id', type: 'text' },
    { name: 'post_urn', type: 'text' },
    { name: 'media_urls', type: 'text' },
  ],
  fileFacts: (file) => ({ values: { folder_name: file.folderName.trim() === '' ? null : file.folderName } }),
  locateTable: (grid) => collapseMediaRows(grid),
  transformRow(row) {
    const link = decodeUrl(row.share_link as string);
    const media =
      row.media_url === null
        ? []
        : String(row.media_url)
            .split(MEDIA_SEPARATOR)
            .filter((url) => url !== '');
    return {
      ...row,
      share_link: link,
      commentary: row.commentary === null ? null : unwrapCommentary(row.commentary as string),
      media_url: media[0] ?? null,
      media_urls: media.length > 0 ? JSON.stringify(media) : null,
      post_id: linkedinPostRef(link)?.id ?? null,
      post_urn: linkedinUrn(link),
    };
  },
});

/**
 * The shared table rule, then one row per `ShareLink`: a later row with the same link
 * adds its `MediaUrl` to the first row and is dropped.
 */
function collapseMediaRows(grid: Grid): LocatedTable | null {
  const table = locateTable(grid, linkedinMemberShares);
  if (!table) return null;
  const header = table.header.map(normaliseHeader);
  const linkAt = header.indexOf('sharelink');
  const mediaAt = header.indexOf('mediaurl');
  if (linkAt < 0) return table;
  const first = new Map<string, string[]>();
  const rows = [];
  for (const row of table.rows) {
    const link = decodeUrl((row.cells[linkAt] ?? '').trim());
    const kept = link === '' ? undefined : first.get(link);
    const media = mediaAt < 0 ? '' : (row.cells[mediaAt] ?? '').trim();
    if (kept) {
      if (media !== '' && !kept.includes(media)) kept.push(media);
      continue;
    }
    const cells = [...row.cells];
    const gathered = media === '' ? [] : [media];
    if (link !== '') first.set(link, gathered);
    rows.push({ line: row.line, cells, gathered });
  }
  return {
    ...table,
    rows: rows.map(({ line, cells, gathered }) => {
      if (mediaAt >= 0) cells[mediaAt] = gathered.join(MEDIA_SEPARATOR);
      return { line, cells };
    }),
  };
}

/**
 * Undoes the archive's per-line quoting of multi-line commentary. The exporter writes
 * each line break of the post as `"` + break + `"`, so the text reads
 * `first line"\n"inner line"\n""\n"last line`. When every line break in the text is
 * wrapped that way, the wrapping is removed exactly: the first line loses one trailing
 * quote, inner lines one at each end (a `""` line becomes empty), the last line one
 * leading quote, and the post's own quote marks, which the exporter does not change,
 * survive, even at the start or end of a line. When any break is not wrapped, the
 * file does not follow that scheme (an edited file, another exporter version) and the
 * text is left exactly as read, stray quotes and all: which quotes are the post's own
 * cannot then be told. Single-line text is never changed. A trailing line break of the
 * post itself is not kept (the loader trims every value).
 */
export function unwrapCommentary(text: string): string {
  const breaks = text.match(/\r?\n/g)?.length ?? 0;
  if (breaks === 0) return text;
  const wrapped = text.match(/"\r?\n"/g)?.length ?? 0;
  if (wrapped !== breaks) return text;
  return text
    .replace(/"(\r?\n)"/g, '$1')
    .replace(/\r\n/g, '\n')
    .trim();
}
