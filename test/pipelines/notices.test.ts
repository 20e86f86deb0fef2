/**
 * Notices about files that loaded (a date layout guessed, a file with no rows) are told
 * once per kind in a run, with how many files and one of them, not once per file and sheet.
 */
import * as XLSX from '@e965/xlsx';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles, listInputFiles } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { tempFolder, testConfig, withWarehouse } from '../helpers/warehouse.ts';

const LINKEDIN = join(import.meta.dirname, '../../fixtures/exports/linkedin');
const CONTENT = 'A004/Content_2026-09-01_2026-09-30_Mette Larsen, MBA (1).xlsx';

async function ingestLog(folder: string): Promise<string[]> {
  const log = memoryLogger();
  await withWarehouse((warehouse) => ingestFiles(warehouse, testConfig(), listInputFiles([folder]), { runId: null, log }));
  return log.lines;
}

describe('ingest notices', () => {
  it('notices: one line per kind of notice per run, with the number of files and an example file', async () => {
    const lines = await ingestLog(LINKEDIN);
    const dateNotices = lines.filter((line) => / read as M\/D\/YYYY/.test(line));
    // Counted by hand from the fixtures: the files whose dates are written 9/30/2026 in each column.
    expect(dateNotices).toEqual([
      expect.stringMatching(/^ {2}activity_on read as M\/D\/YYYY: 10 files, e\.g\. \S.*\.(csv|xlsx?)$/),
      expect.stringMatching(/^ {2}created_on read as M\/D\/YYYY: 2 files, e\.g\. nordlys-energi_content_2026-\d\d-\d\d_2026-\d\d-\d\d\.(csv|xlsx)$/),
      expect.stringMatching(/^ {2}published_on read as M\/D\/YYYY: 3 files, e\.g\. \S.*\.(csv|xlsx?)$/),
    ]);
    // After the files' own lines, at the end of the ingest.
    const lastLoaded = lines.findLastIndex((line) => line.startsWith('loaded '));
    expect(lines.indexOf(dateNotices[0]!)).toBeGreaterThan(lastLoaded);
  });

  it('notices: no "header and no rows" notice for an empty sheet of a workbook that loads rows from its other sheets', async () => {
    const folder = tempFolder('advocacy-notices-');
    const book = XLSX.read(readFileSync(join(LINKEDIN, CONTENT)));
    // The FOLLOWERS sheet keeps its total and its header, and loses its daily rows.
    const followers = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.FOLLOWERS!, { header: 1 });
    book.Sheets.FOLLOWERS = XLSX.utils.aoa_to_sheet(followers.slice(0, 3));
    writeFileSync(join(folder, 'Content_2026-09-01_2026-09-30_Mette Larsen.xlsx'), XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const lines = await ingestLog(folder);
    expect(lines.find((line) => line.startsWith('loaded '))).toMatch(
      /^loaded Content_2026-09-01_2026-09-30_Mette Larsen\.xlsx as linkedin\.member_posts: \d+ rows/,
    );
    expect(lines.join('\n')).not.toMatch(/no rows under it/);

    // A file with nothing under its header at all is still told.
    cpSync(join(LINKEDIN, '..', 'program/aliases.csv'), join(folder, 'aliases.csv'));
    writeFileSync(join(folder, 'aliases.csv'), `${readFileSync(join(folder, 'aliases.csv'), 'utf8').split('\n')[0]!}\n`);
    expect((await ingestLog(join(folder, 'aliases.csv'))).join('\n')).toMatch(
      / {2}aliases\.csv: the file has a header and no rows under it \(line 1\); nothing to load from it/,
    );
  });
});
