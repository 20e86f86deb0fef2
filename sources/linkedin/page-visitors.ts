/**
 * LinkedIn company Page visitors export (`<page>_visitors_<range>.xls`,
 * docs/formats.md#linkedin-page-visitors), sheet `Visitor metrics`: `Date`, then one
 * column per page section, measure and device, `<Section> page views
 * (desktop|mobile|total)` and `<Section> unique visitors (…)`: Overview, Life, Jobs and
 * Total in the 25-column files, other sections (About, People, Careers …) in newer ones.
 * The wide sheet is read as long rows, one per page, day, section, measure and device, so
 * a new section needs no change here. Other columns are not read. Its demographic sheets
 * load with it (`page-audience-demographics.ts`).
 */
import { defineAdapter, normaliseHeader, type LocatedTable } from '../adapter.ts';
import { locateTable } from '../read/table.ts';
import type { Grid, GridRow } from '../read/grid.ts';
import { candidateDateFormats } from '../read/values.ts';
import { PAGE_DEMOGRAPHIC_SHEETS } from './page-audience-demographics.ts';
import { overflowProblem, pageFileFacts, snakeCase, PAGE_DERIVED_COLUMNS } from './page-file.ts';

/** `overview page views (desktop)`, as `normaliseHeader` gives it. */
const METRIC_HEADER = /^(.+?) (page views|unique visitors) \((desktop|mobile|total)\)$/;
const LONG_HEADER = ['Date', 'Section', 'Measure', 'Device', 'Value'];

export const linkedinPageVisitors = defineAdapter({
  name: 'linkedin.page_visitors',
  platform: 'linkedin',
  title: 'LinkedIn company Page visitors export (page views and unique visitors per day)',
  signature: ['Date', ['Total page views (total)', 'Overview page views (total)'], ['Total unique visitors (total)', 'Overview unique visitors (total)']],
  sheet: 'Visitor metrics',
  loader: 'papaparse',
  dateOrder: 'mdy',
  naturalKey: ['page_name', 'activity_on', 'section', 'measure', 'device'],
  columns: [
    { name: 'activity_on', headers: ['Date'], type: 'date', required: true },
    { name: 'section', headers: ['Section'], type: 'text', required: true },
    { name: 'measure', headers: ['Measure'], type: 'text', required: true },
    { name: 'device', headers: ['Device'], type: 'text', required: true },
    { name: 'value', headers: ['Value'], type: 'integer' },
  ],
  derivedColumns: PAGE_DERIVED_COLUMNS,
  companions: PAGE_DEMOGRAPHIC_SHEETS,
  fileFacts: pageFileFacts,
  locateTable: unpivotVisitorMetrics,
});

/** The shared table rule, then each day's row as one row per metric column, on the day's line. */
function unpivotVisitorMetrics(grid: Grid): LocatedTable | null {
  const table = locateTable(grid, linkedinPageVisitors);
  if (!table) return null;
  const header = table.header.map(normaliseHeader);
  const date = header.indexOf('date');
  const metrics = header.flatMap((label, index) => {
    const match = METRIC_HEADER.exec(label);
    return match ? [{ index, section: snakeCase(match[1]!), measure: snakeCase(match[2]!), device: match[3]! }] : [];
  });
  const rows = table.rows.flatMap((row): GridRow[] => {
    if (row.problem) return [row];
    const problem = overflowProblem(row, table.header);
    if (problem) return [{ ...row, problem }];
    const day = (row.cells[date] ?? '').trim();
    const long = metrics.map((metric) => ({ line: row.line, cells: [day, metric.section, metric.measure, metric.device, row.cells[metric.index] ?? ''] }));
    // A day that no layout reads would be rejected once per metric; once for its line says the same.
    return day === '' || candidateDateFormats([day]).length === 0 ? long.slice(0, 1) : long;
  });
  return { ...table, header: LONG_HEADER, rows };
}
