/**
 * The ten content items that brought the most credited outcomes (then clicks), as
 * horizontal bars with their share rate in the tooltip, from `marts.content_performance`.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat, num } from '../format.ts';
import type { ContentPerformanceRow } from '../marts.ts';
import { topContentTitle, type TopContentFacts } from '../narrative/leadership.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

export interface TopContentDatum {
  content_id: string;
  /** The title, with the id when two shown items share one, cut to 60 characters. */
  item: string;
  content_type: string;
  outcomes: number;
  clicks: number;
  shares: number;
  share_rate: number | null;
  impressions: number | null;
}

function ranked(rows: readonly ContentPerformanceRow[]): ContentPerformanceRow[] {
  return rows
    .filter((row) => num(row.shares) > 0)
    .sort((a, b) => num(b.outcomes_credited) - num(a.outcomes_credited) || num(b.clicks) - num(a.clicks) || compareText(a.content_id, b.content_id));
}

function shorten(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function topContentData(rows: readonly ContentPerformanceRow[], limit = 10): TopContentDatum[] {
  const top = ranked(rows).slice(0, limit);
  const titles = new Map<string, number>();
  for (const row of top) titles.set(row.title ?? row.content_id, (titles.get(row.title ?? row.content_id) ?? 0) + 1);
  return top.map((row) => {
    const title = row.title ?? row.content_id;
    return {
      content_id: row.content_id,
      item: shorten((titles.get(title) ?? 0) > 1 ? `${title} (${row.content_id})` : title),
      content_type: row.content_type ?? '',
      outcomes: num(row.outcomes_credited),
      clicks: num(row.clicks),
      shares: num(row.shares),
      share_rate: row.share_rate,
      impressions: row.impressions,
    };
  });
}

export function topContentFacts(rows: readonly ContentPerformanceRow[]): TopContentFacts {
  const top = ranked(rows)[0];
  return {
    items: rows.length,
    shared: rows.filter((row) => num(row.shares) > 0).length,
    top: top ? { title: shorten(top.title ?? top.content_id), outcomes: num(top.outcomes_credited), clicks: num(top.clicks) } : null,
    outcomes: rows.reduce((sum, row) => sum + num(row.outcomes_credited), 0),
  };
}

export function topContentChart(rows: readonly ContentPerformanceRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const values = topContentData(rows);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      topContentTitle(topContentFacts(rows), format),
      t({
        en: 'The 10 content items with the most outcomes credited to ambassadors’ shares of them (then the most clicks).',
        da: 'De 10 indholdsemner med flest resultater krediteret ambassadørernes delinger af dem (derefter flest klik).',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 180,
    height: { step: SIZES.barStep },
    data: { values },
    mark: { type: 'bar', color: PALETTE.green },
    encoding: {
      y: { field: 'item', type: 'nominal', sort: values.map((datum) => datum.item), title: null, axis: { labelLimit: 320 } },
      x: { field: 'outcomes', type: 'quantitative', title: t({ en: 'Credited outcomes (count)', da: 'Krediterede resultater (antal)' }) },
      tooltip: [
        { field: 'item', type: 'nominal', title: t({ en: 'Item', da: 'Indhold' }) },
        { field: 'content_type', type: 'nominal', title: t({ en: 'Type', da: 'Type' }) },
        { field: 'outcomes', type: 'quantitative', format: ',.1f', title: t({ en: 'Outcomes', da: 'Resultater' }) },
        { field: 'clicks', type: 'quantitative', format: ',.0f', title: t({ en: 'Clicks', da: 'Klik' }) },
        { field: 'shares', type: 'quantitative', format: ',.0f', title: t({ en: 'Shares', da: 'Delinger' }) },
        { field: 'share_rate', type: 'quantitative', format: '.0%', title: t({ en: 'Share rate', da: 'Delingsrate' }) },
      ],
    },
  };
}
