/**
 * Narrative for the leadership report's further charts: organic reach against the
 * company page, outcomes by attribution model, top content and leaders as role models.
 * Pure functions of their facts and a `Format` (English or Danish).
 */
import type { Format } from '../format.ts';
import { EMV_RATE_METRIC_NAMES, MODEL_NAMES, nameOf, PLATFORM_NAMES } from '../i18n.ts';
import type { EmvRateChangeRow } from '../marts.ts';
import { counted, list, NOUNS } from './words.ts';

// ---------- organic reach

export interface ReachFacts {
  /** Months both have data for. */
  periods: number;
  ambassadors: number;
  companyPage: number;
}

/** `Ambassadors' posts were seen 2.3 times as often as the company page's` */
export function reachTitle(facts: ReachFacts, format: Format): string {
  if (facts.periods === 0) return format.t({ en: 'No impressions to compare yet', da: 'Endnu ingen visninger at sammenligne' });
  if (facts.companyPage === 0) {
    return format.t({ en: 'Only the ambassadors’ posts have impressions so far', da: 'Indtil videre har kun ambassadørernes opslag visninger' });
  }
  const ratio = facts.ambassadors / facts.companyPage;
  return ratio >= 1
    ? format.t({
        en: `Ambassadors’ posts were shown ${format.decimal(ratio)} times as often as the company page’s`,
        da: `Ambassadørernes opslag blev vist ${format.decimal(ratio)} gange så ofte som virksomhedssidens`,
      })
    : format.t({
        en: `Ambassadors’ posts were shown ${format.percent(ratio)} as often as the company page’s`,
        da: `Ambassadørernes opslag blev vist ${format.percent(ratio)} så ofte som virksomhedssidens`,
      });
}

export function reachSentence(facts: ReachFacts, format: Format): string {
  if (facts.periods === 0) return format.t({ en: 'There are no impressions to compare yet.', da: 'Der er endnu ingen visninger at sammenligne.' });
  return format.t({
    en: `Over the same ${counted(format, facts.periods, NOUNS.month)}, ambassadors’ posts had ${format.integer(facts.ambassadors)} impressions and the company page’s ${format.integer(facts.companyPage)}.`,
    da: `I de samme ${counted(format, facts.periods, NOUNS.month)} havde ambassadørernes opslag ${format.integer(facts.ambassadors)} visninger og virksomhedssidens ${format.integer(facts.companyPage)}.`,
  });
}

// ---------- outcomes by model

export interface OutcomesByModelFacts {
  /** The default model and the outcomes it credits to the program. */
  model: string;
  credited: number;
  /** Every model's credited outcomes, most first. */
  models: { model: string; credited: number }[];
}

/** `Under last touch, ambassadors earned 140 outcomes; the models range from 120 to 160` */
export function outcomesByModelTitle(facts: OutcomesByModelFacts, format: Format): string {
  if (facts.models.length === 0) return format.t({ en: 'No outcomes credited yet', da: 'Endnu ingen krediterede resultater' });
  const model = nameOf(MODEL_NAMES, facts.model, format).toLowerCase();
  const low = facts.models[facts.models.length - 1];
  const high = facts.models[0];
  const base = format.t({
    en: `Under ${model}, ambassadors earned ${counted(format, facts.credited, NOUNS.outcome)}`,
    da: `Efter ${model} skabte ambassadørerne ${counted(format, facts.credited, NOUNS.outcome)}`,
  });
  if (!low || !high || Math.abs(high.credited - low.credited) < 0.05) return base;
  return format.t({
    en: `${base}; the models range from ${format.count(low.credited)} to ${format.count(high.credited)}`,
    da: `${base}; modellerne spænder fra ${format.count(low.credited)} til ${format.count(high.credited)}`,
  });
}

export function outcomesByModelSentence(facts: OutcomesByModelFacts, format: Format): string {
  const high = facts.models[0];
  const low = facts.models[facts.models.length - 1];
  if (!high || !low) return format.t({ en: 'No outcome has been credited to the program yet.', da: 'Endnu er intet resultat krediteret programmet.' });
  return format.t({
    en: `${nameOf(MODEL_NAMES, high.model, format)} credits the program most (${format.count(high.credited)}) and ${nameOf(MODEL_NAMES, low.model, format).toLowerCase()} least (${format.count(low.credited)}); the difference is how much of the answer depends on the model chosen.`,
    da: `${nameOf(MODEL_NAMES, high.model, format)} krediterer programmet mest (${format.count(high.credited)}) og ${nameOf(MODEL_NAMES, low.model, format).toLowerCase()} mindst (${format.count(low.credited)}); forskellen viser, hvor meget svaret afhænger af den valgte model.`,
  });
}

// ---------- top content

export interface TopContentFacts {
  items: number;
  shared: number;
  top: { title: string; outcomes: number; clicks: number } | null;
  outcomes: number;
}

export function topContentTitle(facts: TopContentFacts, format: Format): string {
  if (!facts.top) return format.t({ en: 'No content shared yet', da: 'Intet indhold delt endnu' });
  if (facts.top.outcomes > 0) {
    return format.t({
      en: `“${facts.top.title}” brought the most outcomes: ${format.count(facts.top.outcomes)}`,
      da: `“${facts.top.title}” gav flest resultater: ${format.count(facts.top.outcomes)}`,
    });
  }
  return format.t({
    en: `“${facts.top.title}” brought the most clicks: ${format.integer(facts.top.clicks)}`,
    da: `“${facts.top.title}” gav flest klik: ${format.integer(facts.top.clicks)}`,
  });
}

export function topContentSentence(facts: TopContentFacts, format: Format): string {
  if (facts.items === 0) return format.t({ en: 'The content catalogue is empty.', da: 'Indholdskataloget er tomt.' });
  return format.t({
    en: `${format.integer(facts.shared)} of ${counted(format, facts.items, NOUNS.item)} in the catalogue were shared; together they brought ${counted(format, facts.outcomes, NOUNS.creditedOutcome)}.`,
    da: `${format.integer(facts.shared)} af ${counted(format, facts.items, NOUNS.item)} i kataloget blev delt; tilsammen gav de ${counted(format, facts.outcomes, NOUNS.creditedOutcome)}.`,
  });
}

// ---------- leaders as role models

export interface LeaderExampleFacts {
  leaders: number;
  below: string[];
}

export function leaderExampleTitle(facts: LeaderExampleFacts, format: Format): string {
  if (facts.leaders === 0) return format.t({ en: 'No leaders in the program yet', da: 'Endnu ingen ledere i programmet' });
  const against = format.t({ en: 'their team’s median', da: 'deres teams median' });
  if (facts.below.length === 0) {
    return format.t({
      en: `All ${facts.leaders} leaders post at least as much as ${against}`,
      da: `Alle ${facts.leaders} ledere deler mindst lige så meget som ${against}`,
    });
  }
  return format.t({
    en: `${facts.below.length} of ${facts.leaders} leaders post less than ${against}`,
    da: `${facts.below.length} af ${facts.leaders} ledere deler mindre end ${against}`,
  });
}

export function leaderExampleSentence(facts: LeaderExampleFacts, format: Format): string {
  if (facts.leaders === 0)
    return format.t({ en: 'No ambassador on the roster is marked as a leader.', da: 'Ingen ambassadør på listen er markeret som leder.' });
  if (facts.below.length === 0) {
    return format.t({ en: 'Every leader sets the example their teams follow.', da: 'Alle ledere går foran med et godt eksempel.' });
  }
  const shown = facts.below.slice(0, 5);
  const more = facts.below.length - shown.length;
  const names = more > 0 ? `${shown.join(', ')} ${format.t({ en: `and ${more} more`, da: `og ${more} flere` })}` : list(shown, format);
  return format.t({
    en: `Below the benchmark: ${names}; a leader who posts is the program’s strongest signal to their team.`,
    da: `Under sammenligningen: ${names}; en leder, der deler, er programmets stærkeste signal til sit team.`,
  });
}

// ---------- EMV rates changed since past days were valued

/**
 * The first screen's note when the config's EMV rates differ from those past days were
 * valued at (`marts.emv_rate_changes`): for each platform and metric both rates, on how
 * many days, and how much the EMV would move; then how to re-value. Null when they agree.
 */
export function emvRateChangesNote(rows: readonly EmvRateChangeRow[], format: Format): string | null {
  if (rows.length === 0) return null;
  const changes = rows.map((row) => {
    const what = `${nameOf(PLATFORM_NAMES, row.platform, format)} ${nameOf(EMV_RATE_METRIC_NAMES, row.metric, format)}`;
    const firstDay = format.date(row.first_day);
    const lastDay = format.date(row.last_day);
    const days = `${counted(format, row.days, NOUNS.day)}, ${firstDay === lastDay ? firstDay : `${firstDay} – ${lastDay}`}`;
    const applied = amount(format, row.applied_rate, row.applied_currency, 2);
    const configured =
      row.config_rate === null ? format.t({ en: 'none', da: 'ingen' }) : amount(format, row.config_rate, row.config_currency ?? row.applied_currency, 2);
    return format.t({
      en: `${what} on ${days}: ${applied} applied, ${configured} in the config; ${emvDifference(row, format)}.`,
      da: `${what} på ${days}: ${applied} anvendt, ${configured} i konfigurationen; ${emvDifference(row, format)}.`,
    });
  });
  return format.t({
    en: `EMV rates: past days keep the rates they were first valued at, and the config now gives others. ${changes.join(' ')} To value history at the config’s rates, run “advocacy build --revalue-emv”.`,
    da: `EMV-satser: tidligere dage beholder de satser, de først blev værdisat med, og konfigurationen angiver nu andre. ${changes.join(' ')} Kør “advocacy build --revalue-emv” for at værdisætte historikken med konfigurationens satser.`,
  });
}

function emvDifference(row: EmvRateChangeRow, format: Format): string {
  if (row.emv_difference === null) {
    return format.t({
      en: 'the config’s rate is in another currency, so the difference in EMV is not computed',
      da: 'konfigurationens sats er i en anden valuta, så forskellen i EMV er ikke beregnet',
    });
  }
  const difference = amount(format, Math.abs(row.emv_difference), row.applied_currency, 0);
  const rounded = Math.round(row.emv_difference);
  if (rounded === 0)
    return format.t({
      en: 'valued at the config’s rates, their EMV would be the same',
      da: 'værdisat med konfigurationens satser ville deres EMV være den samme',
    });
  return rounded > 0
    ? format.t({
        en: `valued at the config’s rates, their EMV would be ${difference} higher`,
        da: `værdisat med konfigurationens satser ville deres EMV være ${difference} højere`,
      })
    : format.t({
        en: `valued at the config’s rates, their EMV would be ${difference} lower`,
        da: `værdisat med konfigurationens satser ville deres EMV være ${difference} lavere`,
      });
}

/** An amount in its own currency (a rate may be in another than the report's): whole when it is whole, else with `decimals`. */
function amount(format: Format, value: number, currency: string, decimals: number): string {
  const digits = Number.isInteger(value) ? 0 : decimals;
  return new Intl.NumberFormat(format.locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
