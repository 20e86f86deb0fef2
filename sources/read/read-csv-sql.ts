/**
 * The SQL of the DuckDB `read_csv` path (`sources/read-csv.ts`), one fragment per rule,
 * each a pure function of the adapter and the file's plan. Together they make the query
 * that reads, types and checks every row of a file in one pass (`checkedRowsQuery`),
 * with the same rules as the papaparse path (`read/row-checks.ts`).
 */
import { quotedIdentifier, quotedString } from '../../pipelines/warehouse.ts';
import type { Adapter, ColumnSpec } from '../adapter.ts';
import type { ReadCsvPlan } from '../read-csv.ts';
import { ISO_SHAPE, MAX_CELL_CHARS, pastLimit, recordsPastEvent, type PastLimits } from './row-checks.ts';
import { ISO_DATE_TIME } from './values.ts';

export type CsvLayout = Pick<ReadCsvPlan, 'header' | 'headerLine' | 'delimiter' | 'positions'>;

/** Where `read_csv` puts the rows it cannot split into the header's fields. */
export const REJECTS = '_read_csv_rejects';
export const SCANS = '_read_csv_scans';

/** JS `String.prototype.trim`'s white space, for DuckDB's `trim(s, characters)`. */
const JS_WHITESPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** `_js_trim(s)`: a cell trimmed as JS's `trim()` trims it, `''` for a missing one. */
export function jsTrimMacro(): string {
  return `create or replace temp macro _js_trim(s) as case when s is null then ''
       when unicode(s) between 33 and 159 and unicode(right(s, 1)) between 33 and 159 then s
       else trim(s, ${quotedString(JS_WHITESPACE)}) end;`;
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

/** A row's text as a rejected row shows it: its fields joined by commas. */
export function rawText(width: number): string {
  return Array.from({ length: width }, (_, index) => `coalesce(${fileColumn(index)}, '')`).join(` || ',' || `);
}

/** An adapter column's trimmed text, by its position among the adapter's columns. */
export function trimmedText(columnIndex: number): string {
  return `_t${columnIndex}`;
}

/** Each adapter column's trimmed text (`_t0`, ...), `''` for a column the file lacks. */
export function trimmedTexts(adapter: Adapter, plan: CsvLayout): string[] {
  return adapter.columns.map((column, index) => {
    const position = plan.positions.get(column.name);
    return `${position === undefined ? `''` : `_js_trim(${fileColumn(position)})`} as ${trimmedText(index)}`;
  });
}

/** Each adapter column's typed value, named as the column: null when empty or not a valid value. */
export function typedValues(adapter: Adapter, timezone: string): string[] {
  return adapter.columns.map((column, index) => {
    const text = trimmedText(index);
    return `case when ${text} = '' then null else ${typedValue(column, text, column.timezone ?? timezone)} end as ${quotedIdentifier(column.name)}`;
  });
}

/** `when` branches for a cell no export writes: a NUL character, or one longer than `MAX_CELL_CHARS`. */
export function cellFailures(plan: CsvLayout): string[] {
  const cells = fileCells(plan);
  return [
    `when ${cells.map((cell) => `contains(${cell}, chr(0))`).join(' or ')} then {'kind': 'nul', 'field': null, 'value': null}`,
    `when ${cells.map((cell) => `length(${cell}) > ${MAX_CELL_CHARS}`).join(' or ')} then {'kind': 'long', 'field': null, 'value': null}`,
  ];
}

/** `when` branches for a value that fails its column: empty and required, unreadable, or a past event after `limits`. */
export function valueFailures(adapter: Adapter, limits: PastLimits): string[] {
  return adapter.columns.flatMap((column, index) => {
    const text = trimmedText(index);
    const value = quotedIdentifier(column.name);
    const name = quotedString(column.name);
    const branches: string[] = [];
    if (column.required) branches.push(`when ${text} = '' then {'kind': 'required', 'field': ${name}, 'value': ''}`);
    if (column.type === 'text') return branches;
    branches.push(`when ${text} <> '' and ${value} is null then {'kind': 'parse', 'field': ${name}, 'value': ${text}}`);
    if (recordsPastEvent(column)) {
      branches.push(`when ${text} <> '' and ${value} > ${pastLimitLiteral(column, limits)} then {'kind': 'future', 'field': ${name}, 'value': ${text}}`);
    }
    return branches;
  });
}

/** The latest a past event in the column may be, as a DuckDB literal. */
export function pastLimitLiteral(column: ColumnSpec, limits: PastLimits): string {
  const limit = new Date(pastLimit(column, limits)).toISOString();
  return column.type === 'date' ? `'${limit.slice(0, 10)}'::date` : `'${limit.replace('T', ' ').replace('Z', '')}'::timestamp`;
}

/** True for a row whose every field is empty once trimmed. */
export function blankRow(adapter: Adapter, plan: CsvLayout): string {
  return plan.header
    .map((_, index) => {
      const column = adapter.columns.findIndex((one) => plan.positions.get(one.name) === index);
      return column >= 0 ? `${trimmedText(column)} = ''` : `_js_trim(${fileColumn(index)}) = ''`;
    })
    .join(' and ');
}

/** True for a row with a date that is not year first but starts with a digit (D/M/YYYY ...): the papaparse path resolves such layouts. */
export function otherDateLayout(adapter: Adapter, plan: CsvLayout): string {
  const dated = adapter.columns.flatMap((column, index) =>
    (column.type === 'date' || column.type === 'timestamp') && plan.positions.has(column.name) ? [trimmedText(index)] : [],
  );
  if (dated.length === 0) return 'false';
  return dated.map((text) => `(not regexp_matches(${text}, ${quotedString(ISO_SHAPE.source)}) and regexp_matches(${text}, '^\\d'))`).join(' or ');
}

/** The line breaks inside a row's quoted values; without a quote in the file there are none. */
export function lineBreaksInside(plan: CsvLayout, fileHasQuote: boolean): string {
  return fileHasQuote
    ? fileCells(plan)
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
 * Every row of the file with its typed values, `_extra`, its first failure (`_failure`,
 * cells before values, values in column order), and what the loader checks about it:
 * `_blank`, `_other_layout`, `_newlines`, and for a failed row its text (`_raw`) and, for
 * a bad cell, its cells (`_cells`). Rows stay in the file's order.
 */
export function checkedRowsQuery(
  path: string,
  adapter: Adapter,
  plan: CsvLayout,
  options: { timezone: string; limits: PastLimits; fileHasQuote: boolean },
): string {
  return `select ${adapter.columns.map((column) => quotedIdentifier(column.name)).join(', ')}${extraColumnsJson(adapter, plan)}, _failure, _blank, _other_layout, _newlines,
       case when _failure is not null then ${rawText(plan.header.length)} end as _raw,
       case when _failure.kind in ('nul', 'long') then [${fileCells(plan).join(', ')}] end as _cells
     from (
       select *,
         case when _blank then null else case ${[...cellFailures(plan), ...valueFailures(adapter, options.limits)].join(' ')} end end as _failure,
         ${otherDateLayout(adapter, plan)} as _other_layout, (${lineBreaksInside(plan, options.fileHasQuote)})::integer as _newlines
       from (
         select *, ${typedValues(adapter, options.timezone).join(', ')}, ${blankRow(adapter, plan)} as _blank
         from (
           select *, ${trimmedTexts(adapter, plan).join(', ')}
           from ${readCsv(path, plan)}
         )
       )
     )`;
}

function fileCells(plan: CsvLayout): string[] {
  return plan.header.map((_, index) => `coalesce(${fileColumn(index)}, '')`);
}

/**
 * SQL for a column's typed value from its trimmed text, null when the text is not a
 * valid value. The layouts exports write most (`2026-05-01`, `2026-05-01T10:00:00Z`,
 * `2026-05-01 10:00:00`) take a `strptime` fast path; any other goes through the regex
 * the papaparse path reads ISO dates and times with.
 */
export function typedValue(column: ColumnSpec, text: string, timezone: string): string {
  if (column.type === 'text') return text;
  const zone = quotedString(timezone);
  const inYears = `${text} >= '1900' and ${text} < '2201'`;
  const fast =
    column.type === 'date'
      ? [`${text} like '____-__-__' and ${inYears} then try_strptime(${text}, '%Y-%m-%d')::date`]
      : [
          `${text} like '____-__-__T__:__:__Z' and ${inYears} then try_strptime(${text}, '%Y-%m-%dT%H:%M:%SZ')`,
          `${text} like '____-__-__T__:__:__' and ${inYears} then timezone('UTC', timezone(${zone}, try_strptime(${text}, '%Y-%m-%dT%H:%M:%S')))`,
          `${text} like '____-__-__ __:__:__' and ${inYears} then timezone('UTC', timezone(${zone}, try_strptime(${text}, '%Y-%m-%d %H:%M:%S')))`,
        ];
  const parts = `regexp_extract(${text}, ${quotedString(ISO_DATE_TIME.source)}, ['y', 'mo', 'd', 'h', 'mi', 's', 'ap', 'z'])`;
  return `case ${fast.map((branch) => `when ${branch}`).join(' ')} else ${regexTypedValue(column, parts, zone)} end`;
}

/** The general case: a column's typed value from the parts of the ISO regex. */
function regexTypedValue(column: ColumnSpec, parts: string, zone: string): string {
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
