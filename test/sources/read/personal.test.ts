import { describe, expect, it } from 'vitest';
import { MASKED_PHONE, maskPersonalData } from '../../../sources/read/personal.ts';

const hash = (address: string) => `<${address}>`;
const mask = (text: string) => maskPersonalData(text, hash);

describe('sources/read/personal', () => {
  it('e-mails in First Page Seen: a path, a fragment, a matrix parameter and double encoding are hashed as the decoded address', () => {
    expect(mask('https://nordlys.dk/tak/Jane.Doe@Kunde.dk?utm_content=amb-7f3k2')).toBe('https://nordlys.dk/tak/<jane.doe@kunde.dk>?utm_content=amb-7f3k2');
    expect(mask('https://nordlys.dk/kontakt#email=jane%40kunde.dk')).toBe('https://nordlys.dk/kontakt#email=<jane@kunde.dk>');
    expect(mask('https://nordlys.dk/side;jsessionid=jane@kunde.dk;lang=da')).toBe('https://nordlys.dk/side;jsessionid=<jane@kunde.dk>;lang=da');
    expect(mask('https://nordlys.dk/?next=https%3A%2F%2Fnordlys.dk%2Ftak%2Fjane%2540kunde.dk')).toBe(
      'https://nordlys.dk/?next=https%3A%2F%2Fnordlys.dk%2Ftak%2F<jane@kunde.dk>',
    );
    expect(mask('jane.doe%2Bnyhedsbrev%252540kunde.dk')).toBe('<jane.doe+nyhedsbrev@kunde.dk>');
  });

  it('e-mails in free text are hashed, each on its own', () => {
    expect(mask('Skriv til Søren.K@kunde.dk eller ida@kunde.co.uk.')).toBe('Skriv til <søren.k@kunde.dk> eller <ida@kunde.co.uk>.');
  });

  it('phone numbers in international and national forms are masked', () => {
    for (const phone of [
      '+45 12 34 56 78',
      '+4512345678',
      '0045 12 34 56 78',
      '%2B4512345678',
      '+1 (555) 123-4567',
      '+44 (0)20 7946 0958',
      '12 34 56 78',
      '12.34.56.78',
      '06 12 34 56 78',
      '(555) 123-4567',
      '555-123-4567',
      '020 7946 0958',
      '0171 1234567',
      '07700 900123',
    ]) {
      expect(mask(`ring ${phone} i dag`), phone).toBe(`ring ${MASKED_PHONE} i dag`);
    }
    expect(mask('tel=%2B45%2012%2034%2056%2078&x=1')).toBe(`tel=${MASKED_PHONE}&x=1`);
  });

  it('dates, ids and amounts are not taken for phone numbers', () => {
    for (const text of [
      '2026-11-27',
      '2026-11-27T09:14:00+01:00',
      '27.11.2026',
      '27-11-2026 12:00',
      '01-12-2026 12',
      '12/21/2025',
      '40012345',
      '51234001',
      'GA1.1.1234.5678',
      '1234567890.1767225600',
      '00Q5g00000ABCDe',
      'kr. 1.234.567,50',
      '12 345 678',
      '+12 345 678',
      '10.0.0.1',
      'https://career.nordlys.dk/jobs/1234567-data-engineer?promotion=98765-linkedin',
      'amb-7f3k2',
      '@nordlys',
      'jobs@2026',
    ]) {
      expect(mask(text), text).toBe(text);
    }
  });

  it('stays linear on a long cell without an address', () => {
    const long = `${'a'.repeat(99_000)}@`;
    const started = performance.now();
    expect(mask(long)).toBe(long);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
