/**
 * Where a file's table is: the file's bytes as grids (every sheet of a workbook, or the
 * one table of a CSV), the header row found by the adapter's signature, the rows under
 * it, and each adapter column's position in the header.
 */
import { BadInputError } from '../../pipelines/errors.ts';
import { normaliseHeader, type Adapter, type LocatedTable, type SignatureLabel } from '../adapter.ts';
import { decodeText, looksBinary } from './decode.ts';
import { unreadableFileError } from './file-type.ts';
import { csvGrid, isWorkbook, workbookGrids, type Grid, type GridRow } from './grid.ts';
import { LimitError } from './limits.ts';

/** Reads a file's bytes into grids: every sheet of a workbook, or the one table of a CSV. */
export function readGrids(bytes: Uint8Array, fileName: string): Grid[] {
  // A workbook is read once for its format and again for each of its tables: parse it once.
  let grids = parsedGrids.get(bytes);
  if (!grids) {
    grids = parseGrids(bytes, fileName);
    parsedGrids.set(bytes, grids);
  }
  return grids;
}

/** Grids are never changed after parsing (adapters copy rows they rework), so one file's bytes share one parse. */
const parsedGrids = new WeakMap<Uint8Array, Grid[]>();

function parseGrids(bytes: Uint8Array, fileName: string): Grid[] {
  if (bytes.length === 0) throw new BadInputError(`${fileName} is empty; export the file again and drop the new copy into the inbox.`, fileName);
  const unreadable = unreadableFileError(bytes, fileName);
  if (unreadable) throw unreadable;
  if (isWorkbook(bytes)) {
    try {
      return workbookGrids(bytes);
    } catch (error) {
      throw new BadInputError(
        `${fileName} looks like an Excel workbook but cannot be opened (${(error as Error).message}); open it in Excel and save it again, or export it as CSV.`,
        fileName,
      );
    }
  }
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new LimitError(
      `${fileName} is ${Math.round(bytes.length / 2 ** 20).toLocaleString('en')} MB, more than a CSV read in JavaScript can be (${MAX_TEXT_BYTES / 2 ** 20} MB, the engine's longest text), so it was not loaded; export a shorter period per file (e.g. one month) and drop those files into the inbox.`,
      fileName,
    );
  }
  const decoded = decodeText(bytes);
  if (decoded.encoding === 'utf-8' || decoded.encoding === 'windows-1252') {
    if (looksBinary(bytes))
      throw new BadInputError(`${fileName} is not a text or spreadsheet file; drop the CSV or Excel export itself into the inbox.`, fileName);
  }
  return [csvGrid(decoded.text)];
}

/**
 * A CSV DuckDB does not read is decoded into one JavaScript string, and V8's strings end
 * at about 2^29 characters; a longer text would end the process that reads it.
 */
const MAX_TEXT_BYTES = 500 * 2 ** 20;

/** The index of the first row, within the grid's first rows, that holds every label of the signature; -1 if none. */
export function findSignatureRow(grid: Grid, signature: readonly SignatureLabel[], searchRows = 40): number {
  const wanted = normalisedSignature(signature);
  const rows = grid.rows.slice(0, searchRows);
  return rows.findIndex((row) => {
    const cells = normalisedCells(row);
    return wanted.every((labels) => labels.some((label) => cells.has(label)));
  });
}

/** A signature's labels as headers are compared, worked out once: detection tries every adapter's on every sheet. */
function normalisedSignature(signature: readonly SignatureLabel[]): readonly (readonly string[])[] {
  let wanted = normalisedSignatures.get(signature);
  if (!wanted) {
    wanted = signature.map((label) => (typeof label === 'string' ? [label] : label).map(normaliseHeader));
    normalisedSignatures.set(signature, wanted);
  }
  return wanted;
}
const normalisedSignatures = new WeakMap<readonly SignatureLabel[], readonly (readonly string[])[]>();

/** A row's cells as headers are compared, worked out once per row: detection looks for every adapter's signature in the same rows. */
function normalisedCells(row: GridRow): ReadonlySet<string> {
  let cells = normalisedRowCells.get(row);
  if (!cells) {
    cells = new Set(row.cells.map(normaliseHeader));
    normalisedRowCells.set(row, cells);
  }
  return cells;
}
const normalisedRowCells = new WeakMap<GridRow, ReadonlySet<string>>();

/** The signature as a person reads it: `"Post URL", "Impressions" or "Views"`. */
export function describeSignature(signature: readonly SignatureLabel[]): string {
  return signature.map((label) => (typeof label === 'string' ? `"${label}"` : label.map((one) => `"${one}"`).join(' or '))).join(', ');
}

/**
 * The shared rule for where a table is: its header is the first row holding the
 * signature; rows above it are the preamble; it ends at the end of the file or where a
 * blank row is followed by a new `#` block (GA4 stacks tables that way). Blank rows
 * inside are skipped; summary rows are counted and skipped.
 */
export function locateTable(grid: Grid, adapter: Adapter): LocatedTable | null {
  const headerIndex = findSignatureRow(grid, adapter.signature);
  if (headerIndex < 0) return null;
  const headerRow = grid.rows[headerIndex]!;
  const rows = [];
  let skipped = 0;
  for (let index = headerIndex + 1; index < grid.rows.length; index += 1) {
    const row = grid.rows[index]!;
    if (isBlank(row.cells)) {
      const next = grid.rows.slice(index + 1).find((candidate) => !isBlank(candidate.cells));
      if (next?.cells[0]?.trimStart().startsWith('#')) break;
      continue;
    }
    if (adapter.isSummaryRow?.(row.cells)) {
      skipped += 1;
      continue;
    }
    rows.push(row);
  }
  return {
    header: headerRow.cells,
    headerLine: headerRow.line,
    rows,
    skipped,
    preamble: preambleLines(grid.rows.slice(0, headerIndex)),
  };
}

/** The rows above a header as the adapter's `fileFacts` reads them: each row's filled cells, joined by commas. */
export function preambleLines(rows: readonly GridRow[]): string[] {
  return rows.map((row) => row.cells.filter((cell) => cell !== '').join(','));
}

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** The grid that holds the adapter's table: its sheet when it names one, else the first with its signature. */
export function pickGrid(grids: Grid[], adapter: Adapter): Grid | undefined {
  if (adapter.sheet) {
    const wanted = adapter.sheet.toLowerCase();
    const named = grids.find((grid) => grid.sheet?.toLowerCase() === wanted);
    if (named) return named;
  }
  return grids.find((grid) => findSignatureRow(grid, adapter.signature) >= 0) ?? grids[0];
}

/** Column name → position in the header; a missing required column stops the file. */
export function mapColumns(table: Pick<LocatedTable, 'header' | 'headerLine'>, adapter: Adapter, where: string): Map<string, number> {
  const header = table.header.map(normaliseHeader);
  const positions = new Map<string, number>();
  for (const column of adapter.columns) {
    const labels = column.headers.map(normaliseHeader);
    const matches = header.flatMap((label, index) => (labels.includes(label) ? [index] : []));
    if (matches.length === 0) {
      if (column.required) {
        throw new BadInputError(
          `${where} has no column "${column.headers[0]}" in its header on line ${table.headerLine}, and a ${adapter.title} file needs it; export the file again with that column, or add it.`,
          where,
        );
      }
      continue;
    }
    if (matches.length > 1) {
      throw new BadInputError(
        `${where} has ${matches.length} columns named "${table.header[matches[0]!]!.trim()}" in its header on line ${table.headerLine}; keep one of them and load the file again.`,
        where,
      );
    }
    positions.set(column.name, matches[0]!);
  }
  return positions;
}

/** The file has no header row holding the adapter's signature. */
export function missingHeaderError(fileName: string, adapter: Adapter): BadInputError {
  return new BadInputError(
    `${fileName} has no header row with ${describeSignature(adapter.signature)}, which a ${adapter.title} file must have; check that it is that export, unedited.`,
    fileName,
  );
}
