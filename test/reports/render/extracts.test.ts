import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bool, DateDay, Float64, Int32, Int64, Table, tableFromIPC, tableToIPC, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quotedIdentifier, quotedString, Warehouse } from '../../../pipelines/warehouse.ts';
import { createAnonymiser } from '../../../reports/anonymise.ts';
import {
  arrowBatches,
  CSV_MACROS,
  csvCopy,
  csvHeaderSql,
  type ExtractColumn,
  extractSelect,
  extractWaves,
  writeArrowFile,
  writeExtracts,
} from '../../../reports/render/extracts.ts';
import { AMBASSADORS, fixtureMarts, loadMarts } from '../fixtures.ts';

let warehouse: Warehouse;
let folder: string;
beforeEach(async () => {
  warehouse = await Warehouse.open(':memory:');
  folder = mkdtempSync(join(tmpdir(), 'advocacy-extracts-'));
});
afterEach(() => {
  warehouse.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A column of each kind a CSV cell is written from. */
const TYPED_COLUMNS = [
  { name: 'name', type: 'VARCHAR' },
  { name: 'n', type: 'INTEGER' },
  { name: 'share', type: 'DOUBLE' },
  { name: 'day', type: 'DATE' },
  { name: 'at', type: 'TIMESTAMP' },
  { name: 'flag', type: 'BOOLEAN' },
];

/** The bytes of the Arrow file of `table`'s rows (see `arrowBatches`). */
async function arrowFileBytes(table: string, columns: readonly ExtractColumn[], options: { empty?: boolean; rowsPerBatch?: number } = {}): Promise<Buffer> {
  const file = join(folder, 'written.arrow');
  await writeArrowFile(file, arrowBatches(warehouse, table, columns, options));
  return readFileSync(file);
}

/**
 * Two files' bytes are the same: the length and the first byte that differs when not
 * (vitest's deep equality walks a buffer of megabytes a byte at a time, for a minute).
 */
function expectSameBytes(actual: Buffer, expected: Buffer): void {
  const length = Math.min(actual.length, expected.length);
  let differsAt = 0;
  while (differsAt < length && actual[differsAt] === expected[differsAt]) differsAt += 1;
  expect({ length: actual.length, differsAt: differsAt < length ? differsAt : null }).toEqual({ length: expected.length, differsAt: null });
}

const HOSTILE = ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', '<script>alert(1)</script>', '"><img onerror=alert(1)>'];

describe('reports/render/extracts', () => {
  it('neutralises text cells a spreadsheet would run as formulas, and only those, then quotes what needs it', async () => {
    await warehouse.run(CSV_MACROS);
    const cells = ['=1+1', '+45 12 34 56', '-x', '@x', '\tx', '\rx', 'Søren = 1', '', 'a,"b"\nc', '=a,b', '"quoted"', 'plain'];
    const rows = await warehouse.all<{ cell: string }>(
      `select report_csv_text(v) as cell from (values ${cells.map((cell, index) => `(${index}, ${quotedString(cell)})`).join(', ')}) t(i, v) order by i`,
    );
    expect(rows.map((row) => row.cell)).toEqual([
      "'=1+1",
      "'+45 12 34 56",
      "'-x",
      "'@x",
      "'\tx",
      `"'\rx"`,
      'Søren = 1',
      '',
      '"a,""b""\nc"',
      `"'=a,b"`,
      '"""quoted"""',
      'plain',
    ]);
  });

  it('says a cell needs care exactly when neutralising or quoting changes it', async () => {
    await warehouse.run(CSV_MACROS);
    const special = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', '"', 'a', 'ø', ' ', '😀');
    const cells = [...HOSTILE, '', 'ø=1', ' =1', '😀,', ...fc.sample(fc.string({ unit: special, maxLength: 6 }), 2000), ...fc.sample(fc.string(), 500)];
    await warehouse.run('create table cells (v varchar)');
    await warehouse.append(
      'main',
      'cells',
      cells.map((cell) => [cell]),
    );
    const disagreeing = await warehouse.all<{ v: string }>(
      'select v from cells where report_csv_text_needs_care(v) is distinct from (report_csv_text(v) <> v)',
    );
    expect(disagreeing).toEqual([]);
  });

  it('writes every double as JavaScript’s String() does (empty for NaN and infinities)', async () => {
    await warehouse.run(CSV_MACROS);
    await warehouse.run('create table numbers (i integer, x double)');
    const edges = [
      0,
      -0,
      1,
      -5,
      0.1,
      1e-7,
      1.5e-6,
      1e-5,
      0.0001234,
      1e15,
      1e16,
      2 ** 53 + 2,
      1e20,
      1e21,
      1.2345e22,
      5e-324,
      Number.MAX_VALUE,
      NaN,
      Infinity,
      -Infinity,
    ];
    const values = [...edges, ...fc.sample(fc.double(), 3000), ...fc.sample(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), 500)];
    await warehouse.append(
      'main',
      'numbers',
      values.map((x, i) => [i, x]),
    );
    const rows = await warehouse.all<{ i: number; cell: string | null }>('select i, report_js_number(x) as cell from numbers order by i');
    expect(rows.map((row) => row.cell)).toEqual(values.map((x) => (Number.isFinite(x) ? String(x) : null)));
  });

  it('writes UTF-8 CSV with a byte-order mark and CRLF: numbers plain, dates and UTC timestamps as text, nulls empty', async () => {
    await warehouse.run(CSV_MACROS);
    await warehouse.run(`create temp table rows as select * from (values
      ('Åse', 1, 2.5::double, date '2026-03-02', timestamp '2026-03-02 10:11:12.345', true),
      (null, null, null, null, null, null)) t(name, n, share, "day", "at", flag)`);
    const columns = TYPED_COLUMNS;
    const header = await warehouse.one<{ line: string }>(`select ${csvHeaderSql(columns)} as line`);
    await warehouse.run(csvCopy(quotedIdentifier('rows'), columns, header?.line ?? '', join(folder, 'rows.csv')));
    expect(readFileSync(join(folder, 'rows.csv'), 'utf8')).toBe('\uFEFFname,n,share,day,at,flag\r\nÅse,1,2.5,2026-03-02,2026-03-02 10:11:12,true\r\n,,,,,\r\n');
  });

  it('writes Arrow as apache-arrow’s builders do, byte for byte, from more than a row group of DuckDB’s vectors', async () => {
    // More than a row group (122,880 rows); text longer and shorter than DuckDB keeps inline (12 bytes); odd doubles.
    await warehouse.run(`create temp table rows as select
        i::integer as n,
        case when i % 7 = 0 then null when i % 11 = 0 then 'nan'::double when i % 13 = 0 then '-inf'::double when i % 17 = 0 then '-0'::double else i / 8 end::double as share,
        case when i % 5 = 0 then null else 'row ' || i || repeat('ø', i % 3) end as label,
        case when i % 3 = 0 then null else i % 2 = 0 end as flag,
        (date '2020-01-01' + (i % 1000)::integer) as "day",
        (timestamp '2026-01-01 00:00:00' + to_milliseconds(i)) as "at",
        i::bigint * 4096 as big
      from range(130000) r(i) order by i`);
    const columns = [
      { name: 'n', type: 'INTEGER' },
      { name: 'share', type: 'DOUBLE' },
      { name: 'label', type: 'VARCHAR' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'day', type: 'DATE' },
      { name: 'at', type: 'TIMESTAMP' },
      { name: 'big', type: 'BIGINT' },
    ];
    const rows = await warehouse.all<Record<string, unknown>>('select * from rows order by n');
    const types = {
      n: new Int32(),
      share: new Float64(),
      label: new Utf8(),
      flag: new Bool(),
      day: new DateDay(),
      at: new TimestampMillisecond(),
      big: new Int64(),
    };
    /** apache-arrow's own record batch of the rows from `start` to `end`. */
    const builtBatch = (start: number, end: number) =>
      new Table(
        Object.fromEntries(
          Object.entries(types).map(([name, type]) => [
            name,
            vectorFromArray(
              rows.slice(start, end).map((row) => (row[name] instanceof Date && name === 'at' ? (row[name] as Date).getTime() : (row[name] ?? null))),
              type as never,
            ),
          ]),
        ),
      ).batches;
    // One batch, and batches of 50,000 rows (the last of 30,000).
    expectSameBytes(await arrowFileBytes(quotedIdentifier('rows'), columns), Buffer.from(tableToIPC(new Table(builtBatch(0, 130000)), 'file')));
    const batches = [...builtBatch(0, 50000), ...builtBatch(50000, 100000), ...builtBatch(100000, 130000)];
    const written = await arrowFileBytes(quotedIdentifier('rows'), columns, { rowsPerBatch: 50000 });
    expectSameBytes(written, Buffer.from(tableToIPC(new Table(batches), 'file')));
    expect(tableFromIPC(written).batches.map((batch) => batch.numRows)).toEqual([50000, 50000, 30000]);
  });

  it('writes an empty mart without gathering it: the same CSV and Arrow bytes as the queries give', async () => {
    await warehouse.run(CSV_MACROS);
    await warehouse.run(`create temp table nothing (name varchar, n integer, share double, "day" date, "at" timestamp, flag boolean, big bigint)`);
    const columns = [...TYPED_COLUMNS, { name: 'big', type: 'BIGINT' }];
    const queried = await arrowFileBytes(quotedIdentifier('nothing'), columns);
    expect(await arrowFileBytes(quotedIdentifier('nothing'), columns, { empty: true })).toEqual(queried);

    await warehouse.run('create table marts.nothing as from nothing');
    await writeExtracts(warehouse, folder, { anonymiser: createAnonymiser({ enabled: false, language: 'en', salt: null }) });
    const header = await warehouse.one<{ line: string }>(`select ${csvHeaderSql(columns)} as line`);
    await warehouse.run(csvCopy(quotedIdentifier('nothing'), columns, header?.line ?? '', join(folder, 'copied.csv')));
    expect(readFileSync(join(folder, 'nothing.csv'))).toEqual(readFileSync(join(folder, 'copied.csv')));
    expect(readFileSync(join(folder, 'nothing.arrow'))).toEqual(queried);
  });

  it('writes every mart as CSV, Parquet and Arrow with a data dictionary; hostile text stays inert', async () => {
    const ambassadors = AMBASSADORS.map((ambassador, index) => (index < HOSTILE.length ? { ...ambassador, name: HOSTILE[index] as string } : ambassador));
    await loadMarts(warehouse, fixtureMarts({ ambassadors }));
    const { files, tables } = await writeExtracts(warehouse, folder, {
      anonymiser: createAnonymiser({ enabled: false }),
      grains: new Map([['ambassador_totals', 'one row per ambassador, program to date']]),
    });
    // loadMarts creates every mart the reports read, most of them empty.
    expect(tables).toEqual(
      expect.arrayContaining(['ambassador_totals', 'ambassador_weekly', 'goal_progress', 'program_summary', 'program_weekly', 'roi_by_period']),
    );
    expect(files.filter((file) => file.endsWith('.parquet'))).toHaveLength(tables.length);

    const csv = readFileSync(join(folder, 'ambassador_totals.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`'=HYPERLINK(""http://x"",""y"")`);
    expect(csv).toContain("'+1+2");
    expect(csv).toContain("'-2+3");
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'\tTAB");
    expect(csv).toContain('"\'\rCR"');
    expect(csv).toContain('<script>alert(1)</script>');
    // No line starts with a formula character.
    for (const line of csv.split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);

    // Parquet reads back through DuckDB with the same rows.
    const parquet = await warehouse.all<{ n: number; names: string }>(
      `select count(*)::integer as n, string_agg(ambassador_name, '|' order by ambassador_id) as names from read_parquet(${quotedString(join(folder, 'ambassador_totals.parquet'))})`,
    );
    expect(parquet[0]?.n).toBe(12);
    expect(parquet[0]?.names.split('|')[0]).toBe(HOSTILE[0]);

    // Arrow: DateDay for dates, Utf8 for text, Float64/Int32 as the mart casts them.
    const table = tableFromIPC(readFileSync(join(folder, 'ambassador_totals.arrow')));
    expect(table.numRows).toBe(12);
    const types = Object.fromEntries(table.schema.fields.map((field) => [field.name, String(field.type)]));
    expect(types).toMatchObject({ ambassador_id: 'Utf8', first_post_on: 'Date32<DAY>', posts: 'Int32', value: 'Float64', is_leader: 'Bool' });
    expect(table.getChild('ambassador_name')?.get(0)).toBe(HOSTILE[0]);

    const dictionary = readFileSync(join(folder, 'data_dictionary.csv'), 'utf8');
    expect(dictionary).toContain('ambassador_totals,,table,"one row per ambassador, program to date"');
    expect(dictionary).toMatch(/goal_progress,pace_target,DOUBLE,the linear pace/);
    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain('| ambassador_totals | one row per ambassador, program to date |');
  });

  it('writes a text column as it is only when none of its cells needs care, however far down the one that does lies', async () => {
    // More than two row groups, compressed as DuckDB stores them and ordered as the build
    // orders a mart; one cell in a column is a formula and one in another holds a comma, both
    // past the first row groups.
    await warehouse.run(`create table marts.wide as select
        'A' || lpad(i::varchar, 6, '0') as ambassador_id,
        case when i = 249000 then '=1+1' else ['linkedin', 'facebook'][i % 2 + 1] end as platform,
        case when i = 200000 then 'Aarhus, Danmark' else 'Aarhus' end as city,
        'metric ' || (i % 7) as metric,
        i / 4 as quantity
      from range(250000) r(i) order by all`);
    const columns = [
      { name: 'ambassador_id', type: 'VARCHAR' },
      { name: 'platform', type: 'VARCHAR' },
      { name: 'city', type: 'VARCHAR' },
      { name: 'metric', type: 'VARCHAR' },
      { name: 'quantity', type: 'DOUBLE' },
    ];
    await writeExtracts(warehouse, folder, { anonymiser: createAnonymiser({ enabled: false }) });
    // Every cell through the neutralising macro.
    const header = await warehouse.one<{ line: string }>(`select ${csvHeaderSql(columns)} as line`);
    await warehouse.run(csvCopy('marts.wide', columns, header?.line ?? '', join(folder, 'every-cell.csv')));
    expectSameBytes(readFileSync(join(folder, 'wide.csv')), readFileSync(join(folder, 'every-cell.csv')));
    const csv = readFileSync(join(folder, 'wide.csv'), 'utf8');
    expect(csv).toContain(`A249000,'=1+1,Aarhus,metric 3,62250\r\n`);
    expect(csv).toContain(`A200000,linkedin,"Aarhus, Danmark",metric 3,50000\r\n`);
  });

  it('leaves out a cost line’s own note when anonymised, since it is free text that may name a person', () => {
    const columns = [
      { name: 'source', type: 'VARCHAR' },
      { name: 'note', type: 'VARCHAR' },
      { name: 'amount_counted', type: 'DECIMAL(18,4)' },
    ];
    expect(extractSelect('cost_lines', columns, createAnonymiser({ enabled: true }))).toBe(
      'select t."source", null::varchar as "note", t."amount_counted" from "marts"."cost_lines" as t',
    );
    expect(extractSelect('cost_lines', columns, createAnonymiser({ enabled: false }))).toBe('select * from "marts"."cost_lines" as t');
  });

  it('groups the marts, in their order, into waves of at most a quarter of the memory limit at 16 bytes a cell, a larger mart alone', () => {
    const limit = 64 * 4 * 16;
    expect(extractWaves([10, 20, 30, 4, 100, 0, 64, 1], limit)).toEqual([[0, 1, 2, 3], [4], [5, 6], [7]]);
    expect(extractWaves([10, 20], Number.POSITIVE_INFINITY)).toEqual([[0, 1]]);
    expect(extractWaves([], limit)).toEqual([]);
  });

  it('lists a mart’s rows in the order it is stored in, and anonymised, sorted by what it shows', async () => {
    // Stored against the order of its ids, as a mart ordered on another column is.
    await warehouse.run(`create table marts.order_fixture as
      select 'amb-' || lpad(i::varchar, 2, '0') as ambassador_id, 100 - i as posts from range(1, 13) as t(i) order by posts`);
    const rows = (file: string) => readFileSync(join(folder, file), 'utf8').trim().split('\r\n').slice(1);
    await writeExtracts(warehouse, folder, { anonymiser: createAnonymiser({ enabled: false }) });
    expect(rows('order_fixture.csv')).toEqual(Array.from({ length: 12 }, (_, index) => `amb-${String(12 - index).padStart(2, '0')},${88 + index}`));
    const arrow = tableFromIPC(readFileSync(join(folder, 'order_fixture.arrow')));
    expect([...(arrow.getChild('posts')?.toArray() ?? [])].map(Number)).toEqual(Array.from({ length: 12 }, (_, index) => 88 + index));

    const anonymiser = createAnonymiser({ enabled: true, salt: 'test-salt-123' });
    await writeExtracts(warehouse, folder, { anonymiser });
    const shown = Array.from({ length: 12 }, (_, index) => `${anonymiser.id(`amb-${String(index + 1).padStart(2, '0')}`)},${99 - index}`);
    expect(rows('order_fixture.csv')).toEqual([...shown].sort());
  });

  it('anonymised, under a memory limit too small for every mart at once, sorts and writes them a few at a time, to the same bytes', async () => {
    await loadMarts(warehouse, fixtureMarts());
    // A mart of 600,000 cells, whose copy in the order written is a wave of its own under 32 MB.
    await warehouse.run(`create table marts.large_fixture as
      select (i * 7919 % 300000)::integer as n, 'row ' || (i % 1000)::varchar as label from range(300000) as t(i)`);
    const anonymiser = createAnonymiser({ enabled: true, salt: 'test-salt-123' });
    await writeExtracts(warehouse, folder, { anonymiser });
    const inWaves = mkdtempSync(join(tmpdir(), 'advocacy-extracts-waves-'));
    try {
      await warehouse.run(`set memory_limit = '32MB'`);
      await writeExtracts(warehouse, inWaves, { anonymiser });
      const files = readdirSync(folder).sort();
      expect(readdirSync(inWaves).sort()).toEqual(files);
      expect(files).toContain('large_fixture.arrow');
      for (const name of files) expectSameBytes(readFileSync(join(inWaves, name)), readFileSync(join(folder, name)));
    } finally {
      rmSync(inWaves, { recursive: true, force: true });
    }
  });

  it('replaces ids and names by pseudonyms in every format when anonymised', async () => {
    await loadMarts(warehouse, fixtureMarts());
    const anonymiser = createAnonymiser({ enabled: true, salt: 'test-salt-123' });
    await writeExtracts(warehouse, folder, { anonymiser });
    const csv = readFileSync(join(folder, 'ambassador_weekly.csv'), 'utf8');
    expect(csv).not.toContain('Mette Østergaard');
    expect(csv).not.toContain('amb-02');
    expect(csv).toContain(`${anonymiser.id('amb-02')},Ambassador ${anonymiser.id('amb-02')}`);
    const table = tableFromIPC(readFileSync(join(folder, 'ambassador_totals.arrow')));
    expect(JSON.stringify(table.toArray())).not.toContain('Østergaard');
    const parquet = await warehouse.all<{ n: number }>(
      `select count(*)::integer as n from read_parquet(${quotedString(join(folder, 'ambassador_totals.parquet'))}) where ambassador_name like 'Ambassador %'`,
    );
    expect(parquet[0]?.n).toBe(12);
  });
});
