import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalMarksShown, type DecimalMark } from '../../../sources/read/decimal-mark.ts';
import { readMoney, type MoneyContext } from '../../../sources/read/money.ts';

function context(overrides: Partial<MoneyContext> = {}): MoneyContext {
  return { decimal: ',', shown: decimalMarksShown([]), currency: 'DKK', currencyColumn: 'currency', currencyIsRows: false, ...overrides };
}

const amount = (text: string, overrides: Partial<MoneyContext> = {}) => readMoney(text, context(overrides));

describe('sources/read/money', () => {
  it('drops a currency written before or after the amount, with or without a space or a dot', () => {
    for (const text of [
      'kr. 1.200',
      'kr.1.200',
      'Kr 1.200',
      '1.200 kr.',
      '1.200kr',
      'DKK 1.200,00',
      '1.200,00 DKK',
      'dkk 1200',
      'Dkr. 1.200',
      '1.200,-',
      'kr. 1.200,-',
      'DKK 1.200 kr.',
    ]) {
      expect(amount(text), text).toEqual({ amount: '1200' });
    }
    expect(amount('€ 1.200,50', { currency: 'EUR' })).toEqual({ amount: '1200.5' });
    expect(amount('US$ 1,000.00', { decimal: '.', currency: 'USD' })).toEqual({ amount: '1000' });
    expect(amount("CHF 1'200.50", { decimal: '.', currency: 'CHF' })).toEqual({ amount: '1200.5' });
    expect(amount('1 200,50')).toEqual({ amount: '1200.5' });
  });

  it('reads negative amounts written with a minus (before or after the currency) or in parentheses', () => {
    expect(amount('-1.200,00')).toEqual({ amount: '-1200' });
    expect(amount('kr. -1.200')).toEqual({ amount: '-1200' });
    expect(amount('-kr. 1.200')).toEqual({ amount: '-1200' });
    expect(amount('\u22121.200')).toEqual({ amount: '-1200' });
    expect(amount('(1.200,00)')).toEqual({ amount: '-1200' });
    expect(amount('-0,00')).toEqual({ amount: '0' });
  });

  it('never reads the dot of an abbreviation, nor a number without a digit before its decimal mark', () => {
    expect(amount('kr .50')).toHaveProperty('problem');
    expect(amount(',50')).toHaveProperty('problem');
    expect(amount('kr. 1200', { decimal: '.' })).toEqual({ amount: '1200' });
  });

  it('refuses estimates, bounds and ranges, naming the word', () => {
    expect(amount('ca. 1200')).toEqual({
      problem: 'is an estimate ("ca."), not an amount as written; write the exact amount, or leave the cell empty until it is known',
    });
    for (const [text, word] of [
      ['about 2000', 'about'],
      ['cirka 1.200', 'cirka'],
      ['~500', '~'],
      ['>1000', '>'],
      ['approx. kr. 1.200', 'approx.'],
      ['max 5000', 'max'],
      ['+/- 300', '+/-'],
      ['ca.1200', 'ca.'],
    ]) {
      expect(amount(text!), text).toEqual({ problem: expect.stringContaining(`is an estimate ("${word}")`) });
    }
    expect(amount('1000-2000')).toEqual({ problem: 'is a range, not an amount; write the one amount the cost or value was' });
    expect(amount('kr. 1.000 - 2.000')).toEqual({ problem: expect.stringMatching(/^is a range/) });
    expect(amount('1000 to 2000')).toEqual({ problem: expect.stringMatching(/^is a range/) });
  });

  it("refuses a currency that is not the row's, or the program's when the row names none", () => {
    expect(amount('EUR 100', { currencyIsRows: true })).toEqual({
      problem: `is written in EUR, but the row's currency is DKK; correct the amount or the currency`,
    });
    expect(amount('kr. 100', { currency: 'EUR', currencyIsRows: true })).toEqual({
      problem: `is written in kr. (DKK, SEK, NOK or ISK), but the row's currency is EUR; correct the amount or the currency`,
    });
    expect(amount('$100', { currencyColumn: null })).toEqual({
      problem: expect.stringMatching(/^is written in \$ \(USD, CAD, .* or HKD\), but the program's currency is DKK; write the amount in DKK$/),
    });
    expect(amount('kr. 100', { currency: 'SEK' })).toEqual({ amount: '100' });
    expect(amount('€100', { currency: null })).toEqual({
      problem: expect.stringMatching(/^is written in EUR, and neither the row nor the config names a currency/),
    });
    expect(amount('100', { currency: null })).toEqual({ amount: '100' });
  });

  it('refuses what is not an amount, more decimals than are kept, and more digits than fit', () => {
    expect(amount('lots')).toEqual({ problem: 'is not an amount: write digits, with a currency such as kr. or DKK before or after them if you like' });
    expect(amount('12 %')).toEqual({
      problem: `has "%" beside the number, which is not a currency sign or code; write the amount as digits, with kr., DKK or € if you like`,
    });
    expect(amount('1.2.3,4')).toHaveProperty('problem');
    expect(amount('1,5,-')).toHaveProperty('problem');
    expect(amount('12,34567')).toEqual({ problem: 'has 5 decimals, more than the 4 an amount keeps; round it to 4 decimals or fewer' });
    expect(amount('12,345600')).toEqual({ amount: '12.3456' });
    expect(amount('99.999.999.999.999,9999')).toEqual({ amount: '99999999999999.9999' });
    expect(amount('100.000.000.000.000')).toEqual({ problem: 'has 15 digits before the decimal mark, more than the 14 an amount can have; check the cell' });
  });

  it('reads "12.500" by the file\'s decimal mark, and rejects a cell that shows the other one', () => {
    const shown = decimalMarksShown(['3.000,00']);
    expect(amount('12.500', { decimal: ',', shown })).toEqual({ amount: '12500' });
    expect(amount('12.500', { decimal: '.', shown })).toEqual({ amount: '12.5' });
    expect(amount('1250.50', { decimal: ',', shown })).toEqual({
      problem:
        'reads only with "." as the decimal mark, but the other numbers in this file have "," (such as "3.000,00"); write it the way the rest of the file does',
    });
  });

  it('gives back every amount exactly as written, in either layout, with or without grouping and currency', () => {
    const layouts: { decimal: DecimalMark; thousands: string }[] = [
      { decimal: ',', thousands: '.' },
      { decimal: ',', thousands: ' ' },
      { decimal: '.', thousands: ',' },
      { decimal: '.', thousands: "'" },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts),
        fc.bigInt({ min: 0n, max: 99_999_999_999_999n }),
        fc.stringMatching(/^\d{0,4}$/),
        fc.boolean(),
        fc.constantFrom('', 'kr. ', 'DKK ', ' kr.', ' DKK', '-', '-kr. '),
        (layout, whole, fraction, grouped, sign) => {
          const digits = grouped ? whole.toString().replace(/\B(?=(\d{3})+$)/g, layout.thousands) : whole.toString();
          const number = fraction === '' ? digits : `${digits}${layout.decimal}${fraction}`;
          const text = sign.startsWith(' ') ? `${number}${sign}` : `${sign}${number}`;
          const trimmed = fraction.replace(/0+$/, '');
          const magnitude = `${whole}${trimmed === '' ? '' : `.${trimmed}`}`;
          const negative = sign.startsWith('-') && magnitude !== '0';
          expect(amount(text, { decimal: layout.decimal })).toEqual({ amount: `${negative ? '-' : ''}${magnitude}` });
        },
      ),
      { numRuns: 500 },
    );
  });
});
