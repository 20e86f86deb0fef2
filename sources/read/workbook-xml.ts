/**
 * The .xlsx workbooks exports are, read straight from their XML: a ZIP's directory, the
 * workbook's sheet list, the shared strings and each sheet's cells. SheetJS reads any
 * workbook, but builds a whole workbook model to do it, several times the work of these
 * few parts; a run reads thousands of small member workbooks.
 *
 * The values are SheetJS's, cell for cell, for the forms read here (the grid a sheet
 * gives, SheetJS's quirks included: a row with no cell is empty rather than blank cells,
 * the first row of the sheet's range never is). Anything else (a namespace prefix, a cell
 * without its reference, an error or date cell, phonetic text, CDATA, an entity SheetJS
 * decodes its own way, a ZIP64 or encrypted archive, a damaged part) gives null, and the
 * caller reads the workbook with SheetJS. test/sources/read/workbook-xml.test.ts holds
 * both to the same grids.
 */
import { zipParts } from './zip.ts';

/** A cell's value as SheetJS gives it with `raw: true`: text, a number, a boolean, or '' for no value. */
export type CellValue = string | number | boolean;

/** A sheet as SheetJS's `sheet_to_json(…, { header: 1, raw: true, defval: '', blankrows: true })` gives it. */
export interface SheetValues {
  name: string;
  /** The 0-based row of the sheet's first row (its range's start). */
  firstRow: number;
  rows: CellValue[][];
}

/** Every sheet of an .xlsx workbook, in the workbook's order; null when it is not a plain workbook read here. */
export function plainWorkbookSheets(bytes: Uint8Array): SheetValues[] | null {
  const parts = zipParts(bytes);
  if (!parts || parts.has('META-INF/manifest.xml')) return null;
  const contentTypes = parts.text('[Content_Types].xml');
  if (contentTypes === null) return null;
  const overrides = [...contentTypes.matchAll(/<Override\b([^>]*)>/g)].map((match) => attributes(match[1]!));
  const mainParts = overrides.filter((override) => /\.main(\+xml)?$/.test(override.ContentType ?? ''));
  if (mainParts.length !== 1 || mainParts[0]!.PartName !== '/xl/workbook.xml') return null;
  const workbook = parts.text('xl/workbook.xml');
  const relations = parts.text('xl/_rels/workbook.xml.rels');
  if (workbook === null || relations === null || /<\w+:sheets?\b/.test(workbook)) return null;

  const stringParts = overrides.filter((override) => /sharedStrings\+xml$/.test(override.ContentType ?? ''));
  if (stringParts.length > 1) return null;
  let strings: string[] = [];
  if (stringParts.length === 1) {
    const text = parts.text(stringParts[0]!.PartName?.replace(/^\//, '') ?? '');
    const parsed = text === null ? null : sharedStrings(text);
    if (parsed === null) return null;
    strings = parsed;
  }

  const targets = new Map<string, string>();
  for (const match of relations.matchAll(/<Relationship\b([^>]*)>/g)) {
    const relation = attributes(match[1]!);
    if (relation.Id && relation.Target && /\/worksheet$/.test(relation.Type ?? '')) targets.set(relation.Id, relation.Target);
  }

  const sheets: SheetValues[] = [];
  for (const match of workbook.matchAll(/<sheet\b([^>]*)>/g)) {
    const sheet = attributes(match[1]!);
    const target = targets.get(sheet['r:id'] ?? '');
    if (sheet.name === undefined || target === undefined || !/^(\/xl\/)?worksheets\/[\w.-]+\.xml$/.test(target)) return null;
    const name = unescapeXml(sheet.name, false);
    const xml = parts.text(`xl/${target.replace(/^\/xl\//, '')}`);
    if (name === null || xml === null) return null;
    const values = sheetValues(xml, strings);
    if (values === null) return null;
    sheets.push({ name, ...values });
  }
  // A workbook without sheets is SheetJS's to judge.
  return sheets.length > 0 ? sheets : null;
}

/** An element's attributes (`name="value"`, double-quoted), by their names as written (`r:id`). */
function attributes(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:]+)="([^"]*)"/g)) found[match[1]!] = match[2]!;
  return found;
}

/** The shared strings, each `<si>` a plain `<t>` or runs of rich text; null for anything else. */
function sharedStrings(xml: string): string[] | null {
  const open = xml.search(/<sst\b[^<>]*>/);
  const close = xml.lastIndexOf('</sst>');
  if (open < 0 || close < 0 || /<\w+:(sst|si|t|r)\b/.test(xml)) return null;
  const body = xml.slice(xml.indexOf('>', open) + 1, close);
  const strings: string[] = [];
  // SheetJS splits the table at each `</si>`: the text after the last is a string of its own.
  for (const chunk of body.replaceAll('<si>', '').split('</si>')) {
    const text = stringItem(chunk.trim());
    if (text === null) return null;
    strings.push(text);
  }
  return strings;
}

/** The text of a shared or inline string: `<t>…</t>`, or rich-text runs whose `<t>`s are joined. */
function stringItem(item: string): string | null {
  if (item === '') return '';
  const plain = /^<t(?: xml:space="preserve")?>([^<]*)<\/t>$/.exec(item);
  if (plain) return unescapeXml(plain[1]!, true);
  if (!/^<r>/.test(item) || /<rPh\b|<!\[CDATA\[|<si\b/.test(item)) return null;
  if (!/^(?:<r>(?:<rPr>(?:<[^<>]*\/>)*<\/rPr>)?<t(?: xml:space="preserve")?>[^<]*<\/t><\/r>)+(?:<phoneticPr\b[^<>]*\/>)?$/.test(item)) return null;
  let joined = '';
  for (const match of item.matchAll(/<t\b[^<>]*>([^<]*)<\/t>/g)) joined += match[1]!;
  return unescapeXml(joined, true);
}

/** Text that may need unescaping: an entity, a `_xHHHH_` (either case, as SheetJS reads it), a CR. */
const ESCAPED = /[&\r]|_[xX]/;
const ENTITIES: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

/**
 * XML text as SheetJS unescapes it: the five entities, `&#N;` and `&#xN;` (each one UTF-16
 * unit), then Excel's `_xHHHH_`; in cell text (`inCell`) also CRLF as LF. Null for what it
 * reads its own way (`&AMP;`, `&#X4A;`, a character beyond U+FFFF). CDATA never gets here:
 * the patterns that find text take no `<` in it.
 */
function unescapeXml(text: string, inCell: boolean): string | null {
  if (!ESCAPED.test(text)) return text;
  let out = text;
  if (out.includes('&')) {
    let odd = false;
    out = out.replace(/&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi, (entity: string, code: string | undefined) => {
      const named = ENTITIES[entity];
      if (named !== undefined) return named;
      const hex = entity.startsWith('&#x');
      const value = code === undefined || !(hex || /^\d+$/.test(code)) ? Number.NaN : Number.parseInt(code, hex ? 16 : 10);
      if (!(value >= 1 && value <= 0xffff)) odd = true;
      return String.fromCharCode(value);
    });
    if (odd) return null;
  }
  if (/_[xX]/.test(out)) out = out.replace(/_x([\da-fA-F]{4})_/gi, (_match, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
  return inCell ? out.replaceAll('\r\n', '\n') : out;
}

/** One token of a sheet's data: a row's start or end, or a cell (empty, or with its content). */
const SHEET_TOKEN = /\s*(?:<row\b([^>]*)>|<\/row>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>))/y;
/** One part of a cell's content: a formula (its cached value is what counts), a value, an inline string. */
const CELL_PART = /\s*(?:<f\b[^<>]*\/>|<f\b[^<>]*>[^<]*<\/f>|<v\b[^<>]*>([^<]*)<\/v>|<is\b[^<>]*>([\s\S]*?)<\/is>)/y;
/** The attributes a cell may have here, in lower case as written (SheetJS also reads `T="s"` as a type). */
const CELL_ATTRIBUTES = /^(?:\s+(?:r|s|t|cm|vm|ph|xml:space)="[^"]*")*\s*$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

interface Range {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

/** A sheet's rows of values over its range, as SheetJS reads it; null for a sheet not read here. */
function sheetValues(xml: string, strings: readonly string[]): { firstRow: number; rows: CellValue[][] } | null {
  const open = /<sheetData\b[^<>]*?(\/?)>/.exec(xml);
  if (!open) return null;
  const before = xml.slice(0, open.index);
  if (/<\w+:(sheetData|dimension)\b/.test(before)) return null;
  // SheetJS looks before `<sheetData>`, or in the whole sheet when the data is `<sheetData/>`.
  const declared = declaredRange(open[1] === '/' ? xml : before);
  if (declared === undefined) return null;
  const dataStart = open.index + open[0].length;
  const dataEnd = open[1] === '/' ? dataStart : xml.indexOf('</sheetData>', dataStart);
  if (dataEnd < 0) return null;
  const cells = sheetCells(xml, dataStart, dataEnd, strings);
  if (cells === null) return null;

  const { guess } = cells;
  const range = declared ?? (guess.lastColumn >= guess.firstColumn && guess.lastRow >= guess.firstRow ? guess : null);
  if (range === null) return { firstRow: 0, rows: [] };
  const width = range.lastColumn - range.firstColumn + 1;
  const rows: CellValue[][] = new Array(range.lastRow - range.firstRow + 1);
  for (let index = 0; index < cells.rows.length; index += 1) {
    const row = cells.rows[index]! - range.firstRow;
    const column = cells.columns[index]! - range.firstColumn;
    if (row < 0 || row >= rows.length || column < 0 || column >= width) continue;
    rows[row] ??= new Array<CellValue>(width).fill('');
    rows[row][column] = cells.values[index]!;
  }
  // A row with no cell is empty, but SheetJS gives the first row of the range its blank cells.
  rows[0] ??= new Array<CellValue>(width).fill('');
  for (let index = 1; index < rows.length; index += 1) rows[index] ??= [];
  return { firstRow: range.firstRow, rows };
}

/**
 * The cells of a sheet's data with a value (their rows, columns and values side by side),
 * and the range SheetJS guesses when the sheet declares none: the rows written, the columns
 * of cells with a value or a type. Null for data not read here.
 */
function sheetCells(xml: string, dataStart: number, dataEnd: number, strings: readonly string[]) {
  const rows: number[] = [];
  const columns: number[] = [];
  const values: CellValue[] = [];
  const guess: Range = { firstRow: 2_000_000, lastRow: 0, firstColumn: 2_000_000, lastColumn: 0 };
  let row = -1;
  SHEET_TOKEN.lastIndex = dataStart;
  for (let at = dataStart; at < dataEnd; at = SHEET_TOKEN.lastIndex) {
    const token = SHEET_TOKEN.exec(xml);
    if (!token) {
      if (xml.slice(at, dataEnd).trim() === '') break;
      return null;
    }
    if (SHEET_TOKEN.lastIndex > dataEnd) return null;
    const rowAttributes = token[1];
    const cellAttributes = token[2];
    if (rowAttributes !== undefined) {
      const number = /(?:^|\s)r="([1-9]\d{0,6})"/.exec(rowAttributes);
      // A row written as `<row …/>` counts towards SheetJS's range or not by where it stands.
      if (!number || rowAttributes.endsWith('/') || row >= 0) return null;
      row = Number(number[1]) - 1;
      if (row < guess.firstRow) guess.firstRow = row;
      if (row > guess.lastRow) guess.lastRow = row;
    } else if (cellAttributes === undefined) {
      if (row < 0) return null;
      row = -1;
    } else {
      const cell = row < 0 ? null : cellReference(cellAttributes);
      if (cell === null || cell.row !== row) return null;
      const value = cellValue(cell.type, token[3] ?? '', strings);
      if (value === null) return null;
      if (value !== NOT_KEPT) {
        if (cell.column < guess.firstColumn) guess.firstColumn = cell.column;
        if (cell.column > guess.lastColumn) guess.lastColumn = cell.column;
        if (value !== NO_VALUE) {
          rows.push(row);
          columns.push(cell.column);
          values.push(value);
        }
      }
    }
  }
  return row >= 0 ? null : { rows, columns, values, guess };
}

/** A cell's attributes as most writers order them (`r`, `s`, `t`); any other order is read by the general rule. */
const USUAL_CELL = /^\s+r="([A-Z]{1,3})([1-9]\d{0,6})"(?:\s+s="\d+")?(?:\s+t="(\w+)")?(?:\s+(?:s="\d+"|xml:space="preserve"))?\s*$/;

/** A cell's position and type from its attributes; null when it has no reference, or an attribute not read here. */
function cellReference(attributes: string): { row: number; column: number; type: string | undefined } | null {
  const usual = USUAL_CELL.exec(attributes);
  if (usual) return cellAt(usual[1]!, usual[2]!, usual[3]);
  if (!CELL_ATTRIBUTES.test(attributes)) return null;
  const position = /(?:^|\s)r="([A-Z]{1,3})([1-9]\d{0,6})"/.exec(attributes);
  return position ? cellAt(position[1]!, position[2]!, /(?:^|\s)t="(\w+)"/.exec(attributes)?.[1]) : null;
}

function cellAt(letters: string, digits: string, type: string | undefined): { row: number; column: number; type: string | undefined } {
  return { row: Number(digits) - 1, column: columnIndex(letters), type };
}

/**
 * The range a sheet's `<dimension>` declares, read as SheetJS reads it: a `"A1:B9"` within
 * 50 characters of the element's start (a single cell, `"A1"`, declares none). Undefined
 * for a declaration not read here.
 */
function declaredRange(head: string): Range | null | undefined {
  const at = head.search(/<dimension/);
  if (at <= 0) return null;
  const quoted = /"(\w*:\w*)"/.exec(head.slice(at, at + 50));
  if (!quoted) return null;
  const cells = /^([A-Z]{1,3})([1-9]\d{0,6}):([A-Z]{1,3})([1-9]\d{0,6})$/.exec(quoted[1]!);
  if (!cells) return undefined;
  const range = {
    firstColumn: columnIndex(cells[1]!),
    firstRow: Number(cells[2]) - 1,
    lastColumn: columnIndex(cells[3]!),
    lastRow: Number(cells[4]) - 1,
  };
  return range.firstRow <= range.lastRow && range.firstColumn <= range.lastColumn ? range : null;
}

/** A cell SheetJS does not keep and does not count towards the range: no type, no value. */
const NOT_KEPT = Symbol('not kept');
/** A cell SheetJS counts towards the range but does not keep: a number or shared string without a value. */
const NO_VALUE = Symbol('no value');

/** A cell's value by its type; null for a cell not read here. */
function cellValue(type: string | undefined, content: string, strings: readonly string[]): CellValue | typeof NOT_KEPT | typeof NO_VALUE | null {
  let raw: string | undefined;
  let inline: string | undefined;
  CELL_PART.lastIndex = 0;
  while (CELL_PART.lastIndex < content.length) {
    const part = CELL_PART.exec(content);
    if (!part) {
      if (content.slice(CELL_PART.lastIndex).trim() === '') break;
      return null;
    }
    if (part[1] !== undefined) raw ??= part[1];
    if (part[2] !== undefined) inline ??= part[2];
  }
  // SheetJS takes an empty `<v></v>` as no value.
  if (raw === '') raw = undefined;
  if (type === undefined && raw === undefined) return NOT_KEPT;
  const text = raw === undefined ? undefined : unescapeXml(raw, false);
  if (text === null) return null;
  switch (type ?? 'n') {
    case 'n':
      if (text === undefined) return NO_VALUE;
      return NUMBER.test(text) ? Number.parseFloat(text) : null;
    case 's':
      if (text === undefined) return NO_VALUE;
      return (/^\d+$/.test(text) ? strings[Number(text)] : undefined) ?? null;
    case 'str':
      // SheetJS unescapes a formula's text twice.
      return text === undefined ? '' : unescapeXml(text, true);
    case 'inlineStr':
      return inline === undefined ? '' : stringItem(inline.trim());
    case 'b':
      return text === '1' || text === 'true';
    default:
      return null;
  }
}

/** 0-based column of its letters (`A` 0, `AA` 26). */
function columnIndex(letters: string): number {
  let index = 0;
  for (let at = 0; at < letters.length; at += 1) index = index * 26 + letters.charCodeAt(at) - 64;
  return index - 1;
}
