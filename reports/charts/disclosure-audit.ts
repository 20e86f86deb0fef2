/**
 * The disclosure audit: audited posts per platform, stacked by status (compliant, not
 * compliant, unknown), from `marts.disclosure_by_platform`; the follow-up list is a table.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat } from '../format.ts';
import { DISCLOSURE_STATUS_NAMES, nameOf, PLATFORM_NAMES } from '../i18n.ts';
import type { DisclosureByPlatformRow, DisclosureFollowupRow } from '../marts.ts';
import { disclosureTitle, type DisclosureFacts } from '../narrative/program.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

const STATUSES = ['non_compliant', 'unknown', 'compliant'];

export interface DisclosureDatum {
  /** The platform's name (`LinkedIn`), as the report writes it. */
  platform: string;
  status: string;
  status_name: string;
  status_order: number;
  posts: number;
}

export function disclosureData(rows: readonly DisclosureByPlatformRow[], language: 'en' | 'da' = 'en'): DisclosureDatum[] {
  return rows
    .map((row) => ({
      platform: nameOf(PLATFORM_NAMES, row.platform, { language }),
      status: row.status,
      status_name: nameOf(DISCLOSURE_STATUS_NAMES, row.status, { language }),
      status_order: STATUSES.indexOf(row.status) === -1 ? STATUSES.length : STATUSES.indexOf(row.status),
      posts: row.posts,
    }))
    .sort((a, b) => compareText(a.platform, b.platform) || a.status_order - b.status_order);
}

export function disclosureFacts(rows: readonly DisclosureByPlatformRow[], followup: readonly DisclosureFollowupRow[]): DisclosureFacts {
  const posts = (status?: string) => rows.filter((row) => status === undefined || row.status === status).reduce((total, row) => total + row.posts, 0);
  return {
    posts: posts(),
    nonCompliant: posts('non_compliant'),
    unknown: posts('unknown'),
    ambassadorsToFollowUp: followup.filter((row) => row.needs_follow_up).length,
  };
}

export function disclosureAuditChart(
  rows: readonly DisclosureByPlatformRow[],
  followup: readonly DisclosureFollowupRow[] = [],
  options: ChartOptions = {},
): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const values = disclosureData(rows, format.language);
  const names = STATUSES.map((status) => nameOf(DISCLOSURE_STATUS_NAMES, status, format));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      disclosureTitle(disclosureFacts(rows, followup), format),
      t({
        en: 'Audited posts per platform by disclosure status: on LinkedIn a headline naming the employer or a disclosing post suffices; on Facebook the post itself must disclose.',
        da: 'Gennemgåede opslag pr. platform efter status: på LinkedIn er en overskrift, der nævner arbejdsgiveren, eller et opslag, der oplyser det, nok; på Facebook skal selve opslaget oplyse det.',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 160,
    height: { step: SIZES.barStep * 2 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'platform', type: 'nominal', title: null },
      x: { field: 'posts', type: 'quantitative', stack: 'zero', title: t({ en: 'Posts (count)', da: 'Opslag (antal)' }) },
      color: { field: 'status_name', type: 'nominal', title: null, scale: { domain: names, range: [PALETTE.vermillion, PALETTE.grey, PALETTE.green] } },
      order: { field: 'status_order', type: 'quantitative' },
      tooltip: [
        { field: 'platform', type: 'nominal', title: t({ en: 'Platform', da: 'Platform' }) },
        { field: 'status_name', type: 'nominal', title: t({ en: 'Status', da: 'Status' }) },
        { field: 'posts', type: 'quantitative', title: t({ en: 'Posts', da: 'Opslag' }) },
      ],
    },
  };
}
