/**
 * What a LinkedIn company Page export's file name says
 * (docs/formats.md#linkedin-company-page-exports, pattern INFERRED):
 * `<pagename>_content_<range>.xls`, e.g. `tecnoprism_content_30D.xls` or
 * `nordlys-energi_content_2026-09-01_2026-09-30.xlsx`; likewise `_followers_`, `_visitors_`
 * and `_competitors_`. Also the few rules the Page exports' sheets share.
 */
import type { DerivedColumnSpec, FileContext, FileFacts } from '../adapter.ts';
import type { GridRow } from '../read/grid.ts';
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

/** A label as a canonical value: `Job function` → `job_function`, `Careers: Life` → `careers_life`. */
export function snakeCase(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Why a row cannot be reshaped, when it has values beyond the header's last column (a
 * CSV whose `1,234` lost its quotes); null otherwise. Adapters that rebuild rows from
 * named cells check this first, since the shared width check no longer sees the row.
 */
export function overflowProblem(row: GridRow, header: readonly string[]): string | null {
  const width = header.findLastIndex((cell) => cell.trim() !== '') + 1;
  const used = row.cells.findLastIndex((cell) => cell.trim() !== '') + 1;
  return used > width ? `the row has ${used} fields where the header has ${width}; a delimiter or quote inside a value is probably unescaped` : null;
}
