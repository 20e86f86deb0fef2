/**
 * `--log-format json` is for log collectors and for a cron line that appends stdout and
 * stderr to one file: every line either stream carries is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { tempFolder } from '../helpers/warehouse.ts';
import { ADVOCACY } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');

function advocacy(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [ADVOCACY, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every line of the output as an object; fails on a line that is not one. */
function objects(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      let parsed: unknown;
      expect(() => (parsed = JSON.parse(line)), `not JSON: ${line}`).not.toThrow();
      expect(parsed, `not an object: ${line}`).toMatchObject({ level: expect.any(String), message: expect.any(String) });
      return parsed as Record<string, unknown>;
    });
}

function project(): string {
  const cwd = tempFolder('advocacy-json-');
  writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys Energi A/S\nsalt: json-log-test-salt\ningest:\n  settle_seconds: 0\n');
  mkdirSync(join(cwd, 'inbox'));
  for (const file of ['program/ambassadors.csv', 'web/touchpoints.csv'])
    cpSync(join(ROOT, 'fixtures/exports', file), join(cwd, 'inbox', file.replace('/', '-')));
  writeFileSync(join(cwd, 'inbox', 'weather.csv'), 'city,temperature\nAarhus,4\n');
  return cwd;
}

describe('--log-format json', () => {
  it('json logs: every line of stdout and stderr of a run is one JSON object, the summary one object, the run finished object written even with --quiet', () => {
    const cwd = project();
    const run = advocacy(['run', '--log-format', 'json'], cwd);
    expect(run.status, run.stderr).toBe(ExitCode.badInput);
    const lines = [...objects(run.stdout), ...objects(run.stderr)];
    const finished = lines.filter((line) => /^run finished in/.test(line.message as string));
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ level: 'info', filesLoaded: 2, filesFailed: 1, modelsBuilt: expect.any(Number) });
    expect(lines.some((line) => line.level === 'error' && /weather\.csv is not a format the pipeline knows/.test(line.message as string))).toBe(true);

    writeFileSync(join(cwd, 'inbox', 'weather.csv'), 'city,temperature\nOdense,6\n');
    const quiet = advocacy(['run', '--quiet', '--log-format', 'json'], cwd);
    expect(quiet.status).toBe(ExitCode.badInput);
    const quietLines = [...objects(quiet.stdout), ...objects(quiet.stderr)];
    expect(quietLines.map((line) => `${line.level}: ${(line.message as string).replace(/ in [\d.]+ s$/, '')}`)).toEqual([
      expect.stringMatching(/^error: weather\.csv is not a format/),
      'info: run finished',
    ]);
    expect(quietLines[1]).toMatchObject({ filesLoaded: 0, filesFailed: 1 });

    const status = advocacy(['status', '--log-format', 'json'], cwd);
    expect(status.status).toBe(ExitCode.ok);
    expect(objects(status.stdout).map((line) => line.message)).toContain('Files loaded per source:');
  });

  it('json logs: usage, unknown-command and config errors at the command line are JSON objects too', () => {
    const cwd = tempFolder('advocacy-json-');
    const option = advocacy(['build', '--fast', '--log-format', 'json'], cwd);
    expect(option.status).toBe(ExitCode.usage);
    expect(objects(option.stderr)).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/Unknown option '--fast'.*see "--help"/) }),
    ]);

    const unknown = advocacy(['frobnicate', '--log-format=json'], cwd);
    expect(unknown.status).toBe(ExitCode.usage);
    expect(objects(unknown.stderr)).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/^unknown command "frobnicate"/) })]);

    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys\nattribution:\n  lookback_days: -3\n');
    const config = advocacy(['status', '--log-format', 'json'], cwd);
    expect(config.status).toBe(ExitCode.config);
    expect(objects(config.stderr)).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/^Config key attribution\.lookback_days/) }),
    ]);
    expect(config.stdout).toBe('');
  });
});
