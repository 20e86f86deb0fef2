import { describe, expect, it } from 'vitest';
import { normaliseHeader } from '../../../sources/adapter.ts';
import { findSignatureRow } from '../../../sources/read/table.ts';

describe('sources/read/table', () => {
  it('compares headers in lower case with single spaces, whatever the export wrote around them', () => {
    expect(normaliseHeader('Post URL')).toBe('post url');
    expect(normaliseHeader('\ufeffDate')).toBe('date');
    expect(normaliseHeader('  Unique\r\nvisitors ')).toBe('unique visitors');
    expect(normaliseHeader('Klik\u00a0i alt')).toBe('klik i alt');
    expect(normaliseHeader('a\tb  c')).toBe('a b c');
    expect(normaliseHeader('ÆBLE')).toBe('æble');
    expect(normaliseHeader('already plain')).toBe('already plain');
    expect(normaliseHeader('2026-11-27')).toBe('2026-11-27');
  });

  it('finds the first row holding every label of a signature, one of several names each, in the rows searched', () => {
    const grid = {
      rows: [
        { line: 1, cells: ['Member analytics', ''] },
        { line: 2, cells: ['', ''] },
        { line: 3, cells: ['DATE ', 'Impressions'] },
        { line: 4, cells: ['2026-11-27', '12'] },
      ],
    };
    const signature = ['Date', ['Views', 'Impressions']] as const;
    expect(findSignatureRow(grid, signature)).toBe(2);
    // Asked again, the labels are worked out once and give the same row.
    expect(findSignatureRow(grid, signature)).toBe(2);
    expect(findSignatureRow(grid, ['Date', 'Clicks'])).toBe(-1);
    expect(findSignatureRow(grid, signature, 2)).toBe(-1);
  });
});
