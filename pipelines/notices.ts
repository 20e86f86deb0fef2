/**
 * Notes about files that loaded (a date layout read one way, a file with no rows) told
 * once per kind for a whole ingest: a run over a hundred workbooks says each thing once,
 * with how many files it concerns and one of them.
 */
import { basename } from 'node:path';

/** One line per distinct note: `  <file>: <note>` for one file, `  <note>: <n> files, e.g. <file>` for more. */
export function describeNotes(files: readonly { path: string; notes: readonly string[] }[]): string[] {
  const filesByNote = new Map<string, string[]>();
  for (const file of files) {
    for (const note of new Set(file.notes)) filesByNote.set(note, [...(filesByNote.get(note) ?? []), basename(file.path)]);
  }
  return [...filesByNote]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([note, [first, ...others]]) => (others.length === 0 ? `  ${first}: ${note}` : `  ${note}: ${others.length + 1} files, e.g. ${first}`));
}
