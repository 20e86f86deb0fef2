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

/** Copies the UTF-8 bytes of the (valid) text value at `row`, `length` of them, into `target` at `offset`: inline text byte by byte, without a view for each value. */
export function copyTextBytes(strings: Uint8Array, row: number, length: number, target: Uint8Array, offset: number): void {
  if (length > INLINE_TEXT_BYTES) {
    target.set(textBytes(strings, row, length), offset);
    return;
  }
  const start = row * STRING_BYTES + 4;
  for (let byte = 0; byte < length; byte += 1) target[offset + byte] = strings[start + byte]!;
}
