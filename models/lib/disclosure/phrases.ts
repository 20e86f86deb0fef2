/**
 * The disclosure phrases the pipeline ships, in Danish and English. A post makes the
 * author's employment evident (the Danish Consumer Ombudsman's line) when its text holds
 * one of them; the company adds its own through the config's `disclosure.phrases`.
 *
 * A phrase is plain text, matched without regard to case, Unicode form (NFKC folds
 * 𝗺𝗮𝘁𝗵-𝗯𝗼𝗹𝗱 and full-width letters), emoji or zero-width joiners, and with any run of
 * spaces or punctuation between its words. Three kinds, told by the first character:
 *
 * - `#reklame`: a **marker**, counted anywhere in the post (in strict mode: only first);
 * - `^reklame`: a **leading marker**, counted only when the post opens with it
 *   ("Reklame: ...", "ANNONCE | ..."), so the word "reklame" in a sentence is no marker;
 *   a marker of one or two letters (`^ad`) must be followed by a separator (`:`, `|`,
 *   a dash, an emoji, a line break), so that "Ad hoc ..." is no marker;
 * - anything else: a **phrase**, counted anywhere in normal mode and never enough in
 *   strict mode. `{company}` stands for the company name or any alias
 *   (`meta.company_names`); a Danish genitive `s` after it is allowed. The company
 *   named without such a phrase ("Nordlys Energi er et fantastisk sted!") is no
 *   disclosure.
 *
 * The build writes the shipped list and the config's additions into
 * `meta.disclosure_phrases (phrase, language)`; `marts.disclosure_audit` reads it there.
 */

export type PhraseLanguage = 'da' | 'en' | 'custom';

export interface DisclosurePhrase {
  phrase: string;
  language: PhraseLanguage;
}

/** Every combination of the parts, joined by spaces: `combine(['a', 'b'], ['c'])` → `a c`, `b c`. */
function combine(...parts: readonly (readonly string[])[]): string[] {
  return parts.reduce<string[]>((done, options) => done.flatMap((head) => options.map((option) => (head ? `${head} ${option}` : option))), ['']);
}

const DANISH: readonly string[] = [
  // Markers: hashtags anywhere, label words only when they open the post.
  '#reklame',
  '#annonce',
  '#sponsoreret',
  '#ansat',
  '#medarbejder',
  '^reklame',
  '^annonce',
  '^sponsoreret',
  '^betalt partnerskab',
  // "min kollega hos Nordlys", "mine kolleger i Nordlys", "kollegaerne på Nordlys"
  ...combine(['kollega', 'kolleger', 'kollegaer', 'kollegerne', 'kollegaerne'], ['hos', 'i', 'på'], ['{company}']),
  // "jeg arbejder hos Nordlys", "vi er ansat i Nordlys"
  ...combine(['arbejder'], ['hos', 'i', 'på', 'for'], ['{company}']),
  ...combine(['ansat'], ['hos', 'i', 'på'], ['{company}']),
  // "Vi søger en elektriker hos Nordlys" (the "hos <company>")
  'hos {company}',
  'min arbejdsplads',
  'min arbejdsgiver',
  'vores virksomhed {company}',
];

const ENGLISH: readonly string[] = [
  '#ad',
  '#advert',
  '#advertisement',
  '#sponsored',
  '#employee',
  '#iworkhere',
  '^ad',
  '^advertisement',
  '^sponsored',
  '^paid partnership',
  // "my colleague at Nordlys", "my coworkers at Nordlys" ("colleagues from" is left
  // out: visitors meet colleagues from a company too)
  ...combine(['colleague', 'colleagues', 'coworker', 'coworkers', 'co-worker', 'co-workers'], ['at'], ['{company}']),
  // "I work at Nordlys", "I'm employed by Nordlys", "working for Nordlys" (not "work
  // by": "great work by Nordlys" is praise, not employment)
  ...combine(['work', 'working'], ['at', 'for'], ['{company}']),
  ...combine(['employed'], ['at', 'by'], ['{company}']),
  ...combine(['employee'], ['at', 'of'], ['{company}']),
  'our company {company}',
  "we're hiring at {company}",
  'we are hiring at {company}',
  'my employer',
  'my workplace',
];

/** The shipped lists: Danish first, then English. */
export const DEFAULT_DISCLOSURE_PHRASES: readonly DisclosurePhrase[] = [
  ...DANISH.map((phrase) => ({ phrase, language: 'da' as const })),
  ...ENGLISH.map((phrase) => ({ phrase, language: 'en' as const })),
];

/** The shipped lists plus the company's own (config `disclosure.phrases`), without repeats. */
export function disclosurePhrases(custom: readonly string[] = []): DisclosurePhrase[] {
  const phrases: DisclosurePhrase[] = [...DEFAULT_DISCLOSURE_PHRASES];
  const seen = new Set(phrases.map((entry) => entry.phrase.toLowerCase()));
  for (const phrase of custom) {
    const trimmed = phrase.trim();
    if (trimmed === '' || seen.has(trimmed.toLowerCase())) continue;
    seen.add(trimmed.toLowerCase());
    phrases.push({ phrase: trimmed, language: 'custom' });
  }
  return phrases;
}
