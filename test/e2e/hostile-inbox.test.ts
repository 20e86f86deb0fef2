import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig, type Config } from '../../pipelines/config.ts';
import { ConfigError } from '../../pipelines/errors.ts';
import { memoryLogger } from '../../pipelines/log.ts';
import { runInbox, type RunSummary } from '../../pipelines/run.ts';
import { withSession } from '../../pipelines/session.ts';
import { localCalendarDay } from '../../sources/read/values.ts';
import { tempFolder, testConfig } from '../helpers/warehouse.ts';

const EXPORTS = join(import.meta.dirname, '../../fixtures/exports');
const LONG_NAME = `${'a'.repeat(251)}.csv`;

describe('a run on an inbox someone else can write to', () => {
  const outside = tempFolder('advocacy-outside-');
  let config: Config;
  let summary: RunSummary;
  let lines: string[];
  let day: string;

  beforeAll(async () => {
    config = testConfig({}, tempFolder());
    const { inbox, archive, out } = config.paths;
    day = localCalendarDay(new Date(), config.timezone);
    mkdirSync(join(outside, 'folder'), { recursive: true });
    copyFileSync(join(EXPORTS, 'web/touchpoints.csv'), join(outside, 'folder/touchpoints.csv'));
    writeFileSync(join(outside, 'folder/weather.csv'), 'city,temperature\nAarhus,4\n');
    copyFileSync(join(EXPORTS, 'web/outcomes.csv'), join(outside, 'outcomes.csv'));
    writeFileSync(join(outside, 'precious.txt'), 'keep me\n');

    mkdirSync(join(inbox, 'failed'), { recursive: true });
    symlinkSync(join(outside, 'folder'), join(inbox, 'extdir'));
    symlinkSync(join(outside, 'outcomes.csv'), join(inbox, 'linked.csv'));
    symlinkSync('.', join(inbox, 'self'));
    writeFileSync(join(inbox, 'bad.csv'), 'city,temperature\nAarhus,4\n');
    symlinkSync(join(outside, 'precious.txt'), join(inbox, 'failed/bad.csv.error.txt'));
    copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), join(inbox, '.hidden.csv'));
    copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), join(inbox, LONG_NAME));
    mkdirSync(join(archive, day), { recursive: true });
    writeFileSync(join(archive, day, LONG_NAME), 'archived before\n');
    mkdirSync(join(inbox, 'program'));
    copyFileSync(join(EXPORTS, 'program/ambassadors.csv'), join(inbox, 'program/roster.csv'));
    mkdirSync(join(outside, 'archived'));
    symlinkSync(join(outside, 'archived'), join(archive, day, 'program'));
    mkdirSync(join(out, '.backup-2024-01-15'), { recursive: true });
    writeFileSync(join(out, '.backup-2024-01-15/notes.txt'), 'mine\n');

    const log = memoryLogger();
    summary = await withSession(config, 'run', log, (session) => runInbox(session));
    lines = log.lines;
  });

  it('symlinked folder in the inbox: reported and left, its files neither read nor moved', () => {
    expect(readdirSync(join(outside, 'folder')).sort()).toEqual(['touchpoints.csv', 'weather.csv']);
    expect(lstatSync(join(config.paths.inbox, 'extdir')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(config.paths.archive, day, 'extdir'))).toBe(false);
    expect(lines.some((line) => /extdir.*link/.test(line))).toBe(true);
    expect(summary.filesSkipped).toBe(4);
  });

  it('symlink where the error note goes: not followed, the file it points to is untouched, the note written under another name', () => {
    expect(readFileSync(join(outside, 'precious.txt'), 'utf8')).toBe('keep me\n');
    const failed = readdirSync(join(config.paths.inbox, 'failed')).sort();
    expect(failed).toEqual(['bad (2).csv', 'bad (2).csv.error.txt', 'bad.csv.error.txt']);
    expect(readFileSync(join(config.paths.inbox, 'failed/bad (2).csv.error.txt'), 'utf8')).toMatch(/bad\.csv is not a format/);
  });

  it('symlinked file in the inbox: reported and left, neither read nor archived', () => {
    expect(summary).toMatchObject({ filesLoaded: 1, filesFailed: 1 });
    expect(lstatSync(join(config.paths.inbox, 'linked.csv')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(outside, 'outcomes.csv'))).toBe(true);
    expect(existsSync(join(config.paths.archive, day, 'linked.csv'))).toBe(false);
    expect(lines.some((line) => /linked\.csv.*link/.test(line))).toBe(true);
  });

  it('symlink loop in the inbox: the run finishes and reports the link', () => {
    expect(lines.some((line) => /self.*link/.test(line))).toBe(true);
    expect(lines.some((line) => /ELOOP/.test(line))).toBe(false);
  });

  it('dot-files in the inbox: reported as skipped, not silently ignored', () => {
    expect(lines.some((line) => /skipped \.hidden\.csv/.test(line))).toBe(true);
    expect(existsSync(join(config.paths.inbox, '.hidden.csv'))).toBe(true);
  });

  it('255-byte file name colliding in the archive: its stem is shortened and the file archived', () => {
    expect(existsSync(join(config.paths.inbox, LONG_NAME))).toBe(false);
    const archived = readdirSync(join(config.paths.archive, day)).filter((name) => name.startsWith('a') && name !== LONG_NAME);
    expect(archived).toHaveLength(1);
    expect(Buffer.byteLength(archived[0]!)).toBeLessThanOrEqual(255);
    expect(archived[0]).toMatch(/^a+ \(2\)\.csv$/);
  });

  it('symlinked folder in the archive: nothing is moved through it, the file stays in the inbox for the next run', () => {
    expect(readdirSync(join(outside, 'archived'))).toEqual([]);
    expect(existsSync(join(config.paths.inbox, 'program/roster.csv'))).toBe(true);
    expect(lines.some((line) => /could not move program\/roster\.csv out of the inbox \(ENOTDIR\)/.test(line))).toBe(true);
  });

  it('a user folder in out named like a staging folder (.backup-2024-01-15) is kept: only marked folders are removed', () => {
    expect(readFileSync(join(config.paths.out, '.backup-2024-01-15/notes.txt'), 'utf8')).toBe('mine\n');
  });
});

describe('configured paths', () => {
  it('symlink inside the config folder cannot carry paths.out outside it', () => {
    const root = tempFolder();
    symlinkSync(tempFolder('advocacy-outside-'), join(root, 'shared'));
    expect(() => validateConfig({ company: { name: 'X' }, paths: { out: 'shared/out' } }, { root, env: {} })).toThrow(
      /paths\.out: "shared\/out" leads outside/,
    );
  });

  it('overlapping paths are refused: inbox "." holds the config file and the warehouse', () => {
    const root = tempFolder();
    const file = join(root, 'advocacy.config.json');
    writeFileSync(file, '{}');
    const attempt = () => validateConfig({ company: { name: 'X' }, paths: { inbox: '.' } }, { root, file, env: {} });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`paths\\.inbox \\(${root}\\) holds paths\\.archive \\(${root}/archive\\)`));
    expect(() =>
      validateConfig({ company: { name: 'X' }, paths: { inbox: '.', archive: '/tmp/a', out: '/tmp/o', warehouse: '/tmp/w.duckdb' } }, { root, file, env: {} }),
    ).toThrow(/paths\.inbox .* holds the config file/);
  });

  it('overlapping paths are refused: the warehouse inside the inbox, out inside the inbox', () => {
    const root = tempFolder();
    expect(() => validateConfig({ company: { name: 'X' }, paths: { warehouse: 'inbox/wh.duckdb' } }, { root, env: {} })).toThrow(
      new RegExp(`paths\\.inbox \\(${root}/inbox\\) holds paths\\.warehouse \\(${root}/inbox/wh\\.duckdb\\)`),
    );
    expect(() => validateConfig({ company: { name: 'X' }, paths: { out: 'inbox/out' } }, { root, env: {} })).toThrow(/paths\.inbox .* holds paths\.out/);
    expect(() => validateConfig({ company: { name: 'X' }, paths: { archive: 'out' } }, { root, env: {} })).toThrow(
      /paths\.archive .* is the same folder as paths\.out/,
    );
    expect(validateConfig({ company: { name: 'X' }, paths: { warehouse: 'advocacy.duckdb' } }, { root, env: {} }).paths.warehouse).toBe(
      join(root, 'advocacy.duckdb'),
    );
  });
});
