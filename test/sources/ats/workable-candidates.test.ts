import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourceCategory } from '../../../sources/ats/workable-candidates.ts';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';

const FILE = 'workable_candidates.csv';
const bytes = readFileSync(new URL(`../../../fixtures/exports/ats/${FILE}`, import.meta.url));
const OPTIONS = { fileName: FILE, folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };

describe('sources/ats/workable-candidates', () => {
  const adapter = detectAdapter(bytes, FILE);
  const parsed = parseFile(bytes, adapter, OPTIONS);
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as ats.workable_candidates', () => {
    expect(adapter.name).toBe('ats.workable_candidates');
  });

  it('reads one row per candidate and job, keyed by e-mail hash and job when there is no ID', () => {
    expect(rows.map((row) => [row.job, row.stage])).toEqual([
      ['Senior Data Engineer', 'Hired'],
      ['Senior Data Engineer', 'Interview'],
      ['Sales Engineer', 'Applied'],
      ['Account Manager', 'Phone screen'],
      ['Sales Engineer', 'Sourced'],
    ]);
    expect(rows[2]?.email_hash).toBe(rows[3]?.email_hash);
    expect(rows[0]).toMatchObject({ applied_at: new Date('2026-10-03T07:12:00Z'), hired_at: new Date('2026-11-14T09:00:00Z'), credited_to: 'Søren Kjærgaard' });
  });

  it("puts each source in Workable's categories", () => {
    expect(rows.map((row) => row.source_category)).toEqual(['Referrals', 'Job Boards', 'Company Marketing', 'Other', 'Sourced']);
    expect(sourceCategory('Internal applications')).toBe('Internal applications');
    expect(sourceCategory('Acme Recruiting Agency')).toBe('Recruiters');
  });

  it('reads disqualification from the mark or the reason', () => {
    expect(rows.map((row) => row.is_disqualified)).toEqual([false, false, true, false, false]);
  });

  it('keeps no candidate name, e-mail or phone', () => {
    const everything = JSON.stringify(parsed);
    for (const person of ['Ida', 'Nørgaard', 'Mikkel', 'Freja', 'Ole Olsen', 'Sofie', '@', '+45']) expect(everything, person).not.toContain(person);
  });

  it('rejects an unreadable date', () => {
    expect(parsed.rejected).toEqual([expect.objectContaining({ line: 7, field: 'applied_at', value: 'yesterday' })]);
  });
});
