/**
 * A run end to end, in this process: the inbox loaded, archived and set aside, the models
 * built and the reports written; then runs with nothing new and with a new file.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../pipelines/log.ts';
import { checkWarehouse } from '../../pipelines/check.ts';
import { runInbox } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { archivedDay, tempFolder, testConfig } from '../helpers/warehouse.ts';

const EXPORTS = join(import.meta.dirname, '../../fixtures/exports');

describe('pipelines/run', () => {
  it('loads the inbox, archives what loaded, sets aside what failed with the reason, then builds and reports', async () => {
    const root = tempFolder();
    const config = testConfig({}, root);
    mkdirSync(join(config.paths.inbox, 'program'), { recursive: true });
    copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), join(config.paths.inbox, 'program/ambassadors.csv'));
    copyFileSync(join(EXPORTS, 'web/touchpoints.csv'), join(config.paths.inbox, 'touchpoints.csv'));
    writeFileSync(join(config.paths.inbox, 'weather.csv'), 'city,temperature\nAarhus,4\n');

    const started = new Date();
    const summary = await withSession(config, 'run', memoryLogger(), (session) => runInbox(session));
    expect(summary).toMatchObject({ filesLoaded: 2, filesFailed: 1 });
    expect(summary.reportFiles.length).toBeGreaterThan(0);

    const day = archivedDay(config.paths.archive, config.timezone, started);
    expect(existsSync(join(config.paths.archive, day, 'program/ambassadors.csv'))).toBe(true);
    expect(existsSync(join(config.paths.archive, day, 'touchpoints.csv'))).toBe(true);
    expect(readdirSync(config.paths.inbox).sort()).toEqual(['failed', 'program']);
    expect(readdirSync(join(config.paths.inbox, 'program'))).toEqual([]);
    const note = readFileSync(join(config.paths.inbox, 'failed/weather.csv.error.txt'), 'utf8');
    expect(note).toMatch(/weather\.csv is not a format the pipeline knows/);
    expect(note).toMatch(/put it back into the inbox/);

    // A second run finds nothing new, and the same export dropped again is archived, not loaded twice.
    copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), join(config.paths.inbox, 'ambassadors-again.csv'));
    const againLog = memoryLogger();
    const again = await withSession(config, 'run', againLog, (session) => runInbox(session));
    expect(again).toMatchObject({ filesLoaded: 0, filesAlreadyLoaded: 1, filesFailed: 0 });
    expect(existsSync(join(config.paths.archive, day, 'ambassadors-again.csv'))).toBe(true);
    // Nothing changed since the first run's build and passing check: neither runs again.
    expect(again).toMatchObject({ modelsBuilt: 0, reportFiles: [], checkProblems: [] });
    expect(againLog.lines).toContain('nothing new since the last build: the models are up to date');
    expect(againLog.lines.some((line) => /^check: passed at .*, and nothing was loaded or built since$/.test(line))).toBe(true);

    // A new file changes the build, so the third run builds and checks again.
    copyFileSync(join(EXPORTS, 'web/outcomes.csv'), join(config.paths.inbox, 'outcomes.csv'));
    const thirdLog = memoryLogger();
    const third = await withSession(config, 'run', thirdLog, (session) => runInbox(session));
    expect(third.filesLoaded).toBe(1);
    expect(third.modelsBuilt).toBeGreaterThan(0);
    // The models' checks ran as the build made each table; the check runs the rest, and between them every check of `advocacy check`.
    const checkLine = thirdLog.lines
      .map((line) => /^check: the warehouse is consistent \((\d+) checks passed, and the models' (\d+) checks as they were built\)$/.exec(line))
      .find(Boolean);
    expect(checkLine).toBeTruthy();

    const warehouse = await Warehouse.open(config.paths.warehouse);
    try {
      const standalone = await checkWarehouse(warehouse);
      expect(standalone.problems).toEqual([]);
      expect(Number(checkLine![2])).toBeGreaterThan(0);
      expect(Number(checkLine![1]) + Number(checkLine![2])).toBe(standalone.checks);
      expect(await warehouse.one(`select count(*)::integer as n from core.ambassadors`)).toEqual({ n: 5 });
      expect(await warehouse.one(`select count(*)::integer as n from meta.runs where status = 'done'`)).toEqual({ n: 3 });
      // The next run's check reads the raw rows of the files after these alone.
      expect(await warehouse.one(`select file_id from meta.raw_files_checked`)).toEqual(
        await warehouse.one(`select max(file_id)::integer as file_id from meta.files`),
      );
    } finally {
      warehouse.close();
    }
  });
});
