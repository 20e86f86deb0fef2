/**
 * Narrative for the attribution report: models side by side, ambassadors under each
 * model, Markov removal effects, and how the choice of model moves the ROI. Pure
 * functions of their facts and a `Format` (English or Danish).
 */
import type { Format } from '../format.ts';
import { MODEL_NAMES, nameOf, OUTCOME_KIND_NAMES } from '../i18n.ts';
import { counted, list, NOUNS } from './words.ts';

export interface ModelSpreadFacts {
  /** The channel whose credit moves most between models. */
  channel: string | null;
  low: { model: string; credited: number } | null;
  high: { model: string; credited: number } | null;
  models: number;
  outcomes: number;
}

export function modelSpreadTitle(facts: ModelSpreadFacts, format: Format): string {
  if (!facts.channel || !facts.low || !facts.high) return format.t({ en: 'No outcomes credited yet', da: 'Endnu ingen krediterede resultater' });
  // Compared as shown: a spread that rounds away is no spread to a reader.
  if (format.count(facts.low.credited) === format.count(facts.high.credited)) {
    return format.t({
      en: `The models agree: every channel gets the same credit under each of the ${facts.models} models`,
      da: `Modellerne er enige: hver kanal får samme kredit efter alle ${facts.models} modeller`,
    });
  }
  return format.t({
    en: `${facts.channel} moves most with the model: from ${format.count(facts.low.credited)} (${nameOf(MODEL_NAMES, facts.low.model, format).toLowerCase()}) to ${format.count(facts.high.credited)} (${nameOf(MODEL_NAMES, facts.high.model, format).toLowerCase()})`,
    da: `${facts.channel} flytter sig mest med modellen: fra ${format.count(facts.low.credited)} (${nameOf(MODEL_NAMES, facts.low.model, format).toLowerCase()}) til ${format.count(facts.high.credited)} (${nameOf(MODEL_NAMES, facts.high.model, format).toLowerCase()})`,
  });
}

export function modelSpreadSentence(facts: ModelSpreadFacts, format: Format): string {
  if (facts.models === 0) return format.t({ en: 'No outcome has been credited yet.', da: 'Intet resultat er krediteret endnu.' });
  return format.t({
    en: `${counted(format, facts.outcomes, NOUNS.outcome)} credited under ${facts.models} models; every model shares each outcome’s credit of 1 among its channels, so the totals per model are equal and only the split differs.`,
    da: `${counted(format, facts.outcomes, NOUNS.outcome)} krediteret efter ${facts.models} modeller; hver model fordeler hvert resultats kredit på 1 mellem kanalerne, så totalerne pr. model er ens, og kun fordelingen er forskellig.`,
  });
}

export interface AmbassadorModelFacts {
  ambassadors: number;
  /** The ambassador whose credit differs most between models. */
  mostSensitive: { name: string; low: number; high: number } | null;
}

export function ambassadorModelTitle(facts: AmbassadorModelFacts, format: Format): string {
  if (facts.ambassadors === 0) return format.t({ en: 'No outcomes credited to ambassadors yet', da: 'Endnu ingen resultater krediteret ambassadører' });
  if (!facts.mostSensitive || format.count(facts.mostSensitive.low) === format.count(facts.mostSensitive.high)) {
    return format.t({
      en: `The models agree on the ${counted(format, facts.ambassadors, NOUNS.ambassador)} shown: each gets the same credit under every model`,
      da: `Modellerne er enige om de viste ${counted(format, facts.ambassadors, NOUNS.ambassador)}: hver får samme kredit efter alle modeller`,
    });
  }
  return format.t({
    en: `${facts.mostSensitive.name}’s credit depends most on the model: ${format.count(facts.mostSensitive.low)} to ${format.count(facts.mostSensitive.high)} outcomes`,
    da: `${facts.mostSensitive.name}s kredit afhænger mest af modellen: ${format.count(facts.mostSensitive.low)} til ${format.count(facts.mostSensitive.high)} resultater`,
  });
}

export function ambassadorModelSentence(facts: AmbassadorModelFacts, format: Format): string {
  if (facts.ambassadors === 0) return format.t({ en: 'No ambassador has credited outcomes yet.', da: 'Ingen ambassadør har krediterede resultater endnu.' });
  return format.t({
    en: `The chart shows the ${counted(format, facts.ambassadors, NOUNS.ambassador)} with the most credit under the default model; a wide spread of dots means the ranking depends on the model chosen.`,
    da: `Diagrammet viser de ${counted(format, facts.ambassadors, NOUNS.ambassador)} med mest kredit efter standardmodellen; stor spredning mellem prikkerne betyder, at rækkefølgen afhænger af modellen.`,
  });
}

export interface EvidenceFacts {
  /** Visits in the visit-level touchpoints file. */
  visits: number;
  outcomes: number;
  outcomesWithOwnEvidence: number;
}

/**
 * What the credits rest on, said plainly when the program has no visit-level data: then no
 * model can follow a journey, and every model gives the same credit from each outcome's
 * own evidence. Null when there are visits to follow.
 */
export function evidenceSentence(facts: EvidenceFacts, format: Format): string | null {
  if (facts.visits > 0 || facts.outcomes === 0) return null;
  const withEvidence = `${format.integer(facts.outcomesWithOwnEvidence)} ${format.t({ en: 'of', da: 'af' })} ${counted(format, facts.outcomes, NOUNS.outcome)}`;
  return format.t({
    en: `Journeys are unavailable: no visit-level data (a touchpoints file or click log) was loaded, so no model can follow a visitor from an ambassador’s link to an outcome. Every model credits outcomes from their own evidence only: the tags a CRM kept (HubSpot’s First Page Seen, Salesforce’s UTM fields) and the referrer an applicant-tracking system or the outcomes file names. ${withEvidence} had such evidence; the rest are unattributed. GA4’s reports still count the sessions from ambassadors’ links.`,
    da: `Kunderejser er ikke tilgængelige: der er ikke indlæst data pr. besøg (en touchpoints-fil eller kliklog), så ingen model kan følge en besøgende fra en ambassadørs link til et resultat. Alle modeller krediterer kun resultater ud fra deres egne spor: de tags, et CRM har gemt (HubSpots First Page Seen, Salesforces UTM-felter), og den henviser, et rekrutteringssystem eller resultatfilen nævner. ${withEvidence} havde sådanne spor; resten er ikke attribueret. GA4’s rapporter tæller stadig sessionerne fra ambassadørernes links.`,
  });
}

export interface RemovalEffectFacts {
  top: { channel: string; effect: number; share: number | null } | null;
  channels: number;
  /** The outcome kinds the chain counts (`lead`, `application`, …), in the order reports list them. */
  outcomeKinds: string[];
}

/** `leads and applications`; `outcomes` when the kinds are unknown. */
function outcomesCounted(kinds: readonly string[], format: Format): string {
  if (kinds.length === 0) return format.t({ en: 'outcomes', da: 'resultaterne' });
  return list(
    kinds.map((kind) => nameOf(OUTCOME_KIND_NAMES, kind, format).toLowerCase()),
    format,
  );
}

export function removalEffectTitle(facts: RemovalEffectFacts, format: Format): string {
  if (!facts.top) return format.t({ en: 'No Markov removal effects yet', da: 'Endnu ingen Markov-fjernelseseffekter' });
  return format.t({
    en: `Removing ${facts.top.channel} would lose ${format.percent(facts.top.effect)} of ${outcomesCounted(facts.outcomeKinds, format)}, the most of any channel`,
    da: `Uden ${facts.top.channel} ville ${format.percent(facts.top.effect)} af ${outcomesCounted(facts.outcomeKinds, format)} gå tabt, mest af alle kanaler`,
  });
}

export function removalEffectSentence(facts: RemovalEffectFacts, format: Format): string {
  if (!facts.top)
    return format.t({
      en: 'No channel has a removal effect: there is no journey of visits to remove a channel from.',
      da: 'Ingen kanal har en fjernelseseffekt: der er ingen kunderejse af besøg at fjerne en kanal fra.',
    });
  const share =
    facts.top.share !== null
      ? format.t({
          en: `, so it gets ${format.percent(facts.top.share)} of the Markov credit`,
          da: `, så den får ${format.percent(facts.top.share)} af Markov-kreditten`,
        })
      : '';
  return format.t({
    en: `A channel’s removal effect is the share of ${outcomesCounted(facts.outcomeKinds, format)} lost when every path through it is cut; across ${facts.channels} channels, ${facts.top.channel} has the largest${share}.`,
    da: `En kanals fjernelseseffekt er andelen af ${outcomesCounted(facts.outcomeKinds, format)}, der tabes, når alle stier gennem den skæres; blandt ${facts.channels} kanaler har ${facts.top.channel} den største${share}.`,
  });
}

export interface RoiByModelFacts {
  /** `roi` when the ROI mart exists, else `value` (value credited to ambassadors). */
  measure: 'roi' | 'value';
  low: { model: string; amount: number } | null;
  high: { model: string; amount: number } | null;
}

export function roiByModelTitle(facts: RoiByModelFacts, format: Format): string {
  if (!facts.low || !facts.high) return format.t({ en: 'No model results yet', da: 'Endnu ingen modelresultater' });
  const show = (amount: number) => (facts.measure === 'roi' ? format.percent(amount) : format.money(amount));
  const what = facts.measure === 'roi' ? 'ROI' : format.t({ en: 'The value credited to ambassadors', da: 'Værdien krediteret ambassadørerne' });
  if (show(facts.low.amount) === show(facts.high.amount)) {
    return format.t({
      en: `${what} is ${show(facts.low.amount)} under every model`,
      da: `${what} er ${show(facts.low.amount)} efter alle modeller`,
    });
  }
  return format.t({
    en: `${what} ranges from ${show(facts.low.amount)} (${nameOf(MODEL_NAMES, facts.low.model, format).toLowerCase()}) to ${show(facts.high.amount)} (${nameOf(MODEL_NAMES, facts.high.model, format).toLowerCase()}) with the model`,
    da: `${what} spænder fra ${show(facts.low.amount)} (${nameOf(MODEL_NAMES, facts.low.model, format).toLowerCase()}) til ${show(facts.high.amount)} (${nameOf(MODEL_NAMES, facts.high.model, format).toLowerCase()}) afhængigt af modellen`,
  });
}

/** The Markov chain credits channels as a whole, not each outcome, so it has no value or ROI of its own to show beside the others. */
const NO_MARKOV = {
  en: 'The Markov chain is not among them: it shares the credit among channels as a whole, with no credit per outcome to value.',
  da: 'Markov-kæden er ikke med: den fordeler krediten mellem kanalerne samlet, uden kredit pr. resultat at værdisætte.',
};

export function roiByModelSentence(facts: RoiByModelFacts, format: Format): string {
  if (!facts.low || !facts.high) return format.t({ en: 'There is nothing to compare yet.', da: 'Der er endnu intet at sammenligne.' });
  return `${roiByModelComparison(facts, format)} ${format.t(NO_MARKOV)}`;
}

function roiByModelComparison(facts: RoiByModelFacts, format: Format): string {
  return facts.measure === 'roi'
    ? format.t({
        en: 'Program to date, with each model’s 90% interval; where the intervals overlap, the choice of model matters less than the uncertainty.',
        da: 'Programmet til dato, med hver models 90 %-interval; hvor intervallerne overlapper, betyder modelvalget mindre end usikkerheden.',
      })
    : format.t({
        en: 'Value of outcomes credited to ambassadors under each model, program to date. There is no ROI per model: the program has no cost to date yet, and ROI divides by the cost.',
        da: 'Værdien af resultater krediteret ambassadørerne efter hver model, programmet til dato. Der er ingen ROI pr. model: programmet har ingen omkostning til dato endnu, og ROI dividerer med omkostningen.',
      });
}
