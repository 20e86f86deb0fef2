import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';

const FILE = 'teamtailor_applications.csv';
const bytes = readFileSync(new URL(`../../../fixtures/exports/ats/${FILE}`, import.meta.url));
const OPTIONS = { fileName: FILE, folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };

describe('sources/ats/teamtailor-applications', () => {
  const adapter = detectAdapter(bytes, FILE);
  const parsed = parseFile(bytes, adapter, OPTIONS);
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as ats.teamtailor_applications', () => {
    expect(adapter.name).toBe('ats.teamtailor_applications');
  });

  it('reads one row per application with its times', () => {
    expect(rows.map((row) => row.application_id)).toEqual(['71000001', '71000002', '71000003', '71000004', '71000005']);
    expect(rows[0]).toMatchObject({ applied_at: new Date('2026-10-03T07:12:00Z'), hired_at: new Date('2026-11-14T09:00:00Z'), stage: 'Hired' });
    expect(rows[2]).toMatchObject({ rejected_at: new Date('2026-10-12T07:00:00Z') });
    expect(rows[3]?.applied_at).toEqual(new Date('2026-10-09T08:00:00Z')); // no zone: Copenhagen
  });

  it('reads promotion=<id>-<channel> from the job link, a channel holding a dash included', () => {
    expect(rows.map((row) => [row.promotion_id, row.promotion_channel])).toEqual([
      ['909809', 'arbetsformedlingen'],
      ['912345', 'amb-q81zd'],
      [null, null],
      ['913000', 'jobindex'],
      ['913001', 'amb-7f3k2'],
    ]);
  });

  it('reads UTM tags from the job link', () => {
    expect(rows[1]).toMatchObject({ utm_source: 'linkedin', utm_content: 'amb-q81zd' });
  });

  it('keeps no candidate name, e-mail or phone', () => {
    const everything = JSON.stringify(parsed);
    for (const person of ['Nørgaard', 'Mikkel', 'Freja', 'Olsen', 'Sofie', 'Jonas', '@', '+45']) expect(everything, person).not.toContain(person);
  });

  it('rejects an impossible date', () => {
    expect(parsed.rejected).toEqual([expect.objectContaining({ line: 7, field: 'applied_at', value: '2026-13-01T10:00:00+02:00' })]);
  });
});
