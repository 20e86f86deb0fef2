import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sheetJsSheets, workbookGrids } from '../../../sources/read/grid.ts';
import { plainWorkbookSheets } from '../../../sources/read/workbook-xml.ts';
import { zipOf } from '../../helpers/hostile-files.ts';

const XLSX = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');

const FIXTURES = new URL('../../../fixtures/', import.meta.url).pathname;

/** A workbook of the given sheets' XML, as Excel and Apache POI lay one out, with shared strings when given. */
function workbookOf(sheets: Record<string, string>, sharedStrings?: string[]): Buffer {
  const names = Object.keys(sheets);
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names.map((_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}${sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets>${names.map((name, index) => `<sheet name="${name}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, index) => `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join('')}<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  };
  for (const [index, name] of names.entries()) {
    parts[`xl/worksheets/sheet${index + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${sheets[name]}</worksheet>`;
  }
  if (sharedStrings) {
    parts['xl/sharedStrings.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.map((item) => `<si>${item}</si>`).join('')}</sst>`;
  }
  return zipOf(parts);
}

/** The sheets read from the XML, which must be SheetJS's. */
function readBoth(bytes: Uint8Array) {
  const plain = plainWorkbookSheets(bytes);
  expect(plain).not.toBeNull();
  expect(plain).toEqual(sheetJsSheets(bytes));
  return plain!;
}

/** A member's post analytics as an export writer lays it out: shared strings, styles, gaps, formulas, a wider declared range. */
const POST_SHEET = `<dimension ref="A1:D7"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>
<row r="1" spans="1:2"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="3"><v>45901</v></c><c r="C2" s="2"/></row>
<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4"><v>3480</v></c><c r="C4" t="b"><v>1</v></c></row>
<row r="5"><c r="A5" t="inlineStr"><is><t xml:space="preserve"> Reactions </t></is></c><c r="B5"><f>B4/100</f><v>34.799999999999997</v></c><c r="C5" t="str"><f>"a"&amp;"b"</f><v>a&amp;amp;b</v></c></row>
<row r="6"><c r="A6" t="s"><v>4</v></c><c r="B6" t="s"><v>5</v></c><c r="C6"><v>-1.5E-3</v></c></row>
</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
const POST_STRINGS = [
  '<t>Post URL</t>',
  '<t>https://www.linkedin.com/feed/update/urn:li:activity:7371432207001234567</t>',
  '<r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t>Post </t></r><r><t xml:space="preserve">date</t></r>',
  '<t>Impressions</t>',
  '<t>Line one_x000D_\r\nLine two &amp; &lt;three&gt; &#230;&#xF8;</t>',
  '<t>Søren Østergård 🚀_X000A_</t>',
];

describe('sources/read/workbook-xml', () => {
  it("reads every workbook export among the fixtures to SheetJS's values", () => {
    const workbooks = (readdirSync(join(FIXTURES, 'exports'), { recursive: true }) as string[]).filter((name) => name.endsWith('.xlsx'));
    expect(workbooks.length).toBeGreaterThanOrEqual(7);
    for (const name of workbooks) readBoth(readFileSync(join(FIXTURES, 'exports', name)));
  });

  it('reads shared and rich strings, inline strings, formulas, booleans, gaps and a wider range as SheetJS does', () => {
    const [sheet] = readBoth(workbookOf({ 'Post analytics': POST_SHEET }, POST_STRINGS));
    expect(sheet!.name).toBe('Post analytics');
    expect(sheet!.rows[1]).toEqual(['Post date', 45901, '', '']);
    expect(sheet!.rows[2]).toEqual([]);
    expect(sheet!.rows[4]).toEqual([' Reactions ', 34.799999999999997, 'a&b', '']);
    expect(sheet!.rows[5]).toEqual(['Line one\r\nLine two & <three> æø', 'Søren Østergård 🚀\n', -0.0015, '']);
    expect(sheet!.rows[6]).toEqual([]);
  });

  it('takes the range from the cells when the sheet declares none or one cell, as SheetJS does', () => {
    const data = '<sheetData><row r="3"><c r="B3"><v>1</v></c><c r="D3" t="s"/></row><row r="5"><c r="C5"/></row></sheetData>';
    for (const dimension of ['', '<dimension ref="A1"/>', '<dimension ref="C9:A1"/>']) {
      const [sheet] = readBoth(workbookOf({ Sheet1: `${dimension}${data}` }, ['<t>x</t>']));
      expect(sheet).toEqual({ name: 'Sheet1', firstRow: 2, rows: [[1, '', ''], [], []] });
    }
    expect(readBoth(workbookOf({ Empty: '<dimension ref="A1"/><sheetData/>' }))).toEqual([{ name: 'Empty', firstRow: 0, rows: [] }]);
    expect(readBoth(workbookOf({ Blank: '<dimension ref="A1:C2"/><sheetData/>' }))).toEqual([{ name: 'Blank', firstRow: 0, rows: [['', '', ''], []] }]);
  });

  it('leaves to SheetJS what it reads its own way, to the same grids', () => {
    const row = (cells: string) => `<dimension ref="A1:B1"/><sheetData><row r="1"><c r="A1"><v>1</v></c>${cells}</row></sheetData>`;
    const cases: Record<string, Buffer> = {
      'an error cell': workbookOf({ S: row('<c r="B1" t="e"><v>#N/A</v></c>') }),
      'a date cell': workbookOf({ S: row('<c r="B1" t="d"><v>2026-09-01T00:00:00Z</v></c>') }),
      'a cell without its reference': workbookOf({ S: row('<c t="s"><v>0</v></c>') }, ['<t>x</t>']),
      'a type in capitals': workbookOf({ S: row('<c r="B1" T="s"><v>0</v></c>') }, ['<t>x</t>']),
      'a row written as <row/>': workbookOf({ S: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"/></sheetData>' }),
      'a namespace prefix': workbookOf({ S: '<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>' }),
      CDATA: workbookOf({ S: row('<c r="B1" t="str"><v><![CDATA[a&b]]></v></c>') }),
      'phonetic text': workbookOf({ S: row('<c r="B1" t="s"><v>0</v></c>') }, ['<r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>']),
      'a hexadecimal code SheetJS reads as decimal': workbookOf({ S: row('<c r="B1" t="str"><v>&#X4A;</v></c>') }),
      'a number SheetJS reads as NaN': workbookOf({ S: row('<c r="B1"><v>n/a</v></c>') }),
      'a shared string that is not there': workbookOf({ S: row('<c r="B1" t="s"><v>7</v></c>') }, ['<t>x</t>']),
    };
    cases['a workbook without sheets'] = workbookOf({});
    for (const [what, bytes] of Object.entries(cases)) {
      expect(plainWorkbookSheets(bytes), what).toBeNull();
      const sheetJs = (() => {
        try {
          return sheetJsSheets(bytes);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      if (typeof sheetJs === 'string') expect(() => workbookGrids(bytes), what).toThrow(sheetJs);
      else
        expect(
          workbookGrids(bytes).map(({ sheet, rows }) => [sheet, rows.length]),
          what,
        ).toEqual(sheetJs.map(({ name, rows }) => [name, rows.length]));
    }
    for (const name of ['bad/corrupt-workbook.xlsx', 'bad/truncated-workbook.xlsx', 'bad/corrupt-old-excel.xls']) {
      expect(plainWorkbookSheets(readFileSync(join(FIXTURES, name))), name).toBeNull();
    }
  });

  it('reads any grid SheetJS writes, with shared strings or without, to what SheetJS reads', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('', ' padded ', 'a & b <c>', 'line\r\nbreak', '_x000D_', 'Ærø'),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const sheet = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 });
    let read = 0;
    fc.assert(
      fc.property(fc.array(sheet, { minLength: 1, maxLength: 3 }), fc.boolean(), (sheets, bookSST) => {
        const workbook = XLSX.utils.book_new();
        for (const [index, rows] of sheets.entries()) XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), `Sheet ${index + 1} & Co`);
        const bytes = XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', bookSST });
        const plain = plainWorkbookSheets(bytes);
        if (plain !== null) {
          read += 1;
          expect(plain).toEqual(sheetJsSheets(bytes));
        }
      }),
      { numRuns: 300, seed: 20261207 },
    );
    // Text with characters SheetJS escapes its own way goes to SheetJS; most grids are read here.
    expect(read).toBeGreaterThan(150);
  });
});
