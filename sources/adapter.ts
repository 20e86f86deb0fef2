/**
 * The adapter contract. An adapter is a plain object that declares one export format:
 * how to recognise it (its header signature), the columns it reads and their types,
 * its natural key, and hooks for the quirks only it has. The work of decoding,
 * locating the header, parsing values, rejecting bad rows and landing rows in the raw
 * layer is shared (`sources/parse.ts`, `sources/read/`, `pipelines/ingest.ts`).
 */
import type { Grid, GridRow } from './read/grid.ts';

export type Platform = 'linkedin' | 'facebook' | 'ga4' | 'web' | 'crm' | 'ats' | 'program';

/**
 * How a cell is read. `percent` gives a fraction (`"6.14%"` → 0.0614). `money` gives an
 * amount as its exact digits (`"kr. 1.200,50"` → `'1200.5'`), checked against its
 * currency and landed as DECIMAL (`sources/read/money.ts`). `url` is a web address as
 * written, `http://` or `https://` only: the reports link to it.
 */
export type ColumnType = 'text' | 'url' | 'integer' | 'number' | 'money' | 'percent' | 'date' | 'timestamp' | 'boolean';

export interface ColumnSpec {
  /** Canonical name of the raw column (snake_case; `_at` timestamps, `_on` dates). */
  name: string;
  /**
   * The header labels this column goes by, across generations and UI languages. Matched
   * without regard to case, surrounding spaces or line breaks inside the header cell.
   */
  headers: readonly string[];
  type: ColumnType;
  /**
   * The column must be in the file, and every row must have a value in it.
   * __Default value:__ `false`
   */
  required?: boolean;
  /**
   * A lead's or candidate's personal data (e-mail, name): replaced by a salted SHA-256
   * at ingest, so it never reaches the warehouse.
   * __Default value:__ `false`
   */
  personal?: boolean;
  /**
   * The IANA zone of a `timestamp` column's wall-clock times when the platform fixes it
   * (LinkedIn's data archive writes UTC). A time with its own offset keeps that offset.
   * __Default value:__ the config's `timezone`
   */
  timezone?: string;
  /**
   * The column records when something already happened, so a value after tomorrow is
   * impossible in an export and the row is rejected. `false` for dates that may lie
   * ahead (an open deal's expected close date, a scheduled publication).
   * __Default value:__ by name, see `recordsPastEvent` in `sources/read/row-checks.ts`: `timestamp`
   * columns ending in `_at` (but `closed_at`), and the activity dates (`day`,
   * `activity_on`, `created_on`, `applied_on`, `hired_on` ...)
   */
  past?: boolean;
  /**
   * An `integer` column that may hold negative numbers (a net change). Integer columns
   * are counts otherwise, and a negative count is rejected.
   * __Default value:__ `false`
   */
  signed?: boolean;
  /**
   * A `money` column's currency column: the canonical name of the column holding each
   * row's currency code. A currency written beside the amount (`EUR 100`) must agree
   * with the row's currency, or with the program's when the row names none.
   * __Default value:__ none: the amount is in the program's currency (config `currency`)
   */
  currency?: string;
}

/** A header label, or a list of labels any one of which will do. */
export type SignatureLabel = string | readonly string[];

/** A column filled by the adapter (from the file name, the preamble or `transformRow`) rather than read from a header. */
export interface DerivedColumnSpec {
  name: string;
  type: ColumnType;
}

/** What the shared loader knows about a file before reading its rows. */
export interface FileContext {
  /** The file's base name, e.g. `Content_2026-04-25_2026-05-01_Cate Huston.xlsx`. */
  fileName: string;
  /** The name of the folder the file is in (an ambassador's id in an inbox sub-folder). */
  folderName: string;
  /** The rows above the header, as text lines (GA4's `#` preamble, a description row). */
  preamble: string[];
  timezone: string;
}

/** Facts about a whole file, from its name or preamble. */
export interface FileFacts {
  periodStart?: Date;
  periodEnd?: Date;
  /** Values of derived columns that are the same for every row of the file. */
  values?: Record<string, unknown>;
}

/** A row after parsing: canonical column name to typed value (or null). */
export type ParsedRow = Record<string, unknown>;

export interface RowRejection {
  reject: true;
  field: string | null;
  value: string | null;
  reason: string;
}

/** A table found in a grid: its header row and the data rows under it. */
export interface LocatedTable {
  header: string[];
  headerLine: number;
  rows: GridRow[];
  /** Summary rows (totals, footers) skipped, not rejected. */
  skipped: number;
  preamble: string[];
}

export interface Adapter {
  /** `<platform>.<export>`; the raw table is `raw.<platform>__<export>`. */
  name: string;
  platform: Platform;
  /** What the export is, in the words a user would use. */
  title: string;
  /**
   * Header labels that all appear in one row of this format, and together in no other.
   * An inner list means "any one of these" (a column renamed between generations).
   */
  signature: readonly SignatureLabel[];
  columns: readonly ColumnSpec[];
  derivedColumns?: readonly DerivedColumnSpec[];
  /** Columns that identify a row; unique within a file, and across files the latest snapshot wins. */
  naturalKey: readonly string[];
  /**
   * `read_csv` for big, clean files (DuckDB reads them), `papaparse` for files that need
   * cleaning in code.
   */
  loader: 'read_csv' | 'papaparse';
  /**
   * For workbooks: the sheet holding the table (matched without regard to case).
   * __Default value:__ the first sheet whose rows hold the signature.
   */
  sheet?: string;
  /**
   * The day-month order of slash dates when the platform fixes it (LinkedIn and Meta
   * write US `M/D/YYYY`). __Default value:__ resolved from the values, then the locale.
   */
  dateOrder?: 'mdy' | 'dmy';
  /**
   * Keep columns that are not declared, as JSON in `_extra` (the program's own files:
   * a company may add columns).
   * __Default value:__ `false`
   */
  keepExtraColumns?: boolean;
  /**
   * Other tables of the same file (a workbook's other sheets) that load with it, each
   * into its own raw table, in the same transaction. A companion is an adapter in its
   * own right too, so a CSV saved from that sheet alone loads through it.
   */
  companions?: readonly Adapter[];
  /**
   * Formats whose table also appears inside this format's files, as one block among
   * others (Meta's `Audience.csv` holds a Page daily series under its demographics): a
   * file that matches this adapter and one of these is this adapter's. The block is
   * read by this adapter, not loaded a second time.
   */
  embeds?: readonly Adapter[];
  /** Totals and footer rows (`Grand total`, Salesforce's copyright lines): skipped and counted. */
  isSummaryRow?(cells: readonly string[]): boolean;
  /** Facts about the file from its name and preamble (period, the member it belongs to). */
  fileFacts?(file: FileContext): FileFacts;
  /** Finds the table in the grid when the shared rule (first row holding the signature) does not fit. */
  locateTable?(grid: Grid): LocatedTable | null;
  /** Cleans or completes one parsed row, or rejects it with a reason. */
  transformRow?(row: ParsedRow, facts: FileFacts): ParsedRow | RowRejection;
  /**
   * The row hooks in SQL, for the DuckDB `read_csv` loader, which takes an adapter with row
   * hooks only when it has them all in SQL too. The JS hooks stay the definition.
   */
  sqlHooks?: SqlRowHooks;
}

/**
 * An adapter's row hooks as SQL over one row, for the DuckDB `read_csv` loader
 * (`sources/read-csv.ts`). Each must give what its JS hook gives, for every row: a row the
 * SQL rejects is read again by the JS hooks, which must reject it too (and give the
 * reason), or the file goes through papaparse; the rows it keeps are compared with the
 * papaparse path's (`test/sources/read-csv.test.ts`).
 */
export interface SqlRowHooks {
  /** `isSummaryRow`: true for a summary row, given the SQL of each of its cells trimmed as JS's `trim()` trims (`''` for a missing one). */
  isSummaryRow?(cells: readonly string[]): string;
  /** `transformRow`, given the file's facts and the SQL of a column's typed value. */
  transformRow?(facts: FileFacts, value: (column: string) => string): SqlTransform;
}

/** What `transformRow` does to a row, in SQL. */
export interface SqlTransform {
  /** The SQL of each column it sets, derived or declared. */
  columns: Record<string, string>;
  /** A condition that is true for a row it rejects. */
  rejects: string;
}

/** Declares an adapter; the identity function gives type checking and a single place to add defaults later. */
export function defineAdapter(adapter: Adapter): Adapter {
  return adapter;
}

export function rejectRow(reason: string, field: string | null = null, value: string | null = null): RowRejection {
  return { reject: true, field, value, reason };
}

export function isRejection(value: ParsedRow | RowRejection): value is RowRejection {
  return (value as RowRejection).reject === true;
}

/** The raw table an adapter lands its rows in. */
export function rawTableName(adapter: Pick<Adapter, 'name'>): string {
  return adapter.name.replace('.', '__');
}

/** Header text as it is compared: lower case, single spaces, no line breaks or BOM. */
export function normaliseHeader(header: string): string {
  // Most cells looked at (values below a header, ids, dates) are already in that form.
  if (!SPACING_TO_NORMALISE.test(header) && header === header.toLowerCase()) return header;
  let normalised = normalisedHeaders.get(header);
  if (normalised === undefined) {
    normalised = header
      .replace(/^\ufeff/, '')
      .replace(/[\r\n]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
    if (normalisedHeaders.size >= MAX_REMEMBERED_HEADERS) normalisedHeaders.clear();
    normalisedHeaders.set(header, normalised);
  }
  return normalised;
}

/** Whitespace other than single spaces between words (a BOM is whitespace to JavaScript). */
const SPACING_TO_NORMALISE = /^ | $| {2}|[^\S ]/;
// Every header of every file is compared with every column's names: the few distinct ones are worked out once.
const normalisedHeaders = new Map<string, string>();
const MAX_REMEMBERED_HEADERS = 10_000;
