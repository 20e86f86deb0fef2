/**
 * Which character is a file's decimal mark. A cell such as `12.500` reads as 12500 with
 * a comma decimal mark and as 12.5 with a dot, a factor of 1000 either way, so the mark
 * is decided once per file, from the cells that show it, and never cell by cell.
 */

export type DecimalMark = '.' | ',';

/** The first written number in a cell: digits with their separators, and a trailing `,-` or `.-` (no øre). */
const NUMERAL = /\d(?:[\d.,'\s\u00a0\u202f]*\d)?(?:[.,]-)?/;

/**
 * The decimal mark a cell shows by itself, or null when it has none or reads either
 * way. A thousands separator is always followed by exactly three digits, and groups of
 * at most three, so:
 * - both marks: the last one is the decimal mark (`3.000,00`, `12,500.50`);
 * - `,-` or `.-` after the number (`1.200,-`, Scandinavian and Swiss for "no øre"): that mark;
 * - one mark written twice or more: it groups thousands, the other is the decimal mark (`1.200.000`);
 * - one mark once, followed by other than three digits (`12,5`, `1250.50`), after more
 *   than three digits or a lone 0 (`1234.500`, `0.500`), or in a number grouped with
 *   spaces or apostrophes (`1 234,500`): the decimal mark;
 * - one mark once, followed by three digits after one to three digits (`12.500`, `1,500`): null.
 */
export function decimalMarkShown(text: string): DecimalMark | null {
  const match = NUMERAL.exec(text);
  if (!match) return null;
  let numeral = match[0];
  const noMinorUnits = /([.,])-$/.exec(numeral);
  if (noMinorUnits) return noMinorUnits[1] as DecimalMark;
  const spaceGrouped = /['\s\u00a0\u202f]/.test(numeral);
  numeral = numeral.replace(/['\s\u00a0\u202f]/g, '');
  const lastDot = numeral.lastIndexOf('.');
  const lastComma = numeral.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  if (lastDot < 0 && lastComma < 0) return null;
  const mark: DecimalMark = lastDot >= 0 ? '.' : ',';
  const parts = numeral.split(mark);
  if (parts.length > 2) return mark === '.' ? ',' : '.';
  const [before, after] = parts as [string, string];
  if (after.length !== 3 || before.length > 3 || before === '0' || spaceGrouped) return mark;
  return null;
}

/** The decimal marks a file's cells show, and one cell showing each, to quote in a reason. */
export interface DecimalMarksShown {
  /** The mark more cells show than the other; null when none shows one, or as many show each. */
  majority: DecimalMark | null;
  /** The first cell showing each mark. */
  examples: Partial<Record<DecimalMark, string>>;
}

/** Counts the decimal marks that `cells` show (see `decimalMarkShown`). */
export function decimalMarksShown(cells: Iterable<string>): DecimalMarksShown {
  const counts = { '.': 0, ',': 0 };
  const examples: Partial<Record<DecimalMark, string>> = {};
  for (const cell of cells) {
    const mark = decimalMarkShown(cell);
    if (mark === null) continue;
    counts[mark] += 1;
    examples[mark] ??= cell.trim();
  }
  return { majority: majorityMark(counts), examples };
}

/** The mark more cells show than the other; null when as many show each. */
export function majorityMark(counts: Record<DecimalMark, number>): DecimalMark | null {
  return counts['.'] > counts[','] ? '.' : counts[','] > counts['.'] ? ',' : null;
}

/** The decimal mark of a locale's numbers (`da-DK`, `fr-FR`, `de-DE`: comma; `en-US`, `en-GB`: dot). */
export function localeDecimalMark(locale: string): DecimalMark {
  let mark = decimalMarks.get(locale);
  if (mark === undefined) {
    let decimal: string | undefined;
    try {
      decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
    } catch {
      decimal = undefined;
    }
    mark = decimal === ',' ? ',' : '.';
    decimalMarks.set(locale, mark);
  }
  return mark;
}

/** Each locale's mark, asked of Intl once (a NumberFormat takes longer to make than a file's cell to read). */
const decimalMarks = new Map<string, DecimalMark>();

/**
 * Why a cell that cannot be read in the file's decimal mark was not read the other way:
 * the end of a sentence that starts with the cell and its column. Null when the cell
 * does not show the other mark.
 */
export function disagreesWithFile(text: string, fileMark: DecimalMark, shown: DecimalMarksShown): string | null {
  const own = decimalMarkShown(text);
  if (own === null || own === fileMark) return null;
  const example = shown.examples[fileMark];
  const others =
    example === undefined ? `this file's numbers are read with "${fileMark}"` : `the other numbers in this file have "${fileMark}" (such as "${example}")`;
  return `reads only with "${own}" as the decimal mark, but ${others}; write it the way the rest of the file does`;
}
