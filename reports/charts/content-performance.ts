/**
 * Content performance by type: the share rate of each content type (bars), with shares,
 * impressions, engagement rate and credited outcomes in the tooltip, from
 * `marts.content_performance_by_type` (its `content_type` rows).
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, num } from '../format.ts';
import type { ContentPerformanceByTypeRow } from '../marts.ts';
import { contentTypeTitle, type ContentTypeFacts } from '../narrative/program.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export function contentTypeRows(rows: readonly ContentPerformanceByTypeRow[]): ContentPerformanceByTypeRow[] {
  return rows.filter((row) => row.dimension === 'content_type').sort((a, b) => num(b.share_rate) - num(a.share_rate) || compareText(a.value, b.value));
}

/** `job_post` → `Job post`. */
function typeName(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function contentTypeFacts(rows: readonly ContentPerformanceByTypeRow[]): ContentTypeFacts {
  const types = contentTypeRows(rows).filter((row) => row.share_rate !== null);
  const rates = types.map((row) => num(row.share_rate));
  const at = (rate: number) => ({ types: types.filter((row) => num(row.share_rate) === rate).map((row) => typeName(row.value)), shareRate: rate });
  return {
    types: types.length,
    best: types.length > 0 ? at(Math.max(...rates)) : null,
    worst: types.length > 0 ? at(Math.min(...rates)) : null,
    unshared: contentTypeRows(rows).reduce((sum, row) => sum + num(row.items_unshared), 0),
  };
}

export function contentPerformanceChart(rows: readonly ContentPerformanceByTypeRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const values = contentTypeRows(rows).map((row) => ({
    type: typeName(row.value),
    share_rate: row.share_rate,
    items: num(row.items),
    items_unshared: num(row.items_unshared),
    shares: num(row.shares),
    impressions: row.impressions,
    engagement_rate: row.engagement_rate,
    clicks: num(row.clicks),
    outcomes: num(row.outcomes_credited),
  }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      contentTypeTitle(contentTypeFacts(rows), format),
      t({
        en: 'Share rate per content type: of the ambassadors eligible to share an item of the type, the share who did.',
        da: 'Delingsrate pr. indholdstype: andelen af de ambassadører, der kunne dele et emne af typen, som gjorde det.',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 160,
    height: { step: SIZES.barStep },
    data: { values },
    mark: { type: 'bar', color: PALETTE.green },
    encoding: {
      y: { field: 'type', type: 'nominal', sort: values.map((datum) => datum.type), title: null },
      x: { field: 'share_rate', type: 'quantitative', title: t({ en: 'Share rate', da: 'Delingsrate' }), axis: { format: '.0%' } },
      tooltip: [
        { field: 'type', type: 'nominal', title: t({ en: 'Type', da: 'Type' }) },
        { field: 'share_rate', type: 'quantitative', format: '.0%', title: t({ en: 'Share rate', da: 'Delingsrate' }) },
        { field: 'items', type: 'quantitative', title: t({ en: 'Items', da: 'Emner' }) },
        { field: 'items_unshared', type: 'quantitative', title: t({ en: 'Not shared', da: 'Ikke delt' }) },
        { field: 'shares', type: 'quantitative', title: t({ en: 'Shares', da: 'Delinger' }) },
        { field: 'impressions', type: 'quantitative', format: ',.0f', title: t({ en: 'Impressions', da: 'Visninger' }) },
        { field: 'engagement_rate', type: 'quantitative', format: '.1%', title: t({ en: 'Engagement rate', da: 'Engagementsrate' }) },
        { field: 'outcomes', type: 'quantitative', format: ',.1f', title: t({ en: 'Credited outcomes', da: 'Krediterede resultater' }) },
      ],
    },
  };
}
