import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestFiles, listInputFiles } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/exports/program');
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
        { _source_file: 'ambassadors.csv', _source_line: 2, ambassador_id: 'A001', name: 'Søren Kjærgaard', is_leader: true, joined_on: '2026-05-01', _extra: '{"shirt_size":"L"}' },
        { _source_file: 'ambassadors.csv', _source_line: 3, ambassador_id: 'A002', name: 'Åse Mølgaard', is_leader: false, joined_on: '2026-05-01', _extra: '{"shirt_size":"M"}' },
      ]);
      const file = await warehouse.one(`select source, status, rows_loaded::integer as rows, period_start::varchar as period_start from meta.files`);
      expect(file).toEqual({ source: 'program.ambassadors', status: 'loaded', rows: 5, period_start: '2026-05-01' });
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

  it('keeps bad rows in meta.rejected_rows with file, line, field and reason', async () => {
    await withWarehouse(async (warehouse) => {
      const outcome = await ingestFile(warehouse, testConfig(), join(FIXTURES, 'ambassadors.bad.csv'), options());
      expect(outcome).toMatchObject({ status: 'loaded', rowsLoaded: 13, rowsRejected: 3 });
      const rejected = await warehouse.all(`select file_name, line, field, value, reason from meta.rejected_rows order by line`);
      expect(rejected).toEqual([
        { file_name: 'ambassadors.bad.csv', line: 9, field: 'joined_on', value: '2026-31-08', reason: `"2026-31-08" in joined_on is not a valid date in the column's format (YYYY-MM-DD)` },
        { file_name: 'ambassadors.bad.csv', line: 10, field: 'utm_code', value: '', reason: 'utm_code is empty, and every row needs it' },
        { file_name: 'ambassadors.bad.csv', line: 11, field: 'ambassador_id', value: 'A006', reason: 'the same ambassador_id is already on line 7 of this file; the first one is kept' },
      ]);
      expect(await warehouse.one(`select is_leader from raw.program__ambassadors where ambassador_id = 'A003'`)).toEqual({ is_leader: true });
    });
  });

  it('rejects a file whole when too many rows are bad, and leaves the warehouse as it was', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig({ ingest: { max_rejected_share: 0.1 } });
      const outcome = await ingestFile(warehouse, config, join(FIXTURES, 'ambassadors.bad.csv'), options());
      expect(outcome.status).toBe('failed');
      expect((outcome as { message: string }).message).toMatch(/3 of 16 rows cannot be loaded .* the first is line 9/);
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
      expect((outcome as { message: string }).message).toMatch(/weather\.csv is not a format the pipeline knows: .*ambassador roster \(program\.ambassadors\).*--source NAME/);
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
});
