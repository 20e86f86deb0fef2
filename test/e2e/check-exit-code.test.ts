/**
 * `advocacy check` as a process: a damaged warehouse exits 6 with the list of what is
 * wrong, a run says so too, and once repaired the check passes again.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { runInbox } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { advocacyProcess as advocacy } from '../helpers/cli.ts';
import { tempFolder, testConfig } from '../helpers/warehouse.ts';

const PROGRAM = join(import.meta.dirname, '../../fixtures/exports/program');

describe('advocacy check', () => {
  it('on the command line: exits 6 with the list, after a run too; passes again once the damage is repaired', async () => {
    const cwd = tempFolder('advocacy-check-');
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys Energi A/S\nsalt: check-test-salt\n');
    mkdirSync(join(cwd, 'inbox'));
    copyFileSync(join(PROGRAM, 'ambassadors.csv'), join(cwd, 'inbox/ambassadors.csv'));
    const ingest = advocacy(['ingest', 'inbox'], cwd);
    expect(ingest.status, ingest.stderr).toBe(ExitCode.ok);
    const clean = advocacy(['check'], cwd);
    expect(clean.status).toBe(ExitCode.ok);
    expect(clean.stdout).toMatch(/^check: the warehouse is consistent \(\d+ checks passed\)/);

    // Damage it behind the pipeline's back.
    const path = join(cwd, 'warehouse/advocacy.duckdb');
    let warehouse = await Warehouse.open(path);
    await warehouse.run(`delete from raw.program__ambassadors where ambassador_id = 'A005'`);
    warehouse.close();

    const damaged = advocacy(['check'], cwd);
    expect(damaged.status).toBe(ExitCode.checkFailed);
    expect(damaged.stderr).toMatch(
      /error: check: 1 of \d+ checks failed:\nerror: {3}rows in the raw layer match meta\.files\.rows_loaded for each loaded file: 1 offending, e\.g\. ambassadors\.csv \(file 1\): meta\.files says 5 rows, the raw layer holds 4/,
    );
    expect(damaged.stderr).not.toMatch(/\n\s+at /);

    // A run checks too, after its build and reports, and says so in its exit code and in meta.runs.
    const config = testConfig({}, cwd);
    const summary = await withSession({ ...config, paths: { ...config.paths, warehouse: path } }, 'run', memoryLogger(), (session) => runInbox(session));
    expect(summary.checkProblems.map((problem) => problem.check)).toEqual(['rows in the raw layer match meta.files.rows_loaded for each loaded file']);
    warehouse = await Warehouse.open(path);
    try {
      expect(await warehouse.one(`select status, message from meta.runs order by run_id desc limit 1`)).toEqual({
        status: 'done',
        message: 'check failed: rows in the raw layer match meta.files.rows_loaded for each loaded file',
      });
    } finally {
      warehouse.close();
    }
  });
});
