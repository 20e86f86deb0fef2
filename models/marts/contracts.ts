/**
 * The marts' contracts: each mart's columns, in order, with their DuckDB types. The model
 * runner checks every mart it builds against its contract, and the reports read the marts
 * by it (their row types are derived from it, see `reports/marts.ts`), so a column that a
 * model renames or retypes fails the build instead of reaching a report.
 *
 * A type ending in `?` marks a column that may hold nulls (read as `| null`); the others
 * hold none on a program's data.
 */

import { qualifiedName, type Warehouse } from '../../pipelines/warehouse.ts';
import { ACTIVITY_MART_COLUMNS } from './contracts/activity.ts';
import type { DeclaredColumn, MartColumnType } from './contracts/columns.ts';
import { VALUE_MART_COLUMNS } from './contracts/value.ts';

export type { DeclaredColumn } from './contracts/columns.ts';

/** Every mart's columns, in order, with their declared types. */
export const MART_CONTRACTS = { ...ACTIVITY_MART_COLUMNS, ...VALUE_MART_COLUMNS };

export type ContractMartName = keyof typeof MART_CONTRACTS;

/** A value as the warehouse's `all()` returns it (BIGINT arrives as a bigint; marts cast counts to INTEGER). */
type JsValue<T extends MartColumnType> = T extends 'VARCHAR'
  ? string
  : T extends 'DOUBLE' | 'INTEGER'
    ? number
    : T extends 'BIGINT'
      ? bigint
      : T extends 'DATE' | 'TIMESTAMP'
        ? Date
        : boolean;

type JsColumn<D extends DeclaredColumn> = D extends `${infer T extends MartColumnType}?` ? JsValue<T> | null : D extends MartColumnType ? JsValue<D> : never;

/** One row of `marts.<N>` as read: each declared column typed from its contract. */
export type ContractRow<N extends ContractMartName> = {
  -readonly [C in keyof (typeof MART_CONTRACTS)[N]]: JsColumn<(typeof MART_CONTRACTS)[N][C] & DeclaredColumn>;
};

/** The declared columns of a mart, in order. */
export function contractColumns<N extends ContractMartName>(name: N): (keyof (typeof MART_CONTRACTS)[N] & string)[] {
  return Object.keys(MART_CONTRACTS[name]) as (keyof (typeof MART_CONTRACTS)[N] & string)[];
}

export function isContractMart(name: string): name is ContractMartName {
  return Object.hasOwn(MART_CONTRACTS, name);
}

/** Where a built mart first departs from its contract: the column, and what each side says of it (`none`: no such column). */
export interface ContractMismatch {
  mart: ContractMartName;
  /** 1-based. */
  position: number;
  /** The column the contract declares there, or the built one where the contract has none. */
  column: string;
  declared: string;
  actual: string;
}

/** The columns of `marts.<name>` as built, in order; empty when it does not exist. */
export async function builtColumns(warehouse: Warehouse, name: string): Promise<{ name: string; type: string }[]> {
  // `describe` answers in a fraction of the time information_schema takes, with the same type names.
  const columns = await warehouse.all<{ column_name: string; column_type: string }>(`describe ${qualifiedName('marts', name)}`).catch((error: Error) => {
    if (error.message.startsWith('Catalog Error')) return [];
    throw error;
  });
  return columns.map((column) => ({ name: column.column_name, type: column.column_type }));
}

/**
 * Compares a mart's columns (as `information_schema.columns` gives them, in
 * order) with its contract: names, order and types. Nullability is the data's, not the
 * table's (a DuckDB table built by `create table as` allows nulls everywhere).
 */
export function contractMismatch(name: ContractMartName, columns: readonly { name: string; type: string }[]): ContractMismatch | null {
  const declared = Object.entries(MART_CONTRACTS[name]) as [string, DeclaredColumn][];
  for (let index = 0; index < Math.max(declared.length, columns.length); index += 1) {
    const [declaredName, declaredType] = declared[index] ?? [];
    const built = columns[index];
    const declaredBase = declaredType?.replace(/\?$/, '');
    if (declaredName === built?.name && declaredBase === built?.type) continue;
    const column = declaredName ?? built?.name ?? '';
    return {
      mart: name,
      position: index + 1,
      column,
      declared: declaredName === undefined ? 'none' : `${declaredName} ${declaredBase}`,
      actual: built === undefined ? 'none' : `${built.name} ${built.type}`,
    };
  }
  return null;
}

/** `column 5 (impressions): models/marts/contracts.ts declares impressions DOUBLE, the built mart has impressions INTEGER`. */
export function describeMismatch(mismatch: ContractMismatch): string {
  const declared = mismatch.declared === 'none' ? 'no column there' : mismatch.declared;
  const actual = mismatch.actual === 'none' ? 'no column there' : mismatch.actual;
  return `column ${mismatch.position} (${mismatch.column}): models/marts/contracts.ts declares ${declared}, the built mart has ${actual}`;
}
