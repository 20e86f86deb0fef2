/**
 * Value by component, program to date: a waterfall that climbs through the value
 * components (EMV, then outcomes' value), steps down through the cost components, and
 * ends with the net, from `marts.roi_by_period` (the program-to-date row of one model).
 */
import type { TopLevelSpec } from 'vega-lite';
import { roiPeriods, type RoiPeriod } from '../contracts.ts';
import { createFormat } from '../format.ts';
import { COMPONENT_NAMES, nameOf } from '../i18n.ts';
import type { RoiByPeriodRow } from '../marts.ts';
import { waterfallTitle, type WaterfallFacts } from '../narrative/roi.ts';
import { barChartSpec, chartTitle, WATERFALL_COLORS } from './theme.ts';
import type { RoiChartOptions } from './roi-by-period.ts';

/** One bar of the waterfall: it spans `start` to `end`. */
export interface WaterfallDatum {
  step: number;
  label: string;
  /** `value`, `cost` or `net`. */
  kind: string;
  amount: number;
  start: number;
  end: number;
}

/** Value components first (EMV first, then the largest), costs next (the largest first). */
function ordered(components: readonly RoiPeriod['components'][number][], kind: 'value' | 'cost') {
  return components
    .filter((component) => component.kind === kind && component.amount !== 0)
    .sort((a, b) => Number(b.key === 'emv') - Number(a.key === 'emv') || b.amount - a.amount || a.key.localeCompare(b.key));
}

/** The program-to-date period of the model (else the sum of its months is not taken: the mart's own total is the figure). */
export function waterfallPeriod(rows: readonly RoiByPeriodRow[], model = 'last_touch'): RoiPeriod | null {
  return roiPeriods(rows).find((period) => period.model === model && period.kind === 'to_date') ?? null;
}

export function waterfallFacts(rows: readonly RoiByPeriodRow[], model = 'last_touch'): WaterfallFacts {
  const period = waterfallPeriod(rows, model);
  return { value: period?.value ?? 0, cost: period?.cost ?? 0, components: period?.components ?? [] };
}

export function waterfallData(facts: WaterfallFacts, language: 'en' | 'da' = 'en'): WaterfallDatum[] {
  const data: WaterfallDatum[] = [];
  let level = 0;
  const format = { language };
  for (const component of ordered(facts.components, 'value')) {
    data.push({
      step: data.length,
      label: nameOf(COMPONENT_NAMES, component.key, format),
      kind: 'value',
      amount: component.amount,
      start: level,
      end: level + component.amount,
    });
    level += component.amount;
  }
  for (const component of ordered(facts.components, 'cost')) {
    data.push({
      step: data.length,
      label: `− ${nameOf(COMPONENT_NAMES, component.key, format)}`,
      kind: 'cost',
      amount: -component.amount,
      start: level,
      end: level - component.amount,
    });
    level -= component.amount;
  }
  // The net is the mart's value_total − cost_total, which the components should add up to.
  const net = facts.value - facts.cost;
  data.push({ step: data.length, label: language === 'da' ? 'Netto' : 'Net', kind: net >= 0 ? 'net' : 'loss', amount: net, start: 0, end: net });
  return data;
}

export function valueWaterfallChart(rows: readonly RoiByPeriodRow[], options: RoiChartOptions = {}): TopLevelSpec {
  const format = createFormat(options);
  const facts = waterfallFacts(rows, options.model);
  const values = waterfallData(facts, format.language);
  const t = format.t;
  const amountTitle = t({ en: `Amount (${format.currency})`, da: `Beløb (${format.currency})` });
  return {
    ...barChartSpec(
      chartTitle(
        waterfallTitle(facts, format),
        t({
          en: 'Program to date: value components add up (blue), cost components take away (orange), the last bar is the net.',
          da: 'Programmet til dato: værdikomponenter lægges til (blå), omkostninger trækkes fra (orange), sidste søjle er nettoresultatet.',
        }),
      ),
      values,
      options,
    ),
    encoding: {
      x: { field: 'label', type: 'nominal', sort: { field: 'step', order: 'ascending' }, title: null, axis: { labelAngle: -30, labelLimit: 160 } },
      y: { field: 'start', type: 'quantitative', title: amountTitle, axis: { format: ',.0f' } },
      y2: { field: 'end' },
      color: {
        field: 'kind',
        type: 'nominal',
        legend: null,
        scale: {
          domain: ['value', 'cost', 'net', 'loss'],
          range: [WATERFALL_COLORS.value, WATERFALL_COLORS.cost, WATERFALL_COLORS.net, WATERFALL_COLORS.loss],
        },
      },
      tooltip: [
        { field: 'label', type: 'nominal', title: t({ en: 'Component', da: 'Komponent' }) },
        { field: 'amount', type: 'quantitative', format: ',.0f', title: amountTitle },
      ],
    },
  };
}
