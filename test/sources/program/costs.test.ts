import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/parse.ts';

const FIXTURES = new URL('../../../fixtures/exports/program/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES)), options: { locale?: string; currency?: string } = {}) {
  const adapter = detectAdapter(bytes, fileName);
  return { source: adapter.name, parsed: parseFile(bytes, adapter, { ...OPTIONS, currency: 'DKK', ...options, fileName }) };
}

const HEADER = ['period_start', 'period_end', 'category', 'amount', 'currency', 'ambassador_id', 'note'];

/** A costs file with one cost line per amount, each with its own note; `currency` fills the currency column. */
function costsFile(amounts: readonly string[], options: { separator?: ';' | ','; currency?: readonly string[] } = {}): Uint8Array {
  const separator = options.separator ?? ';';
  const quote = (cell: string) => (cell.includes(separator) || cell.includes('"') ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = amounts.map((amount, index) =>
    ['2026-05-01', '2026-05-31', 'other', amount, options.currency?.[index] ?? 'DKK', '', `line ${index + 1}`].map(quote).join(separator),
  );
  return new TextEncoder().encode([HEADER.join(separator), ...lines].join('\r\n'));
}

function amountsAndRejects(bytes: Uint8Array, options: { locale?: string; currency?: string } = {}) {
  const { parsed } = parse('costs.csv', bytes, options);
  return {
    amounts: parsed.rows.map((row) => row.values.amount),
    rejected: parsed.rejected.map(({ line, field, value, reason }) => ({ line, field, value, reason })),
  };
}

describe('sources/program/costs', () => {
  const { source, parsed } = parse('costs.csv');
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as program.costs in a semicolon-separated file from Danish Excel', () => {
    expect(source).toBe('program.costs');
  });

  it('reads amounts written with Danish decimals and thousands as their exact digits, keeping the amount as written', () => {
    expect(rows.map((row) => [row.amount_as_written, row.amount])).toEqual([
      ['45.000,00', '45000'],
      ['12500,50', '12500.5'],
      ['1.250,00', '1250'],
      ['3200', '3200'],
      ['3200', '3200'],
      ['6.400,00', '6400'],
      ['1600', '1600'],
      ['12.500', '12500'],
      ['750,5', '750.5'],
      ['2400', '2400'],
      ['500', '500'],
      ['4.800,00', '4800'],
      ['0,00', '0'],
    ]);
  });

  it('writes category in lower case and currency in upper case; a cost line may belong to the program or to one ambassador', () => {
    expect(rows[1]).toEqual({
      period_start: day('2026-05-01'),
      period_end: day('2026-05-31'),
      category: 'training',
      amount_as_written: '12500,50',
      amount: '12500.5',
      currency: 'DKK',
      ambassador_id: null,
      note: 'Grundkursus, ekstern underviser',
      _extra: null,
    });
    expect(rows[2]).toMatchObject({ ambassador_id: 'A001', category: 'rewards' });
  });

  it('rejects an end before the start and a category outside the list', () => {
    expect(parsed.rejected.map(({ line, field, value, reason }) => ({ line, field, value, reason }))).toEqual([
      { line: 7, field: 'period_end', value: '2026-06-30', reason: 'period_end is before period_start; swap or correct the dates' },
      { line: 13, field: 'category', value: 'catering', reason: 'category must be one of platform, training, rewards, content, time, other' },
    ]);
  });

  it('reads English amounts too, rejects one that is not an amount or a bad currency, and keys lines by period, category, ambassador and note', () => {
    const bytes = new TextEncoder().encode(
      [
        'period_start,period_end,category,amount,currency,ambassador_id,note',
        '2026-05-01,2026-05-31,platform,"12,500.50",EUR,,Licence',
        '2026-05-01,2026-05-31,platform,1250.5,EUR,,Setup',
        '2026-05-01,2026-05-31,platform,"1,500",EUR,,Extra',
        '2026-05-01,2026-05-31,platform,lots,EUR,,Other',
        '2026-05-01,2026-05-31,platform,10,euro,,Fee',
        '2026-05-01,2026-05-31,platform,99,EUR,,Licence',
      ].join('\n'),
    );
    const english = parse('costs.csv', bytes).parsed;
    expect(english.rows.map((row) => row.values.amount)).toEqual(['12500.5', '1250.5', '1500']);
    expect(english.rejected.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      {
        line: 5,
        field: 'amount',
        reason: '"lots" in amount is not an amount: write digits, with a currency such as kr. or DKK before or after them if you like',
      },
      { line: 6, field: 'currency', reason: 'currency must be a three-letter code such as DKK, or empty' },
      {
        line: 7,
        field: 'period_start, period_end, category, ambassador_id, note',
        reason: 'the same period_start + period_end + category + ambassador_id + note is already on line 2 of this file; the first one is kept',
      },
    ]);
  });
  it('reads "kr. 1.200", "DKK 1.200,00", "1.200 kr.", "12.500" and "3.000,00" in a Danish costs file as 1200, 1200, 1200, 12500 and 3000, never 0.12 or 1.2', () => {
    const { amounts, rejected } = amountsAndRejects(costsFile(['kr. 1.200', 'DKK 1.200,00', '1.200 kr.', '12.500', '3.000,00', 'kr.1200', '1.200,-']));
    expect(rejected).toEqual([]);
    expect(amounts).toEqual(['1200', '1200', '1200', '12500', '3000', '1200', '1200']);
  });

  it('rejects "ca. 1200", "about 2000", "~500" and "1000-2000" with a reason naming the cell, and loads the other rows', () => {
    const { amounts, rejected } = amountsAndRejects(costsFile(['ca. 1200', 'about 2000', '800', '~500', '1000-2000', 'approx. 1.500,00']));
    expect(amounts).toEqual(['800']);
    const estimate = (cell: string, word: string) =>
      `"${cell}" in amount is an estimate ("${word}"), not an amount as written; write the exact amount, or leave the cell empty until it is known`;
    expect(rejected).toEqual([
      { line: 2, field: 'amount', value: 'ca. 1200', reason: estimate('ca. 1200', 'ca.') },
      { line: 3, field: 'amount', value: 'about 2000', reason: estimate('about 2000', 'about') },
      { line: 5, field: 'amount', value: '~500', reason: estimate('~500', '~') },
      { line: 6, field: 'amount', value: '1000-2000', reason: '"1000-2000" in amount is a range, not an amount; write the one amount the cost or value was' },
      { line: 7, field: 'amount', value: 'approx. 1.500,00', reason: estimate('approx. 1.500,00', 'approx.') },
    ]);
  });

  it('rejects "EUR 100" on a DKK row and "kr. 100" on a EUR row; a currency that agrees with the row or the program is dropped', () => {
    const { amounts, rejected } = amountsAndRejects(
      costsFile(['EUR 100', 'kr. 100', '€ 100', '100 DKK', 'EUR 100', 'kr. 250'], { currency: ['DKK', 'EUR', 'EUR', 'dkk', '', ''] }),
    );
    expect(amounts).toEqual(['100', '100', '250']);
    expect(rejected).toEqual([
      {
        line: 2,
        field: 'amount',
        value: 'EUR 100',
        reason: `"EUR 100" in amount is written in EUR, but the row's currency is DKK; correct the amount or the currency`,
      },
      {
        line: 3,
        field: 'amount',
        value: 'kr. 100',
        reason: `"kr. 100" in amount is written in kr. (DKK, SEK, NOK or ISK), but the row's currency is EUR; correct the amount or the currency`,
      },
      {
        line: 6,
        field: 'amount',
        value: 'EUR 100',
        reason: `"EUR 100" in amount is written in EUR, but the program's currency is DKK; write the amount in DKK, or put its currency in the row's currency column`,
      },
    ]);
  });

  it('reads "12.500" by the locale when no cell in the file shows its decimal mark: 12500 in da-DK, 12.5 in en-GB', () => {
    const file = costsFile(['12.500', '1200', '2.400'], { separator: ',' });
    expect(amountsAndRejects(file, { locale: 'da-DK' }).amounts).toEqual(['12500', '1200', '2400']);
    expect(amountsAndRejects(file, { locale: 'en-GB' }).amounts).toEqual(['12.5', '1200', '2.4']);
  });

  it('decides the decimal mark once per file: "12.500" beside "1,250.50" is 12.5 even in da-DK, and a cell that disagrees with the rest of the file is rejected alone', () => {
    expect(amountsAndRejects(costsFile(['12.500', '1,250.50'], { separator: ',' }), { locale: 'da-DK' }).amounts).toEqual(['12.5', '1250.5']);
    const { amounts, rejected } = amountsAndRejects(costsFile(['3.000,00', '1.250,50', '1250.50', '2.400,00', '12.500']));
    expect(amounts).toEqual(['3000', '1250.5', '2400', '12500']);
    expect(rejected).toEqual([
      {
        line: 4,
        field: 'amount',
        value: '1250.50',
        reason: `"1250.50" in amount reads only with "." as the decimal mark, but the other numbers in this file have "," (such as "3.000,00"); write it the way the rest of the file does`,
      },
    ]);
  });

  it('reads the number cells of a workbook as the numbers they are, to the 15 digits Excel shows, and its text cells by their own decimal mark', () => {
    const line = (amount: string | number, note: string) => ['2026-05-01', '2026-05-31', 'other', amount, 'DKK', '', note];
    const sheet = XLSX.utils.aoa_to_sheet([
      HEADER,
      line(12.345, 'typed'),
      line(0.1 + 0.2, 'formula'),
      line('1.200,00', 'text'),
      line('12.500', 'text, either way'),
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Costs');
    const { parsed } = parse('costs.xlsx', new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((row) => [row.values.amount_as_written, row.values.amount])).toEqual([
      ['12.345', '12.345'],
      ['0.3', '0.3'],
      ['1.200,00', '1200'],
      ['12.500', '12500'],
    ]);
  });

  it('rejects an amount with more decimals than are kept rather than rounding it', () => {
    const { amounts, rejected } = amountsAndRejects(costsFile(['12,34567', '12,34560', '0,0001']));
    expect(amounts).toEqual(['12.3456', '0.0001']);
    expect(rejected.map((row) => row.reason)).toEqual([
      `"12,34567" in amount has 5 decimals, more than the 4 an amount keeps; round it to 4 decimals or fewer`,
    ]);
  });

  it('never reads an amount a thousand times too small or too large, however a Danish or English file writes it', () => {
    const layouts = [
      { locale: 'da-DK', separator: ';', decimal: ',', thousands: '.' },
      { locale: 'en-GB', separator: ',', decimal: '.', thousands: ',' },
    ] as const;
    const signs = ['', 'kr. ', 'DKK ', ' kr.', ' DKK'];
    const written = fc.record({
      kroner: fc.integer({ min: 0, max: 9_999_999_999 }),
      ore: fc.integer({ min: 0, max: 99 }),
      grouped: fc.boolean(),
      decimals: fc.constantFrom(0, 2),
      sign: fc.constantFrom(...signs),
    });
    fc.assert(
      fc.property(fc.constantFrom(...layouts), fc.array(written, { minLength: 1, maxLength: 6 }), (layout, cells) => {
        const text = cells.map(({ kroner, ore, grouped, decimals, sign }) => {
          const whole = grouped ? String(kroner).replace(/\B(?=(\d{3})+$)/g, layout.thousands) : String(kroner);
          const number = decimals === 0 ? whole : `${whole}${layout.decimal}${String(ore).padStart(2, '0')}`;
          return sign.startsWith(' ') ? `${number}${sign}` : `${sign}${number}`;
        });
        const expected = cells.map(({ kroner, ore, decimals }) =>
          decimals === 0 || ore === 0 ? String(kroner) : `${kroner}.${String(ore).padStart(2, '0').replace(/0$/, '')}`,
        );
        const { amounts, rejected } = amountsAndRejects(costsFile(text, { separator: layout.separator }), { locale: layout.locale });
        expect(rejected).toEqual([]);
        expect(amounts).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
