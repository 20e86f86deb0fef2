/**
 * Small word helpers every narrative module shares, in English and Danish: counts with
 * their noun, "once/twice", lists, and relative changes. Pure: the `Format` decides
 * both the language and how numbers are written.
 */
import type { Format } from '../format.ts';

/** A noun in both languages, singular and plural: `{ en: ['lead', 'leads'], da: ['lead', 'leads'] }`. */
export type Noun = { en: readonly [string, string]; da: readonly [string, string] };

/** `1 session`, `2 sessions`, `12.5 leads`; `1 session`, `2 sessioner`. */
export function counted(format: Format, value: number, noun: Noun | string, plural?: string): string {
  const [singular, many] = typeof noun === 'string' ? [noun, plural ?? `${noun}s`] : noun[format.language];
  return `${format.count(value)} ${value === 1 ? singular : many}`;
}

/** `once`, `twice`, `1,204 times`; `én gang`, `to gange`, `1.204 gange`. */
export function times(format: Format, value: number): string {
  if (format.language === 'da') {
    if (value === 1) return 'én gang';
    if (value === 2) return 'to gange';
    return `${format.count(value)} gange`;
  }
  if (value === 1) return 'once';
  if (value === 2) return 'twice';
  return `${format.count(value)} times`;
}

/** `A`, `A and B`, `A, B and C` (`og` in Danish). */
export function list(items: readonly string[], format?: Format): string {
  if (items.length <= 1) return items.join('');
  const and = format?.language === 'da' ? 'og' : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** `up 18% on`, `down 5% on`, `level with`; `18 % over`, `5 % under`, `på niveau med`. */
export function change(format: Format, ratio: number): string {
  const rounded = Math.round(ratio * 100) / 100;
  if (format.language === 'da') {
    if (rounded === 0) return 'på niveau med';
    return `${format.percent(Math.abs(ratio))} ${rounded > 0 ? 'over' : 'under'}`;
  }
  if (rounded === 0) return 'level with';
  return `${rounded > 0 ? 'up' : 'down'} ${format.percent(Math.abs(ratio))} on`;
}

/** part / whole, or null without a whole. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** The nouns the reports count, in both languages. */
export const NOUNS = {
  ambassador: { en: ['ambassador', 'ambassadors'], da: ['ambassadør', 'ambassadører'] },
  session: { en: ['session', 'sessions'], da: ['session', 'sessioner'] },
  lead: { en: ['lead', 'leads'], da: ['lead', 'leads'] },
  creditedLead: { en: ['credited lead', 'credited leads'], da: ['krediteret lead', 'krediterede leads'] },
  day: { en: ['day', 'days'], da: ['dag', 'dage'] },
  week: { en: ['week', 'weeks'], da: ['uge', 'uger'] },
  goal: { en: ['goal', 'goals'], da: ['mål', 'mål'] },
  outcome: { en: ['outcome', 'outcomes'], da: ['resultat', 'resultater'] },
  creditedOutcome: { en: ['credited outcome', 'credited outcomes'], da: ['krediteret resultat', 'krediterede resultater'] },
  post: { en: ['post', 'posts'], da: ['opslag', 'opslag'] },
  point: { en: ['point', 'points'], da: ['point', 'point'] },
  item: { en: ['item', 'items'], da: ['indhold', 'indhold'] },
  month: { en: ['month', 'months'], da: ['måned', 'måneder'] },
  group: { en: ['group', 'groups'], da: ['gruppe', 'grupper'] },
  comparison: { en: ['comparison', 'comparisons'], da: ['sammenligning', 'sammenligninger'] },
} as const satisfies Record<string, Noun>;
