/**
 * The Markov model's removal effects: per channel, the share of conversions lost when
 * the channel is removed (bars), from `marts.markov_removal_effects` (program granularity
 * when the mart has both).
 */
import type { TopLevelSpec } from 'vega-lite';
import { compareText, createFormat } from '../format.ts';
import { OUTCOME_KIND_NAMES } from '../i18n.ts';
import type { MarkovRemovalEffectRow } from '../marts.ts';
import { removalEffectTitle, type RemovalEffectFacts } from '../narrative/attribution.ts';
import { chartTheme, chartTitle, PALETTE, SIZES, VEGA_LITE_SCHEMA, type ChartOptions } from './theme.ts';

/** The chain the chart shows: program granularity when the mart has it, and every outcome kind together when it has that. */
function shownChain(rows: readonly MarkovRemovalEffectRow[]): { granularity: string | null; kind: string | null } {
  const granularities = new Set(rows.map((row) => row.granularity ?? null));
  const granularity = granularities.has('program') ? 'program' : ([...granularities][0] ?? null);
  const kinds = new Set(rows.map((row) => row.outcome_kind ?? null));
  return { granularity, kind: kinds.has('all') ? 'all' : ([...kinds].sort()[0] ?? null) };
}

export function removalEffectRows(rows: readonly MarkovRemovalEffectRow[]): MarkovRemovalEffectRow[] {
  const chain = shownChain(rows);
  return rows
    .filter((row) => (row.granularity ?? null) === chain.granularity && (row.outcome_kind ?? null) === chain.kind)
    .sort((a, b) => b.removal_effect - a.removal_effect || compareText(a.channel, b.channel));
}

export function removalEffectFacts(rows: readonly MarkovRemovalEffectRow[]): RemovalEffectFacts {
  const chain = shownChain(rows);
  const sorted = removalEffectRows(rows);
  const top = sorted[0];
  // The pooled chain counts the kinds that have chains of their own at the same granularity.
  const counted = new Set(
    chain.kind === 'all' ? rows.filter((row) => (row.granularity ?? null) === chain.granularity).map((row) => row.outcome_kind) : [chain.kind],
  );
  return {
    top: top ? { channel: top.channel, effect: top.removal_effect, share: top.share ?? null } : null,
    channels: sorted.length,
    outcomeKinds: Object.keys(OUTCOME_KIND_NAMES).filter((kind) => counted.has(kind)),
  };
}

export function removalEffectsChart(rows: readonly MarkovRemovalEffectRow[], options: ChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const t = format.t;
  const values = removalEffectRows(rows)
    .slice(0, 20)
    .map((row) => ({ channel: row.channel, removal_effect: row.removal_effect, share: row.share ?? null }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(
      removalEffectTitle(removalEffectFacts(rows), format),
      t({
        en: 'Markov chain removal effect per channel: 1 − P(conversion without the channel) / P(conversion), computed exactly (up to 20 channels).',
        da: 'Markov-kædens fjernelseseffekt pr. kanal: 1 − P(konvertering uden kanalen) / P(konvertering), beregnet eksakt (op til 20 kanaler).',
      }),
    ),
    config: chartTheme(options),
    width: SIZES.width - 160,
    height: { step: SIZES.barStep },
    data: { values },
    mark: { type: 'bar', color: PALETTE.vermillion },
    encoding: {
      y: { field: 'channel', type: 'nominal', sort: values.map((datum) => datum.channel), title: null, axis: { labelLimit: 220 } },
      x: {
        field: 'removal_effect',
        type: 'quantitative',
        title: t({ en: 'Removal effect (share of outcomes lost)', da: 'Fjernelseseffekt (andel resultater tabt)' }),
        axis: { format: '.0%' },
      },
      tooltip: [
        { field: 'channel', type: 'nominal', title: t({ en: 'Channel', da: 'Kanal' }) },
        { field: 'removal_effect', type: 'quantitative', format: '.1%', title: t({ en: 'Removal effect', da: 'Fjernelseseffekt' }) },
        { field: 'share', type: 'quantitative', format: '.1%', title: t({ en: 'Share of Markov credit', da: 'Andel af Markov-kredit' }) },
      ],
    },
  };
}
