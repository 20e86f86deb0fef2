/**
 * Personal data found by what it looks like, wherever it is in a text: e-mail addresses
 * and phone numbers in free text, in URL paths, fragments and query or matrix parameters
 * (`;jsessionid=`), written plain or URL-encoded any number of times (`%40`, `%2540`).
 * A lead's e-mail becomes its salted hash, as in the e-mail column, so the same person
 * still matches; a phone number becomes `[phone]`.
 *
 * Phone numbers are told from dates, ids and amounts by their shape: a leading `+` (or
 * `%2B`, or `00` and a separator) and 9 to 15 digits; pairs of digits (`12 34 56 78`,
 * `06.12.34.56.78`); North American `(555) 123-4567`; and trunk-0 numbers
 * (`020 7946 0958`, `0171 1234567`) of 9 to 12 digits. A run of digits without
 * separators (`40012345`) is an id, not a phone, and is left alone, as are dates.
 */

/** A lead's e-mail address, already decoded and in lower case, to its salted hash. */
export type HashEmail = (address: string) => string;

export const MASKED_PHONE = '[phone]';

/** `@` and `+`, percent-encoded once or more. */
const ENCODED_AT = String.raw`%(?:25)*40`;
const ENCODED_PLUS = String.raw`%(?:25)*2b`;
const SEP = String.raw`(?:[ .\-\u00a0]|%(?:25)*20)`;
/** Not right after a percent-escape's `%` or first hex digit (`%2Fjane` is `/jane`). */
const NOT_IN_ESCAPE = String.raw`(?<!%(?:25)*[0-9a-f]?)`;
/** Not in the middle of a number, nor inside a percent-escape. */
const NUMBER_START = String.raw`(?<![\d.,])${NOT_IN_ESCAPE}`;
const NUMBER_END = String.raw`(?![\d:]|[.,]\d)`;
/** Not after a letter or digit, unless it ends a percent-escape (`%3D%2B45`). */
const WORD_START = String.raw`(?<!(?<!%(?:25)*[0-9a-f])[\p{L}\p{N}_])`;

/** An address's local part is at most 64 characters, which also keeps the search linear. */
const EMAIL = new RegExp(
  String.raw`${NOT_IN_ESCAPE}(?:[\p{L}\p{N}._\-]|\+|${ENCODED_PLUS}){1,64}(?:@|${ENCODED_AT})(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?\.)+\p{L}{2,}`,
  'giu',
);
const MAY_HOLD_EMAIL = new RegExp(String.raw`@|${ENCODED_AT}`, 'i');

const PHONE = new RegExp(
  [
    String.raw`(?<international>${WORD_START}(?:(?:\+|${ENCODED_PLUS})\d{1,3}(?:${SEP}?\(0\))?(?:${SEP}?\(?\d{1,5}\)?){1,6}|(?<!\d)00[1-9]\d{0,2}(?:${SEP}\(?\d{1,5}\)?){2,6})${NUMBER_END})`,
    String.raw`(?<pairs>${NUMBER_START}\d{2}(?<pairSep>${SEP})\d{2}\k<pairSep>\d{2}\k<pairSep>\d{2}(?:\k<pairSep>\d{2})?${NUMBER_END})`,
    String.raw`(?<northAmerican>${NUMBER_START}(?:\(\d{3}\) ?|\d{3}[\-. ])\d{3}[\-. ]\d{4}${NUMBER_END})`,
    String.raw`(?<trunk>${NUMBER_START}0\d{1,4}(?:${SEP}|/)\d{2,8}(?:${SEP}\d{2,8}){0,3}${NUMBER_END})`,
  ].join('|'),
  'giu',
);

/** A day and month first (`27.11.2026`, `1-12-26`): a date, not the start of a phone number. */
const DATE_START = /^(\d{1,2})([-./])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)/;

/** `text` with every e-mail address hashed and every phone number masked. */
export function maskPersonalData(text: string, hashEmail: HashEmail): string {
  const hashed = MAY_HOLD_EMAIL.test(text) ? text.replace(EMAIL, (match) => hashEmail(decodeAddress(match))) : text;
  if (!/\d/.test(hashed)) return hashed;
  return hashed.replace(PHONE, (match, ...rest) => {
    const groups = rest.at(-1) as Record<string, string | undefined>;
    const digits = match
      .replace(/%(?:25)*(?:2b|20)/gi, ' ')
      .replace('(0)', '')
      .replace(/\D/g, '').length;
    if (groups.international !== undefined) return digits >= 9 && digits <= 15 ? MASKED_PHONE : match;
    if (groups.trunk !== undefined && (digits < 9 || digits > 12)) return match;
    return looksLikeDate(match) ? match : MASKED_PHONE;
  });
}

function decodeAddress(match: string): string {
  return match.replace(new RegExp(ENCODED_AT, 'gi'), '@').replace(new RegExp(ENCODED_PLUS, 'gi'), '+').toLowerCase();
}

function looksLikeDate(match: string): boolean {
  const parts = DATE_START.exec(match);
  if (!parts) return false;
  const [first, second] = [Number(parts[1]), Number(parts[3])];
  return (first >= 1 && first <= 31 && second >= 1 && second <= 12) || (first >= 1 && first <= 12 && second >= 1 && second <= 31);
}
