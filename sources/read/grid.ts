/**
 * A file as a grid of text cells, each row with the line (CSV) or row (workbook) it
 * starts on, so every rejected row can be named by file and line. CSV goes through
 * papaparse; workbooks (.xlsx, .xls) from their XML or through SheetJS. Nothing here knows any export.
 */
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { type CellValue, plainWorkbookSheets, type SheetValues } from './workbook-xml.ts';

// SheetJS is large; most runs read no workbook it is needed for, so it is loaded on the first one.
let sheetJs: typeof import('@e965/xlsx') | undefined;
function xlsx(): typeof import('@e965/xlsx') {
  sheetJs ??= createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');
  return sheetJs;
}

export interface GridRow {
  /** 1-based line of the file (CSV) or row of the sheet (workbook) the row starts on. */
  line: number;
  cells: string[];
  /**
   * Positions of the cells that were numbers in a workbook rather than text: their text
   * is the number itself (`12500.5`), with `.` as the decimal mark whatever the locale.
   */
  numbers?: ReadonlySet<number>;
  /**
   * Why the row cannot be trusted as read, when the parser saw that (a quoted value
   * never closed: the file is cut off, or a quote inside a value is not doubled).
   */
  problem?: string;
}

export interface Grid {
  rows: GridRow[];
  /** The sheet the grid came from, for workbooks. */
  sheet?: string;
  delimiter?: string;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Parses CSV text (already decoded) into a grid; honours and drops an Excel `sep=` first line. */
export function csvGrid(text: string): Grid {
  let body = text;
  let lineOffset = 0;
  let delimiter: string | undefined;
  const sepLine = /^"?sep=(.)"?\s*?\r?\n/i.exec(body);
  if (sepLine) {
    delimiter = sepLine[1]!;
    body = body.slice(sepLine[0].length);
    lineOffset = 1;
  }
  delimiter ??= guessDelimiter(body);
  const lineStarts = newlineOffsets(body);
  const rows: GridRow[] = [];
  let rowStart = 0;
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const row: GridRow = { line: lineAt(lineStarts, rowStart) + lineOffset, cells: result.data };
      if (result.errors.some((error) => error.type === 'Quotes')) {
        const endLine = lineAt(lineStarts, Math.max(rowStart, result.meta.cursor - 1)) + lineOffset;
        row.problem =
          endLine > row.line
            ? `a quoted value opens on line ${row.line} and is never closed, so lines ${row.line} to ${endLine} ran together into this row; the file is cut off, or a quote inside a value is not doubled ("")`
            : `a quoted value on line ${row.line} is not closed properly; the file is cut off, or a quote inside a value is not doubled ("")`;
      }
      rows.push(row);
      rowStart = result.meta.cursor;
      // Papaparse's cursor is past the line break after most rows, but before it after a
      // row that ends in a quoted field; either way the next row starts on the next line.
      if (rowStart > 0 && body[rowStart - 1] !== '\n') {
        if (body[rowStart] === '\r') rowStart += 1;
        if (body[rowStart] === '\n') rowStart += 1;
      }
    },
  });
  // A final line break makes papaparse emit one empty row; it is not data.
  const last = rows.at(-1);
  if (last && last.cells.length === 1 && last.cells[0] === '') rows.pop();
  return { rows, delimiter };
}

/**
 * The delimiter that splits the first lines (past any `#` preamble) into the most rows
 * of the same, largest width.
 */
export function guessDelimiter(text: string): string {
  const sample = text
    .slice(0, 65_536)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .slice(0, 30)
    .join('\n');
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, preview: 30 });
    const widths = parsed.data.map((row) => row.length);
    const counts = new Map<number, number>();
    for (const width of widths) if (width > 1) counts.set(width, (counts.get(width) ?? 0) + 1);
    for (const [width, count] of counts) {
      const score = count * 1000 + width;
      if (score > best.score) best = { delimiter, score };
    }
  }
  return best.delimiter;
}

function newlineOffsets(text: string): number[] {
  const offsets = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) offsets.push(index + 1);
  return offsets;
}

/** 1-based line number of a character offset. */
function lineAt(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/**
 * Every sheet of a workbook as a grid; numbers become their plain text, date cells their
 * Excel serial. A plain .xlsx is read from its XML (`workbook-xml.ts`), anything else
 * through SheetJS, to the same grids.
 */
export function workbookGrids(bytes: Uint8Array): Grid[] {
  const sheets = plainWorkbookSheets(bytes) ?? sheetJsSheets(bytes);
  return sheets.map(({ name, firstRow, rows }) => ({ sheet: name, rows: rows.map((cells, index) => workbookRow(firstRow + index + 1, cells)) }));
}

/** Every sheet of a workbook (.xlsx, .xls and the rest SheetJS reads) as its rows of values. */
export function sheetJsSheets(bytes: Uint8Array): SheetValues[] {
  const XLSX = xlsx();
  // Only the cells' values: no formatted text, HTML or formulas, which cost a sixth of the read.
  const workbook = XLSX.read(bytes, { type: 'array', cellDates: false, cellText: false, cellHTML: false, cellFormula: false, dense: true });
  return workbook.SheetNames.map((name) => {
    const worksheet = workbook.Sheets[name]!;
    const firstRow = worksheet['!ref'] ? XLSX.utils.decode_range(worksheet['!ref']).s.r : 0;
    const rows = XLSX.utils.sheet_to_json<CellValue[]>(worksheet, { header: 1, raw: true, defval: '', blankrows: true });
    return { name, firstRow, rows };
  });
}

function workbookRow(line: number, values: unknown[]): GridRow {
  const numbers = new Set(values.flatMap((value, position) => (typeof value === 'number' ? [position] : [])));
  return { line, cells: values.map(cellText), ...(numbers.size > 0 ? { numbers } : {}) };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Excel keeps 15 significant digits and shows no more: a formula's `0.30000000000000004` is the 0.3 the sheet shows.
  return typeof value === 'number' ? String(Number(value.toPrecision(15))) : String(value);
}

/** True when the bytes are a workbook: a ZIP (.xlsx) or an OLE compound file (.xls). */
export function isWorkbook(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}
