/**
 * LinkedIn company Page followers and visitors exports, the demographic sheets
 * (docs/formats.md#linkedin-page-demographics): `Location`, `Job function`, `Seniority`,
 * `Industry` and `Company size`, each a two-column table `<dimension> | Total followers` in
 * the followers export and `<dimension> | Total views` (label INFERRED) in the visitors
 * export. One raw table holds them all, one row per page, dimension, value and day: the
 * header says which dimension (`job_function`) and whose audience (`followers`, `visitors`)
 * a sheet counts, whatever the sheet's name or place in the workbook. The counts are a
 * snapshot as of the export's last day, known from the file name (`as_of`, else null).
 *
 * A workbook's sheets load through `PAGE_DEMOGRAPHIC_SHEETS`, one copy of this adapter
 * per dimension (the shared loader reads one sheet per adapter); the registered adapter
 * takes any one of them, so a sheet saved alone as CSV loads too.
 */
import { defineAdapter, normaliseHeader, rejectRow, type Adapter, type FileContext, type FileFacts, type LocatedTable } from '../adapter.ts';
import { locateTable } from '../read/table.ts';
import type { Grid } from '../read/grid.ts';
import { overflowProblem, pageFileFacts, PAGE_DERIVED_COLUMNS } from './page-file.ts';

const DIMENSIONS = [
  { name: 'location', labels: ['Location', 'Locations'] },
  { name: 'job_function', labels: ['Job function', 'Job functions'] },
  { name: 'seniority', labels: ['Seniority'] },
  { name: 'industry', labels: ['Industry', 'Industries'] },
  { name: 'company_size', labels: ['Company size', 'Company sizes'] },
] as const;
type Dimension = (typeof DIMENSIONS)[number];

const FOLLOWER_LABELS = ['Total followers', 'Followers'];
const VIEW_LABELS = ['Total views', 'Total page views', 'Page views', 'Views'];

/** The derived cells put in front of each row: which dimension and whose audience. */
const DIMENSION_CELL = 'Dimension';
const AUDIENCE_CELL = 'Audience';

function demographicsAdapter(dimensions: readonly Dimension[]): Adapter {
  const adapter: Adapter = defineAdapter({
    name: 'linkedin.page_audience_demographics',
    platform: 'linkedin',
    title: 'LinkedIn company Page follower or visitor demographics',
    signature: [dimensions.flatMap((dimension) => dimension.labels), [...FOLLOWER_LABELS, ...VIEW_LABELS]],
    loader: 'papaparse',
    naturalKey: ['page_name', 'audience', 'dimension', 'value', 'as_of'],
    columns: [
      { name: 'dimension', headers: [DIMENSION_CELL], type: 'text', required: true },
      { name: 'audience', headers: [AUDIENCE_CELL], type: 'text', required: true },
      { name: 'value', headers: DIMENSIONS.flatMap((dimension) => dimension.labels), type: 'text' },
      { name: 'followers', headers: FOLLOWER_LABELS, type: 'integer' },
      { name: 'page_views', headers: VIEW_LABELS, type: 'integer' },
    ],
    derivedColumns: [...PAGE_DERIVED_COLUMNS, { name: 'as_of', type: 'date' }],
    fileFacts: demographicsFacts,
    locateTable: (grid) => locateDemographics(grid, adapter),
    transformRow(row) {
      // The label is the row's identity; the shared check cannot say which dimension lacks it.
      if (row.value === null) return rejectRow(`the ${String(row.dimension).replaceAll('_', ' ')} is empty, and every row needs one`, 'value', '');
      return row;
    },
  });
  return adapter;
}

/** Any one demographic sheet: the registered adapter, for a sheet saved alone as CSV. */
export const linkedinPageAudienceDemographics = demographicsAdapter(DIMENSIONS);

/** One adapter per demographic sheet, as companions of the followers and visitors exports; a sheet left out is skipped. */
export const PAGE_DEMOGRAPHIC_SHEETS: readonly Adapter[] = DIMENSIONS.map((dimension) => demographicsAdapter([dimension]));

function demographicsFacts(file: FileContext): FileFacts {
  const facts = pageFileFacts(file);
  return { ...facts, values: { ...facts.values, as_of: facts.periodEnd ?? null } };
}

/** The shared table rule, then each row led by its dimension and audience, read from the header. */
function locateDemographics(grid: Grid, adapter: Adapter): LocatedTable | null {
  const table = locateTable(grid, adapter);
  if (!table) return null;
  const header = new Set(table.header.map(normaliseHeader));
  const has = (labels: readonly string[]) => labels.some((label) => header.has(normaliseHeader(label)));
  const dimension = DIMENSIONS.find((candidate) => has(candidate.labels))!;
  const audience = has(FOLLOWER_LABELS) ? 'followers' : 'visitors';
  return {
    ...table,
    header: [DIMENSION_CELL, AUDIENCE_CELL, ...table.header],
    rows: table.rows.map((row) => {
      if (row.problem) return row;
      const problem = overflowProblem(row, table.header);
      return problem ? { ...row, problem } : { ...row, cells: [dimension.name, audience, ...row.cells] };
    }),
  };
}
