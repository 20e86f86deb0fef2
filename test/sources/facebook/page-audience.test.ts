import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { facebookPageAudience } from '../../../sources/facebook/page-audience.ts';
import { facebookPageDaily } from '../../../sources/facebook/page-daily.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';
import { findSignatureRow, readGrids } from '../../../sources/read/table.ts';
import { ingestFile } from '../../../pipelines/ingest.ts';
import { memoryLogger } from '../../../pipelines/log.ts';
import { tempFolder, testConfig, withWarehouse } from '../../helpers/warehouse.ts';

const FIXTURES = new URL('../../../fixtures/exports/facebook/', import.meta.url);
const AUDIENCE = readFileSync(new URL('Audience.csv', FIXTURES));
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: null };

/** Text as Meta writes it: UTF-16 LE with a byte-order mark. */
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const fixtureText = () => new TextDecoder('utf-16le').decode(AUDIENCE.subarray(2));

function parse(bytes: Uint8Array, fileName = 'Audience.csv'): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

const block = (rows: ParsedRow[], name: string) => rows.filter((row) => row.block === name);

describe('sources/facebook/page-audience', () => {
  it('loads every block of Audience.csv through ingest: long rows, typed, unique by block and dimensions, nothing rejected', async () => {
    await withWarehouse(async (warehouse) => {
      const path = join(tempFolder(), 'Audience.csv');
      copyFileSync(fileURLToPath(new URL('Audience.csv', FIXTURES)), path);
      const outcome = await ingestFile(warehouse, testConfig(), path, { runId: null, log: memoryLogger() });
      expect(outcome).toMatchObject({ status: 'loaded', source: 'facebook.page_audience', rowsLoaded: 36, rowsRejected: 0, rowsSkipped: 0 });

      const columns = await warehouse.describe(`select block, block_title, dimension, dimension_2, value, value_kind from raw.facebook__page_audience`);
      expect(Object.fromEntries(columns.map((column) => [column.name, column.type]))).toEqual({
        block: 'VARCHAR',
        block_title: 'VARCHAR',
        dimension: 'VARCHAR',
        dimension_2: 'VARCHAR',
        value: 'DOUBLE',
        value_kind: 'VARCHAR',
      });
      expect(await warehouse.all(`select block, value_kind, count(*)::integer as rows from raw.facebook__page_audience group by all order by block`)).toEqual([
        { block: 'age_gender', value_kind: 'share', rows: 12 },
        { block: 'follows', value_kind: 'count', rows: 4 },
        { block: 'top_cities', value_kind: 'share', rows: 10 },
        { block: 'top_countries', value_kind: 'share', rows: 5 },
        { block: 'top_pages', value_kind: 'score', rows: 5 },
      ]);
      expect(
        await warehouse.all(
          `select _source_line as line, block, block_title, dimension, dimension_2, value from raw.facebook__page_audience
           where dimension in ('18-24', 'Copenhagen, Denmark', 'Denmark', 'Ørsted', '2026-08-04T00:00:00') order by line, dimension_2`,
        ),
      ).toEqual([
        { line: 4, block: 'age_gender', block_title: 'Age & gender', dimension: '18-24', dimension_2: 'Men', value: 0.021 },
        { line: 4, block: 'age_gender', block_title: 'Age & gender', dimension: '18-24', dimension_2: 'Women', value: 0.018 },
        { line: 13, block: 'top_cities', block_title: 'Top cities', dimension: 'Copenhagen, Denmark', dimension_2: null, value: 0.246 },
        { line: 17, block: 'top_countries', block_title: 'Top countries', dimension: 'Denmark', dimension_2: null, value: 0.912 },
        { line: 21, block: 'top_pages', block_title: 'Top pages', dimension: 'Ørsted', dimension_2: null, value: 131.52 },
        { line: 28, block: 'follows', block_title: 'Follows', dimension: '2026-08-04T00:00:00', dimension_2: 'Primary', value: 13 },
      ]);
      expect(facebookPageAudience.naturalKey).toEqual(['block', 'dimension', 'dimension_2']);
      expect(
        await warehouse.one(
          `select count(*)::integer as total, count(distinct (block, dimension, coalesce(dimension_2, '')))::integer as keys from raw.facebook__page_audience`,
        ),
      ).toEqual({ total: 36, keys: 36 });
      expect(
        await warehouse.one(
          `select rows_loaded::integer as rows_loaded, rows_rejected::integer as rows_rejected, rows_skipped::integer as rows_skipped from meta.files where file_name = 'Audience.csv'`,
        ),
      ).toEqual({ rows_loaded: 36, rows_rejected: 0, rows_skipped: 0 });
      expect(await warehouse.all(`select * from meta.rejected_rows`)).toEqual([]);
    });
  });

  it('takes Audience.csv although its daily series has the Page daily header, and leaves the Page daily files to their adapter', () => {
    const [grid] = readGrids(AUDIENCE, 'Audience.csv');
    expect(findSignatureRow(grid!, facebookPageDaily.signature)).toBeGreaterThan(0);
    expect(parse(AUDIENCE).source).toBe('facebook.page_audience');
    for (const file of ['Follows (1).csv', 'Views (1).csv']) {
      expect(detectAdapter(readFileSync(new URL(file, FIXTURES)), file).name, file).toBe('facebook.page_daily');
    }
  });

  it('decodes UTF-16 LE with a byte-order mark and drops the sep= line: Danish letters survive, no row comes from line 1', () => {
    expect(AUDIENCE.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(fixtureText().startsWith('sep=,\n"Age & gender"\n')).toBe(true);
    const { parsed, rows } = parse(AUDIENCE);
    expect(block(rows, 'top_pages').map((row) => row.dimension)).toEqual(['Ørsted', 'Vestas', 'Energinet', 'DR Nyheder', 'Danfoss']);
    expect(Math.min(...parsed.rows.map((row) => row.line))).toBe(4);
  });

  it('reads a ranking across: a row of names (commas inside quotes) over a row of values, one row per name', () => {
    const cities = block(parse(AUDIENCE).rows, 'top_cities');
    expect(cities.map((row) => [row.dimension, row.value])).toEqual([
      ['Copenhagen, Denmark', 0.246],
      ['Aarhus, Denmark', 0.093],
      ['Odense, Denmark', 0.058],
      ['Aalborg, Denmark', 0.049],
      ['Frederiksberg, Denmark', 0.037],
      ['Esbjerg, Denmark', 0.024],
      ['Randers, Denmark', 0.019],
      ['Kolding, Denmark', 0.018],
      ['Horsens, Denmark', 0.016],
      ['Vejle, Denmark', 0.015],
    ]);
  });

  it('melts Age & gender: its header has an empty first cell, then one column per gender', () => {
    const ageGender = block(parse(AUDIENCE).rows, 'age_gender');
    expect(ageGender.slice(0, 4).map((row) => [row.dimension, row.dimension_2, row.value])).toEqual([
      ['18-24', 'Men', 0.021],
      ['18-24', 'Women', 0.018],
      ['25-34', 'Men', 0.096],
      ['25-34', 'Women', 0.079],
    ]);
    expect(new Set(ageGender.map((row) => row.dimension_2))).toEqual(new Set(['Men', 'Women']));
  });

  it('stores shares (per cent without a sign) as fractions, and keeps Top pages scores and the daily counts as written', () => {
    const { rows } = parse(AUDIENCE);
    const total = block(rows, 'age_gender').reduce((sum, row) => sum + (row.value as number), 0);
    expect(total).toBeCloseTo(1, 12);
    expect(block(rows, 'top_pages')[0]).toMatchObject({ dimension: 'Ørsted', value: 131.52, value_kind: 'score' });
    // the daily series is a block of no known title, but its Date/Primary header says it counts
    expect(block(rows, 'follows').map((row) => [row.value, row.value_kind])).toEqual([
      [20, 'count'],
      [7, 'count'],
      [0, 'count'],
      [13, 'count'],
    ]);
  });

  it('loads a block it does not know as written, as a ranking or as a table, and rejects nothing', () => {
    const text = `${fixtureText()}\n"Top interests"\n"Renewable energy","Electric cars"\n"12.5","8.25"\n\n"Languages"\n"","Followers"\n"Danish","4120"\n"English","310"\n`;
    const { parsed, rows } = parse(utf16(text));
    expect(parsed.rejected).toEqual([]);
    expect(rows).toHaveLength(36 + 4);
    expect(
      [...block(rows, 'top_interests'), ...block(rows, 'languages')].map((row) => [row.block_title, row.dimension, row.dimension_2, row.value, row.value_kind]),
    ).toEqual([
      ['Top interests', 'Renewable energy', null, 12.5, 'unknown'],
      ['Top interests', 'Electric cars', null, 8.25, 'unknown'],
      ['Languages', 'Danish', 'Followers', 4120, 'unknown'],
      ['Languages', 'English', 'Followers', 310, 'unknown'],
    ]);
  });

  it('rejects what it cannot read with its line and reason, and reads the blocks after it', () => {
    const text = [
      'sep=,',
      '"Age & gender"',
      '"","Men","Women"',
      '"18-24","n/a","3.6"',
      '',
      '"Top cities"',
      '"Copenhagen, Denmark","Aarhus, Denmark"',
      '',
      '"Top countries"',
      '"Denmark","Sweden"',
      '"91.2","2.6","0.4"',
      '"United Kingdom"',
      '',
      '"Top pages"',
      '"Ørsted","Ørsted"',
      '"131.52","48.07"',
      '',
      '"25-34","9.6","7.9"',
    ].join('\n');
    const { parsed, rows } = parse(utf16(text));
    expect(rows.map((row) => [row.block, row.dimension, row.dimension_2, row.value])).toEqual([
      ['age_gender', '18-24', 'Women', 0.036],
      ['top_countries', 'Denmark', null, 0.912],
      ['top_countries', 'Sweden', null, 0.026],
      ['top_pages', 'Ørsted', null, 131.52],
    ]);
    expect(parsed.rejected.map((row) => [row.line, row.field, row.reason])).toEqual([
      [4, 'value', '"n/a" in Value is not a number'],
      [7, null, '"Top cities" has a row of names on line 7 and no row of values under it, so its values are unknown; export the file again'],
      [11, null, 'the value "0.4" in "Top countries" has no name above it on line 10'],
      [12, null, '"Top countries" is a row of names and a row of values; this further row is not part of it'],
      [16, 'block, dimension, dimension_2', 'the same block + dimension + dimension_2 is already on line 16 of this file; the first one is kept'],
      [18, null, expect.stringMatching(/^this row starts a block \(it follows a blank line\), but it is not a block title/)],
    ]);
    expect(parsed.rejected[0]!.raw).toContain('n/a');
  });
});
