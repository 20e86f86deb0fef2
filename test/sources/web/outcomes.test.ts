import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { hashPersonal, parseFile } from '../../../sources/parse.ts';

const FILE = 'outcomes.csv';
const bytes = readFileSync(new URL(`../../../fixtures/exports/web/${FILE}`, import.meta.url));
const OPTIONS = { fileName: FILE, folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const PEOPLE = ['mette.frederiksen', 'lars.kunde', 'ida.norgaard', 'peter.p', '@', 'Mette Frederiksen', 'Lars Kunde', 'Ida Nørgaard', 'Peter Petersen'];

describe('sources/web/outcomes', () => {
  const adapter = detectAdapter(bytes, FILE);
  const parsed = parseFile(bytes, adapter, OPTIONS);
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as web.outcomes', () => {
    expect(adapter.name).toBe('web.outcomes');
  });

  it('reads kinds (in any case), times, values and currencies', () => {
    expect(rows.map((row) => [row.outcome_id, row.kind])).toEqual([
      ['o-0001', 'lead'],
      ['o-0002', 'conversion'],
      ['o-0003', 'application'],
      ['o-0004', 'hire'],
      ['o-0005', 'lead'],
    ]);
    expect(rows[1]).toMatchObject({ occurred_at: new Date('2026-11-02T13:30:00Z'), value: '12500', currency: 'DKK' });
    expect(rows[0]).toMatchObject({ value: null, currency: null, visitor_id: 'GA1.1.1234.5678' });
    expect(rows[2]).toMatchObject({ occurred_at: new Date('2026-11-02T23:00:00Z'), referrer: 'amb-q81zd' });
  });

  it('hashes the e-mail with the salt, case-insensitively, into email_hash', () => {
    expect(rows[0]?.email_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.email_hash).toBe(hashPersonal('mette.frederiksen@kunde-a.dk', OPTIONS));
    expect(rows[2]?.email_hash).toBe(rows[3]?.email_hash);
    expect(rows[4]?.email_hash).toBeNull();
  });

  it('keeps extra columns, but not ones that carry a person', () => {
    expect(JSON.parse(String(rows[0]?._extra))).toEqual({ campaign_note: 'webinar' });
    expect(rows[2]?._extra).toBeNull(); // the note holds an e-mail address
  });

  it('puts no e-mail or name in the rows or in the rejected rows', () => {
    const everything = JSON.stringify(parsed);
    for (const person of PEOPLE) expect(everything).not.toContain(person);
  });

  it('rejects a kind that is not an outcome kind', () => {
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 7, field: 'kind', value: 'signup', reason: expect.stringContaining('lead, conversion, application, hire') }),
    ]);
  });
});
