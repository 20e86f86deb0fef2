/**
 * Narrative for value, cost and ROI (from `marts.roi_by_period`): titles that state the
 * finding and one sentence each, in English or Danish. ROI is a ratio written as a
 * percentage (1.35 → 135%); an interval that crosses zero is said in words.
 */
import type { Format } from '../format.ts';
import { COMPONENT_NAMES, MODEL_NAMES, nameOf } from '../i18n.ts';
import type { RoiComponent, RoiPeriod } from '../contracts.ts';

/** `135% (90% interval 80% to 190%)`. */
export function roiWithInterval(period: Pick<RoiPeriod, 'roi' | 'low' | 'high'>, format: Format): string {
  if (period.roi === null) return format.t({ en: 'not defined (no cost)', da: 'ikke defineret (ingen omkostning)' });
  const point = format.percent(period.roi);
  if (period.low === null || period.high === null) return point;
  return format.t({
    en: `${point} (90% interval ${format.percent(period.low)} to ${format.percent(period.high)})`,
    da: `${point} (90 %-interval ${format.percent(period.low)} til ${format.percent(period.high)})`,
  });
}

/** True when the interval holds both a loss and a gain. */
export function crossesZero(period: Pick<RoiPeriod, 'low' | 'high'>): boolean {
  return period.low !== null && period.high !== null && period.low < 0 && period.high > 0;
}

/** The words for an interval that crosses zero (empty otherwise). */
export function crossesZeroSentence(period: Pick<RoiPeriod, 'low' | 'high'>, format: Format): string {
  if (!crossesZero(period)) return '';
  return format.t({
    en: 'The interval crosses zero: the data cannot yet tell whether the program returned more than it cost.',
    da: 'Intervallet krydser nul: data kan endnu ikke afgøre, om programmet gav mere, end det kostede.',
  });
}

export interface RoiByPeriodFacts {
  model: string;
  /** Months, oldest first. */
  months: RoiPeriod[];
  toDate: RoiPeriod | null;
}

/** `ROI was 135% in October 2026, up from 95% in September 2026` */
export function roiByPeriodTitle(facts: RoiByPeriodFacts, format: Format): string {
  const latest = facts.months[facts.months.length - 1];
  const previous = facts.months[facts.months.length - 2];
  if (!latest || latest.roi === null) {
    return facts.toDate?.roi !== null && facts.toDate
      ? format.t({ en: `ROI to date is ${format.percent(facts.toDate.roi)}`, da: `ROI til dato er ${format.percent(facts.toDate.roi)}` })
      : format.t({ en: 'No ROI yet: no month has both value and cost', da: 'Endnu ingen ROI: ingen måned har både værdi og omkostning' });
  }
  const base = format.t({
    en: `ROI was ${format.percent(latest.roi)} in ${format.month(latest.start)}`,
    da: `ROI var ${format.percent(latest.roi)} i ${format.month(latest.start)}`,
  });
  if (!previous || previous.roi === null) return base;
  const delta = latest.roi - previous.roi;
  if (Math.abs(delta) < 0.005)
    return format.t({ en: `${base}, level with ${format.month(previous.start)}`, da: `${base}, som i ${format.month(previous.start)}` });
  return format.t({
    en: `${base}, ${delta > 0 ? 'up' : 'down'} from ${format.percent(previous.roi)} in ${format.month(previous.start)}`,
    da: `${base}, ${delta > 0 ? 'op' : 'ned'} fra ${format.percent(previous.roi)} i ${format.month(previous.start)}`,
  });
}

/** `Program to date, DKK 1,200,000 of value against DKK 500,000 of cost gives an ROI of 140% (90% interval …).` */
export function roiByPeriodSentence(facts: RoiByPeriodFacts, format: Format): string {
  const period = facts.toDate ?? facts.months[facts.months.length - 1];
  if (!period) return format.t({ en: 'There is no ROI to show yet.', da: 'Der er endnu ingen ROI at vise.' });
  const model = nameOf(MODEL_NAMES, facts.model, format).toLowerCase();
  const main = format.t({
    en: `${facts.toDate ? 'Program to date' : `In ${format.month(period.start)}`}, ${format.money(period.value)} of value against ${format.money(period.cost)} of cost gives an ROI of ${roiWithInterval(period, format)}, with outcomes credited by ${model}.`,
    da: `${facts.toDate ? 'For programmet til dato' : `I ${format.month(period.start)}`} giver ${format.money(period.value)} i værdi mod ${format.money(period.cost)} i omkostninger en ROI på ${roiWithInterval(period, format)}, med resultater krediteret efter ${model}.`,
  });
  const zero = crossesZeroSentence(period, format);
  return zero ? `${main} ${zero}` : main;
}

export interface WaterfallFacts {
  value: number;
  cost: number;
  components: RoiComponent[];
}

/** `DKK 1,200,000 of value against DKK 500,000 of cost: a net gain of DKK 700,000` */
export function waterfallTitle(facts: WaterfallFacts, format: Format): string {
  const net = facts.value - facts.cost;
  if (facts.value === 0 && facts.cost === 0) return format.t({ en: 'No value or cost recorded yet', da: 'Endnu ingen værdi eller omkostning registreret' });
  return format.t({
    en: `${format.money(facts.value)} of value against ${format.money(facts.cost)} of cost: a net ${net >= 0 ? 'gain' : 'loss'} of ${format.money(Math.abs(net))}`,
    da: `${format.money(facts.value)} i værdi mod ${format.money(facts.cost)} i omkostninger: et netto${net >= 0 ? 'overskud' : 'underskud'} på ${format.money(Math.abs(net))}`,
  });
}

/** `Earned media value is the largest source of value (45%); ambassadors' time the largest cost (60%).` */
export function waterfallSentence(facts: WaterfallFacts, format: Format): string {
  const largest = (kind: 'value' | 'cost') =>
    facts.components.filter((component) => component.kind === kind).sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key))[0];
  const value = largest('value');
  const cost = largest('cost');
  const parts: string[] = [];
  if (value && facts.value > 0) {
    parts.push(
      format.t({
        en: `${nameOf(COMPONENT_NAMES, value.key, format)} is the largest source of value (${format.percent(value.amount / facts.value)})`,
        da: `${nameOf(COMPONENT_NAMES, value.key, format)} er den største kilde til værdi (${format.percent(value.amount / facts.value)})`,
      }),
    );
  }
  if (cost && facts.cost > 0) {
    parts.push(
      format.t({
        en: `${nameOf(COMPONENT_NAMES, cost.key, format).toLowerCase()} the largest cost (${format.percent(cost.amount / facts.cost)})`,
        da: `${nameOf(COMPONENT_NAMES, cost.key, format).toLowerCase()} den største omkostning (${format.percent(cost.amount / facts.cost)})`,
      }),
    );
  }
  if (parts.length === 0) return format.t({ en: 'No value or cost has been counted yet.', da: 'Der er ikke opgjort nogen værdi eller omkostning endnu.' });
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
