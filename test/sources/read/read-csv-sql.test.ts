/**
 * The SQL fragments of the DuckDB `read_csv` path, each by its text and by what it gives
 * on a tiny CSV in DuckDB, and the readings of numbers, amounts and decimal marks against
 * the JS readers they stand for, value by value. test/sources/read-csv.test.ts checks the
 * whole against the papaparse path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotedString, Warehouse } from '../../../pipelines/warehouse.ts';
import { defineAdapter } from '../../../sources/adapter.ts';
import {
  blankRow,
  cellFailures,
  cellList,
  checkedRowsQuery,
  dateLayouts,
  extraColumnsJson,
  lineBreaksInside,
  pastLimitLiteral,
  readCsv,
  readCsvMacros,
  trimmedTexts,
  typedValues,
  valueFailures,
  type CsvLayout,
  type ValueReading,
} from '../../../sources/read/read-csv-sql.ts';
import { decimalMarkShown, type DecimalMark } from '../../../sources/read/decimal-mark.ts';
import { readMoney } from '../../../sources/read/money.ts';
import { pastLimits } from '../../../sources/read/row-checks.ts';
import { parseNumber, parsePercent } from '../../../sources/read/values.ts';
import { tempFolder } from '../../helpers/warehouse.ts';

const visits = defineAdapter({
  name: 'test.visits',
  platform: 'web',
  title: 'visits file',
  signature: ['visitor', 'seen_at'],
  loader: 'read_csv',
  keepExtraColumns: true,
  naturalKey: ['visitor', 'seen_at'],
  columns: [
    { name: 'visitor', headers: ['visitor'], type: 'text', required: true },
    { name: 'seen_at', headers: ['seen_at'], type: 'timestamp', required: true },
    { name: 'day', headers: ['day'], type: 'date' },
  ],
});

// The file's columns in another order than the adapter's, with a column the adapter does not read.
const plan: CsvLayout = {
  header: ['seen_at', 'visitor', 'device', 'day'],
  headerLine: 1,
  delimiter: ',',
  positions: new Map([
    ['seen_at', 0],
    ['visitor', 1],
    ['day', 3],
  ]),
};
const LIMITS = pastLimits(new Date('2026-06-15T12:00:00Z'));
const READING: ValueReading = { timezone: 'Europe/Copenhagen', marks: { number: 'auto', money: ',' }, currency: 'DKK' };

let warehouse: Warehouse;
let path: string;

beforeAll(async () => {
  path = join(tempFolder(), 'visits.csv');
  writeFileSync(
    path,
    [
      'seen_at,visitor,device,day',
      '2026-06-01T10:00:00Z, v1 ,mobile,2026-06-01',
      '2026-06-01 12:00:00,v2,,1/6/2026',
      'not a date,v3,"tab\nlet",',
      ',,,',
      '2026-06-17T00:00:00Z,,,2026-06-17',
      '2026-06-01T10:00:00Z,v\u00005,,',
    ].join('\n'),
  );
  warehouse = await Warehouse.open(':memory:');
  await warehouse.run(readCsvMacros());
});
afterAll(() => warehouse.close());

/** The fragments' values per row, over the file read and trimmed and typed as the loader does. */
async function perRow(select: string): Promise<Record<string, unknown>[]> {
  return warehouse.all(
    `select ${select} from (
       select *, ${typedValues(visits, READING).join(', ')} from (select *, ${trimmedTexts(visits, plan).join(', ')} from ${readCsv(path, plan)})
     )`,
  );
}

describe('sources/read/read-csv-sql', () => {
  it('readCsv reads every field of the file as text, in columns c0, c1, ...', async () => {
    expect(readCsv(path, plan)).toContain(`columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR'}`);
    expect(readCsv(path, plan)).toContain('skip = 0');
    const rows = await warehouse.all<{ c1: string | null; c2: string | null }>(`select c1, c2 from ${readCsv(path, plan)}`);
    expect(rows.map((row) => row.c1)).toEqual([' v1 ', 'v2', 'v3', null, null, 'v\u00005']);
    expect(rows[2]!.c2).toBe('tab\nlet');
  });

  it('trimmedTexts trims each adapter column at its position in the file, as JS trims', async () => {
    expect(trimmedTexts(visits, plan)).toEqual(['_js_trim(c1) as _t0', '_js_trim(c0) as _t1', '_js_trim(c3) as _t2']);
    expect((await perRow('_t0')).map((row) => row._t0)).toEqual(['v1', 'v2', 'v3', '', '', 'v\u00005']);
  });

  it('typedValues types each column, timestamps without a zone in the column time zone, as UTC', async () => {
    expect(typedValues(visits, READING)[0]).toBe(`case when _t0 = '' then null else _t0 end as "visitor"`);
    const rows = await perRow(`strftime(seen_at, '%Y-%m-%d %H:%M') as seen_at, day::varchar as day`);
    expect(rows.map((row) => [row.seen_at, row.day])).toEqual([
      ['2026-06-01 10:00', '2026-06-01'],
      ['2026-06-01 10:00', null],
      [null, null],
      [null, null],
      ['2026-06-17 00:00', '2026-06-17'],
      ['2026-06-01 10:00', null],
    ]);
  });

  it('blankRow is true only for a row whose every field is empty', async () => {
    expect(blankRow(visits, plan)).toBe(`_t1 = '' and _t0 = '' and _js_trim(c2) = '' and _t2 = ''`);
    expect((await perRow(`${blankRow(visits, plan)} as blank`)).map((row) => row.blank)).toEqual([false, false, false, true, false, false]);
  });

  it('cellFailures is true for a NUL character, an overlong cell, a value under no label', async () => {
    expect(cellFailures(plan)[0]).toMatch(/^contains\(coalesce\(c0, ''\), chr\(0\)\) or /);
    expect(cellFailures(plan)[1]).toContain(`length(coalesce(c0, '')) > 100000`);
    expect(cellFailures({ ...plan, header: [...plan.header, '', ''] })[2]).toBe(`_js_trim(c4) <> '' or _js_trim(c5) <> ''`);
    const rows = await perRow(
      `${cellFailures(plan)
        .map((failure) => `(${failure})`)
        .join(' or ')} as failed`,
    );
    expect(rows.map((row) => row.failed)).toEqual([false, false, false, false, false, true]);
  });

  it('valueFailures fails a required value that is empty, a value that is not read, a past event after tomorrow', async () => {
    expect(valueFailures(visits, LIMITS)).toEqual([
      `_t0 = ''`,
      `_t1 = ''`,
      `_t1 <> '' and "seen_at" is null`,
      `"seen_at" > '2026-06-16 12:00:00.000'::timestamp`,
      `_t2 <> '' and "day" is null`,
      `"day" > '2026-06-16'::date`,
    ]);
    const rows = await perRow(
      `${valueFailures(visits, LIMITS)
        .map((failure) => `(${failure}) is true`)
        .join(' or ')} as failed`,
    );
    expect(rows.map((row) => row.failed)).toEqual([false, true, true, true, true, false]);
  });

  it('valueFailures fails a negative count, unless the column is signed', () => {
    const counts = (signed: boolean) => defineAdapter({ ...visits, columns: [{ name: 'clicks', headers: ['clicks'], type: 'integer', signed }] });
    expect(valueFailures(counts(false), LIMITS)).toEqual([`_t0 <> '' and "clicks" is null`, `"clicks" < 0`]);
    expect(valueFailures(counts(true), LIMITS)).toEqual([`_t0 <> '' and "clicks" is null`]);
  });

  it('pastLimitLiteral is tomorrow for a date and now plus a day for a timestamp, from the now passed in', () => {
    const [, seenAt, day] = visits.columns;
    expect(pastLimitLiteral(day!, pastLimits(new Date('2001-02-03T23:59:00Z')))).toBe(`'2001-02-04'::date`);
    expect(pastLimitLiteral(seenAt!, pastLimits(new Date('2001-02-03T23:59:00Z')))).toBe(`'2001-02-04 23:59:00.000'::timestamp`);
  });

  it("dateLayouts tells a year-first date from GA4's YYYYMMDD, a value that is not a date and a layout only papaparse resolves", async () => {
    expect(dateLayouts(visits, plan)[1]).toMatch(/^case when _t2 = '' or regexp_matches\(_t2, .*\) then null when regexp_full_match\(_t2, '\\d\{8\}'\)/);
    expect((await perRow(`${dateLayouts(visits, plan).join(', ')}`)).map((row) => [row._layout1, row._layout2])).toEqual([
      [null, null],
      [null, 3],
      [2, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it("lineBreaksInside counts the line breaks in a row's quoted values, and is 0 for a file without quotes", async () => {
    expect(lineBreaksInside(plan, false)).toBe('0');
    expect((await perRow(`(${lineBreaksInside(plan, true)})::integer as breaks`)).map((row) => row.breaks)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('extraColumnsJson keeps the columns the adapter does not read as JSON, null when they are empty', async () => {
    expect(extraColumnsJson({ ...visits, keepExtraColumns: false }, plan)).toBe('');
    expect(extraColumnsJson(visits, plan)).toContain(`'"device"' || ':' || to_json(c2)::varchar`);
    const rows = await perRow(`1 as one${extraColumnsJson(visits, plan)}`);
    expect(rows.map((row) => row._extra)).toEqual(['{"device":"mobile"}', null, '{"device":"tab\\nlet"}', null, null, null]);
  });

  it("cellList gives a row's fields as a list, '' for a missing one", async () => {
    expect(cellList(2)).toBe(`[coalesce(c0, ''), coalesce(c1, '')]`);
    expect((await perRow(`${cellList(4)} as cells`))[3]!.cells).toEqual(['', '', '', '']);
  });

  it('checkedRowsQuery puts them together: a blank row has not failed, a failed row keeps its cells', async () => {
    const rows = await warehouse.all<{ visitor: string | null; _failed: boolean; _blank: boolean; _cells: string[] | null }>(
      checkedRowsQuery(path, visits, plan, { reading: READING, facts: {}, limits: LIMITS, fileHasQuote: true }),
    );
    expect(rows.map((row) => [row.visitor, row._failed, row._blank])).toEqual([
      ['v1', false, false],
      ['v2', true, false],
      ['v3', true, false],
      [null, false, true],
      [null, true, false],
      ['v\u00005', true, false],
    ]);
    expect(rows[0]!._cells).toBeNull();
    expect(rows[5]!._cells).toEqual(['2026-06-01T10:00:00Z', 'v\u00005', '', '']);
  });
});

/**
 * Cells as exports write them, and ways they go wrong: every one the SQL reads must read
 * as the JS reader reads it; one the SQL does not read is read again by the JS reader, so
 * the SQL may leave some unread (the share of those it reads is checked too).
 */
const NUMBERS = [
  '0',
  '7',
  '-3',
  '-0',
  '007',
  '1234',
  '58284',
  '0.6037',
  '41.5948',
  '0.6404707668944571',
  '7.902',
  '0.500',
  '1,234',
  '12,5',
  '1,2345',
  '1234,567',
  '1,234,567',
  '1,234.5',
  '1.234',
  '1.234.567',
  '1.234,5',
  '1.234.567,89',
  '12.500',
  '0,5',
  '1 200',
  '1\u202f200',
  '1\u00a0234,56',
  "1'234",
  '3 410',
  '62,5 %',
  '6.14%',
  '0.5%',
  '%',
  '< 1%',
  '12 s',
  '+10',
  '#N/A',
  '#DIV/0!',
  'n/a',
  'abc',
  '1.5e3',
  '\u22125',
  '1,2,3',
  '1..2',
  '.5',
  '5.',
  ',5',
  '123456789012345',
  '1234567890123456',
  '99999999999999999999',
  '0.000000000000000000000000000001',
  `1${'0'.repeat(45)}`,
];
const AMOUNTS = [
  '0',
  '16500.5',
  '1200,50',
  '-12,50',
  '0,00 €',
  '1 234,56 €',
  '1\u00a0234,56\u00a0€',
  '€ 3',
  '€3',
  '-€ 10',
  '€ -10',
  'kr. 1.200,50',
  '1.200,50 kr.',
  'DKK 1200.50',
  '1200.50 dkk',
  '1.234,56 €',
  '3,123456 €',
  '123456789012345',
  '1 000',
  "1'000,5",
  '(100)',
  'ca. 1200',
  '1000-2000',
  'USD 5',
  '12,5 kr',
];

describe('sources/read/read-csv-sql: numbers, amounts and decimal marks as the JS readers read them', () => {
  /** The values of `sql` over the cells `texts`, each as the trimmed text `_t0`. */
  async function sqlValues(sql: string, texts: readonly string[]): Promise<unknown[]> {
    const rows = await warehouse.all<{ value: unknown }>(
      `select ${sql} as value from (values ${texts.map((text, index) => `(${index}, ${quotedString(text)})`).join(', ')}) cells(position, _t0) order by position`,
    );
    return rows.map((row) => row.value);
  }
  const typed = (type: 'integer' | 'number' | 'percent' | 'money', reading: ValueReading) =>
    `(${typedValues(defineAdapter({ ...visits, columns: [{ name: 'v', headers: ['v'], type }] }), reading)[0]!.replace(/ as "v"$/, '')})${type === 'money' ? '::varchar' : ''}`;

  it.each(['.', ',', 'auto'] as const)('numbers and percentages read with the decimal mark %s', async (mark) => {
    const reading: ValueReading = { ...READING, marks: { number: mark, money: ',' } };
    for (const [type, js] of [
      ['number', (text: string) => parseNumber(text, mark)],
      [
        'integer',
        (text: string) => {
          const number = parseNumber(text, mark);
          // + 0: a BIGINT has no -0.
          return number !== null && Number.isInteger(number) ? number + 0 : null;
        },
      ],
      ['percent', (text: string) => parsePercent(text, mark)],
    ] as const) {
      const sql = await sqlValues(typed(type, reading), NUMBERS);
      const read = NUMBERS.flatMap((text, index) => (sql[index] === null ? [] : [[text, typeof sql[index] === 'bigint' ? Number(sql[index]) : sql[index]]]));
      expect(read).toEqual(read.map(([text]) => [text, js(text as string)]));
      expect(read.length, `${type} read in SQL`).toBeGreaterThan(NUMBERS.filter((text) => js(text.trim()) !== null).length * 0.6);
    }
  });

  it.each(['.', ','] as const)('amounts read with the decimal mark %s, in a DKK program', async (mark) => {
    const sql = await sqlValues(typed('money', { ...READING, marks: { number: 'auto', money: mark } }), AMOUNTS);
    const context = { decimal: mark as DecimalMark, shown: { majority: null, examples: {} }, currency: 'DKK', currencyColumn: null, currencyIsRows: false };
    const js = (text: string) => {
      const reading = readMoney(text, context);
      return 'amount' in reading ? Number(reading.amount) : null;
    };
    const read = AMOUNTS.flatMap((text, index) => (sql[index] === null ? [] : [[text, Number(sql[index])]]));
    expect(read).toEqual(read.map(([text]) => [text, js(text as string)]));
    expect(read.length).toBeGreaterThan(AMOUNTS.filter((text) => js(text) !== null).length * 0.6);
  });

  it('the decimal mark a cell shows, for every cell', async () => {
    const cells = [...NUMBERS, ...AMOUNTS, '', ' 1.5 ', '1.200,-', '12,-', "1'234.500", '1 234.500', '0,500', '2.5.2026', 'x1.5y'];
    const sql = await sqlValues('_decimal_mark_shown(_t0)', cells);
    expect(sql).toEqual(cells.map(decimalMarkShown));
  });
});
