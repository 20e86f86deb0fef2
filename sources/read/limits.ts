/**
 * What one input file may ask of a run, checked before it is parsed: a CSV by a pass
 * over its bytes (its line lengths, and the columns of its first lines), a workbook by
 * what its ZIP directory and its sheets' dimensions declare. A file past a limit is
 * refused with a message that names the limit (its config key) and what to do, so one
 * damaged or hostile file cannot take a run's memory or time.
 */
import { constants, inflateRawSync } from 'node:zlib';
import Papa from 'papaparse';
import yauzl from 'yauzl';
import { storedBytes } from './zip.ts';
import { BadInputError } from '../../pipelines/errors.ts';
import { decodeText, utf16ByteOrder } from './decode.ts';
import { guessDelimiter, isWorkbook } from './grid.ts';

/** The config's `ingest.limits`. */
export interface InputLimits {
  file_mb: number;
  line_kb: number;
  columns: number;
  workbook_mb: number;
  workbook_cells: number;
}

/** A limit broken: the file is refused whole. */
export class LimitError extends BadInputError {}

const MB = 1 << 20;
const KB = 1 << 10;

/** Headers and preambles sit in a file's first lines; the columns of these are counted. */
const HEADER_LINES = 100;

/** The error refusing a file larger than `file_mb`, from its size alone (before it is read); null when it is within. */
export function fileSizeLimitError(bytes: number, fileName: string, limits: InputLimits): LimitError | null {
  if (bytes <= limits.file_mb * MB) return null;
  return new LimitError(
    `${fileName} is ${megabytes(bytes)}, more than ingest.limits.file_mb (${count(limits.file_mb)} MB) allows, so it was not read; export a shorter period per file (e.g. one month) and drop those files into the inbox, or raise ingest.limits.file_mb if the machine has the memory for it.`,
    fileName,
  );
}

/** Checks a file's bytes against the limits of its kind: a workbook's declarations, a CSV's lines. */
export async function checkContentLimits(bytes: Uint8Array, fileName: string, limits: InputLimits): Promise<void> {
  if (isWorkbook(bytes)) await checkWorkbookLimits(bytes, fileName, limits);
  else checkTextLimits(bytes, fileName, limits);
}

/**
 * Every line of a CSV within `line_kb`, and the first lines within `columns`. One pass
 * over the bytes that builds no string but for a line whose columns must be counted.
 */
export function checkTextLimits(bytes: Uint8Array, fileName: string, limits: InputLimits): void {
  const utf16 = utf16ByteOrder(bytes);
  const unit = utf16 ? 2 : 1;
  const maxLineBytes = limits.line_kb * KB;
  let start = utf16 && (bytes[0] === 0xff || bytes[0] === 0xfe) ? 2 : 0;
  for (let line = 1; start < bytes.length; line += 1) {
    const end = lineEnd(bytes, start, utf16);
    const length = end - start;
    const columnsBound = line <= HEADER_LINES && length / unit >= limits.columns ? delimiterCount(bytes, start, end) + 1 : 0;
    if (length > maxLineBytes) {
      const columns = columnsBound > limits.columns ? ` and up to ${count(columnsBound)} columns` : '';
      throw new LimitError(
        `${fileName}: line ${count(line)} is ${kilobytes(length)} long${columns}, more than ingest.limits.line_kb (${count(limits.line_kb)} KB) allows, so the file was not read. No export writes lines that long: the file is damaged, has lost its line breaks, or a quoted value never closes (a quote inside a value that is not doubled). Export it again; if its lines really are that long, raise ingest.limits.line_kb.`,
        fileName,
      );
    }
    if (columnsBound > limits.columns) {
      const columns = countColumns(bytes.subarray(start, end), bytes);
      if (columns > limits.columns) {
        throw new LimitError(
          `${fileName}: line ${count(line)} has ${count(columns)} columns, more than ingest.limits.columns (${count(limits.columns)}) allows, so the file was not read. No export the pipeline reads has that many: check that the file is the export itself, unedited, and export it again; if it really has that many columns, raise ingest.limits.columns.`,
          fileName,
        );
      }
    }
    start = end + unit;
  }
}

/** The offset of the line break ending the line that starts at `start` (the file's length for the last line). */
function lineEnd(bytes: Uint8Array, start: number, utf16: 'utf-16le' | 'utf-16be' | null): number {
  if (!utf16) {
    const end = bytes.indexOf(0x0a, start);
    return end < 0 ? bytes.length : end;
  }
  // A UTF-16 line break is the code unit 0x000A: the 0x0A byte at the unit's low byte, and a NUL beside it.
  const low = utf16 === 'utf-16le' ? 0 : 1;
  for (let index = bytes.indexOf(0x0a, start); index >= 0; index = bytes.indexOf(0x0a, index + 1)) {
    const unitStart = index - low;
    if ((unitStart - start) % 2 === 0 && bytes[unitStart + (1 - low)] === 0) return unitStart;
  }
  return bytes.length;
}

const DELIMITER_BYTES = new Set([0x2c, 0x3b, 0x09, 0x7c]);

/** Bytes that may be delimiters: at least the number of columns less one, whatever the delimiter and quoting. */
function delimiterCount(bytes: Uint8Array, start: number, end: number): number {
  let delimiters = 0;
  for (let index = start; index < end; index += 1) if (DELIMITER_BYTES.has(bytes[index]!)) delimiters += 1;
  return delimiters;
}

/** The columns of one line as the CSV parser splits it, with the file's delimiter and quoting. */
function countColumns(line: Uint8Array, file: Uint8Array): number {
  const order = utf16ByteOrder(file);
  const text = order ? new TextDecoder(order).decode(line) : decodeText(line).text;
  const sample = order ? new TextDecoder(order).decode(file.subarray(0, 65_536)) : decodeText(file.subarray(0, 65_536)).text;
  const parsed = Papa.parse<string[]>(text, { delimiter: guessDelimiter(sample), preview: 1 });
  return parsed.data[0]?.length ?? 0;
}

/**
 * An .xlsx workbook is a ZIP of XML parts: what its directory declares the parts unpack
 * to, and each sheet's declared dimension, are read without unpacking the sheets. (An
 * .xls, the older binary format, holds at most 65,536 rows of 256 columns.)
 */
export async function checkWorkbookLimits(bytes: Uint8Array, fileName: string, limits: InputLimits): Promise<void> {
  if (bytes[0] !== 0x50) return;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new BadInputError(
      `${fileName} looks like an Excel workbook but cannot be opened (${(error as Error).message}); open it in Excel and save it again, or export it as CSV.`,
      fileName,
    );
  }
  try {
    const entries = await zipEntries(zip);
    const unpacked = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
    if (unpacked > limits.workbook_mb * MB) {
      throw new LimitError(
        `${fileName} unpacks to ${megabytes(unpacked)} (its ${megabytes(bytes.length)} are compressed), more than ingest.limits.workbook_mb (${count(limits.workbook_mb)} MB) allows, so it was not read. No export the pipeline reads is that large: export a shorter period, or save the sheets it needs as CSV; if it really is that large, raise ingest.limits.workbook_mb.`,
        fileName,
      );
    }
    for (const entry of entries) {
      const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/i.exec(entry.fileName);
      if (!sheet) continue;
      const dimension = declaredDimension(entryHead(bytes, entry) ?? (await entryStart(zip, entry, DIMENSION_SEARCH_BYTES)));
      if (!dimension) continue;
      const cells = dimension.rows * dimension.columns;
      if (cells > limits.workbook_cells) {
        throw new LimitError(
          `${fileName}: sheet ${sheet[1]} declares ${count(dimension.rows)} rows of ${count(dimension.columns)} columns (${count(cells)} cells), more than ingest.limits.workbook_cells (${count(limits.workbook_cells)}) allows, so it was not read. Export a shorter period, or save the sheet as CSV; if it really is that large, raise ingest.limits.workbook_cells.`,
          fileName,
        );
      }
    }
  } finally {
    zip.close();
  }
}

/** The dimension element comes before the sheet's data; Excel writes it within the first few hundred bytes. */
const DIMENSION_SEARCH_BYTES = 64 * KB;

/** The compressed bytes whose unpacking `entryHead` tries first: a few hundred bytes of XML need far fewer. */
const HEAD_COMPRESSED_BYTES = 4 * KB;

/**
 * The start of an entry, unpacked in one call from its first compressed bytes, when the
 * entry is stored plainly or deflated and that start is the whole entry or holds the
 * dimension (within DIMENSION_SEARCH_BYTES). Null otherwise, and the entry is streamed as
 * `entryStart` does: a workbook a run reads has five small sheets, and a stream for each
 * cost more than parsing the workbook.
 */
function entryHead(bytes: Uint8Array, entry: yauzl.Entry): string | null {
  // A truncated entry is the stream's to report.
  const stored = entry.isEncrypted() ? null : storedBytes(bytes, entry.relativeOffsetOfLocalHeader, entry.compressedSize);
  if (!stored) return null;
  if (entry.compressionMethod === 0) return Buffer.from(stored.subarray(0, DIMENSION_SEARCH_BYTES)).toString('utf8');
  if (entry.compressionMethod !== 8) return null;
  // Rows of like cells unpack a thousandfold: a start that unpacks past the search is tried shorter.
  for (let size = HEAD_COMPRESSED_BYTES; size >= 128; size /= 2) {
    let head: string;
    try {
      head = inflateRawSync(stored.subarray(0, size), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: DIMENSION_SEARCH_BYTES,
      }).toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') continue;
      // Damaged: the stream reports it.
      return null;
    }
    return stored.length <= size || declaredDimension(head) !== null ? head : null;
  }
  return null;
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function zipEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** Up to `limit` unpacked bytes from the start of an entry; unpacks no more than that. */
function entryStart(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      let length = 0;
      const finish = () => resolve(Buffer.concat(chunks).subarray(0, limit).toString('utf8'));
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= limit) {
          stream.destroy();
          finish();
        }
      });
      stream.once('end', finish);
      stream.once('error', reject);
    });
  });
}

/** Rows and columns of a sheet's `<dimension ref="A1:CV300000"/>`; null when it declares none. */
export function declaredDimension(xml: string): { rows: number; columns: number } | null {
  const ref = /<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/i.exec(xml);
  if (!ref) return null;
  const [, firstColumn, firstRow, lastColumn = firstColumn!, lastRow = firstRow!] = ref;
  return {
    rows: Number(lastRow) - Number(firstRow) + 1,
    columns: columnNumber(lastColumn) - columnNumber(firstColumn!) + 1,
  };
}

/** `A` → 1, `Z` → 26, `AA` → 27. */
function columnNumber(letters: string): number {
  let number = 0;
  for (const letter of letters.toUpperCase()) number = number * 26 + (letter.charCodeAt(0) - 64);
  return number;
}

function count(value: number): string {
  return value.toLocaleString('en');
}

function megabytes(bytes: number): string {
  return `${count(Math.round(bytes / MB))} MB`;
}

function kilobytes(bytes: number): string {
  return `${count(Math.round(bytes / KB))} KB`;
}
