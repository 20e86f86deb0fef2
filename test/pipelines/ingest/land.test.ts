import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landTogether, type ParsedLanding } from '../../../pipelines/ingest/land.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFileWithCompanions } from '../../../sources/parse.ts';
import { tempFolder, withWarehouse } from '../../helpers/warehouse.ts';

const PROGRAM = join(import.meta.dirname, '../../../fixtures/exports/program');

/** A program file read and parsed here, as the parser process gives it back. */
function parsedLanding(path: string): ParsedLanding {
  const bytes = readFileSync(path);
  const { size, mtimeMs } = statSync(path);
  const adapter = detectAdapter(bytes, basename(path));
  const parts = parseFileWithCompanions(bytes, adapter, {
    fileName: basename(path),
    folderName: 'program',
    timezone: 'Europe/Copenhagen',
    locale: 'da-DK',
    salt: null,
  });
  const rows = parts.reduce((total, part) => total + part.parsed.rows.length, 0);
  const rejected = parts.reduce((total, part) => total + part.parsed.rejected.length, 0);
  return {
    prepared: { path, read: { bytes, size, mtimeMs }, sha256: createHash('sha256').update(bytes).digest('hex'), adapter },
    adapter,
    parts,
    loaded: { rowsLoaded: rows, rowsRejected: rejected, rowsSkipped: 0, periodStart: null, periodEnd: null, notes: [] },
  };
}

function programFiles(names: string[]): string[] {
  const folder = tempFolder();
  return names.map((name) => {
    copyFileSync(join(PROGRAM, name), join(folder, name));
    return join(folder, name);
  });
}

describe('pipelines/ingest/land', () => {
  it('lands several parsed files in one transaction: each its own file id, in order, with its rows and rejected rows', async () => {
    await withWarehouse(async (warehouse) => {
      const landings = programFiles(['ambassadors.bad.csv', 'goals.csv']).map(parsedLanding);
      const loaded = new Map();
      const outcomes = await landTogether(warehouse, landings, { runId: null, loaded });
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['loaded', 'loaded']);
      const [first, second] = outcomes as { fileId: number; rowsLoaded: number; rowsRejected: number }[];
      expect(second!.fileId).toBeGreaterThan(first!.fileId);
      expect(first).toMatchObject({ rowsLoaded: 13, rowsRejected: 3 });
      expect(await warehouse.all(`select _file_id, count(*)::integer as n from raw.program__ambassadors group by all`)).toEqual([
        { _file_id: first!.fileId, n: 13 },
      ]);
      expect(await warehouse.one(`select count(*)::integer as n from raw.program__goals where _file_id = ${second!.fileId}`)).toEqual({
        n: second!.rowsLoaded,
      });
      expect(await warehouse.all(`select file_id, count(*)::integer as n from meta.rejected_rows group by all`)).toEqual([{ file_id: first!.fileId, n: 3 }]);
      expect([...loaded.keys()]).toEqual(landings.map((landing) => landing.prepared.sha256));
    });
  });

  it('when one file of the batch changed on disk since it was read, leaves that one for the next run and lands the others', async () => {
    await withWarehouse(async (warehouse) => {
      const files = programFiles(['ambassadors.csv', 'goals.csv', 'costs.csv']);
      const landings = files.map(parsedLanding);
      utimesSync(files[1]!, new Date(), new Date(Date.now() + 60_000));
      const outcomes = await landTogether(warehouse, landings, { runId: null });
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['loaded', 'left', 'loaded']);
      expect(await warehouse.all(`select file_name from meta.files order by file_id`)).toEqual([{ file_name: 'ambassadors.csv' }, { file_name: 'costs.csv' }]);
      expect(await warehouse.one(`select count(*)::integer as n from raw.program__goals`)).toEqual({ n: 0 });
    });
  });
});
