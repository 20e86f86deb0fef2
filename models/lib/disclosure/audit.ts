/**
 * The disclosure audit's rules, as pure functions: does a post make the author's
 * employment evident? The Danish Consumer Ombudsman's line: on LinkedIn a headline
 * naming the employer suffices; on Facebook, which has no headline, the post itself
 * must say so. In strict mode (the Ombudsman's strictest reading) every post must open
 * with a marker ("Reklame", "Annonce", "#ad"), whatever its platform and headline.
 *
 * Texts are compared folded (see `foldText`): NFKC (math-bold and full-width letters
 * become plain ones), lower case, zero-width characters, variation selectors and skin
 * tones dropped, every emoji a separator; then phrases are matched on whole words, with
 * any run of spaces, punctuation or emoji between two words, and links left out. So
 * neither 𝗥𝗲𝗸𝗹𝗮𝗺𝗲 nor `#ad🙋🏼‍♂️` nor a zero-width joiner inside a word hides a marker,
 * "#adventure" is not "#ad", and the company named without a disclosing phrase is no
 * disclosure.
 */
import type { DisclosurePhrase, PhraseLanguage } from './phrases.ts';

export type DisclosureStatus = 'compliant' | 'non_compliant' | 'unknown';
export type DisclosureMode = 'normal' | 'strict';

/** The rule that decided a post's status. */
export type DisclosureRule =
  /** LinkedIn, normal mode: the ambassador's headline names the employer. */
  | 'linkedin_headline'
  /** Normal mode: the text holds a disclosing phrase ("min kollega hos {company}"). */
  | 'text_phrase'
  /** Normal mode: the text holds a marker ("#reklame"; "Reklame:" as its opening). */
  | 'text_marker'
  /** Strict mode: the text opens with a marker. */
  | 'leading_marker'
  /** Normal mode: neither the text nor (on LinkedIn) the headline discloses. */
  | 'no_disclosure'
  /** Strict mode: a marker is there, but not first. */
  | 'marker_not_first'
  /** Strict mode: no marker at all (a disclosing phrase is not enough). */
  | 'no_leading_marker'
  /** No text to judge (and, on LinkedIn in normal mode, no headline naming the employer). */
  | 'no_text';

export const DISCLOSURE_STATUSES: readonly DisclosureStatus[] = ['compliant', 'non_compliant', 'unknown'];
export const DISCLOSURE_RULES: readonly DisclosureRule[] = [
  'linkedin_headline',
  'text_phrase',
  'text_marker',
  'leading_marker',
  'no_disclosure',
  'marker_not_first',
  'no_leading_marker',
  'no_text',
];

export interface AuditResult {
  status: DisclosureStatus;
  rule: DisclosureRule;
  /**
   * What decided it: the phrase or marker as matched (lower case, words separated by single
   * spaces: "kollega hos nordlys energi a s"), the headline's company name, or why not.
   */
  evidence: string | null;
  /** The language of the phrase list that matched, when a phrase or marker decided. */
  language: PhraseLanguage | null;
}

/** The audit's settings: the mode, the company's names (name and aliases) and the phrases. */
export interface DisclosureRules {
  mode: DisclosureMode;
  companyNames: readonly string[];
  phrases: readonly DisclosurePhrase[];
}

type PhraseKind = 'marker' | 'leading' | 'phrase';

interface CompiledPhrase {
  phrase: string;
  language: PhraseLanguage;
  kind: PhraseKind;
  /** The phrase in word form (see `wordForm`), `{company}` as the placeholder. */
  words: string;
  /**
   * For a leading marker of one or two letters ("^ad"): the check on the folded text that
   * a separator follows it ("Ad: ...", "AD | ...", "Ad 🎉"), so "Ad hoc ..." is no marker.
   */
  label: RegExp | null;
}

/** Phrases as one alternation: the leftmost match wins, and at one position the longer phrase. */
interface Alternation {
  regex: RegExp | null;
  phrases: CompiledPhrase[];
}

interface CompiledRules {
  mode: DisclosureMode;
  /** The company's names (word form) anywhere, globally, to be replaced by the placeholder. */
  company: RegExp | null;
  /** Every marker and phrase that counts anywhere. */
  anywhere: Alternation;
  /** The markers among them. */
  markers: Alternation;
  /** Every marker that may open a post, anchored at the start. */
  openers: Alternation;
}

// Zero-width characters, soft hyphens, variation selectors, tag characters, skin-tone
// modifiers and the keycap mark: invisible, or only a modifier of the emoji before them.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each of these is removed on its own, wherever it stands.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\uFE00-\uFE0F\u20E3\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u{1F3FB}-\u{1F3FF}]/gu;
const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}]+/gu;
/** An emoji becomes this separator, so it neither joins nor hides words. */
const EMOJI_SEPARATOR = ' • ';
/** Stands for the company (its name or an alias) in word forms: a private-use character. */
const COMPANY = '\uE000';
/** Everything but letters, marks, digits, '#' and the placeholder: a word separator. */
const NOT_WORD = /[^\p{L}\p{M}\p{N}#\uE000]+/gu;

/**
 * The form texts, headlines, names and phrases are read in: NFKC, lower case,
 * invisible characters dropped, emoji as " • ", curly quotes straight, runs of spaces
 * one space, line breaks kept (one per run). Evidence is quoted in this form.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(PICTOGRAPHS, EMOJI_SEPARATOR)
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u02BC\u0060\u00B4]/g, "'")
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
}

/**
 * The form phrases are matched in: a folded text's words (letters, marks, digits, a
 * leading '#') separated by single spaces, every other character a separator. So any
 * run of spaces, punctuation, symbols or emoji between two words is one gap, and a
 * phrase matches whole words only ("#ad" is not in "#adventure").
 */
function wordForm(folded: string): string {
  return folded.replace(/#/g, ' #').replace(NOT_WORD, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function phraseKind(phrase: string): PhraseKind {
  if (phrase.startsWith('^')) return 'leading';
  if (phrase.startsWith('#')) return 'marker';
  return 'phrase';
}

/** What a separator after a short label looks like in the folded text. */
const LABEL_SEPARATOR = '\\s*(?:$|\\n|[:|\\-\\u2013\\u2014\\u2022\\u00B7!.,;/])';

function alternation(phrases: CompiledPhrase[], anchored: boolean): Alternation {
  // alternatives are tried in order at each position, so longer phrases go first
  const sorted = [...phrases].sort((a, b) => b.words.length - a.words.length || a.words.localeCompare(b.words));
  if (sorted.length === 0) return { regex: null, phrases: [] };
  const alternatives = sorted.map((phrase) => `(${escapeRegExp(phrase.words)})`).join('|');
  return { regex: new RegExp(`${anchored ? '^' : '(?<=^| )'}(?:${alternatives})(?= |$)`, 'u'), phrases: sorted };
}

const compiled = new WeakMap<DisclosureRules, CompiledRules>();

/** Compiles the rules once (cached per rules object). */
function compile(rules: DisclosureRules): CompiledRules {
  const cached = compiled.get(rules);
  if (cached) return cached;
  const names = [...new Set(rules.companyNames.map((name) => wordForm(foldText(name))).filter((name) => name !== ''))]
    // longest first, so "Nordlys Energi A/S" is one mention, not "Nordlys" and two words
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  const company =
    names.length > 0
      ? // a Danish or English genitive may follow ("Nordlys Energis", "Nordlys's" → "nordlys s")
        new RegExp(`(?<=^| |#)(?:${names.map(escapeRegExp).join('|')})(?: ?s)?(?= |$)`, 'gu')
      : null;

  const phrases: CompiledPhrase[] = [];
  for (const entry of rules.phrases) {
    const trimmed = entry.phrase.trim();
    const kind = phraseKind(trimmed);
    const body = (kind === 'leading' ? trimmed.slice(1) : trimmed).replace(/\{company\}/gi, COMPANY);
    const words = wordForm(foldText(body));
    if (words === '' || (words.includes(COMPANY) && company === null)) continue;
    const letters = words.replace(/[^\p{L}\p{N}]/gu, '');
    const label = kind === 'leading' && letters.length <= 2 ? new RegExp(`^${escapeRegExp(foldText(body))}${LABEL_SEPARATOR}`, 'u') : null;
    phrases.push({ phrase: entry.phrase, language: entry.language, kind, words, label });
  }
  const result: CompiledRules = {
    mode: rules.mode,
    company,
    anywhere: alternation(
      phrases.filter((phrase) => phrase.kind !== 'leading'),
      false,
    ),
    markers: alternation(
      phrases.filter((phrase) => phrase.kind === 'marker'),
      false,
    ),
    openers: alternation(
      phrases.filter((phrase) => phrase.kind !== 'phrase'),
      true,
    ),
  };
  compiled.set(rules, result);
  return result;
}

/** A text ready to match: its folded form, its word form with the company as placeholder, and the names replaced. */
interface Prepared {
  folded: string;
  words: string;
  /** The company mentions the placeholders stand for, in order. */
  mentions: string[];
}

/** Links: nobody reads a slug ("/blog/min-kollega-hos-nordlys") as a disclosure. */
const LINK = /(?:https?:\/\/|www\.)\S+/g;

function prepare(rules: CompiledRules, text: string): Prepared {
  const folded = foldText(text);
  const mentions: string[] = [];
  let words = wordForm(folded.replace(LINK, ' '));
  if (rules.company) {
    words = words.replace(rules.company, (mention) => {
      mentions.push(mention);
      return COMPANY;
    });
  }
  return { folded, words, mentions };
}

interface Found {
  phrase: CompiledPhrase;
  evidence: string;
}

/** The leftmost phrase of an alternation in a prepared text, with the company's name put back. */
function findFirst(alternatives: Alternation, text: Prepared): Found | null {
  const match = alternatives.regex?.exec(text.words);
  if (!match) return null;
  const index = match.slice(1).findIndex((group) => group !== undefined);
  const phrase = alternatives.phrases[index];
  if (!phrase) return null;
  let mention = [...text.words.slice(0, match.index)].filter((char) => char === COMPANY).length;
  const evidence = (match[index + 1] as string).replace(/\uE000/g, () => text.mentions[mention++] ?? '{company}');
  return { phrase, evidence };
}

/** The marker a text opens with (after any leading punctuation or emoji), if any. */
function findOpening(rules: CompiledRules, text: Prepared): Found | null {
  const found = findFirst(rules.openers, text);
  if (!found?.phrase.label) return found;
  // a short label must be followed by a separator, not by more words
  return found.phrase.label.test(text.folded.replace(/^[^\p{L}\p{N}#]+/u, '')) ? found : null;
}

/** True when a (LinkedIn) headline names the employer: the company name or an alias, as whole words. */
export function headlineNamesEmployer(headline: string | null | undefined, rules: DisclosureRules): boolean {
  return headlineMention(compile(rules), headline) !== null;
}

function headlineMention(rules: CompiledRules, headline: string | null | undefined): string | null {
  if (!headline) return null;
  return prepare(rules, headline).mentions[0] ?? null;
}

function mentionEvidence(text: Prepared): string | null {
  const mention = text.mentions[0];
  return mention === undefined ? null : `names "${mention}" without a disclosing phrase`;
}

/**
 * A post's verdict: compliant, non_compliant or unknown (no text to judge), with the
 * rule that decided and the evidence (the matched phrase or marker).
 *
 * Normal mode: a disclosing phrase or marker in the text decides first; on LinkedIn a
 * headline naming the employer is enough without one. Strict mode: the text must open
 * with a marker, on every platform.
 */
export function auditPost(text: string | null | undefined, headline: string | null | undefined, platform: string, rules: DisclosureRules): AuditResult {
  const compiledRules = compile(rules);
  const prepared = prepare(compiledRules, text ?? '');
  // a link alone is text (and no disclosure); emoji alone are not
  const hasText = /[\p{L}\p{N}]/u.test(prepared.folded);
  const isLinkedin = platform.trim().toLowerCase() === 'linkedin';

  if (compiledRules.mode === 'strict') {
    if (!hasText) return { status: 'unknown', rule: 'no_text', evidence: null, language: null };
    const opening = findOpening(compiledRules, prepared);
    if (opening) return { status: 'compliant', rule: 'leading_marker', evidence: opening.evidence, language: opening.phrase.language };
    const marker = findFirst(compiledRules.markers, prepared);
    if (marker) {
      return { status: 'non_compliant', rule: 'marker_not_first', evidence: `"${marker.evidence}" is not first`, language: marker.phrase.language };
    }
    const found = findFirst(compiledRules.anywhere, prepared);
    if (found) {
      return { status: 'non_compliant', rule: 'no_leading_marker', evidence: `"${found.evidence}" but no marker first`, language: found.phrase.language };
    }
    return { status: 'non_compliant', rule: 'no_leading_marker', evidence: mentionEvidence(prepared), language: null };
  }

  if (hasText) {
    const found = findFirst(compiledRules.anywhere, prepared) ?? findOpening(compiledRules, prepared);
    if (found) {
      return {
        status: 'compliant',
        rule: found.phrase.kind === 'phrase' ? 'text_phrase' : 'text_marker',
        evidence: found.evidence,
        language: found.phrase.language,
      };
    }
  }
  if (isLinkedin) {
    const named = headlineMention(compiledRules, headline);
    if (named !== null) return { status: 'compliant', rule: 'linkedin_headline', evidence: `headline: ${named}`, language: null };
  }
  if (!hasText) return { status: 'unknown', rule: 'no_text', evidence: null, language: null };
  return { status: 'non_compliant', rule: 'no_disclosure', evidence: mentionEvidence(prepared), language: null };
}
