import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { hashPersonal, parseFile } from '../../../sources/parse.ts';

const FILE = 'hubspot-crm-exports-all-contacts-2026-10-31.csv';
const bytes = readFileSync(new URL(`../../../fixtures/exports/crm/${FILE}`, import.meta.url));
const OPTIONS = { fileName: FILE, folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const PEOPLE = [
  'Mette',
  'Frederiksen',
  'Lars',
  'Kunde,',
  'Peter',
  'Petersen',
  'Anna',
  'Sørensen',
  'Jens',
  'Karen',
  'Blixen',
  '@',
  'peter.p',
  '+45',
  '20 12 34 56',
  '31 31 31 31',
  '22 22 22 22',
];

const parse = (data: Uint8Array, fileName = FILE) => {
  const adapter = detectAdapter(data, fileName);
  return { adapter, parsed: parseFile(data, adapter, { ...OPTIONS, fileName }) };
};

describe('sources/crm/hubspot-contacts', () => {
  const { adapter, parsed } = parse(bytes);
  const rows = parsed.rows.map((row) => row.values);
  const byId = (id: string) => rows.find((row) => row.record_id === id)!;

  it('is recognised as crm.hubspot_contacts', () => {
    expect(adapter.name).toBe('crm.hubspot_contacts');
  });

  it('reads one row per contact, keyed by Record ID', () => {
    expect(rows.map((row) => row.record_id)).toEqual(['51234001', '51234002', '51234003', '51234004', '51234005']);
    expect(byId('51234001')).toMatchObject({
      lifecycle_stage: 'lead',
      original_source: 'Other campaigns',
      original_source_drill_down_1: 'employee_advocacy',
      original_source_drill_down_2: 'rekruttering-q4',
      first_conversion: 'Kontakt os: Kontaktformular',
      associated_company: 'Kunde A ApS',
      number_of_associated_deals: 1,
      visitor_id: 'GA1.1.1234.5678',
    });
  });

  it('reads Create Date in each layout HubSpot writes, mixed in one file', () => {
    expect(byId('51234001').created_at).toEqual(new Date('2026-10-02T07:14:00Z')); // 09:14 in Copenhagen (CEST)
    expect(byId('51234002').created_at).toEqual(new Date('2025-12-20T23:00:00Z')); // 12/21/2025, midnight CET
    expect(byId('51234003').created_at).toEqual(new Date('2025-10-27T00:00:00Z')); // ...T00:00:00Z
  });

  it('trims padded values such as "Qualified "', () => {
    expect(byId('51234002').lead_status).toBe('Qualified');
    expect(byId('51234003').lead_status).toBe('Open');
  });

  it("reads the UTM tags from First Page Seen, in the link's own case", () => {
    expect(byId('51234001')).toMatchObject({
      utm_source: 'linkedin',
      utm_medium: 'employee_advocacy',
      utm_campaign: 'q4-varmepumper',
      utm_content: 'amb-7f3k2',
      utm_term: null,
    });
    expect(byId('51234002')).toMatchObject({ utm_source: 'LinkedIn', utm_content: 'AMB-Q81ZD', utm_campaign: null });
    expect(byId('51234004')).toMatchObject({ utm_source: null, utm_content: null });
  });

  it('masks an e-mail or name left in a page URL', () => {
    expect(byId('51234003').first_page_seen).toBe('https://nordlys.dk/tak?email=redacted&firstname=redacted&utm_source=google');
    expect(byId('51234003').utm_source).toBe('google');
  });

  it('hashes the e-mail (64 hex, salted, case-insensitive) and keeps no name or phone', () => {
    expect(byId('51234001').email_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(byId('51234001').email_hash).toBe(hashPersonal('mette.frederiksen@kunde-a.dk', OPTIONS));
    expect(byId('51234005').email_hash).toBeNull();
    for (const row of rows) expect(Object.keys(row).filter((key) => /name|phone|owner/.test(key))).toEqual(['company_name']);
    const everything = JSON.stringify(parsed);
    for (const person of PEOPLE) expect(everything, person).not.toContain(person);
  });

  it('rejects the impossible Create Date, naming line and field, with the row masked', () => {
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 7, field: 'created_at', value: '2026-02-30 10:00', reason: expect.stringContaining('not a valid date') }),
    ]);
    expect(parsed.rejected[0]?.raw).toMatch(/^51234006,\[not kept\],\[not kept\],\[personal\],/);
  });

  it('takes the client id from the other custom property labels', () => {
    const other = new TextEncoder().encode('Record ID,Email,Create Date,Google Analytics Client ID\n9,a@b.dk,2026-10-01 10:00,GA1.1.9.9\n');
    const { adapter: detected, parsed: result } = parse(other, 'hubspot-crm-exports-mqls-2026-10-31.csv');
    expect(detected.name).toBe('crm.hubspot_contacts');
    expect(result.rows[0]?.values.visitor_id).toBe('GA1.1.9.9');
  });
});
