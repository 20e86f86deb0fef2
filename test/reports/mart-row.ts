/**
 * A row of a mart as the reports read it, for hand-made fixtures: the columns a test sets,
 * and every other column of the mart's contract at its empty value (null where the
 * contract allows nulls, else 0, '', false or 1970-01-01).
 */
import { type DeclaredColumn, MART_CONTRACTS } from '../../models/marts/contracts.ts';
import type { MartName, MartRow } from '../../reports/marts.ts';

export function martRow<N extends MartName>(name: N, values: Partial<MartRow<N>>): MartRow<N> {
  const given = values as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [column, type] of Object.entries(MART_CONTRACTS[name]) as [string, DeclaredColumn][]) {
    row[column] = column in given ? given[column] : emptyValue(type);
  }
  return row as MartRow<N>;
}

function emptyValue(type: DeclaredColumn): unknown {
  if (type.endsWith('?')) return null;
  switch (type) {
    case 'VARCHAR':
      return '';
    case 'BOOLEAN':
      return false;
    case 'DATE':
    case 'TIMESTAMP':
      return new Date(0);
    case 'BIGINT':
      return 0n;
    default:
      return 0;
  }
}
