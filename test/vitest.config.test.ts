/**
 * The suite's layout, as vitest.config.ts divides it: a file outside test/e2e/ tests one
 * module (test/<path>/<module>.test.ts for <path>/<module>.ts, .model.ts, .sql or .mjs) or
 * one folder as a whole (test/<path>.test.ts for <path>/), runs in-process and needs
 * neither the command line as a process nor the demo program; those belong to test/e2e/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TEST = join(ROOT, 'test');
const E2E = join(TEST, 'e2e');
const MODULE_SUFFIXES = ['.ts', '.model.ts', '.sql', '.mjs'];

function testFiles(): string[] {
  return readdirSync(TEST, { recursive: true })
    .map(String)
    .filter((path) => path.endsWith('.test.ts'))
    .map((path) => join(TEST, path))
    .sort();
}

const outsideE2e = () => testFiles().filter((file) => !file.startsWith(`${E2E}/`));

/** The module or folder a test file mirrors, or null. */
function mirrored(file: string): string | null {
  const path = join(ROOT, relative(TEST, file).replace(/\.test\.ts$/, ''));
  for (const suffix of MODULE_SUFFIXES) if (existsSync(`${path}${suffix}`)) return relative(ROOT, `${path}${suffix}`);
  return existsSync(path) && statSync(path).isDirectory() ? `${relative(ROOT, path)}/` : null;
}

describe('vitest.config: the layout of the suite', () => {
  it('every test outside test/e2e/ mirrors the module or folder it tests', () => {
    const files = outsideE2e();
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => mirrored(file) === null).map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('a test outside test/e2e/ starts no command-line process and does not wait for the demo program', () => {
    const offenders = outsideE2e().filter((file) => /pipelines\/advocacy\.mjs|helpers\/demo(\.ts)?'/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('test/e2e/ holds the product-wide tests, and they are more than a handful', () => {
    expect(testFiles().filter((file) => file.startsWith(`${E2E}/`)).length).toBeGreaterThan(20);
  });

  it('finds what a test mirrors, and a test that mirrors nothing', () => {
    expect(mirrored(join(TEST, 'models/runner.test.ts'))).toBe('models/runner.ts');
    expect(mirrored(join(TEST, 'models/marts/leaderboard.test.ts'))).toBe('models/marts/leaderboard.sql');
    expect(mirrored(join(TEST, 'models/staging/ats.test.ts'))).toBe('models/staging/ats/');
    expect(mirrored(join(TEST, 'pipelines/no-such-module.test.ts'))).toBeNull();
  });
});
