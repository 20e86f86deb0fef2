/**
 * The SQL of the DuckDB `read_csv` path (`sources/read-csv.ts`), one fragment per rule,
 * each a pure function of the adapter, the file's plan and what is known of the file
 * before its rows are read (its facts, its decimal marks). Together they make the query
 * that reads, types and checks every row of a file in one pass (`checkedRowsQuery`),
 * with the same rules as the papaparse path (`read/row-checks.ts`, `parse.ts`).
 *
 * A value is typed only in the forms whose reading is certain to be the papaparse path's
 * (`1234`, `0.6037`, `1,200`, `62,5 %`, `1 234,56 €`, `2026-10-28`, `20261028` ...). Any
 * other value of a typed column is null, which fails its row, and the loader has the
 * papaparse path's row reader read that row again (`rowReader` in `parse.ts`): the reason
 * is that reader's, and should it read the row after all, the file goes through
 * papaparse. The SQL may thus know fewer forms than JS, but never read one differently.
 */
import { quotedIdentifier, quotedString } from '../../pipelines/warehouse.ts';
import type { Adapter, ColumnSpec, ColumnType, FileFacts, SqlTransform } from '../adapter.ts';
import { duckdbType, NUMERIC_TYPES, type DecimalMarks } from '../parse.ts';
import type { ReadCsvPlan } from '../read-csv.ts';
import type { DecimalMark } from './decimal-mark.ts';
import { currencySpellings, MONEY_PRECISION, MONEY_SCALE, MONEY_SQL_TYPE } from './money.ts';
import { ISO_SHAPE, MAX_CELL_CHARS, pastLimit, recordsPastEvent, type PastLimits } from './row-checks.ts';
import { ISO_DATE_TIME } from './values.ts';

export type CsvLayout = Pick<ReadCsvPlan, 'header' | 'headerLine' | 'delimiter' | 'positions'>;

/** What typing a file's values needs besides the adapter. */
export interface ValueReading {
  /** The zone of timestamps written without one (the config's `timezone`, unless the column fixes it). */
  timezone: string;
  /** The file's decimal marks (`decimalMarks` in `parse.ts`). */
  marks: Pick<DecimalMarks, 'number' | 'money'>;
  /** The program's currency, the only one an amount's currency sign may name. */
  currency: string | null;
}

/** Where `read_csv` puts the rows it cannot split into the header's fields. */
export const REJECTS = '_read_csv_rejects';
export const SCANS = '_read_csv_scans';

/** JS `String.prototype.trim`'s white space (also JS's `\s`), for DuckDB's `trim(s, characters)`. */
const JS_WHITESPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** The same, inside an RE2 character class: RE2's `\s` is ASCII white space only. */
const JS_SPACE_CLASS = [...JS_WHITESPACE].map((char) => `\\x{${char.codePointAt(0)!.toString(16)}}`).join('');
/** What `parseNumber` drops from anywhere in a number (`1 200`, `1'200`). */
const NUMBER_SPACING = `[${JS_SPACE_CLASS}']`;

/**
 * The temp macros the fragments call: `_js_trim(s)`, a cell trimmed as JS's `trim()` trims
 * it (`''` for a missing one; a cell that starts and ends in printable ASCII is left as it
 * is without a look at the white space), and `_decimal_mark_shown(cell)`, `decimalMarkShown`
 * (`decimal-mark.ts`) in SQL: `'.'`, `','` or null. A cell of digits around one mark
 * takes a short cut; any other goes the regex's way.
 */
export function readCsvMacros(): string {
  const numeral = String.raw`\d(?:[\d.,'${JS_SPACE_CLASS}]*\d)?(?:[.,]-)?`;
  const digitsMark = bound(`regexp_replace(_numeral, ${quotedString(NUMBER_SPACING)}, '', 'g')`, '_digits', '_digits_mark(_digits, _digits <> _numeral)');
  return `create or replace temp macro _js_trim(s) as case when s is null then ''
       when regexp_full_match(s, '[!-~](?s:.*[!-~])?') then s
       else trim(s, ${quotedString(JS_WHITESPACE)}) end;
     create or replace temp macro _lone_mark(digits, mark, spaced) as
       case when spaced or length(digits) - strpos(digits, mark) <> 3 or strpos(digits, mark) > 4 or (strpos(digits, mark) = 2 and starts_with(digits, '0'))
         then mark end;
     create or replace temp macro _digits_mark(digits, spaced) as
       case when contains(digits, '.') and contains(digits, ',') then (case when strpos(reverse(digits), '.') < strpos(reverse(digits), ',') then '.' else ',' end)
         when contains(digits, '.') then (case when length(digits) - length(replace(digits, '.', '')) > 1 then ',' else _lone_mark(digits, '.', spaced) end)
         when contains(digits, ',') then (case when length(digits) - length(replace(digits, ',', '')) > 1 then '.' else _lone_mark(digits, ',', spaced) end) end;
     create or replace temp macro _decimal_mark_shown(cell) as
       case when not (contains(cell, '.') or contains(cell, ',')) then null
         when regexp_full_match(cell, '\\d+[.,]\\d+') then _lone_mark(cell, case when contains(cell, '.') then '.' else ',' end, false)
         else ${bound(`regexp_extract(cell, ${quotedString(numeral)})`, '_numeral', `case when _numeral like '%.-' then '.' when _numeral like '%,-' then ',' else ${digitsMark} end`)} end;`;
}

/**
 * True for a web address `parseWebAddress` (`values.ts`) keeps, in the form whose reading
 * is certain: `http://` or `https://`, a host of letters, digits and hyphens whose last
 * label starts with a letter (no port, no user, no IDN label), then a path, query or
 * fragment without white space. URL's parser accepts every such address; an address in
 * any other form is left to JS.
 */
function webAddressReadable(text: string): string {
  const address = String.raw`[Hh][Tt][Tt][Pp][Ss]?://(?:[A-Za-z0-9-]+\.)+[A-Za-z][A-Za-z0-9-]*(?:[/?#][^${JS_SPACE_CLASS}]*)?`;
  const punycodeLabel = String.raw`^[^:]*://(?:[^/?#]*\.)?[Xx][Nn]--`;
  return `(regexp_full_match(${text}, ${quotedString(address)}) and not regexp_matches(${text}, ${quotedString(punycodeLabel)}))`;
}

/**
 * An RE2 pattern for `word` whatever the case of its ASCII letters, as JS's `/i` compares
 * them (RE2's `(?i)` also folds letters JS keeps apart: `ſ` and `s`, `K` and `k`), its
 * other characters as written.
 */
export function asciiCaseless(word: string): string {
  return [...word].map((char) => (/[a-z]/i.test(char) ? `[${char.toUpperCase()}${char.toLowerCase()}]` : char.replace(/[.*+?^${}()|[\]\\]/, '\\$&'))).join('');
}

/**
 * `body` with `name` standing for `value`, which SQL then works out once: an expression
 * used several times is otherwise copied, and each copy of a regex compiled, when the
 * statement is planned.
 */
export function bound(value: string, name: string, body: string): string {
  return `list_transform([${value}], ${name} -> ${body})[1]`;
}

/** A text trimmed as JS's `trim()` trims it (`_js_trim`), `''` for null. */
export function jsTrim(text: string): string {
  return `_js_trim(${text})`;
}

/** The file column at a header position: every field is read as text into `c0`, `c1`, .... */
export function fileColumn(index: number): string {
  return `c${index}`;
}

/** The file's rows, every field as text, structural problems into the rejects table. */
export function readCsv(path: string, plan: CsvLayout): string {
  return `read_csv(${quotedString(path)},
    header = true, skip = ${plan.headerLine - 1}, delim = ${quotedString(plan.delimiter)}, quote = '"', escape = '"',
    auto_detect = false,
    columns = {${plan.header.map((_, index) => `${quotedString(fileColumn(index))}: 'VARCHAR'`).join(', ')}},
    store_rejects = true, rejects_table = '${REJECTS}', rejects_scan = '${SCANS}')`;
}

/** A row's cells as a list of texts, as the papaparse path has them (`''` for a missing one). */
export function cellList(width: number): string {
  return `[${fileCells(width).join(', ')}]`;
}

/** An adapter column's trimmed text, by its position among the adapter's columns. */
export function trimmedText(columnIndex: number): string {
  return `_t${columnIndex}`;
}

/** Each adapter column's trimmed text (`_t0`, ...), `''` for a column the file lacks. */
export function trimmedTexts(adapter: Adapter, plan: CsvLayout): string[] {
  return adapter.columns.map((column, index) => {
    const position = plan.positions.get(column.name);
    return `${position === undefined ? `''` : jsTrim(fileColumn(position))} as ${trimmedText(index)}`;
  });
}

/** Each adapter column's typed value, named as the column: null when empty or not a value in a form the SQL reads. */
export function typedValues(adapter: Adapter, reading: ValueReading): string[] {
  const spellings = reading.currency === null ? [] : currencySpellings(reading.currency);
  return adapter.columns.map((column, index) => {
    const text = trimmedText(index);
    return `case when ${text} = '' then null else ${typedValue(column, text, { ...reading, timezone: column.timezone ?? reading.timezone }, spellings)} end as ${quotedIdentifier(column.name)}`;
  });
}

/** Each file cell of a row trimmed as JS trims: an adapter column's trimmed text, or the cell trimmed. */
function trimmedCells(adapter: Adapter, plan: CsvLayout): string[] {
  return plan.header.map((_, index) => {
    const column = adapter.columns.findIndex((one) => plan.positions.get(one.name) === index);
    return column >= 0 ? trimmedText(column) : jsTrim(fileColumn(index));
  });
}

/** True for a row whose every field is empty once trimmed. */
export function blankRow(adapter: Adapter, plan: CsvLayout): string {
  return trimmedCells(adapter, plan)
    .map((cell) => `${cell} = ''`)
    .join(' and ');
}

/** True for a summary row (`Grand total`), by the adapter's SQL hook; never without one. */
function summaryRow(adapter: Adapter, plan: CsvLayout): string {
  return adapter.sqlHooks?.isSummaryRow?.(trimmedCells(adapter, plan)) ?? 'false';
}

/** What the adapter's SQL `transformRow` makes of a row: the columns it sets, and when it rejects the row. */
function transformedRow(adapter: Adapter, facts: FileFacts): SqlTransform {
  return adapter.sqlHooks?.transformRow?.(facts, quotedIdentifier) ?? { columns: {}, rejects: 'false' };
}

/**
 * Conditions on a row's cells that no export meets: a NUL character, a cell longer than
 * `MAX_CELL_CHARS`, a value under no label, past the header's last one.
 */
export function cellFailures(plan: CsvLayout): string[] {
  const cells = fileCells(plan.header.length);
  const width = plan.header.findLastIndex((label) => label.trim() !== '') + 1;
  const unlabelled = plan.header.slice(width).map((_, offset) => `${jsTrim(fileColumn(width + offset))} <> ''`);
  return [
    cells.map((cell) => `contains(${cell}, chr(0))`).join(' or '),
    cells.map((cell) => `length(${cell}) > ${MAX_CELL_CHARS}`).join(' or '),
    ...(unlabelled.length > 0 ? [unlabelled.join(' or ')] : []),
  ];
}

/**
 * Conditions on a row's values that fail it: a required value empty, a value that is not
 * read, a past event after `limits`, a negative count.
 */
export function valueFailures(adapter: Adapter, limits: PastLimits): string[] {
  return adapter.columns.flatMap((column, index) => {
    const text = trimmedText(index);
    const value = quotedIdentifier(column.name);
    const conditions: string[] = [];
    if (column.required) conditions.push(`${text} = ''`);
    if (column.type === 'text') return conditions;
    conditions.push(`${text} <> '' and ${value} is null`);
    if (recordsPastEvent(column)) conditions.push(`${value} > ${pastLimitLiteral(column, limits)}`);
    if (column.type === 'integer' && !column.signed) conditions.push(`${value} < 0`);
    return conditions;
  });
}

/** The latest a past event in the column may be, as a DuckDB literal. */
export function pastLimitLiteral(column: ColumnSpec, limits: PastLimits): string {
  const limit = new Date(pastLimit(column, limits)).toISOString();
  return column.type === 'date' ? `'${limit.slice(0, 10)}'::date` : `'${limit.replace('T', ' ').replace('Z', '')}'::timestamp`;
}

/** The layout of a date or timestamp value (`dateLayouts`). */
export const DATE_LAYOUT = { compact: 1, notADate: 2, other: 3 } as const;

/** The adapter's date and timestamp columns the file has, by their index among its columns. */
export function datedColumns(adapter: Adapter, plan: CsvLayout): number[] {
  return adapter.columns.flatMap((column, index) =>
    (column.type === 'date' || column.type === 'timestamp') && plan.positions.has(column.name) ? [index] : [],
  );
}

/**
 * Each date or timestamp column's layout in a row (`_layout<i>`, i its index among the
 * adapter's columns): null when empty or written year first, then `DATE_LAYOUT`: a valid
 * `YYYYMMDD` (GA4's, in a date column), not a date at all, or another layout starting with
 * a digit (D/M/YYYY ...), which only the papaparse path resolves.
 */
export function dateLayouts(adapter: Adapter, plan: CsvLayout): string[] {
  return datedColumns(adapter, plan).map((index) => {
    const text = trimmedText(index);
    const column = adapter.columns[index]!;
    const compact =
      column.type === 'date' ? `when regexp_full_match(${text}, '\\d{8}') and ${quotedIdentifier(column.name)} is not null then ${DATE_LAYOUT.compact} ` : '';
    return `case when ${text} = '' or regexp_matches(${text}, ${quotedString(ISO_SHAPE.source)}) then null ${compact}when regexp_matches(${text}, '^\\d') then ${DATE_LAYOUT.other}
      else ${DATE_LAYOUT.notADate} end as _layout${index}`;
  });
}

/** The adapter's numeric columns the file has, by their index among its columns. */
function numericColumns(adapter: Adapter, plan: CsvLayout): number[] {
  return adapter.columns.flatMap((column, index) => (NUMERIC_TYPES.has(column.type) && plan.positions.has(column.name) ? [index] : []));
}

/**
 * The decimal mark each numeric cell of a row shows (`_marks`, in the order of the
 * adapter's columns), which decides the file's (`decimalMarks`). One lambda over the list
 * of cells: the macro is planned once, not once per column.
 */
function cellDecimalMarks(adapter: Adapter, plan: CsvLayout): string {
  const cells = numericColumns(adapter, plan).map((index) => `coalesce(${fileColumn(plan.positions.get(adapter.columns[index]!.name)!)}, '')`);
  return `list_transform([${cells.join(', ')}]::varchar[], _cell -> _decimal_mark_shown(_cell)) as _marks`;
}

/** How many of a row's numeric cells show each decimal mark (`_dots`, `_commas`), and the first that does, trimmed (`_dot_example` ...). */
function rowDecimalMarks(adapter: Adapter, plan: CsvLayout): string[] {
  const texts = `[${numericColumns(adapter, plan).map(trimmedText).join(', ')}]::varchar[]`;
  return [
    ['.', 'dot'],
    [',', 'comma'],
  ].flatMap(([mark, name]) => [
    `length(list_filter(_marks, _mark -> _mark = '${mark}')) as _${name}s`,
    `(${texts})[list_position(_marks, '${mark}')] as _${name}_example`,
  ]);
}

/** The line breaks inside a row's quoted values; without a quote in the file there are none. */
export function lineBreaksInside(plan: CsvLayout, fileHasQuote: boolean): string {
  return fileHasQuote
    ? fileCells(plan.header.length)
        .map((cell) => `(length(${cell}) - length(replace(${cell}, chr(10), '')))`)
        .join(' + ')
    : '0';
}

/** `, <json> as _extra`: the named columns the adapter does not read, as a JSON object of the non-empty ones; `''` when none are kept. */
export function extraColumnsJson(adapter: Adapter, plan: CsvLayout): string {
  const declared = new Set(plan.positions.values());
  const extras = plan.header.map((label, index) => ({ label: label.trim(), index })).filter(({ label, index }) => label !== '' && !declared.has(index));
  if (extras.length === 0 || !adapter.keepExtraColumns) return '';
  const cell = (index: number) => `coalesce(${fileColumn(index)}, '')`;
  return `, case when ${extras.map(({ index }) => `${cell(index)} = ''`).join(' and ')} then null
         else '{' || concat_ws(',', ${extras.map(({ label, index }) => `case when ${cell(index)} <> '' then ${quotedString(JSON.stringify(label))} || ':' || to_json(${fileColumn(index)})::varchar end`).join(', ')}) || '}' end as _extra`;
}

/**
 * Each raw column the adapter fills, as the row lands: its typed value, or what the SQL
 * `transformRow` sets; a derived column from the file's facts, or null.
 */
function landedValues(adapter: Adapter, facts: FileFacts, transformed: Record<string, string>): string[] {
  return [
    ...adapter.columns.map((column) => `${transformed[column.name] ?? quotedIdentifier(column.name)} as ${quotedIdentifier(column.name)}`),
    ...(adapter.derivedColumns ?? []).map(
      (column) => `${transformed[column.name] ?? factLiteral(facts.values?.[column.name], column.type)} as ${quotedIdentifier(column.name)}`,
    ),
  ];
}

/** A value of the file's facts (`FileFacts.values`) as a literal of the column's type. */
export function factLiteral(value: unknown, type: ColumnType): string {
  const cast = `::${duckdbType(type)}`;
  if (value === null || value === undefined) return `null${cast}`;
  if (value instanceof Date)
    return `${quotedString(type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString().replace('T', ' ').replace('Z', ''))}${cast}`;
  return `${typeof value === 'string' ? quotedString(value) : String(value)}${cast}`;
}

/**
 * Every row of the file with the values it lands with and `_extra`, whether it fails
 * (`_failed`: its cells, its values in column order, the SQL `transformRow`), and what the
 * loader checks about it: `_blank`, `_summary`, each date column's `_layout<i>`, the
 * decimal marks its numeric cells show, `_newlines`, and for a failed row its cells
 * (`_cells`). Rows stay in the file's order.
 */
export function checkedRowsQuery(
  path: string,
  adapter: Adapter,
  plan: CsvLayout,
  options: { reading: ValueReading; facts: FileFacts; limits: PastLimits; fileHasQuote: boolean },
): string {
  const transformed = transformedRow(adapter, options.facts);
  const failures = [...cellFailures(plan), ...valueFailures(adapter, options.limits), transformed.rejects];
  const layouts = datedColumns(adapter, plan).map((index) => `_layout${index}`);
  return `select ${landedValues(adapter, options.facts, transformed.columns).join(', ')}${extraColumnsJson(adapter, plan)},
       _failed, _blank, _summary, ${[...layouts, '_dots', '_commas', '_dot_example', '_comma_example'].join(', ')}, _newlines,
       case when _failed then ${cellList(plan.header.length)} end as _cells
     from (
       select *,
         not (_blank or _summary) and (${failures.map((failure) => `(${failure}) is true`).join(' or ')}) as _failed,
         ${[...dateLayouts(adapter, plan), ...rowDecimalMarks(adapter, plan)].join(', ')}, (${lineBreaksInside(plan, options.fileHasQuote)})::integer as _newlines
       from (
         select *, ${[...typedValues(adapter, options.reading), cellDecimalMarks(adapter, plan)].join(', ')},
           ${blankRow(adapter, plan)} as _blank, (${summaryRow(adapter, plan)}) is true as _summary
         from (
           select *, ${trimmedTexts(adapter, plan).join(', ')}
           from ${readCsv(path, plan)}
         )
       )
     )`;
}

function fileCells(width: number): string[] {
  return Array.from({ length: width }, (_, index) => `coalesce(${fileColumn(index)}, '')`);
}

/** SQL for a column's typed value from its trimmed text, not empty; null when the text is not a value in a form the SQL reads. */
function typedValue(column: ColumnSpec, text: string, reading: ValueReading, spellings: readonly string[]): string {
  switch (column.type) {
    case 'text':
      return text;
    case 'url':
      return `case when ${webAddressReadable(text)} then ${text} end`;
    case 'date':
    case 'timestamp':
      return dateValue(column, text, reading.timezone);
    case 'integer':
      return `(${numeral(text, INTEGER_FORMS[reading.marks.number], MAX_INTEGER_CHARS)})::bigint`;
    case 'number':
      return `(${numeral(text, NUMBER_FORMS[reading.marks.number], MAX_NUMBER_CHARS)})::double`;
    case 'percent': {
      const percent = `ends_with(${text}, '%')`;
      const number = numeral(
        `case when ${percent} then substr(${text}, 1, length(${text}) - 1) else ${text} end`,
        NUMBER_FORMS[reading.marks.number],
        MAX_NUMBER_CHARS,
      );
      return `(${number})::double / (case when ${percent} then 100 else 1 end)`;
    }
    case 'money':
      return moneyValue(text, reading.marks.money, spellings);
    default:
      throw new Error(`the read_csv path does not read ${column.type} columns (${column.name})`);
  }
}

/**
 * A form of number `parseNumber` (`values.ts`) reads, for a file's decimal mark: its
 * pattern, and the thousands separator and decimal mark to take out and make a point.
 */
interface NumberForm {
  pattern: string;
  thousands: DecimalMark | null;
  decimal: DecimalMark;
}

/**
 * The longest numbers read, so that every one is a finite double in both JS and DuckDB,
 * and a whole number exact (at most 15 digits).
 */
const MAX_NUMBER_CHARS = 40;
const MAX_INTEGER_CHARS = 15;

const DIGITS = String.raw`-?\d+`;
const FRACTION = (mark: DecimalMark) => `(\\${mark}\\d+)?`;
const GROUPED = (separator: DecimalMark, groups: string) => `-?\\d{1,3}(\\${separator}\\d{3})${groups}`;

/**
 * The forms of number `parseNumber` reads in each mark, whole numbers only or with a fraction:
 * plain digits, or grouped in threes by the other mark (`1,234.5`); `auto` is its guess
 * where the file shows no mark (`12,5` and `1.234,5` a decimal comma, `1.234.567` thousands).
 */
function numberForms(withFraction: boolean): Record<DecimalMark | 'auto', readonly NumberForm[]> {
  const fraction = (mark: DecimalMark) => (withFraction ? FRACTION(mark) : '');
  const plain = (mark: DecimalMark): NumberForm => ({ pattern: DIGITS + fraction(mark), thousands: null, decimal: mark });
  const grouped = (mark: DecimalMark): NumberForm => {
    const separator = mark === '.' ? ',' : '.';
    return { pattern: GROUPED(separator, '+') + fraction(mark), thousands: separator, decimal: mark };
  };
  const decimalComma: NumberForm[] = withFraction
    ? [
        { pattern: String.raw`${DIGITS},(\d{1,2}|\d{4,})`, thousands: null, decimal: ',' },
        { pattern: GROUPED('.', '+') + String.raw`,\d+`, thousands: '.', decimal: ',' },
      ]
    : [];
  return {
    '.': [plain('.'), grouped('.')],
    ',': [plain(','), grouped(',')],
    auto: [plain('.'), grouped('.'), ...decimalComma, { pattern: GROUPED('.', '{2,}'), thousands: '.', decimal: ',' }],
  };
}

const NUMBER_FORMS = numberForms(true);
const INTEGER_FORMS = numberForms(false);

/**
 * A number's digits with a point for its decimal mark (`-1234.5`), when the text, no longer
 * than `maxLength`, has one of the forms; `parseNumber` first drops spaces and apostrophes
 * from anywhere in it (`1 200`).
 */
function numeral(text: string, forms: readonly NumberForm[], maxLength: number): string {
  const read = (written: string) =>
    `case when length(${written}) <= ${maxLength} then case ${forms
      .map(({ pattern, thousands, decimal }) => {
        const withoutThousands = thousands === null ? written : `replace(${written}, '${thousands}', '')`;
        return `when regexp_full_match(${written}, ${quotedString(pattern)}) then ${decimal === '.' ? withoutThousands : `replace(${withoutThousands}, ',', '.')`}`;
      })
      .join(' ')} end end`;
  return `coalesce(${read(text)}, ${bound(`regexp_replace(${text}, ${quotedString(NUMBER_SPACING)}, '', 'g')`, '_compact', read('_compact'))})`;
}

/**
 * An amount as `readMoney` (`money.ts`) reads it: digits in the file's money mark, grouped
 * by the other mark, spaces or apostrophes in threes, with a sign before and the program's
 * currency sign or code before or after (`-1.200,50 kr.`, `€ 100`). No more than the
 * decimals and digits an amount keeps.
 */
function moneyValue(text: string, mark: DecimalMark, spellings: readonly string[]): string {
  const other = mark === '.' ? ',' : '.';
  // No more digits than an amount keeps, before the mark and (but for trailing zeros) after it.
  const kept = (point: string) => `-?0*\\d{1,${MONEY_PRECISION - MONEY_SCALE}}(?:\\${point}\\d{1,${MONEY_SCALE}}0*)?`;
  const whole = [String.raw`\d+`, ...[' ', "'", other].map((separator) => `\\d{1,3}(?:\\${separator}\\d{3})+`)].join('|');
  const currency = spellings.length === 0 ? null : `(?:${spellings.map((spelling) => spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
  const shapes = `-?${currency === null ? '' : `(?:${currency} *)?`}(?:${whole})(?:\\${mark}\\d+)?${currency === null ? '' : `(?: *${currency})?`}`;
  const written = `regexp_replace(replace(${text}, '\u2212', '-'), '[\u00a0\u202f\u2009]', ' ', 'g')`;
  const amount = `(case when starts_with(_written, '-') then '-' else '' end)
    || replace(regexp_replace(regexp_extract(_written, '\\d(?:.*\\d)?'), '[ ''\\${other}]', '', 'g'), '${mark}', '.')`;
  return `case when regexp_full_match(${text}, ${quotedString(kept(mark))}) then (${mark === '.' ? text : `replace(${text}, ',', '.')`})::${MONEY_SQL_TYPE}
    else ${bound(
      written,
      '_written',
      `case when regexp_full_match(_written, ${quotedString(shapes)}) then ${bound(amount, '_amount', `case when regexp_full_match(_amount, ${quotedString(kept('.'))}) then _amount::${MONEY_SQL_TYPE} end`)} end`,
    )} end`;
}

/**
 * A date or timestamp from its text. The layouts exports write most (`2026-05-01`,
 * `2026-05-01T10:00:00Z`, `2026-05-01 10:00:00`, GA4's `20260501`) take a fast path; any
 * other goes through the regex the papaparse path reads ISO dates and times with.
 */
function dateValue(column: ColumnSpec, text: string, timezone: string): string {
  const zone = quotedString(timezone);
  const inYears = `${text} >= '1900' and ${text} < '2201'`;
  const fast =
    column.type === 'date'
      ? [
          `${text} like '____-__-__' and ${inYears} then try_strptime(${text}, '%Y-%m-%d')::date`,
          `regexp_full_match(${text}, '\\d{8}') and ${inYears} then try_cast(concat_ws('-', substr(${text}, 1, 4), substr(${text}, 5, 2), substr(${text}, 7, 2)) as date)`,
        ]
      : [
          `${text} like '____-__-__T__:__:__Z' and ${inYears} then try_strptime(${text}, '%Y-%m-%dT%H:%M:%SZ')`,
          `${text} like '____-__-__T__:__:__' and ${inYears} then timezone('UTC', timezone(${zone}, try_strptime(${text}, '%Y-%m-%dT%H:%M:%S')))`,
          `${text} like '____-__-__ __:__:__' and ${inYears} then timezone('UTC', timezone(${zone}, try_strptime(${text}, '%Y-%m-%d %H:%M:%S')))`,
        ];
  const parts = `regexp_extract(${text}, ${quotedString(ISO_DATE_TIME.source)}, ['y', 'mo', 'd', 'h', 'mi', 's', 'ap', 'z'])`;
  return `case ${fast.map((branch) => `when ${branch}`).join(' ')} else ${bound(parts, '_parts', regexDateValue(column, '_parts', zone))} end`;
}

/** The general case: a date or timestamp from the parts of the ISO regex. */
function regexDateValue(column: ColumnSpec, parts: string, zone: string): string {
  const int = (field: string) => `try_cast(nullif(${parts}.${field}, '') as integer)`;
  const validDay = `(${int('y')} between 1900 and 2200)`;
  const day = `try_cast(printf('%04d-%02d-%02d', ${int('y')}, ${int('mo')}, ${int('d')}) as date)`;
  const rawHour = `coalesce(${int('h')}, 0)`;
  const meridiem = `upper(${parts}.ap)`;
  const hour = `case when ${meridiem} = '' then ${rawHour} when ${rawHour} between 1 and 12 then ${rawHour} % 12 + (case when ${meridiem} = 'PM' then 12 else 0 end) else 99 end`;
  const local = `try_cast(printf('%s %02d:%02d:%02d', ${day}::varchar, ${hour}, coalesce(${int('mi')}, 0), coalesce(${int('s')}, 0)) as timestamp)`;
  if (column.type === 'date') return `case when ${validDay} and ${local} is not null then ${day} end`;
  const offset = `${parts}.z`;
  const offsetDigits = `replace(substr(${offset}, 2), ':', '')`;
  const offsetMinutes = `(case when starts_with(${offset}, '-') then -1 else 1 end) * (coalesce(try_cast(substr(${offsetDigits}, 1, 2) as integer), 0) * 60 + coalesce(try_cast(substr(${offsetDigits}, 3) as integer), 0))`;
  return `case when ${validDay} and ${local} is not null then
      case when ${offset} = '' then timezone('UTC', timezone(${zone}, ${local}))
           when ${offset} = 'Z' then ${local}
           else ${local} - to_minutes(${offsetMinutes}) end end`;
}
