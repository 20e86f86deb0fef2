import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../pipelines/config.ts';
import { readGrids } from '../../../sources/read/table.ts';
import { checkTextLimits, checkWorkbookLimits, declaredDimension, fileSizeLimitError, LimitError } from '../../../sources/read/limits.ts';
import { bombWorkbook, wideCsv } from '../../helpers/hostile-files.ts';
import { tempFolder } from '../../helpers/warehouse.ts';

const EXPORTS = join(import.meta.dirname, '../../../fixtures/exports');
const DEFAULTS = validateConfig({ company: { name: 'X' } }, { root: tempFolder(), env: {} }).ingest.limits;

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('sources/read/limits: what one file may ask of a run', () => {
  it('every real-shaped export in the fixtures is within the default limits', async () => {
    const files = [
      'web/touchpoints.csv',
      'program/share_log.csv',
      'crm/hubspot-crm-exports-all-contacts-2026-10-31.csv',
      'linkedin/AggregateAnalytics_Jens Hansen_2026-10-01_2026-10-31.xlsx',
      'linkedin/nordlys-energi_content_2025-01-01_2025-03-31.xls',
      'facebook/Audience.csv',
    ];
    for (const file of files) {
      const bytes = readFileSync(join(EXPORTS, file));
      if (file.endsWith('.csv')) expect(() => checkTextLimits(bytes, file, DEFAULTS)).not.toThrow();
      else await expect(checkWorkbookLimits(bytes, file, DEFAULTS)).resolves.toBeUndefined();
    }
  });

  it('a touchpoints header with a million extra columns is refused by its column count, before it is parsed', () => {
    const bytes = Buffer.from(wideCsv(['visitor_id', 'touched_at'], 1_000_000, ['v1', '2026-10-01T10:00:00Z']));
    expect(() => checkTextLimits(bytes, 'touchpoints.csv', DEFAULTS)).toThrow(LimitError);
    expect(() => checkTextLimits(bytes, 'touchpoints.csv', DEFAULTS)).toThrow(
      'touchpoints.csv: line 1 has 1,000,002 columns, more than ingest.limits.columns (5,000) allows, so the file was not read.',
    );
  });

  it('counts columns as the CSV parser does: commas inside quoted labels are not columns, and UTF-16 is read as UTF-16', () => {
    const limits = { ...DEFAULTS, columns: 10 };
    const quoted = `${Array.from({ length: 10 }, (_, index) => `"label, with a comma ${index}"`).join(',')}\n${'1,'.repeat(9)}1\n`;
    expect(() => checkTextLimits(Buffer.from(quoted), 'quoted.csv', limits)).not.toThrow();
    expect(() => checkTextLimits(utf16le(quoted), 'quoted.csv', limits)).not.toThrow();
    const wide = `${Array.from({ length: 11 }, (_, index) => `c${index}`).join('\t')}\n`;
    expect(() => checkTextLimits(utf16le(wide), 'wide.csv', limits)).toThrow('wide.csv: line 1 has 11 columns');
  });

  it('a 50 MB one-line CSV is refused by its line length, with the line and what to do', () => {
    const bytes = Buffer.alloc(50 * 1024 * 1024, 0x61);
    expect(() => checkTextLimits(bytes, 'one-line.csv', DEFAULTS)).toThrow(
      'one-line.csv: line 1 is 51,200 KB long, more than ingest.limits.line_kb (16,384 KB) allows, so the file was not read.',
    );
  });

  it('names the line that is too long, counting lines in UTF-16 too', () => {
    const limits = { ...DEFAULTS, line_kb: 16 };
    const text = `a,b\n1,2\n3,${'x'.repeat(20_000)}\n`;
    expect(() => checkTextLimits(Buffer.from(text), 'long.csv', limits)).toThrow(/^long\.csv: line 3 is 20 KB long/);
    expect(() => checkTextLimits(utf16le(text), 'long.csv', limits)).toThrow(/^long\.csv: line 3 is 39 KB long/);
  });

  it('a 2.8 MB workbook whose two sheets unpack to 300,000 rows of 100 cells is refused by its declared size, without unpacking', async () => {
    const bomb = bombWorkbook();
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    await expect(checkWorkbookLimits(bomb, 'bomb.xlsx', DEFAULTS)).rejects.toThrow(
      /^bomb\.xlsx unpacks to 865 MB \(its 3 MB are compressed\), more than ingest\.limits\.workbook_mb \(512 MB\)/,
    );
  });

  it('a sheet whose declared dimension holds more cells than allowed is refused, naming rows and columns', async () => {
    const workbook = bombWorkbook({ sheets: 1, rows: 60_000, columns: 100 });
    await expect(checkWorkbookLimits(workbook, 'wide.xlsx', DEFAULTS)).rejects.toThrow(
      'wide.xlsx: sheet 1 declares 60,000 rows of 100 columns (6,000,000 cells), more than ingest.limits.workbook_cells (5,000,000) allows',
    );
    await expect(checkWorkbookLimits(workbook, 'wide.xlsx', { ...DEFAULTS, workbook_cells: 6_000_000 })).resolves.toBeUndefined();
  });

  it('finds a dimension declared after 40 KB of text that does not compress, as one declared first', async () => {
    let noise = '';
    for (let block = 0; noise.length < 40_000; block += 1) noise += createHash('sha256').update(String(block)).digest('hex');
    const workbook = bombWorkbook({ sheets: 1, rows: 60_000, columns: 100, beforeDimension: `<!-- ${noise} -->` });
    await expect(checkWorkbookLimits(workbook, 'late.xlsx', DEFAULTS)).rejects.toThrow('late.xlsx: sheet 1 declares 60,000 rows of 100 columns');
  });

  it('reads a dimension with or without a range, and none when the sheet declares none', () => {
    expect(declaredDimension('<worksheet><dimension ref="A1:CV300000"/>')).toEqual({ rows: 300_000, columns: 100 });
    expect(declaredDimension('<x:dimension ref="B2:D4"/>')).toEqual({ rows: 3, columns: 3 });
    expect(declaredDimension('<dimension ref="A1"/>')).toEqual({ rows: 1, columns: 1 });
    expect(declaredDimension('<worksheet><sheetData>')).toBeNull();
  });

  it('a file over file_mb is refused from its size alone; one within is not', () => {
    expect(fileSizeLimitError(2048 * 1024 * 1024, 'big.csv', DEFAULTS)).toBeNull();
    expect(fileSizeLimitError(2049 * 1024 * 1024, 'big.csv', DEFAULTS)?.message).toMatch(
      /^big\.csv is 2,049 MB, more than ingest\.limits\.file_mb \(2,048 MB\) allows/,
    );
  });

  it('a 612 MB share log, within file_mb, is refused before it is decoded: no JavaScript text can hold it', () => {
    // Text at its head, where the sniffing for a format reads; the rest is never touched, so its pages cost nothing.
    const bytes = Buffer.alloc(612 * 1024 * 1024);
    bytes.fill(0x61, 0, 1024 * 1024);
    expect(() => readGrids(bytes, 'share_log.csv')).toThrow(LimitError);
    expect(() => readGrids(bytes, 'share_log.csv')).toThrow(
      "share_log.csv is 612 MB, more than a CSV read in JavaScript can be (500 MB, the engine's longest text), so it was not loaded; export a shorter period per file",
    );
  });
});
