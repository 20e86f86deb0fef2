import { describe, expect, it } from 'vitest';
import { decodeText, looksBinary } from '../../../sources/read/decode.ts';
import { csvGrid, guessDelimiter } from '../../../sources/read/grid.ts';

const utf16le = (text: string) => Buffer.from(text, 'utf16le');

describe('sources/read/decode', () => {
  it('drops a UTF-8 byte-order mark', () => {
    const decoded = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"Post ID",Title\n')]));
    expect(decoded).toEqual({ text: '"Post ID",Title\n', encoding: 'utf-8', hadByteOrderMark: true });
  });

  it('reads UTF-16 LE with and without a byte-order mark', () => {
    const text = 'sep=,\n"Facebook follows"\n"Date","Primary"\n"2025-08-01T00:00:00","20"\n';
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)])).text).toBe(text);
    const withoutMark = decodeText(utf16le(text));
    expect(withoutMark).toMatchObject({ text, encoding: 'utf-16le', hadByteOrderMark: false });
  });

  it('falls back to Windows-1252 so Danish letters survive', () => {
    const bytes = Buffer.from([0x53, 0xf8, 0x72, 0x65, 0x6e, 0x2c, 0xc6, 0x62, 0x6c, 0x65, 0x2c, 0xc5, 0x72, 0x68, 0x75, 0x73]);
    expect(decodeText(bytes)).toEqual({ text: 'Søren,Æble,Århus', encoding: 'windows-1252', hadByteOrderMark: false });
  });

  it('decodes Windows-1252 punctuation (€ – „ “ ‘ ’ … ™ •), not ISO-8859-1 control characters', () => {
    // every byte of 0x80-0x9F that Windows-1252 defines, in order
    const defined = [
      0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c,
      0x9e, 0x9f,
    ];
    const decoded = decodeText(Buffer.from([...defined, 0xe6, 0xf8, 0xe5]));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸæøå');
    expect(decoded.text).not.toMatch(/[\u0080-\u009f]/);
  });

  it('tells binary data from text', () => {
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0]))).toBe(true);
    expect(looksBinary(Buffer.from('a,b\n1,2\n'))).toBe(false);
  });
});

describe('sources/read/grid', () => {
  it('gives each row the line it starts on, across quoted line breaks and CRLF', () => {
    const grid = csvGrid('a,b\r\n1,"two\r\nlines 👩‍💻 𝗡𝘆𝗵𝗲𝗱"\r\n3,x\r\n');
    expect(grid.rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'two\r\nlines 👩‍💻 𝗡𝘆𝗵𝗲𝗱'] },
      { line: 4, cells: ['3', 'x'] },
    ]);
  });

  it('honours an Excel sep= first line and counts it in line numbers', () => {
    const grid = csvGrid('sep=;\nName;Sessions\nLinkedIn;1,5\n');
    expect(grid.delimiter).toBe(';');
    expect(grid.rows).toEqual([
      { line: 2, cells: ['Name', 'Sessions'] },
      { line: 3, cells: ['LinkedIn', '1,5'] },
    ]);
  });

  it('guesses semicolons and tabs past a # preamble', () => {
    expect(guessDelimiter('# Compte : x, y\n# Date de début : 20260701\nA;B;C\n1,5;2;3\n4;5,5;6\n')).toBe(';');
    expect(guessDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(guessDelimiter('Date,ShareLink,ShareCommentary\n2025-07-01,x,"a; b"\n')).toBe(',');
  });

  it('keeps blank rows, so stacked tables can be told apart', () => {
    const grid = csvGrid('# t\nA,B\n1,"2"\n\n# next\nC,D\n');
    expect(grid.rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(grid.rows[3]!.cells).toEqual(['']);
    expect(csvGrid('# t\nA,B\n1,2\n\n# next\nC,D\n').rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
