import { describe, expect, it } from 'vitest';
import { formatSql, sqlFiles, unformattedSqlFiles } from '../../../pipelines/lint/sql.ts';

describe('pipelines/lint/sql', () => {
  it('writes keywords in lower case, one clause per line, with two-space indents, and keeps comments', () => {
    expect(formatSql('-- grain: one row per x\nSELECT A,b FROM t WHERE x=1')).toBe('-- grain: one row per x\nselect\n  A,\n  b\nfrom\n  t\nwhere\n  x = 1\n');
  });

  it('keeps DuckDB syntax: struct literals, casts, named macro arguments, group by all', () => {
    const sql = "create or replace macro m (a, b := '') as {'x': nullif(a, b)::varchar};\nselect m(1).x as x, count(*) from t group by all";
    expect(formatSql(formatSql(sql))).toBe(formatSql(sql));
    expect(formatSql(sql)).toContain("b := ''");
    expect(formatSql(sql)).toContain("{'x': nullif(a, b)::varchar}");
    expect(formatSql(sql)).toContain('group by all');
  });

  it('every SQL model and macro is formatted (npm run format rewrites those that are not)', () => {
    expect(sqlFiles().length).toBeGreaterThan(90);
    expect(unformattedSqlFiles()).toEqual([]);
  });
});
