import { describe, expect, it } from 'vitest';
import { candidateDateFormats, parseBoolean, parseDateParts, parseNumber, parsePercent, toCalendarDate, toInstant } from '../../../sources/read/values.ts';

describe('sources/read/values', () => {
  it('reads numbers in English, Danish and French conventions', () => {
    expect(parseNumber('1,234')).toBe(1234);
    expect(parseNumber('1,234.56')).toBe(1234.56);
    expect(parseNumber('1.234,56')).toBe(1234.56);
    expect(parseNumber('1.234.567')).toBe(1234567);
    expect(parseNumber('1 200')).toBe(1200);
    expect(parseNumber('1\u00a0234,56 €')).toBe(1234.56);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('0.6679')).toBe(0.6679);
    expect(parseNumber('-42')).toBe(-42);
    expect(parseNumber('(42)')).toBe(-42);
    expect(parseNumber('DKK 2.500,00', ',')).toBe(2500);
  });

  it('refuses what is not a number instead of guessing', () => {
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('n/a')).toBeNull();
    expect(parseNumber('12abc34')).toBeNull();
    expect(parseNumber('1,23,4')).toBeNull();
    expect(parseNumber('1.22158E+17')).toBeNull();
  });

  it('never turns the dot of an abbreviation into a decimal point: "kr. 1200" and "ca. 1200" are not 0.12', () => {
    expect(parseNumber('kr. 1200')).toBeNull();
    expect(parseNumber('ca. 1200')).toBeNull();
    expect(parseNumber('kr.1.200', ',')).toBeNull();
    expect(parseNumber('Rs. 50')).toBeNull();
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('€1.200', ',')).toBe(1200);
  });

  it('reads plain digits alike under every decimal mark, and a lone dot as the file says', () => {
    for (const decimal of ['.', ',', 'auto'] as const) {
      expect(parseNumber('1200', decimal)).toBe(1200);
      expect(parseNumber('007', decimal)).toBe(7);
    }
    expect(parseNumber('1.234', '.')).toBe(1.234);
    expect(parseNumber('1.234', 'auto')).toBe(1.234);
    expect(parseNumber('1.234', ',')).toBe(1234);
    expect(parseNumber('1.5', ',')).toBeNull();
    expect(parseNumber('12345678901234567')).toBe(Number('12345678901234567'));
  });

  it('reads percent strings and fractions as fractions', () => {
    expect(parsePercent('6.14%')).toBeCloseTo(0.0614, 10);
    expect(parsePercent('62,5 %')).toBeCloseTo(0.625, 10);
    expect(parsePercent('< 1%')).toBeCloseTo(0.005, 10);
    expect(parsePercent('0.6679')).toBe(0.6679);
    expect(parsePercent('abc%')).toBeNull();
  });

  it('reads booleans in English and Danish', () => {
    expect(parseBoolean('TRUE')).toBe(true);
    expect(parseBoolean('ja')).toBe(true);
    expect(parseBoolean('nej')).toBe(false);
    expect(parseBoolean('maybe')).toBeNull();
  });

  it('knows the length of every month, leap years included', () => {
    const valid = (text: string) => parseDateParts(text, 'iso') !== null;
    expect(valid('2024-02-29')).toBe(true);
    expect(valid('2026-02-29')).toBe(false);
    expect(valid('2000-02-29')).toBe(true);
    expect(valid('2100-02-29')).toBe(false);
    expect(valid('2026-04-31')).toBe(false);
    expect(valid('2026-12-31')).toBe(true);
    expect(valid('2026-13-01')).toBe(false);
    expect(valid('1899-12-31')).toBe(false);
  });

  it('reads every date layout the exports use', () => {
    const day = (text: string, format: Parameters<typeof parseDateParts>[1]) => {
      const parts = parseDateParts(text, format);
      return parts && toCalendarDate(parts).toISOString().slice(0, 10);
    };
    expect(day('2026-11-27', 'iso')).toBe('2026-11-27');
    expect(day('20261127', 'ymd_compact')).toBe('2026-11-27');
    expect(day('27-11-2026', 'dmy_dash')).toBe('2026-11-27');
    expect(day('27.11.2026', 'dmy_dot')).toBe('2026-11-27');
    expect(day('11/4/2026', 'mdy_slash')).toBe('2026-11-04');
    expect(day('4/11/2026', 'dmy_slash')).toBe('2026-11-04');
    expect(day('46353', 'excel_serial')).toBe('2026-11-27');
    expect(day('2026-02-31', 'iso')).toBeNull();
    expect(day('13/13/2026', 'mdy_slash')).toBeNull();
  });

  it('reads times with seconds, AM/PM and zones', () => {
    const at = (text: string, format: Parameters<typeof parseDateParts>[1], zone = 'UTC') => {
      const parts = parseDateParts(text, format);
      return parts && toInstant(parts, zone).toISOString();
    };
    expect(at('2026-11-27 14:03', 'iso')).toBe('2026-11-27T14:03:00.000Z');
    expect(at('2025-07-01 14:33:22', 'iso')).toBe('2025-07-01T14:33:22.000Z');
    expect(at('2025-10-27T00:00:00Z', 'iso', 'Europe/Copenhagen')).toBe('2025-10-27T00:00:00.000Z');
    expect(at('2026-05-04T08:12:00+02:00', 'iso')).toBe('2026-05-04T06:12:00.000Z');
    expect(at('09/28/2026 18:12', 'mdy_slash')).toBe('2026-09-28T18:12:00.000Z');
    expect(at('10/1/2015 9:00 PM', 'mdy_slash')).toBe('2015-10-01T21:00:00.000Z');
  });

  it('puts zone-less wall-clock times in the configured time zone, across daylight saving', () => {
    const summer = parseDateParts('2026-07-01 12:00', 'iso')!;
    const winter = parseDateParts('2026-12-01 12:00', 'iso')!;
    expect(toInstant(summer, 'Europe/Copenhagen').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(toInstant(winter, 'Europe/Copenhagen').toISOString()).toBe('2026-12-01T11:00:00.000Z');
  });

  it('chooses a column layout from all its values', () => {
    expect(candidateDateFormats(['11/4/2026', '11/27/2026'])).toEqual(['mdy_slash']);
    expect(candidateDateFormats(['27/11/2026', '4/11/2026'])).toEqual(['dmy_slash']);
    expect(candidateDateFormats(['4/11/2026', '5/11/2026'])).toEqual(['mdy_slash', 'dmy_slash']);
    expect(candidateDateFormats(['27-11-2026'])).toEqual(['dmy_dash']);
    expect(candidateDateFormats(['20261127', '20261128'])).toEqual(['ymd_compact']);
  });
});
