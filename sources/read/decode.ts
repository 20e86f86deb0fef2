/**
 * Bytes to text, the way exports arrive: UTF-8 with or without a byte-order mark,
 * UTF-16 LE/BE with or without one (Meta's Page-level exports, Excel's "Unicode
 * text"), and Windows-1252 from older Excel, where Danish letters must survive.
 */
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  hadByteOrderMark: boolean;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', hadByteOrderMark: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', hadByteOrderMark: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', hadByteOrderMark: true };
  }
  const utf16 = guessUtf16WithoutMark(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, hadByteOrderMark: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', hadByteOrderMark: false };
  } catch {
    // Not valid UTF-8: Excel's "CSV (comma delimited)" on a Western Windows writes Windows-1252.
    // Node 20's TextDecoder reads that label as ISO-8859-1, which turns € – „ “ ‘ ’ … ™ • into
    // C1 control characters, so the code page comes from iconv-lite's table instead.
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252'),
      encoding: 'windows-1252',
      hadByteOrderMark: false,
    };
  }
}

/** The byte order of UTF-16 text, with or without a byte-order mark; null for any other encoding. */
export function utf16ByteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return guessUtf16WithoutMark(bytes);
}

/**
 * Text in UTF-16 without a mark has a NUL in every other byte for ASCII characters;
 * which half holds the NULs tells the byte order.
 */
function guessUtf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (sample < 4) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index] === 0) evenNuls += 1;
    if (bytes[index + 1] === 0) oddNuls += 1;
  }
  const pairs = sample / 2;
  if (oddNuls > pairs * 0.4 && evenNuls < pairs * 0.05) return 'utf-16le';
  if (evenNuls > pairs * 0.4 && oddNuls < pairs * 0.05) return 'utf-16be';
  return null;
}

/** True when the bytes look like a binary file (a NUL-heavy or control-character-heavy sample) rather than text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0 || (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12)) control += 1;
  }
  return control / sample.length > 0.1;
}
