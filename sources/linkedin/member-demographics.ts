/**
 * LinkedIn member post analytics, sheet DEMOGRAPHICS (docs/formats.md#sheet-demographics):
 * the top values of the member's audience per dimension, each with its share of the
 * audience.
 *
 *     Top Demographics | Value                    | Percentage
 *     Company          | A fictional organization | < 1%
 *     Job title        | Software Engineer        | 2%
 *
 * Quirks handled here:
 * - Dimension labels are singular in 2026 files (`Job title`, `Industry`, `Location`,
 *   `Company`, `Seniority`, `Company size`) and plural in older ones (`Job titles`,
 *   `Locations`, `Industries`, `Companies`): both become the snake_case singular
 *   (`job_title`). A label not known is kept in snake_case rather than rejected, since
 *   LinkedIn adds dimensions now and then.
 * - Shares are percent strings, and a small one is only bounded: `2%` is 0.02 exactly,
 *   `< 1%` anything from 0 to 0.01. Both bounds are kept as fractions (`share_low`,
 *   `share_high`); a numeric cell (0.02) is a fraction already.
 * - One 2026 version splits the sheet in two with the same layout, `AUDIENCE
 *   DEMOGRAPHICS` and `CONTENT DEMOGRAPHICS`. Both load, told apart by `section`
 *   (`audience`, `content`); the plain DEMOGRAPHICS sheet is the audience. A sheet saved
 *   alone as CSV is the audience unless its file name names the content sheet.
 *
 * The shared loader gives an adapter one sheet, so each of the three sheet names has its
 * own reader here; they land in the one raw table, and each reads its own sheet only (a
 * reader whose sheet is missing finds nothing, and the workbook loads without it). The
 * shares are as of the end of the export's period as the file name gives it; a reader
 * sees one sheet only, so not DISCOVERY's period, and a name without dates leaves it null.
 */
import { defineAdapter, normaliseHeader, rejectRow, type Adapter } from '../adapter.ts';
import { locateTable } from '../read/table.ts';
import { parseNumber } from '../read/values.ts';
import { memberFileFacts, MEMBER_DERIVED_COLUMNS } from './member-file.ts';

export type DemographicsSection = 'audience' | 'content';

/** Dimension labels of both generations → the canonical dimension. */
const DIMENSIONS: Record<string, string> = {
  'job title': 'job_title',
  'job titles': 'job_title',
  industry: 'industry',
  industries: 'industry',
  location: 'location',
  locations: 'location',
  company: 'company',
  companies: 'company',
  seniority: 'seniority',
  seniorities: 'seniority',
  'company size': 'company_size',
  'company sizes': 'company_size',
};

/** A CSV file name naming the CONTENT DEMOGRAPHICS sheet: that sheet saved alone. */
const CONTENT_SHEET = /content[\s_-]*demographics/i;

function demographicsSheet(sheet: string, sectionOf: (fileName: string) => DemographicsSection): Adapter {
  const adapter: Adapter = defineAdapter({
    name: 'linkedin.member_demographics',
    platform: 'linkedin',
    title: 'LinkedIn member audience demographics',
    signature: ['Top Demographics', 'Value', 'Percentage'],
    sheet,
    loader: 'papaparse',
    // One value of one dimension per section; across files, per member.
    naturalKey: ['folder_name', 'member_name', 'section', 'dimension', 'value'],
    columns: [
      { name: 'dimension_label', headers: ['Top Demographics'], type: 'text', required: true },
      { name: 'value', headers: ['Value'], type: 'text', required: true },
      { name: 'percentage', headers: ['Percentage'], type: 'text', required: true },
    ],
    derivedColumns: [
      ...MEMBER_DERIVED_COLUMNS,
      { name: 'section', type: 'text' },
      { name: 'dimension', type: 'text' },
      { name: 'share_low', type: 'number' },
      { name: 'share_high', type: 'number' },
    ],
    fileFacts(file) {
      const facts = memberFileFacts(file);
      return { ...facts, values: { ...facts.values, section: sectionOf(file.fileName) } };
    },
    // A CSV has no sheet name; a workbook's sheet must be this reader's own.
    locateTable: (grid) => (!grid.sheet || normaliseHeader(grid.sheet) === normaliseHeader(sheet) ? locateTable(grid, adapter) : null),
    transformRow(row) {
      const written = row.percentage as string;
      const share = shareBounds(written);
      if (!share) return rejectRow(`"${written}" in Percentage is not a share such as 2%, < 1% or 0.02`, 'percentage', written);
      return { ...row, dimension: dimensionName(row.dimension_label as string), share_low: share.low, share_high: share.high };
    },
  });
  return adapter;
}

/** The plain DEMOGRAPHICS sheet, and the demographics sheet saved alone as CSV. */
export const linkedinMemberDemographics = demographicsSheet('DEMOGRAPHICS', (fileName) => (CONTENT_SHEET.test(fileName) ? 'content' : 'audience'));

/** Every demographics sheet a member workbook may have; all load with it. */
export const memberDemographicsSheets: readonly Adapter[] = [
  linkedinMemberDemographics,
  demographicsSheet('AUDIENCE DEMOGRAPHICS', () => 'audience'),
  demographicsSheet('CONTENT DEMOGRAPHICS', () => 'content'),
];

/** `Job titles` and `Job title` → `job_title`; an unknown label → its snake_case. */
export function dimensionName(label: string): string {
  const key = normaliseHeader(label);
  return DIMENSIONS[key] ?? key.replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '');
}

/**
 * A share as LinkedIn writes it → its bounds as fractions: `2%` → 0.02 to 0.02, `< 1%` →
 * 0 to 0.01, `> 50%` → 0.5 to 1, a fraction `0.02` → 0.02 to 0.02. Null for anything
 * else, and for more than 100%.
 */
export function shareBounds(text: string): { low: number; high: number } | null {
  const match = /^\s*([<>])?\s*(\d[\d.,]*)\s*(%?)\s*$/.exec(text);
  if (!match) return null;
  const number = parseNumber(match[2]!);
  if (number === null) return null;
  const share = match[3] === '%' ? number / 100 : number;
  if (share > 1) return null;
  if (match[1] === '<') return { low: 0, high: share };
  if (match[1] === '>') return { low: share, high: 1 };
  return { low: share, high: share };
}
