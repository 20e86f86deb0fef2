import { describe, expect, it } from 'vitest';
import { compareText, createFormat, isoDate, num } from '../../reports/format.ts';

describe('reports/format', () => {
  it('formats numbers, shares, money and dates for en-GB (the default)', () => {
    const format = createFormat();
    expect(format.integer(1204)).toBe('1,204');
    expect(format.count(12.46)).toBe('12.5');
    expect(format.count(143)).toBe('143');
    expect(format.decimal(2)).toBe('2.0');
    expect(format.percent(0.376)).toBe('38%');
    expect(format.money(123456.7)).toBe('DKK\u00a0123,457');
    expect(format.date(new Date('2026-05-01T00:00:00Z'))).toBe('1 May 2026');
  });

  it('formats for da-DK', () => {
    const format = createFormat({ locale: 'da-DK', currency: 'DKK' });
    expect(format.integer(1204)).toBe('1.204');
    expect(format.count(12.46)).toBe('12,5');
    expect(format.percent(0.376)).toBe('38\u00a0%');
    expect(format.money(123456.7)).toBe('123.457\u00a0kr.');
    expect(format.date('2026-05-01')).toBe('1. maj 2026');
  });

  it('writes DuckDB dates (00:00 UTC) as YYYY-MM-DD whatever the time zone', () => {
    expect(isoDate(new Date(Date.UTC(2026, 2, 2)))).toBe('2026-03-02');
    expect(isoDate('2026-03-02')).toBe('2026-03-02');
    expect(isoDate(null)).toBeNull();
    expect(() => isoDate('not a date')).toThrow(/not a date/);
  });

  it('treats missing measures as 0 when summing, and orders names the same everywhere', () => {
    expect(num(null)).toBe(0);
    expect(num(Number.NaN)).toBe(0);
    expect(num(2.5)).toBe(2.5);
    expect(['Pilot', 'Bølge 10', 'Bølge 2'].sort(compareText)).toEqual(['Bølge 2', 'Bølge 10', 'Pilot']);
  });
});
