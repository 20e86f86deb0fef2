import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { hashPersonal, parseFile } from '../../../sources/parse.ts';

const FILE = 'greenhouse_applications.csv';
const bytes = readFileSync(new URL(`../../../fixtures/exports/ats/${FILE}`, import.meta.url));
const OPTIONS = { fileName: FILE, folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const CANDIDATES = ['Ida Nørgaard', 'Mikkel Holm', 'Freja Lund', 'Ole Olsen', 'Sofie Dahl', 'ida.norgaard', '@example'];

const parse = (data: Uint8Array, fileName = FILE) => {
  const adapter = detectAdapter(data, fileName);
  return { adapter, parsed: parseFile(data, adapter, { ...OPTIONS, fileName }) };
};
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The fixture as Greenhouse e-mails it: a workbook with a title row, dates as real date cells. */
function workbook(bookType: 'xlsx' | 'biff8'): Uint8Array {
  const [header, ...data] = Papa.parse<string[]>(bytes.toString('utf8').trim()).data;
  const dateColumns = new Set(['Applied On', 'Rejected On', 'Last Activity'].map((label) => header!.indexOf(label)));
  const cells = data.map((row) => row.map((cell, index) => (dateColumns.has(index) && cell !== '' ? new Date(`${cell}T00:00:00Z`) : cell)));
  const sheet = XLSX.utils.aoa_to_sheet([['Essential Candidate Report'], [], header!, ...cells]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Candidates');
  return new Uint8Array(XLSX.write(book, { bookType, type: 'array' }) as ArrayBuffer);
}

describe('sources/ats/greenhouse-applications', () => {
  const { adapter, parsed } = parse(bytes);
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as ats.greenhouse_applications', () => {
    expect(adapter.name).toBe('ats.greenhouse_applications');
  });

  it('reads one row per application, keyed by Application ID', () => {
    expect(rows.map((row) => row.application_id)).toEqual(['50098761', '50098762', '50098763', '50098790', '50098764']);
    expect(rows[0]).toMatchObject({
      candidate_id: '40012345',
      job: 'Senior Data Engineer',
      applied_on: day('2026-10-03'),
      source: 'Referral',
      status: 'hired',
      current_stage: 'Offer',
      recruiter: 'Lone Berg',
      last_activity_on: day('2026-11-14'),
    });
    expect(rows[2]).toMatchObject({ status: 'rejected', rejected_on: day('2026-10-12'), rejection_reason: 'Lacking skill(s)' });
  });

  it('keeps the referrer in clear as credited_to: it is the employee to credit', () => {
    expect(rows.map((row) => row.credited_to)).toEqual(['Søren Kjærgaard', 'amb-q81zd', null, 'amb-7f3k2', null]);
  });

  it('reads Status in any case', () => {
    expect(rows[3]?.status).toBe('active');
  });

  it('keeps the columns in place when a quoted name holds a comma', () => {
    expect(rows[4]).toMatchObject({ application_id: '50098764', job: 'Sales Engineer', source: 'Company Website' });
  });

  it('hashes e-mails and keeps no candidate name, in rows or rejected rows', () => {
    expect(rows[0]?.email_hash).toBe(hashPersonal('ida.norgaard@example.com', OPTIONS));
    expect(rows[2]?.email_hash).toBe(rows[3]?.email_hash);
    for (const row of rows) expect(row.email_hash).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify(parsed);
    for (const person of CANDIDATES) expect(everything, person).not.toContain(person);
  });

  it('rejects a Status that is not active, rejected or hired', () => {
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ line: 7, field: 'status', value: 'on hold', reason: expect.stringContaining('active, rejected, hired') }),
    ]);
  });

  it.each(['xlsx', 'biff8'] as const)('reads the e-mailed workbook (%s) with a title row and Excel dates like the CSV', (bookType) => {
    const { adapter: detected, parsed: fromBook } = parse(workbook(bookType), bookType === 'xlsx' ? 'candidates.xlsx' : 'candidates.xls');
    expect(detected.name).toBe('ats.greenhouse_applications');
    expect(fromBook.rows.map((row) => row.values)).toEqual(rows);
    expect(fromBook.rejected).toEqual([expect.objectContaining({ line: 9, field: 'status', value: 'on hold' })]);
  });
});
