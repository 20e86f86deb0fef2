import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectAdapter } from '../../../sources/index.ts';
import { parseFile } from '../../../sources/load.ts';

const FIXTURES = new URL('../../../fixtures/exports/program/', import.meta.url);
const OPTIONS = { folderName: 'inbox', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'test-salt-1234' };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function parse(fileName: string, bytes: Uint8Array = readFileSync(new URL(fileName, FIXTURES))) {
  const adapter = detectAdapter(bytes, fileName);
  return { source: adapter.name, parsed: parseFile(bytes, adapter, { ...OPTIONS, fileName }) };
}

describe('sources/program/costs', () => {
  const { source, parsed } = parse('costs.csv');
  const rows = parsed.rows.map((row) => row.values);

  it('is recognised as program.costs in a semicolon-separated file from Danish Excel', () => {
    expect(source).toBe('program.costs');
  });

  it('reads amounts written with Danish decimals and thousands, keeping the amount as written', () => {
    expect(rows.map((row) => [row.amount_as_written, row.amount])).toEqual([
      ['45.000,00', 45000],
      ['12500,50', 12500.5],
      ['1.250,00', 1250],
      ['3200', 3200],
      ['3200', 3200],
      ['6.400,00', 6400],
      ['1600', 1600],
      ['750,5', 750.5],
      ['2400', 2400],
      ['500', 500],
      ['4.800,00', 4800],
      ['0,00', 0],
    ]);
  });

  it('writes category in lower case and currency in upper case; a cost line may belong to the program or to one ambassador', () => {
    expect(rows[1]).toEqual({
      period_start: day('2026-05-01'),
      period_end: day('2026-05-31'),
      category: 'training',
      amount_as_written: '12500,50',
      amount: 12500.5,
      currency: 'DKK',
      ambassador_id: null,
      note: 'Grundkursus, ekstern underviser',
      _extra: null,
    });
    expect(rows[2]).toMatchObject({ ambassador_id: 'A001', category: 'rewards' });
  });

  it('rejects an end before the start, an amount that reads two ways, and a category outside the list', () => {
    expect(parsed.rejected.map(({ line, field, value, reason }) => ({ line, field, value, reason }))).toEqual([
      { line: 7, field: 'period_end', value: '2026-06-30', reason: 'period_end is before period_start; swap or correct the dates' },
      {
        line: 10,
        field: 'amount',
        value: '12.500',
        reason: 'amount "12.500" can mean 12500 or 12.5; write it without a thousands separator (12500), or with fewer than three decimals (12,5 or 12.5)',
      },
      { line: 13, field: 'category', value: 'catering', reason: 'category must be one of platform, training, rewards, content, time, other' },
    ]);
  });

  it('reads English amounts too, rejects one that is not a number or a bad currency, and keys lines by period, category, ambassador and note', () => {
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
    expect(english.rows.map((row) => row.values.amount)).toEqual([12500.5, 1250.5]);
    expect(english.rejected.map(({ line, field, reason }) => ({ line, field, reason }))).toEqual([
      { line: 4, field: 'amount', reason: 'amount "1,500" can mean 1500 or 1.5; write it without a thousands separator (1500), or with fewer than three decimals (1,5 or 1.5)' },
      { line: 5, field: 'amount', reason: '"lots" in amount is not a number' },
      { line: 6, field: 'currency', reason: 'currency must be a three-letter code such as DKK, or empty' },
      { line: 7, field: 'period_start, period_end, category, ambassador_id, note', reason: 'the same period_start + period_end + category + ambassador_id + note is already on line 2 of this file; the first one is kept' },
    ]);
  });
});
