/**
 * The memory of DuckDB's result vectors, through DuckDB's C interface: a vector's values
 * as DuckDB lays them out, its validity bitmap, and its text's UTF-8 bytes, for code that
 * copies them as they are (the Arrow extracts) instead of converting each value to a JS
 * one. The memory is the chunk's: read it before the next chunk is fetched.
 */
import type { DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

/** One vector of a data chunk: its values' memory (`bytesPerValue` each) and its validity bitmap (null: every row is valid). */
export function vectorMemory(chunk: DuckDBDataChunk, index: number, bytesPerValue: number): { data: Uint8Array; validity: Uint8Array | null } {
  const rows = chunk.rowCount;
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, index);
  return { data: duckdb.vector_get_data(vector, rows * bytesPerValue), validity: duckdb.vector_get_validity(vector, Math.ceil(rows / 64) * 8) };
}

/** Whether bit `index` of a bitmap is set (DuckDB's validity and Arrow's bitmaps both count from the lowest bit of each byte). */
export const isSet = (bits: Uint8Array, index: number): boolean => (bits[index >> 3]! & (1 << (index & 7))) !== 0;

/** DuckDB's text value: its length, then up to 12 bytes of text, or a 4-byte prefix and a pointer to the rest. */
export const STRING_BYTES = 16;
const INLINE_TEXT_BYTES = 12;

/** The byte length of the text value at `row` of a text vector's memory. */
export function textLength(strings: Uint8Array, row: number): number {
  const at = row * STRING_BYTES;
  return strings[at]! | (strings[at + 1]! << 8) | (strings[at + 2]! << 16) | (strings[at + 3]! << 24);
}

/** The UTF-8 bytes of the (valid) text value at `row` of a text vector's memory, `length` of them. */
export function textBytes(strings: Uint8Array, row: number, length: number): Uint8Array {
  const at = row * STRING_BYTES;
  if (length <= INLINE_TEXT_BYTES) return strings.subarray(at + 4, at + 4 + length);
  return duckdb.get_data_from_pointer(strings.buffer as ArrayBuffer, strings.byteOffset + at + 8, length);
}

/** The address a long text value's pointer holds (below 2^53 on every platform DuckDB runs on). */
function textAddress(strings: Uint8Array, at: number): number {
  const low = (strings[at + 8]! | (strings[at + 9]! << 8) | (strings[at + 10]! << 16) | (strings[at + 11]! << 24)) >>> 0;
  const high = (strings[at + 12]! | (strings[at + 13]! << 8) | (strings[at + 14]! << 16) | (strings[at + 15]! << 24)) >>> 0;
  return high * 2 ** 32 + low;
}

/** Bytes between texts that may be read in passing: less than a page, so never a page of memory no text lies on. */
const PASSING_BYTES = 4096;

/**
 * The memory the long text values of a vector's first `rows` lie in, copied a stretch at a
 * time: values that lie together in DuckDB's string heaps (each starting less than a page
 * past the ones before it, in the order of their addresses) are one stretch, one call to
 * DuckDB instead of one per value. Null when no value is long.
 */
export function longTextMemory(strings: Uint8Array, validity: Uint8Array | null, rows: number): TextMemory | null {
  const longRows: number[] = [];
  for (let row = 0; row < rows; row += 1) {
    if ((validity === null || isSet(validity, row)) && textLength(strings, row) > INLINE_TEXT_BYTES) longRows.push(row);
  }
  if (longRows.length === 0) return null;
  const addresses = new Float64Array(rows);
  for (const row of longRows) addresses[row] = textAddress(strings, row * STRING_BYTES);
  longRows.sort((a, b) => addresses[a]! - addresses[b]!);
  const stretches: { bytes: Uint8Array; start: number }[] = [];
  const stretchOf = new Int32Array(rows);
  const fetch = (first: number, start: number, end: number) =>
    stretches.push({ bytes: duckdb.get_data_from_pointer(strings.buffer as ArrayBuffer, strings.byteOffset + first * STRING_BYTES + 8, end - start), start });
  let first = longRows[0]!;
  let start = addresses[first]!;
  let end = start;
  for (const row of longRows) {
    const address = addresses[row]!;
    if (address >= end + PASSING_BYTES) {
      fetch(first, start, end);
      first = row;
      start = address;
    }
    end = Math.max(end, address + textLength(strings, row));
    stretchOf[row] = stretches.length;
  }
  fetch(first, start, end);
  return { stretches, stretchOf };
}

/** Long text values' memory (`longTextMemory`): stretches of it, and the stretch each row's value lies in. */
export interface TextMemory {
  stretches: readonly { bytes: Uint8Array; start: number }[];
  stretchOf: Int32Array;
}

/**
 * Copies the UTF-8 bytes of the (valid) text value at `row`, `length` of them, into `target`
 * at `offset`: inline text byte by byte, long text from `memory` when given (its vector's
 * `longTextMemory`), without a view for each value.
 */
export function copyTextBytes(strings: Uint8Array, row: number, length: number, target: Uint8Array, offset: number, memory: TextMemory | null = null): void {
  if (length > INLINE_TEXT_BYTES) {
    if (memory === null) target.set(textBytes(strings, row, length), offset);
    else {
      const stretch = memory.stretches[memory.stretchOf[row]!]!;
      const from = textAddress(strings, row * STRING_BYTES) - stretch.start;
      target.set(stretch.bytes.subarray(from, from + length), offset);
    }
    return;
  }
  const start = row * STRING_BYTES + 4;
  for (let byte = 0; byte < length; byte += 1) target[offset + byte] = strings[start + byte]!;
}
