/**
 * `advocacy` as a process: a mistake the user can make (an unknown command, option or
 * source, a malformed config, a file of no known format) exits with its own code and one
 * sentence, never a stack trace; and a reader that closes the pipe does not stop a run.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipelines/errors.ts';
import { ADVOCACY, advocacyProcess as advocacy } from '../helpers/cli.ts';
import { tempFolder } from '../helpers/warehouse.ts';

describe('advocacy on the command line: exit codes and messages', () => {
  it('exits non-zero with one sentence for an unknown command or option', () => {
    const cwd = tempFolder();
    const unknown = advocacy(['frobnicate'], cwd);
    expect(unknown.status).toBe(ExitCode.usage);
    expect(unknown.stderr.trim()).toBe(
      'advocacy: unknown command "frobnicate"; the commands are init, ingest, build, report, run, rebuild, status, check, attribution, explain, demo.',
    );
    const option = advocacy(['build', '--fast'], cwd);
    expect(option.status).toBe(ExitCode.usage);
    expect(option.stderr.trim().split('\n')).toHaveLength(1);
    expect(option.stderr).toMatch(/Unknown option '--fast'.*see "--help"/);
  });

  it('a reader that goes away ("advocacy run | head") does not stop the run halfway: it finishes, logs the run done and releases the lock', async () => {
    const cwd = tempFolder();
    mkdirSync(join(cwd, 'inbox'));
    for (const name of ['ambassadors.csv', 'share_log.csv', 'content.csv'])
      copyFileSync(join(import.meta.dirname, '../../fixtures/exports/program', name), join(cwd, 'inbox', name));
    writeFileSync(join(cwd, 'advocacy.config.json'), JSON.stringify({ company: { name: 'Nordlys Energi A/S' }, ingest: { settle_seconds: 0 } }));
    const child = spawn(process.execPath, [ADVOCACY, 'run', '--config', 'advocacy.config.json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader takes the first line and closes the pipe, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    child.stderr.once('data', () => child.stderr.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(ExitCode.ok);
    expect(existsSync(join(cwd, 'warehouse/advocacy.duckdb.lock'))).toBe(false);
    expect(existsSync(join(cwd, 'out/latest/leadership.html'))).toBe(true);
    const status = advocacy(['status', '--config', 'advocacy.config.json'], cwd);
    expect(status.stdout).toMatch(/#1 run .*: done in/);
  });

  it('an unknown --source is a usage error (exit code 2), with the message that lists the sources', () => {
    const cwd = tempFolder();
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys\nsalt: cli-test-salt\n');
    writeFileSync(join(cwd, 'roster.csv'), 'ambassador_id,name\nA001,Example Person\n');
    const result = advocacy(['ingest', 'roster.csv', '--source', 'program.ambassador'], cwd);
    expect(result.status).toBe(ExitCode.usage);
    expect(result.stderr.trim()).toMatch(/^error: There is no source named "program\.ambassador"; the sources are .*program\.ambassadors/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a malformed config gives one sentence naming the key and what is allowed', () => {
    const cwd = tempFolder();
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys\nattribution:\n  lookback_days: -3\n');
    const result = advocacy(['status'], cwd);
    expect(result.status).toBe(ExitCode.config);
    expect(result.stderr.trim()).toMatch(
      /^error: Config key attribution\.lookback_days has the value -3 in .*advocacy\.config\.yaml, which is not allowed; it must be/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown file gives a clear message and the bad-input exit code, and the rest of the run goes on', () => {
    const cwd = tempFolder();
    writeFileSync(join(cwd, 'advocacy.config.yaml'), 'company:\n  name: Nordlys\nsalt: cli-test-salt\n');
    writeFileSync(join(cwd, 'weather.csv'), 'city,temperature\nAarhus,4\n');
    const result = advocacy(['ingest', 'weather.csv'], cwd);
    expect(result.status).toBe(ExitCode.badInput);
    expect(result.stderr).toMatch(/weather\.csv is not a format the pipeline knows/);
    expect(result.stdout).toMatch(/files: 0 loaded, 0 already loaded \(nothing to do\), 1 failed/);
    const status = advocacy(['status'], cwd);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/Files that could not be loaded:\n {2}weather\.csv: weather\.csv is not a format/);
  });
});
