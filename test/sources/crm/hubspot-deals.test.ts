import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';

const FILE = 'hubspot-crm-exports-all-deals-2026-11-30.csv';
const bytes = readFileSync(new URL(`../../../fixtures/exports/crm/${FILE}`, import.meta.url));
const OPTIONS = { fileName: FILE, folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };

describe('sources/crm/hubspot-deals', () => {
  const adapter = detectAdapter(bytes, FILE);
  const parsed = parseFile(bytes, adapter, OPTIONS);
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as crm.hubspot_deals, not as contacts', () => {
    expect(adapter.name).toBe('crm.hubspot_deals');
  });

  it('reads deals with amounts, dates and contact record ids', () => {
    expect(rows.map((row) => row.record_id)).toEqual(['9100001', '9100002', '9100003', '9100005', '9100006']);
    expect(rows[0]).toMatchObject({
      deal_stage: 'Closed won',
      amount: '125000',
      closed_at: new Date('2026-11-20T13:00:00Z'),
      created_at: new Date('2026-10-05T08:12:00Z'),
      associated_company: 'Kunde A ApS',
      contact_record_ids: '51234001',
    });
    expect(rows[1]).toMatchObject({ amount: '48000.5', closed_at: null });
    expect(rows[2]).toMatchObject({ amount: '12000' });
  });

  it('marks won deals by their stage label or internal value', () => {
    expect(rows.map((row) => row.is_won)).toEqual([true, false, true, false, false]);
  });

  it('reads no deal name or contact name: they hold people', () => {
    const everything = JSON.stringify(parsed);
    for (const person of ['Mette', 'Frederiksen', 'Lars Kunde', 'Karen', '@']) expect(everything, person).not.toContain(person);
  });

  it('rejects an amount that is not a number', () => {
    expect(parsed.rejected).toEqual([expect.objectContaining({ line: 5, field: 'amount', value: 'n/a' })]);
  });
});
