import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/program/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))) {
  const adapter = detectAdapter(bytes, fileName);
  return { source: adapter.name, parsed: parseFile(bytes, adapter, { ...OPTIONS, fileName }) };
}

describe('sources/program/aliases', () => {
  const { source, parsed } = parse('aliases.csv');

  it('is recognised as program.aliases', () => {
    expect(source).toBe('program.aliases');
  });

  it('reads one row per (ambassador, alias), with extra columns kept in _extra and inner spaces collapsed', () => {
    expect(parsed.rows.map((row) => row.values)).toEqual([
      { ambassador_id: 'A001', alias: 'Søren Kjærgaard', _extra: '{"kind":"linkedin_name"}' },
      { ambassador_id: 'A001', alias: 'https://www.linkedin.com/in/sorenkj', _extra: '{"kind":"linkedin_url"}' },
      { ambassador_id: 'A002', alias: 'Åse Mølgaard', _extra: '{"kind":"linkedin_name"}' },
      { ambassador_id: 'A004', alias: 'Mette Larsen, MBA', _extra: '{"kind":"linkedin_name"}' },
      { ambassador_id: 'A004', alias: 'mette.larsen@nordlys.dk', _extra: '{"kind":"email"}' },
    ]);
  });

  it('rejects a row without an alias, naming line, field and reason', () => {
    expect(parsed.rejected).toEqual([expect.objectContaining({ line: 7, field: 'alias', value: '', reason: 'alias is empty, and every row needs it' })]);
  });

  it('rejects the same alias twice for one ambassador as a repeated key', () => {
    const bytes = new TextEncoder().encode('ambassador_id,alias\nA001,sorenkj\nA001,sorenkj\nA002,sorenkj\n');
    const { parsed: repeated } = parse('aliases.csv', bytes);
    expect(repeated.rows).toHaveLength(2);
    expect(repeated.rejected).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'ambassador_id, alias',
        reason: 'the same ambassador_id + alias is already on line 2 of this file; the first one is kept',
      }),
    ]);
  });
});
