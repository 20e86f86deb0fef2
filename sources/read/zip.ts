/**
 * The parts of a ZIP archive (an .xlsx is one) from its bytes in memory: its central
 * directory, and a part's stored bytes behind its local header. Anything this does not read
 * (ZIP64, encryption, a name twice, a damaged record) gives null; the callers then leave
 * the archive to a reader that says what is wrong with it.
 */
import { inflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const DIRECTORY_RECORD = 0x02014b50;
const DIRECTORY_END = 0x06054b50;

/**
 * A part's stored (still compressed) bytes: `compressedSize` of them after the local
 * header at `header`. Null when no local header is there or the bytes end before the part.
 */
export function storedBytes(bytes: Uint8Array, header: number, compressedSize: number): Uint8Array | null {
  if (header + 30 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + header, 30);
  if (view.getUint32(0, true) !== LOCAL_HEADER) return null;
  const start = header + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  return start + compressedSize > bytes.length ? null : bytes.subarray(start, start + compressedSize);
}

/** A ZIP's parts by name, each unpacked and decoded as UTF-8 when asked for; null for an archive not read here. */
export function zipParts(bytes: Uint8Array): { has(name: string): boolean; text(name: string): string | null } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // An .xls (an OLE compound file) may hold the end record's signature anywhere in its last bytes.
  if (bytes.length < 30 || view.getUint32(0, true) !== LOCAL_HEADER) return null;
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at -= 1) {
    if (view.getUint32(at, true) === DIRECTORY_END) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const directoryStart = view.getUint32(end + 16, true);
  // ZIP64 keeps its counts and offsets elsewhere.
  if (count === 0xffff || directoryStart === 0xffffffff) return null;
  const entries = new Map<string, { method: number; compressed: number; size: number; header: number }>();
  let at = directoryStart;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_RECORD) return null;
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const name = UTF8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Encrypted parts are another reader's to refuse; a name twice, another reader's to choose between.
    if (flags & 1 || entries.has(name)) return null;
    entries.set(name, {
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      header: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return {
    has: (name) => entries.has(name),
    text(name) {
      const entry = entries.get(name);
      const stored = entry ? storedBytes(bytes, entry.header, entry.compressed) : null;
      if (!entry || !stored) return null;
      try {
        let unpacked: Uint8Array;
        if (entry.method === 0) unpacked = stored;
        else if (entry.method === 8) unpacked = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) });
        else return null;
        return unpacked.length === entry.size ? STRICT_UTF8.decode(unpacked) : null;
      } catch {
        return null;
      }
    },
  };
}

const UTF8 = new TextDecoder();
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
