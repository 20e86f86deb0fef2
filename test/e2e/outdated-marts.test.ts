/**
 * `advocacy report` as a process, on a copy of the demo warehouse whose mart another
 * version built: one sentence saying to build, exit code 6, no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { advocacyProcess } from '../helpers/cli.ts';
import { demoBuild } from '../helpers/demo.ts';
import { tempFolder } from '../helpers/warehouse.ts';
import { COMPANY_NAME } from '../reports/fixtures.ts';

describe('reports from a warehouse built by another version', () => {
  it('`advocacy report` on a warehouse built by another version stops with exit code 6 and says to build, without a stack trace', () => {
    const root = tempFolder();
    const path = join(root, 'warehouse/advocacy.duckdb');
    mkdirSync(join(root, 'warehouse'));
    copyFileSync(join(demoBuild().root, 'warehouse/advocacy.duckdb'), path);
    const config = join(root, 'advocacy.config.json');
    writeFileSync(
      config,
      JSON.stringify({ company: { name: COMPANY_NAME }, salt: 'outdated-mart-test-salt', paths: { warehouse: path, out: join(root, 'out') } }),
    );
    const alter = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const connection = await (await DuckDBInstance.create(${JSON.stringify(path)})).connect();
      await connection.run('alter table marts.reach_comparison rename column company_page_value to page_value');
    `,
      ],
      { cwd: join(import.meta.dirname, '../..'), encoding: 'utf8' },
    );
    expect(alter.status, alter.stderr).toBe(0);

    const report = advocacyProcess(['report', '--force', '--config', config], root);
    expect(report.status).toBe(ExitCode.checkFailed);
    expect(report.stderr).toContain(
      "The warehouse's marts.reach_comparison was built by another version of the pipeline: run `advocacy build` (its column 7 is page_value DOUBLE where this version reads company_page_value DOUBLE).",
    );
    expect(report.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
