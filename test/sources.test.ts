/**
 * What every adapter must do, checked on its fixtures under fixtures/exports/ (in the
 * spirit of Singer's tap tests). A fixture belongs to the adapter its header is
 * recognised as, and to that adapter's companions (the other sheets or tables of the
 * same export), so a new adapter without a fixture fails here, by name. Each adapter's
 * fixtures load into one warehouse, through the ingest of a real run.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles, type FileOutcome } from '../pipelines/ingest.ts';
import { memoryLogger } from '../pipelines/log.ts';
import { quotedIdentifier, type Warehouse } from '../pipelines/warehouse.ts';
import { rawTableName, type Adapter } from '../sources/adapter.ts';
import { adapters, detectAdapter } from '../sources/index.ts';
import { decodeText } from '../sources/read/decode.ts';
import { isWorkbook } from '../sources/read/grid.ts';
import { findSignatureRow, readGrids } from '../sources/read/table.ts';
import { tempFolder, testConfig, withWarehouse } from './helpers/warehouse.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/exports');
const LINEAGE = ['_file_id', '_source_file', '_source_line', '_loaded_at'] as const;

function filesUnder(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => (statSync(join(folder, name)).isDirectory() ? filesUnder(join(folder, name)) : [join(folder, name)]));
}

/**
 * Each fixture with the adapter its header is recognised as, and the tables it holds: that
 * adapter's, and its companions' whose signature the file holds too (a workbook's other
 * sheets; a companion of one sheet each shares its adapter's name).
 */
const fixtures = filesUnder(FIXTURES).map((path) => {
  const bytes = readFileSync(path);
  const adapter = detectAdapter(bytes, basename(path));
  const tables = [adapter, ...(adapter.companions ?? []).filter((companion) => holdsSignature(bytes, basename(path), companion))];
  return { path, adapter, tables };
});

function holdsSignature(bytes: Uint8Array, fileName: string, adapter: Adapter): boolean {
  try {
    return detectAdapter(bytes, fileName, [adapter]) === adapter;
  } catch {
    return false;
  }
}

/** The fixtures an adapter reads rows from. */
function fixturesOf(adapter: Adapter): typeof fixtures {
  return fixtures.filter((fixture) => fixture.tables.some((table) => table.name === adapter.name));
}

it('every registered adapter has a fixture under fixtures/exports', () => {
  const without = adapters.filter((adapter) => fixturesOf(adapter).length === 0).map((adapter) => adapter.name);
  expect(without, `adapters without a fixture under fixtures/exports: ${without.join(', ')}`).toEqual([]);
});

/**
 * Adapters whose CSV fixtures cannot be reordered into the same export: LinkedIn's TOP POSTS
 * sheet is two tables side by side under one header row, told apart by position. (Fixtures
 * that are workbooks only are not reordered either: a workbook with its columns moved is
 * another workbook, not a reordered export.)
 */
const READ_BY_POSITION = new Set(['linkedin.member_posts']);

/**
 * GA4 writes its Grand total label in the first column, the report's primary dimension,
 * whatever else the report holds; a copy of a GA4 report keeps that column first and
 * reverses the others.
 */
const FIRST_COLUMN_STAYS = new Set(['ga4.traffic_acquisition', 'ga4.landing_pages']);

interface Facts {
  /** Each fixture: the adapter it is recognised as among all adapters. */
  detected: { file: string; as: string }[];
  outcomes: FileOutcome[];
  rows: number;
  rowsWithoutLineage: number;
  lineageColumns: string[];
  rejected: { file: string; line: number | null; reason: string }[];
  rejectedCounted: number;
  repeatedKeys: unknown[];
  reloaded: FileOutcome[];
  rowsAfterReload: number;
  reordered: { file: string; original: unknown[]; reordered: unknown[] }[];
}

const tested = adapters.filter((adapter) => fixturesOf(adapter).length > 0);

describe.each(tested.map((adapter) => [adapter.name, adapter] as const))('%s', (_name, adapter) => {
  const own = fixturesOf(adapter);
  const csvs = own.filter((fixture) => !isWorkbook(readFileSync(fixture.path)));
  let facts: Facts;

  beforeAll(async () => {
    facts = await withWarehouse(
      (warehouse) =>
        gatherFacts(
          warehouse,
          adapter,
          own.map((fixture) => fixture.path),
          csvs,
        ),
      // the raw tables its fixtures fill: their own adapters' and companions'
      [...new Set(own.flatMap((fixture) => fixture.tables))],
    );
  }, 120_000);

  it('is recognised from its header, as itself or as the export it is a companion table of', () => {
    for (const { file, as } of facts.detected) {
      const recognised = adapters.find((one) => one.name === as)!;
      expect(recognised === adapter || recognised.companions?.some((companion) => companion.name === adapter.name), `${file} is recognised as ${as}`).toBe(
        true,
      );
    }
  });

  it('loads its rows into the raw layer with the lineage columns', () => {
    expect(facts.outcomes.map((outcome) => [basename(outcome.path), outcome.status])).toEqual(own.map((fixture) => [basename(fixture.path), 'loaded']));
    expect(facts.lineageColumns).toEqual([...LINEAGE]);
    expect(facts.rows).toBeGreaterThan(0);
    expect(facts.rowsWithoutLineage).toBe(0);
  });

  it('rejects its bad rows into meta.rejected_rows with a line and a reason', () => {
    expect(facts.rejected.length).toBe(facts.rejectedCounted);
    for (const row of facts.rejected) {
      expect(row.line, `${row.file}: ${row.reason}`).toBeGreaterThan(0);
      expect(row.reason.length, `${row.file} line ${row.line}`).toBeGreaterThan(10);
    }
  });

  it('loads each natural key once per file', () => {
    expect(facts.repeatedKeys).toEqual([]);
  });

  it('loads nothing when the same bytes come again', () => {
    expect(facts.reloaded.map((outcome) => outcome.status)).toEqual(own.map(() => 'already_loaded'));
    expect(facts.rowsAfterReload).toBe(facts.rows);
  });

  if (csvs.length > 0 && !READ_BY_POSITION.has(adapter.name)) {
    it(`loads the same rows from a copy with its columns in reverse order${FIRST_COLUMN_STAYS.has(adapter.name) ? ' (but the first)' : ''}`, () => {
      expect(facts.reordered.map((one) => one.file)).toEqual(csvs.map((fixture) => basename(fixture.path)));
      for (const { file, original, reordered } of facts.reordered) {
        expect(original.length, file).toBeGreaterThan(0);
        expect(reordered, file).toEqual(original);
      }
    });
  }
});

async function gatherFacts(warehouse: Warehouse, adapter: Adapter, paths: string[], csvs: typeof fixtures): Promise<Facts> {
  const config = testConfig();
  const options = () => ({ runId: null, log: memoryLogger() });
  const table = `raw.${quotedIdentifier(rawTableName(adapter))}`;
  const count = async () => (await warehouse.one<{ n: number }>(`select count(*)::integer as n from ${table}`))!.n;
  const detected = paths.map((path) => ({ file: basename(path), as: detectAdapter(readFileSync(path), basename(path)).name }));

  const outcomes = await ingestFiles(warehouse, config, paths, options());
  const fileIds = outcomes.flatMap((outcome) => (outcome.status === 'loaded' ? [outcome.fileId] : []));
  const rows = await count();
  const rowsWithoutLineage = (await warehouse.one<{ n: number }>(
    `select count(*)::integer as n from ${table} where ${LINEAGE.map((column) => `${column} is null`).join(' or ')} or _source_line < 1`,
  ))!.n;
  const lineageColumns = (
    await warehouse.all<{ column_name: string }>(
      `select column_name from duckdb_columns() where schema_name = 'raw' and table_name = '${rawTableName(adapter)}' order by column_index limit ${LINEAGE.length}`,
    )
  ).map((column) => column.column_name);
  const rejected =
    fileIds.length === 0
      ? []
      : await warehouse.all<{ file: string; line: number | null; reason: string }>(
          `select file_name as file, line, reason from meta.rejected_rows where file_id in (${fileIds.join(', ')}) order by file_name, line`,
        );
  const rejectedCounted = outcomes.reduce((sum, outcome) => sum + (outcome.status === 'loaded' ? outcome.rowsRejected : 0), 0);
  const key = adapter.naturalKey.map((name) => quotedIdentifier(name)).join(', ');
  const repeatedKeys = await warehouse.all(
    `select _source_file, ${key}, count(*)::integer as n from ${table} group by _file_id, _source_file, ${key} having count(*) > 1`,
  );

  const reloaded = await ingestFiles(warehouse, config, paths, options());
  const rowsAfterReload = await count();

  const reordered = [];
  const copies = tempFolder('advocacy-conformance-');
  for (const fixture of csvs) {
    const copy = join(copies, basename(dirname(fixture.path)), basename(fixture.path));
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, withColumnsReversed(readFileSync(fixture.path), fixture.adapter, FIRST_COLUMN_STAYS.has(adapter.name)));
    const [again] = await ingestFiles(warehouse, config, [copy], options());
    const original = outcomes.find((outcome) => outcome.path === fixture.path)!;
    reordered.push({
      file: basename(fixture.path),
      original: original.status === 'loaded' ? await rowsOfFile(warehouse, table, original.fileId) : [],
      reordered: again?.status === 'loaded' ? await rowsOfFile(warehouse, table, again.fileId) : [{ outcome: again }],
    });
  }
  return { detected, outcomes, rows, rowsWithoutLineage, lineageColumns, rejected, rejectedCounted, repeatedKeys, reloaded, rowsAfterReload, reordered };
}

/**
 * A file's rows as loaded, without what differs between two loads (the file's id, the load
 * time; `_extra` as an object, whose keys follow the header's order), then its rejected rows
 * with their line, field and reason.
 */
async function rowsOfFile(warehouse: Warehouse, table: string, fileId: number): Promise<unknown[]> {
  const rows = await warehouse.all<Record<string, unknown>>(`select * exclude (_file_id, _loaded_at) from ${table} where _file_id = ${fileId} order by all`);
  const rejected = await warehouse.all(`select line, field, reason from meta.rejected_rows where file_id = ${fileId} order by all`);
  return [...rows.map((row) => ({ ...row, ...(typeof row._extra === 'string' ? { _extra: JSON.parse(row._extra) } : {}) })), ...rejected];
}

/**
 * The CSV with the columns of its table in reverse order (all but the first, when it stays): the header row (found by the
 * signature of the adapter it is recognised as) and every later row as wide as it. Rows
 * above the header and rows of another width (titles, `#` notes, blank lines) stay as
 * they are, and so do the lines of every row.
 */
function withColumnsReversed(bytes: Uint8Array, adapter: Adapter, firstStays: boolean): string {
  const text = decodeText(bytes).text;
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: readGrids(bytes, 'copy')[0]!.delimiter });
  const rows = parsed.data;
  const header = findSignatureRow({ rows: rows.map((cells, index) => ({ line: index + 1, cells })) }, adapter.signature);
  expect(header, 'the header row of the copy').toBeGreaterThanOrEqual(0);
  const width = rows[header]!.length;
  const reverse = (cells: string[]) => (firstStays ? [cells[0]!, ...cells.slice(1).reverse()] : [...cells].reverse());
  const reversed = rows.map((cells, index) => (index >= header && cells.length === width ? reverse(cells) : cells));
  return Papa.unparse(reversed, { delimiter: parsed.meta.delimiter, newline: parsed.meta.linebreak });
}
