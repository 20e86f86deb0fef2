/**
 * The SQL fragments of the DuckDB `read_csv` path, each by its text and by what it gives
 * on a tiny CSV in DuckDB. test/sources/read-csv.test.ts checks the whole against the
 * papaparse path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../pipelines/warehouse.ts';
import { defineAdapter } from '../../../sources/adapter.ts';
import {
  blankRow,
  cellFailures,
  checkedRowsQuery,
  extraColumnsJson,
  jsTrimMacro,
  lineBreaksInside,
  otherDateLayout,
  pastLimitLiteral,
  rawText,
  readCsv,
  trimmedTexts,
  typedValues,
  valueFailures,
  type CsvLayout,
} from '../../../sources/read/read-csv-sql.ts';
import { pastLimits } from '../../../sources/read/row-checks.ts';
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
  await warehouse.run(jsTrimMacro());
});
afterAll(() => warehouse.close());

/** The fragments' values per row, over the file read and trimmed and typed as the loader does. */
async function perRow(select: string): Promise<Record<string, unknown>[]> {
  return warehouse.all(
    `select ${select} from (
       select *, ${typedValues(visits, 'Europe/Copenhagen').join(', ')} from (select *, ${trimmedTexts(visits, plan).join(', ')} from ${readCsv(path, plan)})
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
    expect(typedValues(visits, 'Europe/Copenhagen')[0]).toBe(`case when _t0 = '' then null else _t0 end as "visitor"`);
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

  it('cellFailures names a NUL character before an overlong cell', async () => {
    expect(cellFailures(plan)[0]).toMatch(/^when contains\(coalesce\(c0, ''\), chr\(0\)\) or .* then \{'kind': 'nul'/);
    expect(cellFailures(plan)[1]).toContain(`length(coalesce(c0, '')) > 100000`);
    const rows = await perRow(`(case ${cellFailures(plan).join(' ')} end).kind as kind`);
    expect(rows.map((row) => row.kind)).toEqual([null, null, null, null, null, 'nul']);
  });

  it('valueFailures gives the first failing value in column order: required, unreadable, after tomorrow', async () => {
    expect(valueFailures(visits, LIMITS)).toEqual([
      `when _t0 = '' then {'kind': 'required', 'field': 'visitor', 'value': ''}`,
      `when _t1 = '' then {'kind': 'required', 'field': 'seen_at', 'value': ''}`,
      `when _t1 <> '' and "seen_at" is null then {'kind': 'parse', 'field': 'seen_at', 'value': _t1}`,
      `when _t1 <> '' and "seen_at" > '2026-06-16 12:00:00.000'::timestamp then {'kind': 'future', 'field': 'seen_at', 'value': _t1}`,
      `when _t2 <> '' and "day" is null then {'kind': 'parse', 'field': 'day', 'value': _t2}`,
      `when _t2 <> '' and "day" > '2026-06-16'::date then {'kind': 'future', 'field': 'day', 'value': _t2}`,
    ]);
    const rows = await perRow(`(case ${valueFailures(visits, LIMITS).join(' ')} end) as failure`);
    expect(rows.map((row) => row.failure)).toEqual([
      null,
      { kind: 'parse', field: 'day', value: '1/6/2026' },
      { kind: 'parse', field: 'seen_at', value: 'not a date' },
      { kind: 'required', field: 'visitor', value: '' },
      { kind: 'required', field: 'visitor', value: '' },
      null,
    ]);
  });

  it('pastLimitLiteral is tomorrow for a date and now plus a day for a timestamp, from the now passed in', () => {
    const [, seenAt, day] = visits.columns;
    expect(pastLimitLiteral(day!, pastLimits(new Date('2001-02-03T23:59:00Z')))).toBe(`'2001-02-04'::date`);
    expect(pastLimitLiteral(seenAt!, pastLimits(new Date('2001-02-03T23:59:00Z')))).toBe(`'2001-02-04 23:59:00.000'::timestamp`);
  });

  it('otherDateLayout is true for a row with a date not written year first', async () => {
    expect(otherDateLayout(visits, plan)).toBe(
      String.raw`(not regexp_matches(_t1, '^\d{4}-\d{1,2}-\d{1,2}(?:$|[T\s])') and regexp_matches(_t1, '^\d')) or (not regexp_matches(_t2, '^\d{4}-\d{1,2}-\d{1,2}(?:$|[T\s])') and regexp_matches(_t2, '^\d'))`,
    );
    expect((await perRow(`${otherDateLayout(visits, plan)} as other`)).map((row) => row.other)).toEqual([false, true, false, false, false, false]);
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

  it("rawText joins a row's fields with commas", async () => {
    expect(rawText(2)).toBe(`coalesce(c0, '') || ',' || coalesce(c1, '')`);
    expect((await perRow(`${rawText(4)} as raw`))[0]!.raw).toBe('2026-06-01T10:00:00Z, v1 ,mobile,2026-06-01');
  });

  it('checkedRowsQuery puts them together: a blank row has no failure, cells fail before values', async () => {
    const rows = await warehouse.all<{
      visitor: string | null;
      _failure: { kind: string } | null;
      _blank: boolean;
      _raw: string | null;
      _cells: string[] | null;
    }>(checkedRowsQuery(path, visits, plan, { timezone: 'Europe/Copenhagen', limits: LIMITS, fileHasQuote: true }));
    expect(rows.map((row) => [row.visitor, row._failure?.kind ?? null, row._blank])).toEqual([
      ['v1', null, false],
      ['v2', 'parse', false],
      ['v3', 'parse', false],
      [null, null, true],
      [null, 'required', false],
      ['v\u00005', 'nul', false],
    ]);
    expect(rows[1]!._raw).toBe('2026-06-01 12:00:00,v2,,1/6/2026');
    expect(rows[0]!._raw).toBeNull();
    expect(rows[5]!._cells).toEqual(['2026-06-01T10:00:00Z', 'v\u00005', '', '']);
  });
});
