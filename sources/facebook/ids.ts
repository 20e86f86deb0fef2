/**
 * Meta's ids (Post ID, Page ID) are 15–17 digit integers. A file opened and saved in
 * Excel comes back with them in scientific notation (`1.22158E+17`): the digits are
 * gone, and guessing them would attach metrics to the wrong post.
 */
import { rejectRow, type RowRejection } from '../adapter.ts';

const EXCEL_DAMAGE = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;

/** A rejection when an id is not what Meta writes, or null when it is fine. */
export function checkMetaId(value: unknown, field: string, label: string, pattern: RegExp = /^\d+$/): RowRejection | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (EXCEL_DAMAGE.test(text)) {
    return rejectRow(
      `${label} "${text}" is in scientific notation: the file was opened and saved in Excel, which destroys the last digits of Meta's ids; export the file again from Meta Business Suite and load it without opening it in Excel (or import it as text)`,
      field,
      text,
    );
  }
  if (!pattern.test(text)) return rejectRow(`${label} "${text}" is not a Meta id (digits only)`, field, text);
  return null;
}
