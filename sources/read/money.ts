/**
 * The one rule for reading an amount of money from a cell. An amount is read as
 * written or not at all: a currency sign or code beside it (`kr. 1.200`, `1.200,00
 * DKK`, `€ 100`) is checked against the currency the amount must be in and dropped; an
 * estimate (`ca. 1200`, `about 2000`, `~500`), a range (`1000-2000`) or anything else is
 * refused with a reason. The number's decimal mark is the file's (`decimal-mark.ts`),
 * never guessed from the cell alone.
 *
 * An amount is returned as its digits (`'1200'`, `'-3000.25'`), not as a JS number:
 * it lands in a DECIMAL column exactly as written, with no rounding through a double.
 */
import { disagreesWithFile, type DecimalMark, type DecimalMarksShown } from './decimal-mark.ts';

/** Digits kept in all, and after the decimal mark: `decimal(18,4)` holds up to 99,999,999,999,999.9999. */
export const MONEY_PRECISION = 18;
export const MONEY_SCALE = 4;
/** The warehouse type of every amount of money, from the raw layer to core. */
export const MONEY_SQL_TYPE = `decimal(${MONEY_PRECISION},${MONEY_SCALE})`;

export interface MoneyContext {
  /** The file's decimal mark. */
  decimal: DecimalMark;
  /** The decimal marks the file's cells show, to name the file's own way in a reason. */
  shown: DecimalMarksShown;
  /** The currency the amount must be in: the row's, else the program's; null when neither is known. */
  currency: string | null;
  /** The header of the row's currency column, when the format has one. */
  currencyColumn: string | null;
  /** Whether `currency` is the row's own (from its currency column) rather than the program's. */
  currencyIsRows: boolean;
}

/** An amount as its digits (`'1200.5'`), or the end of a sentence saying why the cell is not one. */
export type MoneyReading = { amount: string } | { problem: string };

const KRONE = ['DKK', 'SEK', 'NOK', 'ISK'];
const DOLLAR = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD'];
/** Currency signs and abbreviations as written beside an amount (lower case), and the codes each can mean. */
const CURRENCY_SIGNS = new Map<string, readonly string[]>([
  ['kr', KRONE],
  ['kr.', KRONE],
  ['dkr', ['DKK']],
  ['dkr.', ['DKK']],
  ['skr', ['SEK']],
  ['skr.', ['SEK']],
  ['nkr', ['NOK']],
  ['nkr.', ['NOK']],
  ['€', ['EUR']],
  ['£', ['GBP']],
  ['$', DOLLAR],
  ['us$', ['USD']],
  ['¥', ['JPY', 'CNY']],
  ['zł', ['PLN']],
  ['kč', ['CZK']],
  ['fr.', ['CHF']],
]);
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Words and signs that make a number an estimate or a bound rather than an amount. */
const APPROXIMATE =
  /^(?:ca\.?|c\.|cirka|circa|approx\.?|approximately|about|around|roughly|omkring|ungefähr|environ|env\.|est\.|estimated|anslået|~|≈|±|\+\/-|>|<|>=|<=|≥|≤|min\.?|max\.?|mindst|maks\.?|over|under)$/i;
const RANGE = /\d\s*(?:[-–—]|\bto\b|\btil\b)\s*\D{0,5}\d/i;

const SIGN_OR_CODE = String.raw`[^\d\s()+\-]+`;
const NUMERAL = String.raw`\d(?:[\d.,' ]*\d)?(?:[.,]-)?`;
const AMOUNT = new RegExp(
  String.raw`^(?<open>\()?\s*(?<sign>[+-])?\s*(?<before>${SIGN_OR_CODE})?\s*(?<innerSign>[+-])?\s*(?<numeral>${NUMERAL})\s*(?<after>${SIGN_OR_CODE})?\s*(?<close>\))?$`,
);

/** Reads one cell as an amount of money (see the module comment). `text` is trimmed and not empty. */
export function readMoney(text: string, context: MoneyContext): MoneyReading {
  const written = text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\u2212/g, '-');
  const match = AMOUNT.exec(written);
  if (!match) return { problem: whyNotAnAmount(written) };
  const { open, sign, before, innerSign, numeral, after, close } = match.groups as Record<string, string | undefined>;
  if (Boolean(open) !== Boolean(close) || (sign && innerSign) || (open && (sign || innerSign))) {
    return { problem: whyNotAnAmount(written) };
  }
  for (const token of [before, after]) {
    if (token === undefined) continue;
    const problem = currencyProblem(token, context);
    if (problem) return { problem };
  }
  const parts = splitNumeral(numeral!, context.decimal);
  if (!parts) return { problem: disagreesWithFile(numeral!, context.decimal, context.shown) ?? NOT_AN_AMOUNT };
  const whole = parts.whole.replace(/^0+(?=\d)/, '');
  const fraction = parts.fraction.replace(/0+$/, '');
  if (fraction.length > MONEY_SCALE) {
    return { problem: `has ${fraction.length} decimals, more than the ${MONEY_SCALE} an amount keeps; round it to ${MONEY_SCALE} decimals or fewer` };
  }
  if (whole.length > MONEY_PRECISION - MONEY_SCALE) {
    return { problem: `has ${whole.length} digits before the decimal mark, more than the ${MONEY_PRECISION - MONEY_SCALE} an amount can have; check the cell` };
  }
  const negative = (sign ?? innerSign) === '-' || open !== undefined;
  const isZero = whole === '0' && fraction === '';
  return { amount: `${negative && !isZero ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}` };
}

const NOT_AN_AMOUNT = 'is not an amount: write digits, with a currency such as kr. or DKK before or after them if you like';

/** The reason for a cell that is not even shaped like an amount. */
function whyNotAnAmount(written: string): string {
  if (RANGE.test(written)) return 'is a range, not an amount; write the one amount the cost or value was';
  const estimate = written
    .split(/\s+|(?=\d)/)
    .map((word) => word.replace(/\d.*$/, ''))
    .find((word) => word !== '' && APPROXIMATE.test(word));
  return estimate ? estimateProblem(estimate) : NOT_AN_AMOUNT;
}

function estimateProblem(word: string): string {
  return `is an estimate ("${word}"), not an amount as written; write the exact amount, or leave the cell empty until it is known`;
}

/** Why a sign or code beside the number does not fit the amount's currency; null when it does. */
function currencyProblem(token: string, context: MoneyContext): string | null {
  if (APPROXIMATE.test(token)) return estimateProblem(token);
  const codes = CURRENCY_SIGNS.get(token.toLowerCase()) ?? (ISO_CURRENCIES.has(token.toUpperCase()) ? [token.toUpperCase()] : null);
  if (!codes) return `has "${token}" beside the number, which is not a currency sign or code; write the amount as digits, with kr., DKK or € if you like`;
  const named = codes.length === 1 ? codes[0]! : `${token} (${codes.slice(0, -1).join(', ')} or ${codes.at(-1)})`;
  if (context.currency === null) {
    return `is written in ${named}, and neither the row nor the config names a currency to check it against; write the amount without it, or fill in the currency`;
  }
  if (codes.includes(context.currency)) return null;
  if (context.currencyIsRows) {
    return `is written in ${named}, but the row's ${context.currencyColumn} is ${context.currency}; correct the amount or the currency`;
  }
  const orColumn = context.currencyColumn ? `, or put its currency in the row's ${context.currencyColumn} column` : '';
  return `is written in ${named}, but the program's currency is ${context.currency}; write the amount in ${context.currency}${orColumn}`;
}

/**
 * Every way of writing `currency` beside an amount that `readMoney` takes when the amount
 * is in it: its signs and abbreviations (`kr.`, `€`) and its code, in any mix of upper and
 * lower case. For SQL that must read amounts as `readMoney` does (`read/read-csv-sql.ts`).
 */
export function currencySpellings(currency: string): string[] {
  const code = currency.toUpperCase();
  const context: MoneyContext = { decimal: '.', shown: { majority: null, examples: {} }, currency: code, currencyColumn: null, currencyIsRows: false };
  const spellings = [...CURRENCY_SIGNS.keys(), code].flatMap(caseVariants);
  return [...new Set(spellings)].filter((token) => currencyProblem(token, context) === null);
}

function caseVariants(text: string): string[] {
  return [...text].reduce(
    (variants, char) => variants.flatMap((start) => [...new Set([char.toLowerCase(), char.toUpperCase()])].map((one) => start + one)),
    [''],
  );
}

/**
 * The whole and fractional digits of a numeral in the file's decimal mark, or null when
 * it is not a number written that way. Thousands are grouped by the other mark, a
 * space or an apostrophe, in groups of three; the decimal mark followed by `-` (`1.200,-`)
 * ends a whole amount.
 */
function splitNumeral(numeral: string, decimal: DecimalMark): { whole: string; fraction: string } | null {
  let body = numeral;
  const noMinorUnits = /[.,]-$/.test(body);
  if (noMinorUnits) {
    if (body.at(-2) !== decimal) return null;
    body = body.slice(0, -2);
  }
  const [whole, fraction, ...rest] = body.split(decimal) as [string, string | undefined, ...string[]];
  if (rest.length > 0 || (noMinorUnits && fraction !== undefined)) return null;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  if (!/^\d+$/.test(whole)) {
    const separator = /\D/.exec(whole)![0];
    if (!new RegExp(String.raw`^\d{1,3}(?:[${separator}]\d{3})+$`).test(whole)) return null;
  }
  return { whole: whole.replace(/\D/g, ''), fraction: fraction ?? '' };
}
