import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedRow } from '../../../sources/adapter.ts';
import { facebookPageDaily } from '../../../sources/facebook/page-daily.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile, type ParsedFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/facebook/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))): { source: string; parsed: ParsedFile; rows: ParsedRow[] } {
  const adapter = detectAdapter(bytes, fileName);
  const parsed = parseFile(bytes, adapter, { ...OPTIONS, fileName });
  return { source: adapter.name, parsed, rows: parsed.rows.map((row) => row.values) };
}

describe('sources/facebook/page-daily', () => {
  it('reads a UTF-16 LE file with a byte-order mark, its sep= line, and the metric name on line 2', () => {
    const bytes = readFileSync(new URL('Follows (1).csv', FIXTURES));
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    const { source, parsed, rows } = parse('Follows (1).csv', bytes);
    expect(source).toBe('facebook.page_daily');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((row) => row.line)).toEqual([4, 5, 6, 7]);
    expect(rows).toEqual([
      { metric: 'Facebook follows', activity_on: day('2026-08-01'), value: 20 },
      { metric: 'Facebook follows', activity_on: day('2026-08-02'), value: 7 },
      { metric: 'Facebook follows', activity_on: day('2026-08-03'), value: 0 },
      { metric: 'Facebook follows', activity_on: day('2026-08-04'), value: 13 },
    ]);
  });

  it('reads a UTF-16 LE file without a byte-order mark, and rejects a value that is not a number', () => {
    const bytes = readFileSync(new URL('Views (1).csv', FIXTURES));
    expect(bytes[0]).toBe(0x73); // "s" of sep=, then a NUL
    const { parsed, rows } = parse('Views (1).csv', bytes);
    expect(rows.map((row) => [row.metric, row.value])).toEqual([
      ['Facebook views', 5410],
      ['Facebook views', 3992],
      ['Facebook views', 4100],
      ['Facebook views', 3870],
      ['Facebook views', 5120],
    ]);
    expect(parsed.rejected).toEqual([expect.objectContaining({ line: 6, field: 'value', value: 'n/a', reason: '"n/a" in Primary is not a number' })]);
  });

  it('names the metric from the file name when line 2 is missing', () => {
    const bytes = new TextEncoder().encode('"Date","Primary"\n"2026-08-01T00:00:00","3"\n');
    const { rows } = parse('Link clicks (2).csv', bytes);
    expect(rows).toEqual([{ metric: 'Link clicks', activity_on: day('2026-08-01'), value: 3 }]);
  });

  it('keys rows by metric and day, so two metrics’ files do not collide', () => {
    expect(facebookPageDaily.naturalKey).toEqual(['metric', 'activity_on']);
  });
});
