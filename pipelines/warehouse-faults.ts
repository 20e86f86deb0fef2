/**
 * Faults of the warehouse file and its disk rather than of the program's data: the file
 * is damaged (truncated, zeroed, overwritten, bits flipped) or is no DuckDB database, it
 * or its folder cannot be written, or the disk is full. DuckDB and Node report each as an
 * I/O error; here each becomes an error with its own exit code, saying what happened and
 * how to recover, so an unattended run's log tells the operator what to do.
 */
import { dirname, resolve } from 'node:path';
import { AdvocacyError, ExitCode } from './errors.ts';

export type WarehouseFaultKind = 'damaged' | 'readOnly' | 'diskFull';

/** DuckDB's messages for each fault; the messages name the file and the reason the system gave. */
const FAULT_MESSAGES: readonly [WarehouseFaultKind, RegExp][] = [
  // A failed write says "Could not write file \"…\": <strerror>"; a short write on a full disk says "Could not write all bytes".
  ['diskFull', /No space left on device|Disk quota exceeded|Could not write all bytes to file/i],
  ['readOnly', /Permission denied|Operation not permitted|Read-only file system|attached in read-only mode/i],
  [
    'damaged',
    /not a valid DuckDB database file|Could not read enough bytes from file|Corrupt database file|No more data remaining in MetadataReader|Failure while replaying WAL/i,
  ],
];

const FAULT_CODES: Record<string, WarehouseFaultKind> = { ENOSPC: 'diskFull', EDQUOT: 'diskFull', EACCES: 'readOnly', EPERM: 'readOnly', EROFS: 'readOnly' };

/** Which warehouse fault an error from DuckDB or the file system is; null for any other error. */
export function warehouseFaultKind(error: unknown): WarehouseFaultKind | null {
  if (!(error instanceof Error) || error instanceof AdvocacyError) return null;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && code in FAULT_CODES) return FAULT_CODES[code]!;
  return FAULT_MESSAGES.find(([, pattern]) => pattern.test(error.message))?.[0] ?? null;
}

/** The warehouse file is damaged or is not a DuckDB database; it is rebuilt from the archived exports. */
export class WarehouseDamagedError extends AdvocacyError {
  constructor(warehouse: string, archive: string, detail: string) {
    super(
      `The warehouse ${warehouse} is damaged or is not a DuckDB database (${detail}); nothing was changed. ` +
        `Run \`advocacy rebuild --from-archive\` to make it again from the exports archived in ${archive}; the damaged file is kept beside it.`,
      ExitCode.warehouseDamaged,
    );
  }
}

/** The warehouse file, or the folder it and its lock are written in, cannot be written by this user. */
export class WarehouseReadOnlyError extends AdvocacyError {
  constructor(warehouse: string, detail: string) {
    super(
      `The warehouse ${warehouse} cannot be written (${detail}); nothing was changed. ` +
        'Make the file and its folder writable for the user the pipeline runs as (chmod u+w), then run again.',
      ExitCode.warehouseReadOnly,
    );
  }
}

/** The disk the warehouse (or its lock, or DuckDB's temporary files) is on is full. */
export class DiskFullError extends AdvocacyError {
  constructor(warehouse: string, detail: string) {
    super(
      `No space is left on the disk (${detail}). The step that failed was rolled back and committed nothing to the warehouse ${warehouse}; ` +
        'what earlier steps committed is kept. Free space on that disk, then run again.',
      ExitCode.diskFull,
    );
  }
}

/** The error a run ends with for a warehouse fault; null when `error` is no such fault. */
export function warehouseFault(error: unknown, paths: { warehouse: string; archive: string }): AdvocacyError | null {
  const kind = warehouseFaultKind(error);
  if (kind === null) return null;
  // A file the system refused outside the warehouse's folder (a report in paths.out) is not the warehouse's fault.
  const refused = (error as NodeJS.ErrnoException).path;
  if (kind === 'readOnly' && refused !== undefined && !resolve(refused).startsWith(dirname(resolve(paths.warehouse)))) return null;
  const detail = (error as Error).message.replace(/^IO Error: /, '').replace(/[.!]+$/, '');
  switch (kind) {
    case 'damaged':
      return new WarehouseDamagedError(paths.warehouse, paths.archive, detail);
    case 'readOnly':
      return new WarehouseReadOnlyError(paths.warehouse, detail);
    case 'diskFull':
      return new DiskFullError(paths.warehouse, detail);
  }
}
