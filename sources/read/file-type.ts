/**
 * Kinds of file people drop into the inbox that hold no export the pipeline can read (an
 * Apple Numbers sheet, a PDF of a report, a screenshot), told by their first bytes, so
 * the error names what the file is and what to export instead.
 */
import { BadInputError } from '../../pipelines/errors.ts';

const EXPORT_INSTEAD = 'download the data as CSV or Excel from the platform and drop that file into the inbox.';

/** The error for a file of a kind no adapter reads; null for any other file. */
export function unreadableFileError(bytes: Uint8Array, fileName: string): BadInputError | null {
  const sentence = describeUnreadable(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName);
  return sentence ? new BadInputError(sentence, fileName) : null;
}

function describeUnreadable(bytes: Buffer, fileName: string): string | null {
  const startsWith = (text: string, at = 0) => bytes.subarray(at, at + text.length).equals(Buffer.from(text, 'latin1'));
  // An iWork document is a ZIP of .iwa files, which the spreadsheet reader takes for a broken workbook.
  if (startsWith('PK\x03\x04') && (bytes.includes('Index/Document.iwa') || /\.numbers$/i.test(fileName))) {
    return `${fileName} is an Apple Numbers file, which the pipeline cannot read; in Numbers choose File > Export To > CSV (or Excel) and drop the exported file into the inbox.`;
  }
  if (startsWith('%PDF-')) {
    return `${fileName} is a PDF, whose tables the pipeline cannot read; download the report's data as CSV or Excel from the platform it came from and drop that file into the inbox.`;
  }
  const image = imageType(bytes, startsWith);
  return image ? `${fileName} is an image (${image}), not an export; ${EXPORT_INSTEAD}` : null;
}

/** HEIF brands: iPhone photos (heic, heix, mif1) and AVIF. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'mif1', 'msf1', 'avif']);

function imageType(bytes: Buffer, startsWith: (text: string, at?: number) => boolean): string | null {
  if (startsWith('\x89PNG\r\n\x1a\n')) return 'PNG';
  if (startsWith('\xff\xd8\xff')) return 'JPEG';
  if (startsWith('GIF87a') || startsWith('GIF89a')) return 'GIF';
  if (startsWith('RIFF') && startsWith('WEBP', 8)) return 'WebP';
  if (startsWith('II*\x00') || startsWith('MM\x00*')) return 'TIFF';
  if (startsWith('ftyp', 4) && HEIF_BRANDS.has(bytes.subarray(8, 12).toString('latin1')))
    return bytes.subarray(8, 12).toString('latin1') === 'avif' ? 'AVIF' : 'HEIC';
  return null;
}
