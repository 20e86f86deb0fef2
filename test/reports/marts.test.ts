/**
 * Reading the marts by their contracts: a mart that is missing, or built with another
 * column than this version reads, is an error naming the command to run (caught once, at
 * the command line), never a page with its section quietly left out.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MART_CONTRACTS } from '../../models/marts/contracts.ts';
import { ExitCode, OutdatedMartError } from '../../pipelines/errors.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { MART_COLUMNS, martQuery, readMart, type MartName } from '../../reports/marts.ts';
import { buildLeadershipPage } from '../../reports/pages/leadership.ts';
import { buildProgramPage } from '../../reports/pages/program.ts';
import { demoBuild } from '../helpers/demo.ts';
import { tempFolder } from '../helpers/warehouse.ts';
import { COMPANY_NAME, fixtureMarts, loadMarts } from './fixtures.ts';

const BIN = join(import.meta.dirname, '../../pipelines/advocacy.mjs');
const options = { companyName: COMPANY_NAME, currency: 'DKK', locale: 'en-GB' };

let warehouse: Warehouse;

beforeEach(async () => {
  warehouse = await Warehouse.open(':memory:');
});

afterEach(() => {
  warehouse.close();
});

describe('reports/marts', () => {
  it('reads each mart with its contract’s columns, in order', () => {
    for (const name of Object.keys(MART_COLUMNS) as MartName[]) {
      expect(MART_COLUMNS[name]).toEqual(Object.keys(MART_CONTRACTS[name]));
      expect(martQuery(name)).toMatch(new RegExp(`^select ${MART_COLUMNS[name].map((column) => `"${column}"`).join(', ')} from marts\\."${name}" order by `));
    }
  });

  it('reading a mart the warehouse lacks is an error naming the command to run, not an empty page', async () => {
    await expect(readMart(warehouse, 'program_summary')).rejects.toThrow(new OutdatedMartError('program_summary', 'it does not exist'));
    await expect(buildProgramPage(warehouse, options)).rejects.toThrow(
      "The warehouse's marts.program_summary was built by another version of the pipeline: run `advocacy build` (it does not exist).",
    );
  });

  it('a renamed column is an error naming the mart and the column, not a chart replaced by a note', async () => {
    await loadMarts(warehouse, fixtureMarts());
    await warehouse.run('alter table marts.leader_example rename column team_median to median_of_team');
    const error = await buildLeadershipPage(warehouse, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutdatedMartError);
    expect((error as Error).message).toBe(
      "The warehouse's marts.leader_example was built by another version of the pipeline: run `advocacy build` (its column 8 is median_of_team DOUBLE where this version reads team_median DOUBLE).",
    );
  });

  it('a column built with another type, a column more or a column less is an error too', async () => {
    await loadMarts(warehouse, fixtureMarts());
    await warehouse.run('alter table marts.program_weekly alter column posts type double');
    await expect(buildLeadershipPage(warehouse, options)).rejects.toThrow(
      'marts.program_weekly was built by another version of the pipeline: run `advocacy build` (its column 5 is posts DOUBLE where this version reads posts INTEGER).',
    );
    await warehouse.run('alter table marts.program_weekly alter column posts type integer');
    await warehouse.run('alter table marts.participation_weekly add column extra integer');
    await expect(buildProgramPage(warehouse, options)).rejects.toThrow(
      /marts\.participation_weekly was built by another version .* \(its column \d+, extra INTEGER, is one this version does not know\)\.$/,
    );
    await warehouse.run('alter table marts.participation_weekly drop column extra');
    await warehouse.run('alter table marts.cohort_activity drop column program_weeks');
    await expect(buildProgramPage(warehouse, options)).rejects.toThrow(
      'marts.cohort_activity was built by another version of the pipeline: run `advocacy build` (it lacks column 5, program_weeks INTEGER, which this version reads).',
    );
  });

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

    const report = spawnSync(process.execPath, [BIN, 'report', '--force', '--config', config], { cwd: root, encoding: 'utf8' });
    expect(report.status).toBe(ExitCode.checkFailed);
    expect(report.stderr).toContain(
      "The warehouse's marts.reach_comparison was built by another version of the pipeline: run `advocacy build` (its column 7 is page_value DOUBLE where this version reads company_page_value DOUBLE).",
    );
    expect(report.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
