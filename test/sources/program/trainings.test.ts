import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/program/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))) {
  const adapter = detectAdapter(bytes, fileName);
  return { source: adapter.name, parsed: parseFile(bytes, adapter, { ...OPTIONS, fileName }) };
}

describe('sources/program/trainings', () => {
  const { source, parsed } = parse('trainings.csv');

  it('is recognised as program.trainings', () => {
    expect(source).toBe('program.trainings');
  });

  it('reads each completed training; course is optional, extra columns are kept', () => {
    expect(parsed.rows.map((row) => row.values)).toEqual([
      { ambassador_id: 'A001', trained_on: day('2026-05-05'), course: 'Grundkursus', _extra: '{"trainer":"Ekstern"}' },
      { ambassador_id: 'A002', trained_on: day('2026-05-05'), course: 'Grundkursus', _extra: '{"trainer":"Ekstern"}' },
      { ambassador_id: 'A002', trained_on: day('2026-06-10'), course: 'Video på LinkedIn', _extra: '{"trainer":"Intern"}' },
      { ambassador_id: 'A003', trained_on: day('2026-06-10'), course: null, _extra: null },
      { ambassador_id: 'A004', trained_on: day('2026-06-10'), course: 'Video på LinkedIn', _extra: '{"trainer":"Intern"}' },
    ]);
  });

  it('rejects a day that does not exist', () => {
    expect(parsed.rejected).toEqual([
      expect.objectContaining({
        line: 6,
        field: 'trained_on',
        value: '2026-02-30',
        reason: `"2026-02-30" in trained_on is not a valid date in the column's format (YYYY-MM-DD)`,
      }),
    ]);
  });

  it('rejects the same training twice (ambassador, day and course)', () => {
    const bytes = new TextEncoder().encode(
      'ambassador_id,trained_on,course\nA001,2026-05-05,Grundkursus\nA001,2026-05-05,Grundkursus\nA001,2026-05-05,Video\n',
    );
    const repeated = parse('trainings.csv', bytes).parsed;
    expect(repeated.rows).toHaveLength(2);
    expect(repeated.rejected).toEqual([
      expect.objectContaining({ line: 3, reason: 'the same ambassador_id + trained_on + course is already on line 2 of this file; the first one is kept' }),
    ]);
  });
});
