import { describe, expect, it } from 'vitest';
import { decimalMarkShown, decimalMarksShown, disagreesWithFile, localeDecimalMark } from '../../../sources/read/decimal-mark.ts';

describe('sources/read/decimal-mark', () => {
  it('takes the decimal mark from a cell only where the cell shows it', () => {
    expect(decimalMarkShown('3.000,00')).toBe(',');
    expect(decimalMarkShown('12,500.50')).toBe('.');
    expect(decimalMarkShown('1.200,-')).toBe(',');
    expect(decimalMarkShown('1.200.000')).toBe(',');
    expect(decimalMarkShown('1,234,567')).toBe('.');
    expect(decimalMarkShown('12,5')).toBe(',');
    expect(decimalMarkShown('1250.50')).toBe('.');
    expect(decimalMarkShown('1234.500')).toBe('.');
    expect(decimalMarkShown('0,500')).toBe(',');
    expect(decimalMarkShown('1 234,500')).toBe(',');
    expect(decimalMarkShown('6.14%')).toBe('.');
  });

  it('shows no mark for "12.500" or "1,500", which read either way, nor for the dot of "kr."', () => {
    expect(decimalMarkShown('12.500')).toBeNull();
    expect(decimalMarkShown('1,500')).toBeNull();
    expect(decimalMarkShown('1200')).toBeNull();
    expect(decimalMarkShown('kr. 1200')).toBeNull();
    expect(decimalMarkShown('ca.1200')).toBeNull();
    expect(decimalMarkShown('n/a')).toBeNull();
  });

  it('decides by the majority of the cells that show a mark, and keeps one example of each', () => {
    expect(decimalMarksShown(['12.500', '3.000,00', '750,5', '1250.50', '1200'])).toEqual({ majority: ',', examples: { ',': '3.000,00', '.': '1250.50' } });
    expect(decimalMarksShown(['12.500', '1,500', '1200'])).toEqual({ majority: null, examples: {} });
    expect(decimalMarksShown(['12,5', '12.5'])).toMatchObject({ majority: null });
  });

  it('takes the locale decimal mark from Intl: comma for da-DK, fr-FR and sv-SE; dot for en-US, en-GB and de-CH', () => {
    expect(['da-DK', 'fr-FR', 'sv-SE', 'en-US', 'en-GB', 'de-CH'].map(localeDecimalMark)).toEqual([',', ',', ',', '.', '.', '.']);
  });

  it('names the mark the rest of the file uses when a cell disagrees with it', () => {
    const shown = decimalMarksShown(['3.000,00', '1250.50']);
    expect(disagreesWithFile('1250.50', ',', shown)).toBe(
      'reads only with "." as the decimal mark, but the other numbers in this file have "," (such as "3.000,00"); write it the way the rest of the file does',
    );
    expect(disagreesWithFile('12.500', ',', shown)).toBeNull();
    expect(disagreesWithFile('1,5', '.', decimalMarksShown([]))).toBe(
      'reads only with "," as the decimal mark, but this file\'s numbers are read with "."; write it the way the rest of the file does',
    );
  });
});
