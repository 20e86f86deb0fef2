/**
 * Hostile input files made on the fly, small on disk and huge once read: a workbook
 * whose sheets unpack to hundreds of megabytes (a ZIP bomb, honest about its sizes),
 * and CSV headers with a million columns.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface ZipPart {
  name: string;
  /** Raw-deflated bytes, the CRC-32 and length of what they unpack to. */
  deflated: Buffer;
  crc: number;
  size: number;
}

/** A part compressed as it is. */
function part(name: string, content: string | Buffer): ZipPart {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, deflated: deflateRawSync(data), crc: crc32(data), size: data.length };
}

/**
 * A part that is `block` repeated `times`, compressed without ever holding it whole:
 * a block deflated with a full flush starts no back-reference into what came before, so
 * its compressed bytes can be repeated, then closed with an empty final block.
 */
function repeatedPart(name: string, head: string, block: string, times: number, tail: string): ZipPart {
  const pieces = [head, block, tail].map((text) => Buffer.from(text, 'utf8'));
  const [headBytes, blockBytes, tailBytes] = pieces as [Buffer, Buffer, Buffer];
  const flushed = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
  const blockDeflated = flushed(blockBytes);
  const deflated = Buffer.concat([flushed(headBytes), ...Array.from({ length: times }, () => blockDeflated), deflateRawSync(tailBytes)]);
  let crc = crc32(headBytes);
  for (let index = 0; index < times; index += 1) crc = crc32(blockBytes, crc);
  crc = crc32(tailBytes, crc);
  return { name, deflated, crc, size: headBytes.length + blockBytes.length * times + tailBytes.length };
}

/** A ZIP archive of `entries`, each compressed as it is (an iWork document, say). */
export function zipOf(entries: Record<string, string | Buffer>): Buffer {
  return zip(Object.entries(entries).map(([name, content]) => part(name, content)));
}

/** The parts as a ZIP file: local headers and data, then the central directory (APPNOTE 4.3). */
function zip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of parts) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, entry.deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.deflated.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/**
 * An .xlsx workbook of `sheets` sheets, each `rows` rows of `columns` number cells, the
 * whole declared honestly in its ZIP directory and its sheets' dimensions.
 * `declareDimension: false` leaves the dimension out, as some writers do.
 */
export function bombWorkbook({ sheets = 2, rows = 300_000, columns = 100, declareDimension = true, beforeDimension = '' } = {}): Buffer {
  const rowsPerBlock = 1000;
  const row = `<row>${'<c><v>1</v></c>'.repeat(columns)}</row>`;
  const dimension = declareDimension ? `<dimension ref="A1:${columnLetters(columns - 1)}${rows}"/>` : '';
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${beforeDimension}${dimension}<sheetData>`;
  const names = Array.from({ length: sheets }, (_, index) => `Sheet${index + 1}`);
  return zip([
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names.map((_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((name, index) => `<sheet name="${name}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, index) => `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join('')}</Relationships>`,
    ),
    ...names.map((_, index) =>
      repeatedPart(`xl/worksheets/sheet${index + 1}.xml`, head, row.repeat(rowsPerBlock), Math.ceil(rows / rowsPerBlock), '</sheetData></worksheet>'),
    ),
  ]);
}

/** A header line that holds `labels` and then `extra` more columns, and one row under it. */
export function wideCsv(labels: readonly string[], extra: number, row: readonly string[]): string {
  return `${labels.join(',')}${',x'.repeat(extra)}\n${row.join(',')}\n`;
}
