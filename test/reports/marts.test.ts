/**
 * Reading the marts by their contracts: a mart that is missing, or built with another
 * column than this version reads, is an error naming the command to run (caught once, at
 * the command line), never a page with its section quietly left out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MART_CONTRACTS } from '../../models/marts/contracts.ts';
import { OutdatedMartError } from '../../pipelines/errors.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { MART_COLUMNS, martHoldsRows, martQuery, martReads, readMart, type MartName } from '../../reports/marts.ts';
import { leaderboardStandings } from '../../reports/charts/leaderboard.ts';
import { createAnonymiser } from '../../reports/anonymise.ts';
import { buildLeadershipPage } from '../../reports/pages/leadership.ts';
import { buildProgramPage } from '../../reports/pages/program.ts';
import { COMPANY_NAME, fixtureMarts, loadMarts } from './fixtures.ts';
import { martRow } from './mart-row.ts';

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
      expect(martQuery(name)).toMatch(
        new RegExp(`^select ${MART_COLUMNS[name].map((column) => `"${column}"`).join(', ')} from marts\\."${name}"( where .*)? order by `),
      );
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

  it('says whether a mart holds rows without reading them, after the same check of its columns', async () => {
    const marts = fixtureMarts();
    await loadMarts(warehouse, marts);
    expect(marts.ambassadorWeekly.length).toBeGreaterThan(0);
    expect(await martHoldsRows(warehouse, 'ambassador_weekly')).toBe(true);
    expect(await martHoldsRows(warehouse, 'nudges')).toBe(false);
    const reads = martReads(warehouse);
    expect(await reads.holdsRows('ambassador_weekly')).toBe(true);
    await warehouse.run('delete from marts.ambassador_weekly');
    expect(await reads.holdsRows('ambassador_weekly')).toBe(false);
    await warehouse.run('alter table marts.ambassador_weekly drop column posts');
    await expect(martHoldsRows(warehouse, 'ambassador_weekly')).rejects.toThrow(OutdatedMartError);
  });

  it('reads of the leaderboard only the periods it can show, and shows the standings all its periods give', async () => {
    await loadMarts(warehouse, fixtureMarts());
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const period = (kind: string, contest: string, start: string, end: string, isCurrent: boolean) =>
      ['amb-01', 'amb-02', 'amb-03'].map((id, index) =>
        martRow('leaderboard', {
          period_kind: kind,
          contest,
          start_on: day(start),
          end_on: day(end),
          rank: index + 1,
          participants: 3,
          ambassador_id: id,
          display_name: `${contest} ${id}`,
          points: 30 - index * 10,
          is_current: isCurrent,
        }),
      );
    const months = ['01', '02', '03', '04', '05', '06'].map(
      (month) => (current: boolean) => period('month', `2026-${month}`, `2026-${month}-01`, `2026-${month}-28`, current),
    );
    const load = async (rows: object[]) => {
      await warehouse.run('delete from marts.leaderboard');
      const columns = MART_COLUMNS.leaderboard;
      await warehouse.append(
        'marts',
        'leaderboard',
        rows.map((row) => columns.map((column) => (row as Record<string, unknown>)[column] ?? null)),
      );
    };
    const shown = async () => {
      const anonymiser = createAnonymiser({ enabled: false });
      const read = await martReads(warehouse).read('leaderboard');
      const all = await warehouse.all<Parameters<typeof leaderboardStandings>[0][number]>(`select * from marts.leaderboard`);
      return { read: read.length, standings: leaderboardStandings(anonymiser.rows(read)), everything: leaderboardStandings(anonymiser.rows(all)) };
    };
    // A current contest beside the current month: the contest, read with the months that end last.
    await load([
      ...period('contest', 'Spring', '2026-03-01', '2026-06-15', true),
      ...period('contest', 'Winter', '2026-01-01', '2026-02-15', false),
      ...months.map((month, index) => month(index === 5)).flat(),
    ]);
    let result = await shown();
    expect(result.standings.map((row) => row.display_name)).toEqual(['Spring amb-01', 'Spring amb-02', 'Spring amb-03']);
    expect(result.standings).toEqual(result.everything);
    expect(result.read).toBe(6);
    // No contest running: the current month.
    await load([...period('contest', 'Winter', '2026-01-01', '2026-02-15', false), ...months.map((month, index) => month(index === 4)).flat()]);
    result = await shown();
    expect(result.standings.map((row) => row.contest)).toEqual(['2026-05', '2026-05', '2026-05']);
    expect(result.standings).toEqual(result.everything);
    // Nothing current: the period that ends last.
    await load([...period('contest', 'Summer', '2026-06-01', '2026-07-31', false), ...months.map((month) => month(false)).flat()]);
    result = await shown();
    expect(result.standings.map((row) => row.contest)).toEqual(['Summer', 'Summer', 'Summer']);
    expect(result.standings).toEqual(result.everything);
    expect(result.read).toBe(3);
  });
});
