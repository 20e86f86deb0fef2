import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { hashPersonal, parseFile } from '../../../sources/parse.ts';

const FILE = 'salesforce-leads.csv';
const bytes = readFileSync(new URL(`../../../fixtures/exports/crm/${FILE}`, import.meta.url));
const OPTIONS = { fileName: FILE, folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const PEOPLE = [
  'Karen',
  'Blixen',
  'Hans Christian',
  'Kierkegaard',
  'Tove',
  'Ditlevsen',
  'Piet',
  'Hein',
  'Inger',
  'Klaus',
  'Rifbjerg',
  'Benny',
  'Suzanne',
  'Brøgger',
  'Turèll',
  '@',
];

const parse = (data: Uint8Array, fileName = FILE, locale = OPTIONS.locale) => {
  const adapter = detectAdapter(data, fileName);
  return { adapter, parsed: parseFile(data, adapter, { ...OPTIONS, fileName, locale }) };
};
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('sources/crm/salesforce-leads', () => {
  const { adapter, parsed } = parse(bytes);
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as crm.salesforce_leads', () => {
    expect(adapter.name).toBe('crm.salesforce_leads');
  });

  it('reads the leads with Danish DD-MM-YYYY create dates', () => {
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({
      lead_id: null,
      lead_owner: 'Anders Holm',
      title: 'Indkøbschef',
      company: 'Kunde D A/S',
      lead_source: 'Web',
      lead_status: 'Open - Not Contacted',
      created_on: day('2026-10-27'),
    });
    expect(rows.map((row) => (row.created_on as Date).toISOString().slice(0, 10))).toEqual([
      '2026-10-27',
      '2026-10-28',
      '2026-11-02',
      '2026-11-03',
      '2026-11-05',
      '2026-11-06',
      '2026-11-09',
      '2026-11-10',
    ]);
  });

  it('reads UTM custom fields by their labels', () => {
    expect(rows[0]).toMatchObject({ utm_source: 'linkedin', utm_content: 'amb-7f3k2', utm_medium: null });
    expect(rows[4]).toMatchObject({ utm_content: 'AMB-7F3K2' });
  });

  it('skips the footer (Grand Totals, Confidential, Copyright) and its "" blank lines without rejecting them', () => {
    expect(parsed.skipped).toBe(3);
    expect(parsed.rejected.map((row) => row.line)).toEqual([10, 11]);
  });

  it('keys a lead without Lead ID by e-mail hash and create date', () => {
    expect(adapter.naturalKey).toEqual(['lead_id', 'email_hash', 'created_on']);
    expect(new Set(rows.map((row) => `${String(row.email_hash)}|${String(row.created_on)}`)).size).toBe(rows.length);
  });

  it('hashes e-mails and keeps no lead name in rows or rejected rows', () => {
    expect(rows[0]?.email_hash).toBe(hashPersonal('karen@kunde-d.dk', OPTIONS));
    for (const row of rows) expect(row.email_hash).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify(parsed);
    for (const person of PEOPLE) expect(everything, person).not.toContain(person);
  });

  it('rejects a lead with neither Lead ID nor Email, and an impossible date', () => {
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 10, field: 'email_hash', reason: expect.stringContaining('neither a Lead ID nor an Email') }),
      expect.objectContaining({ line: 11, field: 'created_on', value: '31-11-2026', reason: expect.stringContaining('DD-MM-YYYY') }),
    ]);
  });

  it('reads a grouped US report with Lead ID, other UTM labels, Total rows and a © footer', () => {
    const report = [
      'Lead ID,Lead Owner,First Name,Last Name,Company,Email,Lead Source,Lead Status,Create Date,utm_content,UTM_Campaign__c',
      '00Q5g00000AbCdE,Anders Holm,Karen,Blixen,Kunde D,karen@kunde-d.dk,Web,Open,11/27/2026,amb-7f3k2,q4',
      'Total,,,,,,,,,,',
      '00Q5g00000AbCdF,Anders Holm,Piet,Hein,Kunde H,,Web,Open,11/4/2026,,',
      'Subtotal (1 record),,,,,,,,,,',
      '',
      'Grand Totals (2 records)',
      '',
      'Confidential Information - Do Not Distribute',
      'Copyright © 2000-2025 salesforce.com, inc. All rights reserved.',
    ].join('\r\n');
    const { adapter: detected, parsed: result } = parse(new TextEncoder().encode(report), 'report1690000000000.csv', 'en-US');
    expect(detected.name).toBe('crm.salesforce_leads');
    expect(result.rejected).toEqual([]);
    expect(result.skipped).toBe(5);
    expect(result.rows.map((row) => row.values)).toEqual([
      expect.objectContaining({ lead_id: '00Q5g00000AbCdE', created_on: day('2026-11-27'), utm_content: 'amb-7f3k2', utm_campaign: 'q4' }),
      expect.objectContaining({ lead_id: '00Q5g00000AbCdF', created_on: day('2026-11-04'), email_hash: null }),
    ]);
  });
});
