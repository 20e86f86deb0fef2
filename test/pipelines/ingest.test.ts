import { copyFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestFiles, listInputFiles, type FileOutcome } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import type { Warehouse } from '../../pipelines/warehouse.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/exports/program');
const LINKEDIN = join(import.meta.dirname, '../../fixtures/exports/linkedin');
const options = () => ({ runId: null, log: memoryLogger() });

describe('pipelines/ingest', () => {
  it('lands rows with their lineage and logs the file', async () => {
    await withWarehouse(async (warehouse) => {
      const outcome = await ingestFile(warehouse, testConfig(), join(FIXTURES, 'ambassadors.csv'), options());
      expect(outcome).toMatchObject({ status: 'loaded', source: 'program.ambassadors', rowsLoaded: 5, rowsRejected: 0 });
      const rows = await warehouse.all(
        `select _source_file, _source_line, ambassador_id, name, is_leader, joined_on::varchar as joined_on, _extra
         from raw.program__ambassadors order by _source_line limit 2`,
      );
      expect(rows).toEqual([
        {
          _source_file: 'ambassadors.csv',
          _source_line: 2,
          ambassador_id: 'A001',
          name: 'Søren Kjærgaard',
          is_leader: true,
          joined_on: '2026-05-01',
          _extra: '{"shirt_size":"L"}',
        },
        {
          _source_file: 'ambassadors.csv',
          _source_line: 3,
          ambassador_id: 'A002',
          name: 'Åse Mølgaard',
          is_leader: false,
          joined_on: '2026-05-01',
          _extra: '{"shirt_size":"M"}',
        },
      ]);
      const file = await warehouse.one(`select source, status, rows_loaded::integer as rows, period_start::varchar as period_start from meta.files`);
      expect(file).toEqual({ source: 'program.ambassadors', status: 'loaded', rows: 5, period_start: '2026-05-01' });
    });
  });

  it("leaves DuckDB's checkpoint threshold as it found it once the files have landed", async () => {
    await withWarehouse(async (warehouse) => {
      const threshold = async () => (await warehouse.one<{ value: string }>(`select current_setting('checkpoint_threshold') as value`))?.value;
      const before = await threshold();
      const broken = join(tempFolder(), 'ambassadors.csv');
      writeFileSync(broken, 'not,a,roster\n1,2,3\n');
      const outcomes = await ingestFiles(warehouse, testConfig(), [join(FIXTURES, 'ambassadors.csv'), broken], options());
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['loaded', 'failed']);
      expect(await threshold()).toBe(before);
    });
  });

  it('loads nothing the second time the same bytes arrive, under any name', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig();
      const copy = join(tempFolder(), 'roster-copy.csv');
      copyFileSync(join(FIXTURES, 'ambassadors.csv'), copy);
      const first = await ingestFile(warehouse, config, join(FIXTURES, 'ambassadors.csv'), options());
      const again = await ingestFile(warehouse, config, copy, options());
      expect(again).toMatchObject({ status: 'already_loaded', fileId: (first as { fileId: number }).fileId });
      expect(await warehouse.one(`select count(*)::integer as n from raw.program__ambassadors`)).toEqual({ n: 5 });
    });
  });

  it('loads the same bytes once when two copies follow each other in one batch, though the second is read while the first lands', async () => {
    await withWarehouse(async (warehouse) => {
      const folder = tempFolder();
      for (const name of ['a-roster.csv', 'b-roster.csv']) copyFileSync(join(FIXTURES, 'ambassadors.csv'), join(folder, name));
      copyFileSync(join(FIXTURES, 'goals.csv'), join(folder, 'c-goals.csv'));
      const outcomes = await ingestFiles(warehouse, testConfig(), listInputFiles([folder]), options());
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['loaded', 'already_loaded', 'loaded']);
      expect(await warehouse.one(`select count(*)::integer as n from raw.program__ambassadors`)).toEqual({ n: 5 });
    });
  });

  it('lands workbooks parsed ahead together as it lands them one by one: each file its own id in file order, rows and rejected rows, and a copy is loaded once', async () => {
    const folder = tempFolder();
    const workbooks = listInputFiles([LINKEDIN]).filter((file) => file.endsWith('.xlsx'));
    for (const [index, file] of workbooks.entries()) copyFileSync(file, join(folder, `${index}-${basename(file)}`));
    copyFileSync(workbooks[0]!, join(folder, `9-copy-${basename(workbooks[0]!)}`));
    copyFileSync(join(FIXTURES, 'ambassadors.bad.csv'), join(folder, '5-roster.csv'));
    const files = listInputFiles([folder]);
    const landed = async (land: (warehouse: Warehouse) => Promise<FileOutcome[]>) =>
      withWarehouse(async (warehouse) => {
        const outcomes = await land(warehouse);
        const tables = await warehouse.all<{ name: string }>(`select table_name as name from duckdb_tables() where schema_name = 'raw' order by 1`);
        const rows: Record<string, unknown[]> = {};
        for (const { name } of tables) {
          rows[name] = await warehouse.all(`select * exclude (_loaded_at) from raw.${name} order by all`);
        }
        const log = await warehouse.all(
          `select file_id, file_name, source, status, rows_loaded, rows_rejected, period_start, period_end from meta.files order by file_id`,
        );
        const rejected = await warehouse.all(`select * from meta.rejected_rows order by file_id, line`);
        return { outcomes: outcomes.map(({ status, path }) => ({ status, path })), rows, log, rejected };
      });
    const together = await landed((warehouse) => ingestFiles(warehouse, testConfig(), files, options()));
    const oneByOne = await landed(async (warehouse) => {
      const outcomes: FileOutcome[] = [];
      for (const file of files) outcomes.push(await ingestFile(warehouse, testConfig(), file, options()));
      return outcomes;
    });
    expect(together).toEqual(oneByOne);
    expect(together.outcomes.map(({ status }) => status)).toEqual([...workbooks.map(() => 'loaded'), 'loaded', 'already_loaded']);
    expect(together.log.map((file) => (file as { file_name: string }).file_name)).toEqual(files.slice(0, -1).map((file) => basename(file)));
  });

  it('keeps bad rows in meta.rejected_rows with file, line, field and reason', async () => {
    await withWarehouse(async (warehouse) => {
      const outcome = await ingestFile(warehouse, testConfig(), join(FIXTURES, 'ambassadors.bad.csv'), options());
      expect(outcome).toMatchObject({ status: 'loaded', rowsLoaded: 13, rowsRejected: 3 });
      const rejected = await warehouse.all(`select file_name, line, field, value, reason from meta.rejected_rows order by line`);
      expect(rejected).toEqual([
        {
          file_name: 'ambassadors.bad.csv',
          line: 9,
          field: 'joined_on',
          value: '2026-31-08',
          reason: `"2026-31-08" in joined_on is not a valid date in the column's format (YYYY-MM-DD)`,
        },
        { file_name: 'ambassadors.bad.csv', line: 10, field: 'utm_code', value: '', reason: 'utm_code is empty, and every row needs it' },
        {
          file_name: 'ambassadors.bad.csv',
          line: 11,
          field: 'ambassador_id',
          value: 'A006',
          reason: 'the same ambassador_id is already on line 7 of this file; the first one is kept',
        },
      ]);
      expect(await warehouse.one(`select is_leader from raw.program__ambassadors where ambassador_id = 'A003'`)).toEqual({ is_leader: true });
    });
  });

  it('rejects a file whole when too many rows are bad, and leaves the warehouse as it was', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig({ ingest: { max_rejected_share: 0.1, min_rejected_rows: 3 } });
      const outcome = await ingestFile(warehouse, config, join(FIXTURES, 'ambassadors.bad.csv'), options());
      expect(outcome).toMatchObject({ status: 'failed', source: 'program.ambassadors' });
      expect((outcome as { message: string }).message).toMatch(/3 of 16 rows cannot be loaded .* the first is line 9/);
      expect(await warehouse.one(`select source, status from meta.files`)).toEqual({ source: 'program.ambassadors', status: 'failed' });
      expect(await warehouse.one(`select count(*)::integer as n from raw.program__ambassadors`)).toEqual({ n: 0 });
      expect(await warehouse.one(`select count(*)::integer as n from meta.rejected_rows`)).toEqual({ n: 0 });
    });
  });

  it('names the known formats when a file is not one of them', async () => {
    await withWarehouse(async (warehouse) => {
      const file = join(tempFolder(), 'weather.csv');
      writeFileSync(file, 'city,temperature\nAarhus,4\n');
      const outcome = await ingestFile(warehouse, testConfig(), file, options());
      expect(outcome.status).toBe('failed');
      expect((outcome as { message: string }).message).toMatch(
        /weather\.csv is not a format the pipeline knows: .*ambassador roster \(program\.ambassadors\).*--source NAME/,
      );
    });
  });

  it('goes on with the other files when one fails', async () => {
    await withWarehouse(async (warehouse) => {
      const dir = tempFolder();
      writeFileSync(join(dir, 'a-empty.csv'), '');
      copyFileSync(join(FIXTURES, 'ambassadors.csv'), join(dir, 'b-ambassadors.csv'));
      const outcomes = await ingestFiles(warehouse, testConfig(), listInputFiles([dir]), options());
      expect(outcomes.map((one) => one.status)).toEqual(['failed', 'loaded']);
      expect((outcomes[0] as { message: string }).message).toBe('a-empty.csv is empty; export the file again and drop the new copy into the inbox.');
    });
  });
  it('loads the other three rows of a four-line costs file with one bad row: one bad row is never the reason a small file is refused', async () => {
    await withWarehouse(async (warehouse) => {
      const file = join(tempFolder(), 'costs.csv');
      writeFileSync(
        file,
        [
          'period_start;period_end;category;amount;currency;ambassador_id;note',
          '2026-05-01;2026-05-31;platform;3.000,00;DKK;;Licens',
          '2026-05-01;2026-05-31;training;ca. 1200;DKK;;Kursus',
          '2026-05-01;2026-05-31;rewards;kr. 1.200;DKK;A001;Gavekort',
          '2026-05-01;2026-05-31;content;12.500;DKK;;Grafisk design',
        ].join('\n'),
      );
      const outcome = await ingestFile(warehouse, testConfig(), file, options());
      expect(outcome).toMatchObject({ status: 'loaded', rowsLoaded: 3, rowsRejected: 1 });
      expect(await warehouse.all(`select amount::varchar as amount from raw.program__costs order by _source_line`)).toEqual([
        { amount: '3000.0000' },
        { amount: '1200.0000' },
        { amount: '12500.0000' },
      ]);
      expect(await warehouse.all(`select line, field, reason from meta.rejected_rows`)).toEqual([
        { line: 3, field: 'amount', reason: expect.stringMatching(/^"ca\. 1200" in amount is an estimate \("ca\."\)/) },
      ]);
    });
  });

  it('still refuses a file whole when at least ingest.min_rejected_rows rows and more than ingest.max_rejected_share of them are bad', async () => {
    await withWarehouse(async (warehouse) => {
      const file = join(tempFolder(), 'costs.csv');
      const bad = Array.from({ length: 4 }, (_, index) => `2026-05-01;2026-05-31;other;ca. ${index + 1}00;DKK;;bad ${index}`);
      writeFileSync(
        file,
        ['period_start;period_end;category;amount;currency;ambassador_id;note', '2026-05-01;2026-05-31;platform;100;DKK;;ok', ...bad].join('\n'),
      );
      const refused = await ingestFile(warehouse, testConfig({ ingest: { min_rejected_rows: 4 } }), file, options());
      expect(refused).toMatchObject({ status: 'failed', message: expect.stringMatching(/4 of 5 rows cannot be loaded/) });
      const loaded = await ingestFile(warehouse, testConfig({ ingest: { min_rejected_rows: 5 } }), file, options());
      expect(loaded).toMatchObject({ status: 'loaded', rowsLoaded: 1, rowsRejected: 4 });
    });
  });

  it('lands amounts in DECIMAL(18,4) raw columns, exactly as written, with no rounding through a double', async () => {
    await withWarehouse(async (warehouse) => {
      const types = await warehouse.all(
        `select table_name, column_name, data_type from information_schema.columns
         where table_schema = 'raw' and (data_type like 'DECIMAL%' or (table_name, column_name) in (
           ('program__costs', 'amount'), ('web__outcomes', 'value'), ('crm__hubspot_deals', 'amount'), ('program__goals', 'unit_value')))
         order by table_name, column_name`,
      );
      expect(types).toEqual([
        { table_name: 'crm__hubspot_deals', column_name: 'amount', data_type: 'DECIMAL(18,4)' },
        { table_name: 'crm__hubspot_deals', column_name: 'amount_in_company_currency', data_type: 'DECIMAL(18,4)' },
        { table_name: 'ga4__landing_pages', column_name: 'total_revenue', data_type: 'DECIMAL(18,4)' },
        { table_name: 'ga4__traffic_acquisition', column_name: 'total_revenue', data_type: 'DECIMAL(18,4)' },
        { table_name: 'program__costs', column_name: 'amount', data_type: 'DECIMAL(18,4)' },
        { table_name: 'program__goals', column_name: 'unit_value', data_type: 'DECIMAL(18,4)' },
        { table_name: 'web__outcomes', column_name: 'value', data_type: 'DECIMAL(18,4)' },
      ]);
      const file = join(tempFolder(), 'costs.csv');
      writeFileSync(
        file,
        [
          'period_start;period_end;category;amount;currency;ambassador_id;note',
          '2026-05-01;2026-05-31;platform;99.999.999.999.999,9999;DKK;;Largest',
          '2026-05-01;2026-05-31;other;0,1;DKK;;A tenth',
          '2026-05-01;2026-05-31;other;-1.234.567.890.123,4567;DKK;;Credit',
        ].join('\n'),
      );
      expect(await ingestFile(warehouse, testConfig(), file, options())).toMatchObject({ status: 'loaded', rowsLoaded: 3 });
      expect(await warehouse.all(`select amount::varchar as amount from raw.program__costs order by _source_line`)).toEqual([
        { amount: '99999999999999.9999' },
        { amount: '0.1000' },
        { amount: '-1234567890123.4567' },
      ]);
    });
  });
});
