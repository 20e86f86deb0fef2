/**
 * What a LinkedIn company Page export's file name says (FORMATS.md 1b, pattern
 * INFERRED): `<pagename>_content_<range>.xls`, e.g. `tecnoprism_content_30D.xls` or
 * `nordlys-energi_content_2026-09-01_2026-09-30.xlsx`.
 */
import type { DerivedColumnSpec, FileContext, FileFacts } from '../adapter.ts';
import { parseDateParts, toCalendarDate } from '../read/values.ts';

export const PAGE_DERIVED_COLUMNS: readonly DerivedColumnSpec[] = [{ name: 'page_name', type: 'text' }];

const PAGE_FILE = /^(.+?)_(?:content|followers|visitors|competitors)(?:_(.*))?$/i;
const RANGE = /(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})/;

export function pageFileFacts(file: FileContext): FileFacts {
  const base = file.fileName.replace(/\.(xlsx|xls|csv)$/i, '').replace(/\s*\(\d+\)$/, '');
  const match = PAGE_FILE.exec(base);
  const facts: FileFacts = { values: { page_name: match ? match[1]! : null } };
  const range = match?.[2] ? RANGE.exec(match[2]) : null;
  if (range) {
    const start = parseDateParts(range[1]!, 'iso');
    const end = parseDateParts(range[2]!, 'iso');
    if (start) facts.periodStart = toCalendarDate(start);
    if (end) facts.periodEnd = toCalendarDate(end);
  }
  return facts;
}
