/**
 * The glossary every report prints: first the figures the reports state, worded by the
 * metrics layer (models/metrics/figures.ts), then the terms the charts use.
 */
import { figureDefinition } from '../../models/metrics/figures.ts';
import type { Language } from '../format.ts';
import type { GlossaryEntry } from '../page.ts';

/** The figures the glossary defines, in this order. */
const GLOSSARY_FIGURES = [
  'value_total',
  'cost_total',
  'roi',
  'emv',
  'value_outcomes',
  'impressions',
  'posts',
  'sessions_from_links',
  'ambassadors_enrolled',
  'ambassadors_active',
  'leads_credited',
  'conversions_credited',
  'applications_credited',
  'hires_credited',
];

function figureEntries(language: Language): GlossaryEntry[] {
  return GLOSSARY_FIGURES.map((id) => {
    const figure = figureDefinition(id);
    if (!figure) throw new Error(`the metrics layer defines no figure ${id}`);
    return { term: figure.label[language], definition: figure.definition[language] };
  });
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'Credited outcome',
    definition:
      'A lead, application, conversion or hire, and the share of it the attribution model gives an ambassador. Each outcome’s credit sums to exactly 1 across ambassadors and “other/unattributed”, so credited outcomes can be fractional.',
  },
  {
    term: 'Last-touch attribution',
    definition:
      'The default model: the whole credit for an outcome goes to the ambassador whose link the person visited last within the lookback window before the outcome; visits after the outcome never count.',
  },
  {
    term: 'ISO week',
    definition: 'Monday to Sunday, numbered as ISO 8601 does (2026-W19); the first week of a year is the one containing its first Thursday.',
  },
  {
    term: 'Goal status',
    definition:
      'Each goal’s cumulative actual against a straight-line pace from zero at the period’s start to the target at its end, as of the last day with data: on track, at risk or off track.',
  },
];

/** Terms every report defines beside the base glossary (English). */
const MORE_EN: readonly GlossaryEntry[] = [
  {
    term: 'Reach',
    definition:
      'Members reached: the distinct people a platform says saw a post. Never summed across posts into “people reached”. Potential reach is the sharer’s followers at share time, summed over shares, and is always labelled “potential”. Comparisons of ambassadors with the company page use impressions over the same period.',
  },
  {
    term: 'Attribution model',
    definition:
      'The rule that shares each outcome’s credit among the touches before it within the lookback window: last touch (the default), first touch, linear (equal shares), time decay (half-life 7 days), position based (40/20/40), Markov chain (removal effect), Shapley value, and fractribution (each touch gets what leaving it out of the path would cost the path’s conversion rate, as Google’s Fractribution computes it). Credits of an outcome sum to 1 in every model.',
  },
  {
    term: 'Interval',
    definition:
      'The range the true figure plausibly lies in, from resampling: ROI intervals are 90% bootstrap intervals over ambassadors; differences between groups have 95% intervals. When an interval crosses zero, the data cannot tell the direction.',
  },
  {
    term: 'Engagement rate',
    definition: 'Engagements (reactions, comments, shares and, where reported, clicks) divided by impressions.',
  },
  {
    term: 'Share rate',
    definition: 'Of the ambassadors eligible to share a content item, the share who shared it at least once.',
  },
  {
    term: 'Too few or too uniform to compare',
    definition:
      'A group below the minimum size (by default 5 ambassadors), or one whose values are nearly all the same (fewer than two different values, or at least 80% at the lowest or highest value the measure can take), gets no verdict: its numbers are shown, but no difference is claimed. A difference is called clear only when a permutation test, corrected for the number of comparisons (Holm), says so.',
  },
  {
    term: 'Disclosure',
    definition:
      'A post about the employer must make the employment evident (the Danish Consumer Ombudsman’s line): on LinkedIn a headline naming the employer suffices; on Facebook the post itself must say so.',
  },
];

const DA: readonly GlossaryEntry[] = [
  {
    term: 'Krediteret resultat',
    definition:
      'Et lead, en ansøgning, en konvertering eller en ansættelse, og den andel attributionsmodellen giver en ambassadør. Hvert resultats kredit summer til præcis 1 på tværs af ambassadører og “andet/ikke attribueret”, så krediterede resultater kan være brøker.',
  },
  {
    term: 'Sidste berøring',
    definition:
      'Standardmodellen: hele kreditten for et resultat går til den ambassadør, hvis link personen besøgte sidst inden for tilbagebliksvinduet før resultatet; besøg efter resultatet tæller aldrig.',
  },
  { term: 'ISO-uge', definition: 'Mandag til søndag, nummereret efter ISO 8601 (2026-W19); årets første uge er den, der indeholder årets første torsdag.' },
  {
    term: 'Målstatus',
    definition:
      'Hvert måls akkumulerede faktiske tal mod et lineært tempo fra nul ved periodens start til målet ved dens slutning, pr. seneste dag med data: på sporet, i fare eller bagud.',
  },
  {
    term: 'Rækkevidde',
    definition:
      'Personer nået: de forskellige personer, en platform siger så et opslag. Lægges aldrig sammen på tværs af opslag til “personer nået”. Potentiel rækkevidde er delerens følgere på delingstidspunktet, summeret over delinger, og kaldes altid “potentiel”. Sammenligninger af ambassadører med virksomhedssiden bruger visninger i samme periode.',
  },
  {
    term: 'Attributionsmodel',
    definition:
      'Reglen, der fordeler hvert resultats kredit mellem berøringerne før det inden for tilbageblikket: sidste berøring (standard), første berøring, lineær (lige store andele), tidsaftagende (halveringstid 7 dage), positionsbaseret (40/20/40), Markov-kæde (fjernelseseffekt), Shapley-værdi og fractribution (hver berøring får det, stiens konverteringsrate ville tabe uden den, som Googles Fractribution beregner det). Et resultats kreditter summer til 1 i alle modeller.',
  },
  {
    term: 'Interval',
    definition:
      'Det område, det sande tal plausibelt ligger i, fundet ved gensampling: ROI-intervaller er 90 % bootstrap-intervaller over ambassadører; forskelle mellem grupper har 95 % intervaller. Når et interval krydser nul, kan data ikke afgøre retningen.',
  },
  { term: 'Engagementsrate', definition: 'Engagementer (reaktioner, kommentarer, delinger og, hvor de opgøres, klik) divideret med visninger.' },
  { term: 'Delingsrate', definition: 'Andelen af de ambassadører, der kunne dele et indhold, som delte det mindst én gang.' },
  {
    term: 'For få eller for ens til at sammenligne',
    definition:
      'En gruppe under minimumsstørrelsen (som standard 5 ambassadører), eller en, hvis værdier næsten alle er ens (færre end to forskellige værdier, eller mindst 80 % på den laveste eller højeste værdi, målet kan have), får ingen konklusion: tallene vises, men der påstås ingen forskel. En forskel kaldes klar, kun når en permutationstest, korrigeret for antallet af sammenligninger (Holm), siger det.',
  },
  {
    term: 'Oplysning om ansættelse',
    definition:
      'Et opslag om arbejdsgiveren skal gøre ansættelsen tydelig (Forbrugerombudsmandens linje): på LinkedIn er en overskrift, der nævner arbejdsgiveren, nok; på Facebook skal selve opslaget sige det.',
  },
];

/** The glossary every report prints, in the report's language. */
export function glossary(language: Language): GlossaryEntry[] {
  return [...figureEntries(language), ...(language === 'da' ? DA : [...GLOSSARY, ...MORE_EN])];
}
