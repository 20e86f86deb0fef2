/**
 * Writes a TypeScript model's rows as its table: the table is created with explicit column
 * types (measures are double or integer, never bigint) and filled through the warehouse's
 * appender.
 */
import { quotedIdentifier, type Warehouse } from '../../pipelines/warehouse.ts';
import type { ModelTable } from '../runner.ts';

export type ColumnType = 'varchar' | 'double' | 'integer' | 'date' | 'boolean';

export interface Column<Row> {
  name: string;
  type: ColumnType;
  value: (row: Row) => unknown;
}

/** Creates (or replaces) `table` with `columns` and appends `rows`, in the given order. */
export async function writeRows<Row>(warehouse: Warehouse, table: ModelTable, columns: readonly Column<Row>[], rows: readonly Row[]): Promise<void> {
  const definition = columns.map((column) => `${quotedIdentifier(column.name)} ${column.type}`).join(', ');
  await warehouse.run(`create or replace table ${table.qualified} (${definition})`);
  await warehouse.append(
    table.schema,
    table.name,
    rows.map((row) => columns.map((column) => normalise(column.value(row), column.type))),
  );
}

function normalise(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  if ((type === 'double' || type === 'integer') && typeof value === 'number' && !Number.isFinite(value)) return null;
  if (type === 'integer' && typeof value === 'number') return Math.round(value);
  return value;
}

/** `YYYY-MM-DD` of a date read from the warehouse (a UTC-midnight Date). */
export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** A UTC-midnight Date of `YYYY-MM-DD`, as DATE columns take it. */
export function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
