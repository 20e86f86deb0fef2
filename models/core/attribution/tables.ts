/** Helpers the attribution models share for writing their tables. */

/** `"core"."name"` (as the runner passes a TypeScript model its table) -> ['core', 'name']. */
export function splitQualifiedName(table: string): [schema: string, name: string] {
  const parts = [...table.matchAll(/"((?:[^"]|"")*)"|([^."]+)/g)].map((match) => (match[1] ?? match[2] ?? '').replaceAll('""', '"'));
  if (parts.length !== 2) throw new Error(`Not a schema-qualified table name: ${table}`);
  return [parts[0]!, parts[1]!];
}
